# expect: pass
# One batch of the largest size made up front; each timing runs on a slice of it (no new data).
def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    big = torch.randn(max(batch_sizes), *input_shape, device=device)
    gpu = torch.device(device).type == "cuda"
    out = []
    for b in batch_sizes:
        x = big[:b]
        if gpu:
            torch.cuda.synchronize()
        start = time.perf_counter()
        loss = model(x).square().mean()
        loss.backward()
        if gpu:
            torch.cuda.synchronize()
        out.append((int(b), b / (time.perf_counter() - start)))
    return out
