# expect: type
# message: expected a plain torch.Tensor, got an nn.Parameter
# From a held-out tester (contract-only answers).
# As the slides, then weight.requires_grad_(False): no grad, but still an nn.Parameter, not the
# "plain tensor" the contract asks for. (Ambiguous: see the report.)
def classic_filters():
    f = nn.Conv2d(1, 5, kernel_size=3, bias=False)
    with torch.no_grad():
        f.weight.copy_(torch.tensor([
            [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
            [[1, 1, 1], [1, 1, 1], [1, 1, 1]],
            [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]],
            [[-1, -1, -1], [0, 0, 0], [1, 1, 1]],
            [[0, -1, 0], [-1, 4, -1], [0, -1, 0]],
        ], dtype=torch.float32).unsqueeze(1))
    return f.weight.requires_grad_(False)
