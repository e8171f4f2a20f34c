# expect: values
# message: only the forward was timed
def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    out = []
    for b in batch_sizes:
        x = torch.randn(b, *input_shape, device=device)
        start = time.perf_counter()
        y = model(x)
        seconds = time.perf_counter() - start
        y.sum().backward()
        out.append((b, b / seconds))
    return out
