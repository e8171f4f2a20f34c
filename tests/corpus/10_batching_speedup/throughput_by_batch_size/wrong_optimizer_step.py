# expect: values
# message: the model's parameters after the call: wrong value
# message: No optimizer step
# A training step: the optimizer changes the model's parameters (and the step is not asked for).
def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    out = []
    for b in batch_sizes:
        x = torch.randn(b, *input_shape, device=device)
        t0 = time.perf_counter()
        opt.zero_grad()
        model(x).sum().backward()
        opt.step()
        out.append((b, b / (time.perf_counter() - t0)))
    return out
