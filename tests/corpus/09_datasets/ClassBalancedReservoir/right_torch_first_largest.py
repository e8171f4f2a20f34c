# expect: pass
# torch's generator for the random numbers; a tie always goes to the smallest class id (allowed:
# ties may go either way); the full classes updated after each store.
class ClassBalancedReservoir:
    def __init__(self, capacity):
        self.capacity = capacity
        self.items = []
        self.n = Counter()
        self.full = set()

    def _update_full(self):
        if len(self.items) == self.capacity:
            m = Counter(c for _, c in self.items)
            top = max(m.values())
            self.full.update(c for c in m if m[c] == top)

    def add(self, x, y):
        self.n[y] += 1
        if len(self.items) < self.capacity:
            self.items.append((x, y))
        elif y not in self.full:
            m = Counter(c for _, c in self.items)
            top = max(m.values())
            victim = min(c for c in m if m[c] == top)
            where = [k for k, (_, c) in enumerate(self.items) if c == victim]
            self.items[where[int(torch.randint(len(where), ()))]] = (x, y)
        else:
            where = [k for k, (_, c) in enumerate(self.items) if c == y]
            if torch.rand(()).item() <= len(where) / self.n[y]:
                self.items[where[int(torch.randint(len(where), ()))]] = (x, y)
        self._update_full()
