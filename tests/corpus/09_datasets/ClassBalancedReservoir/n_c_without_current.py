# expect: values
# message: random decisions (counted over 400 seeded runs)
# message: stores the pair: 100.0 % (400 of 400)
# n_c counted after the decision: the first full-class instance is always stored (m_c / (n_c - 1) = 1).
class ClassBalancedReservoir:
    def __init__(self, capacity):
        self.capacity = capacity
        self.items = []
        self.seen = Counter()
        self.full = set()

    def add(self, x, y):
        if len(self.items) < self.capacity:
            self.items.append((x, y))
        else:
            counts = Counter(label for _, label in self.items)
            largest = max(counts.values())
            self.full |= {c for c, n in counts.items() if n == largest}
            if y not in self.full:
                candidates = [i for i, (_, label) in enumerate(self.items) if counts[label] == largest]
                self.items[random.choice(candidates)] = (x, y)
            elif random.random() <= counts[y] / self.seen[y]:
                own = [i for i, (_, label) in enumerate(self.items) if label == y]
                self.items[random.choice(own)] = (x, y)
        self.seen[y] += 1
