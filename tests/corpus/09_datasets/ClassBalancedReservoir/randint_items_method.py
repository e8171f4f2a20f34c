# expect: pass
# randint-based acceptance (P = m_c / n_c), items as a method returning a list of lists.
class ClassBalancedReservoir:
    def __init__(self, capacity):
        self.capacity, self.mem, self.n, self.full = capacity, [], {}, set()

    def items(self):
        return [[x, y] for x, y in self.mem]

    def add(self, x, y):
        self.n[y] = self.n.get(y, 0) + 1
        if len(self.mem) < self.capacity:
            self.mem.append((x, y))
            return
        counts = Counter(c for _, c in self.mem)
        top = max(counts.values())
        self.full.update(c for c in counts if counts[c] == top)
        if y in self.full:
            if random.randint(1, self.n[y]) <= counts[y]:
                own = [k for k, (_, c) in enumerate(self.mem) if c == y]
                self.mem[own[random.randrange(len(own))]] = (x, y)
        else:
            cand = [k for k, (_, c) in enumerate(self.mem) if counts[c] == top]
            del self.mem[random.choice(cand)]
            self.mem.append((x, y))
