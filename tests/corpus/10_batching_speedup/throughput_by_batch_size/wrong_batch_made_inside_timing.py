# expect: values
# message: making the batch was timed too
# torch.randn inside the timed span: the time to make the data is counted as the model's.
def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    out = []
    for b in batch_sizes:
        start = time.perf_counter()
        x = torch.randn(b, *input_shape, device=device)
        model(x).sum().backward()
        out.append((b, b / (time.perf_counter() - start)))
    return out
