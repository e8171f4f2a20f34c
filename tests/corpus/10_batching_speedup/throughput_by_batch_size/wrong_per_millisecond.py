# expect: values
# message: samples per millisecond
def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    out = []
    for b in batch_sizes:
        x = torch.randn(b, *input_shape, device=device)
        start = time.perf_counter()
        model(x).sum().backward()
        out.append((b, b / ((time.perf_counter() - start) * 1000)))
    return out
