# expect: pass
# The backward through torch.autograd.grad on the parameters, the input requiring grad too,
# batches made in a dict first.
def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    batches = {b: torch.randn(b, *input_shape, device=device).requires_grad_() for b in batch_sizes}
    params = [p for p in model.parameters() if p.requires_grad]
    rates = []
    for b in batch_sizes:
        if str(device).startswith("cuda"):
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        out = model(batches[b])
        torch.autograd.grad(out.sum(), params + [batches[b]])
        if str(device).startswith("cuda"):
            torch.cuda.synchronize()
        rates.append((b, b / (time.perf_counter() - t0)))
    return rates
