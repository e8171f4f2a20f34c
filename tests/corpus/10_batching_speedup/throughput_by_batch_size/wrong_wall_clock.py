# expect: structure
# message: time.time
def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    out = []
    for b in batch_sizes:
        x = torch.randn(b, *input_shape, device=device)
        start = time.time()
        model(x).sum().backward()
        out.append((b, b / max(time.time() - start, 1e-9)))
    return out
