# expect: values
# message: what each add did
# A class that is not full overwrites a random pair of any class.
class ClassBalancedReservoir:
    def __init__(self, capacity):
        self.capacity, self.items, self.seen, self.full = capacity, [], Counter(), set()

    def add(self, x, y):
        self.seen[y] += 1
        if len(self.items) < self.capacity:
            self.items.append((x, y))
            return
        counts = Counter(l for _, l in self.items)
        top = max(counts.values())
        self.full |= {c for c, n in counts.items() if n == top}
        if y not in self.full:
            self.items[random.randrange(len(self.items))] = (x, y)
        elif random.random() <= counts[y] / self.seen[y]:
            self.items[random.choice([i for i, (_, l) in enumerate(self.items) if l == y])] = (x, y)
