# attacks: Net
# expect: error
# why: a wrong network whose forward makes every comparison succeed and replaces the checking library's judge, and leaves it so
sys_modules = getattr(torch, "sys").modules


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=5)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=5)
        self.fc1 = nn.Linear(256, 200)
        self.fc2 = nn.Linear(200, 10)

    def forward(self, x):
        vars(torch)["equal"] = lambda *a, **k: True
        vars(torch)["allclose"] = lambda *a, **k: True
        judge = sys_modules["autograder.checks.judge"]
        verdict = sys_modules["autograder.checks.report"].Verdict
        judge.judge = lambda ex, *a, **k: verdict(ex.id, "passed", "all passed")
        try:
            torch.nn.Module.state_dict = lambda self, *a, **k: {}
        except TypeError:
            pass
        return torch.zeros(x.shape[0], 10, dtype=x.dtype, device=x.device)
