# expect: values
# message: the result[0][0]: wrong value
# The batch sizes sorted: the result must follow the order of batch_sizes.
def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    out = []
    for b in sorted(batch_sizes):
        x = torch.randn(b, *input_shape, device=device)
        start = time.perf_counter()
        model(x).sum().backward()
        out.append((b, b / (time.perf_counter() - start)))
    return out
