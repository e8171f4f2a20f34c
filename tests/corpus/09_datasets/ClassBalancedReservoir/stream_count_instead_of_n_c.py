# expect: values
# message: random decisions (counted over 400 seeded runs)
# message: m_c / n_c = 66.7 %
# n counts the whole stream, not the instances of class c.
class ClassBalancedReservoir:
    def __init__(self, capacity):
        self.capacity = capacity
        self.items = []
        self.n = 0
        self.full = set()

    def add(self, x, y):
        self.n += 1
        if len(self.items) < self.capacity:
            self.items.append((x, y))
            return
        counts = Counter(label for _, label in self.items)
        largest = max(counts.values())
        self.full |= {c for c, n in counts.items() if n == largest}
        if y not in self.full:
            candidates = [i for i, (_, label) in enumerate(self.items) if counts[label] == largest]
            self.items[random.choice(candidates)] = (x, y)
        elif random.random() <= counts[y] / self.n:
            own = [i for i, (_, label) in enumerate(self.items) if label == y]
            self.items[random.choice(own)] = (x, y)
