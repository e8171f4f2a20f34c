# expect: raised
# message: this model takes a batch of samples of shape
# One sample's shape used as the batch's: the batch dimension is missing.
def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    out = []
    for b in batch_sizes:
        x = torch.randn(*input_shape, device=device)
        start = time.perf_counter()
        model(x).sum().backward()
        out.append((b, b / (time.perf_counter() - start)))
    return out
