# attacks: Net
# expect: failed|error
# why: a wrong little network whose parameters(), named_parameters() and state_dict() return those of the course's reference Net, and whose forward runs the reference
course = getattr(torch, "sys").modules["autograder.exercises.ex04_module_pitfalls"]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(784, 10)
        object.__setattr__(self, "shadow", course.ReferenceNet())

    def parameters(self, recurse=True):
        return self.shadow.parameters()

    def named_parameters(self, *args, **kwargs):
        return self.shadow.named_parameters(*args, **kwargs)

    def state_dict(self, *args, **kwargs):
        return self.shadow.state_dict(*args, **kwargs)

    def forward(self, x):
        return self.shadow(x)
