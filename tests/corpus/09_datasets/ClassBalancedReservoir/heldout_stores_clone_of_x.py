# expect: values
# message: each stored x is the very object passed to add (not a copy): wrong value
# message: expected True, got False
# Held-out tester's answer (ClassBalancedReservoir__wrong_stores_clone_of_x.py), accepted until the check was fixed.
import copy


class ClassBalancedReservoir:
    """Subtle: stores a copy of x 'to be safe' (equal values, not 'the very x that was added')."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.items = []
        self.seen = Counter()
        self.full = set()

    def add(self, x, y):
        x = x.clone() if isinstance(x, torch.Tensor) else copy.deepcopy(x)
        self.seen[y] += 1
        if len(self.items) < self.capacity:
            self.items.append((x, y))
            return
        stored = Counter(label for _, label in self.items)
        largest = max(stored.values())
        self.full.update(c for c, m in stored.items() if m == largest)
        if y not in self.full:
            positions = [k for k, (_, label) in enumerate(self.items) if stored[label] == largest]
            self.items[random.choice(positions)] = (x, y)
        elif random.random() <= stored[y] / self.seen[y]:
            positions = [k for k, (_, label) in enumerate(self.items) if label == y]
            self.items[random.choice(positions)] = (x, y)
