# expect: values
# message: the result[0][1]: wrong value
# One rate for everything: total samples over total time, repeated for each batch size.
def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    total = 0.0
    for b in batch_sizes:
        x = torch.randn(b, *input_shape, device=device)
        t0 = time.perf_counter()
        model(x).sum().backward()
        total += time.perf_counter() - t0
    rate = sum(batch_sizes) / total
    return [(b, rate) for b in batch_sizes]
