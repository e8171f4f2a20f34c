# attacks: StraightThroughRound
# expect: error|failed
# why: from inside backward (while the checks call it), replace judge, check and the exercise's extras with ones that always pass
_modules = getattr(torch, "sys").modules


def _sabotage():
    Verdict = _modules["autograder.checks.report"].Verdict
    fake = lambda ex, *a, **k: Verdict(getattr(ex, "id", str(ex)), "passed", "all passed")
    for name, attr, value in (("autograder.checks.judge", "judge", fake), ("autograder.checks.run", "judge", fake),
                              ("autograder.checks.run", "check", lambda *a, **k: None),
                              ("autograder.exercises.ex03_custom_functions", "_round_extras", lambda *a, **k: {})):
        try:
            setattr(_modules[name], attr, value)
        except Exception:
            pass


class StraightThroughRound(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.floor(x + 0.5)

    @staticmethod
    def backward(ctx, grad_output):
        _sabotage()
        return torch.zeros_like(grad_output)
