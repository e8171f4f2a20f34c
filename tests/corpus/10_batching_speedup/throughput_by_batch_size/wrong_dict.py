# expect: type
# message: the result: expected a list
def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    out = {}
    for b in batch_sizes:
        x = torch.randn(b, *input_shape, device=device)
        start = time.perf_counter()
        model(x).sum().backward()
        out[b] = b / (time.perf_counter() - start)
    return out
