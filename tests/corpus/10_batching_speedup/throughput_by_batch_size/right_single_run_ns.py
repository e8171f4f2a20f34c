# expect: pass
# One step per batch size, no warm-up, perf_counter_ns; samples per second as a float.
import time


def throughput_by_batch_size(model, input_shape, batch_sizes, device):
    dev = torch.device(device)
    result = []
    for b in batch_sizes:
        x = torch.randn(b, *input_shape, device=dev)
        if dev.type == "cuda":
            torch.cuda.synchronize()
        start = time.perf_counter_ns()
        model(x).pow(2).sum().backward()
        if dev.type == "cuda":
            torch.cuda.synchronize()
        result.append((b, b * 1e9 / (time.perf_counter_ns() - start)))
    return result
