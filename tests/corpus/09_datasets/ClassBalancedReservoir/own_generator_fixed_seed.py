# expect: values
# message: random decisions (counted over 400 seeded runs)
# message: stores the pair: 
# A generator of its own, seeded with a constant in __init__: every memory decides the same way.
class ClassBalancedReservoir:
    def __init__(self, capacity):
        self.rng = random.Random(1)
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
            candidates = [i for i, (_, label) in enumerate(self.items) if counts[label] == largest]
            self.items[self.rng.choice(candidates)] = (x, y)
        elif self.rng.random() <= counts[y] / self.seen[y]:
            own = [i for i, (_, label) in enumerate(self.items) if label == y]
            self.items[self.rng.choice(own)] = (x, y)
