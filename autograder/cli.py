"""`python -m autograder COMMAND ...`: the course's command line. It only wires.

Each subcommand lives in its own module, which provides

    HELP = "one line for `python -m autograder --help`"
    def add_arguments(parser: argparse.ArgumentParser) -> None: ...
    def run(args: argparse.Namespace) -> int: ...          # the exit status

Adding a subcommand is one line in COMMANDS. Only the chosen subcommand's module is imported
(`--help` imports them all), so keep heavy imports inside `run`.
"""
from __future__ import annotations

import argparse
import importlib
import sys

# name -> module providing HELP, add_arguments(parser) and run(args)
COMMANDS: dict[str, str] = {
    "data": "autograder.data",
    "release": "autograder.release",
    "grade": "autograder.grading.command",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `only`, the arguments of that subcommand alone are loaded."""
    parser = argparse.ArgumentParser(
        prog="python -m autograder",
        description="The PyTorch course's tools: data preparation, releasing notebooks, grading.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            sub.add_parser(name)  # known, so argparse can name it; its arguments are not loaded
            continue
        module = importlib.import_module(module_name)
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    chosen = argv[0] if argv and argv[0] in COMMANDS else None
    args = build_parser(chosen).parse_args(argv)
    return int(args._module.run(args) or 0)
