# expect: pass
# Five timed steps per batch size after two warm-up steps, the median; a cross-entropy loss;
# gradients cleared between steps; `from time import perf_counter`.
from time import perf_counter


def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    cuda = torch.device(device).type == "cuda"
    out = []
    for b in batch_sizes:
        x = torch.randn((b,) + tuple(input_shape), device=device)
        target = torch.zeros(b, dtype=torch.long, device=device)

        def step():
            model.zero_grad()
            F.cross_entropy(model(x), target).backward()

        for _ in range(2):
            step()
        times = []
        for _ in range(5):
            if cuda:
                torch.cuda.synchronize()
            t0 = perf_counter()
            step()
            if cuda:
                torch.cuda.synchronize()
            times.append(perf_counter() - t0)
        out.append((b, b / statistics.median(times)))
    return out
