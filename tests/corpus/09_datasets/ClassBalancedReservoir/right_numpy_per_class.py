# expect: pass
# The memory kept per class (a dict of lists), NumPy's generator for every random choice; a tie
# is broken by drawing one of the largest classes first, then an instance of it.
import numpy as np


class ClassBalancedReservoir:
    def __init__(self, capacity):
        self.capacity = capacity
        self.memory = {}
        self.size = 0
        self.seen = {}
        self.full = set()

    @property
    def items(self):
        return [pair for pairs in self.memory.values() for pair in pairs]

    def add(self, x, y):
        self.seen[y] = self.seen.get(y, 0) + 1
        if self.size < self.capacity:
            self.memory.setdefault(y, []).append((x, y))
            self.size += 1
            return
        largest = max(len(p) for p in self.memory.values())
        tops = [c for c, p in self.memory.items() if len(p) == largest]
        self.full.update(tops)
        if y not in self.full:
            victim = tops[np.random.randint(len(tops))]
            pairs = self.memory[victim]
            pairs.pop(np.random.randint(len(pairs)))
            self.memory.setdefault(y, []).append((x, y))
        else:
            pairs = self.memory[y]
            if np.random.rand() <= len(pairs) / self.seen[y]:
                pairs[np.random.randint(len(pairs))] = (x, y)
