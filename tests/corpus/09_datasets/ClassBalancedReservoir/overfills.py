# expect: values
# message: what each add did: wrong value
# message: at most capacity = 4 pairs
# An off-by-one on "filled": one pair more than the capacity.
class ClassBalancedReservoir:
    def __init__(self, capacity):
        self.capacity = capacity
        self.items = []
        self.seen = Counter()
        self.full = set()

    def add(self, x, y):
        self.seen[y] += 1
        if len(self.items) <= self.capacity:
            self.items.append((x, y))
            return
        counts = Counter(label for _, label in self.items)
        largest = max(counts.values())
        self.full |= {c for c, n in counts.items() if n == largest}
        if y not in self.full:
            candidates = [i for i, (_, label) in enumerate(self.items) if counts[label] == largest]
            self.items[random.choice(candidates)] = (x, y)
        elif random.random() <= counts[y] / self.seen[y]:
            own = [i for i, (_, label) in enumerate(self.items) if label == y]
            self.items[random.choice(own)] = (x, y)
