# expect: structure
# message: batch sizes for which the model's backward did not run
# message: call .backward()
def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    out = []
    for b in batch_sizes:
        x = torch.randn(b, *input_shape, device=device)
        with torch.no_grad():
            start = time.perf_counter()
            model(x)
            out.append((b, b / (time.perf_counter() - start)))
    return out
