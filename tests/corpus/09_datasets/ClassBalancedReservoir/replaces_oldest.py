# expect: values
# message: in place of x1: 100.0 %
# The first instance found (the oldest) is replaced, not a random one.
class ClassBalancedReservoir:
    def __init__(self, capacity):
        self.capacity = capacity
        self.items = []
        self.seen = Counter()
        self.full = set()

    def add(self, x, y):
        self.seen[y] += 1
        if len(self.items) < self.capacity:
            self.items.append((x, y))
            return
        counts = Counter(label for _, label in self.items)
        largest = max(counts.values())
        self.full |= {c for c, n in counts.items() if n == largest}
        if y not in self.full:
            i = next(i for i, (_, label) in enumerate(self.items) if counts[label] == largest)
        elif random.random() <= counts[y] / self.seen[y]:
            i = next(i for i, (_, label) in enumerate(self.items) if label == y)
        else:
            return
        del self.items[i]
        self.items.append((x, y))
