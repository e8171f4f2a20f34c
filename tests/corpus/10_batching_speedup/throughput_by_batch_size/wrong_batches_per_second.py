# expect: values
# message: the result[1][1]: wrong value
# (batch size 1, the first, gives the same number either way)
# message: batches per second
def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    out = []
    for b in batch_sizes:
        x = torch.randn(b, *input_shape, device=device)
        start = time.perf_counter()
        model(x).sum().backward()
        out.append((b, 1 / (time.perf_counter() - start)))
    return out
