# expect: pass
# Three steps timed together, samples over the total; forward and backward timed separately and
# added; lists of [batch size, rate] (a list of pairs).
import time


def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    sync = torch.cuda.synchronize if str(device).startswith("cuda") else (lambda: None)
    rows = []
    for b in batch_sizes:
        x = torch.randn(b, *input_shape, device=device)
        total = 0.0
        for _ in range(3):
            sync()
            t0 = time.perf_counter()
            y = model(x)
            sync()
            t1 = time.perf_counter()
            y.mean().backward()
            sync()
            total += (t1 - t0) + (time.perf_counter() - t1)
        rows.append([b, 3 * b / total])
    return rows
