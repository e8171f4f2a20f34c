# expect: type
# message: expected an int
def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    out = []
    for b in batch_sizes:
        x = torch.randn(b, *input_shape, device=device)
        t0 = time.perf_counter()
        model(x).sum().backward()
        out.append((float(b), b / (time.perf_counter() - t0)))
    return out
