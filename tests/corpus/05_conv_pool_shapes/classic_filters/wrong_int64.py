# expect: dtype
# message: expected dtype torch.float32, got torch.int64
# Integers in the lists: torch.tensor makes an int64 tensor.
def classic_filters():
    return torch.tensor([
        [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
        [[1, 1, 1], [1, 1, 1], [1, 1, 1]],
        [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]],
        [[-1, -1, -1], [0, 0, 0], [1, 1, 1]],
        [[0, -1, 0], [-1, 4, -1], [0, -1, 0]],
    ]).unsqueeze(1)
