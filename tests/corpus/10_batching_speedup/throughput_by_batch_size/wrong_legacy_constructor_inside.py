# expect: values
# message: making the batch was timed too
# The lecture's torch.FloatTensor(...).normal_() style, inside the timed span.
def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    out = []
    for b in batch_sizes:
        t0 = time.perf_counter()
        x = torch.empty(b, *input_shape).normal_().to(device)
        model(x).sum().backward()
        out.append((b, b / (time.perf_counter() - t0)))
    return out
