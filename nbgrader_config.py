"""nbgrader's settings for this course: one source, solutions/, released into notebooks/.

    solutions/<id>/<id>.ipynb   the source (solutions, hidden tests): the only notebook edited
    notebooks/<id>/<id>.ipynb   the student release, written by `make release`
    gradebook.db                nbgrader's database, in the repository root (git-ignored)

`make release` (python -m autograder release, see autograder/release.py) loads this file and runs
nbgrader's GenerateAssignment with it. The `nbgrader` command line reads it too when run from
the repository root, e.g. `nbgrader generate_assignment 01_tensors --force`, though that skips
the Colab-link stamping that `make release` does.
"""
from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

ROOT = Path(__file__).resolve().parent

c.CourseDirectory.course_id = "pytorch-course"
c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "notebooks"
c.CourseDirectory.db_url = f"sqlite:///{ROOT / 'gradebook.db'}"

# What a student sees instead of a solution (docs/authoring.md: the stub reports "not attempted")
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
