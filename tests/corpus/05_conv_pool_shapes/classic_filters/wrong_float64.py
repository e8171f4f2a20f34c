# expect: dtype
# message: expected dtype torch.float32, got torch.float64
def classic_filters():
    return torch.tensor([
        [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
        [[1, 1, 1], [1, 1, 1], [1, 1, 1]],
        [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]],
        [[-1, -1, -1], [0, 0, 0], [1, 1, 1]],
        [[0, -1, 0], [-1, 4, -1], [0, -1, 0]],
    ], dtype=torch.float64).unsqueeze(1)
