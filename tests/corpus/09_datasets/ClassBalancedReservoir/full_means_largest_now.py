# expect: values
# message: what each add did: wrong value
# message: class 0 is full
# "Full" taken as "a largest class right now": a class that lost its place is treated as small again.
class ClassBalancedReservoir:
    def __init__(self, capacity):
        self.capacity = capacity
        self.items = []
        self.seen = Counter()

    def add(self, x, y):
        self.seen[y] += 1
        if len(self.items) < self.capacity:
            self.items.append((x, y))
            return
        counts = Counter(label for _, label in self.items)
        largest = max(counts.values())
        if counts[y] < largest:
            candidates = [i for i, (_, label) in enumerate(self.items) if counts[label] == largest]
            self.items[random.choice(candidates)] = (x, y)
        elif random.random() <= counts[y] / self.seen[y]:
            own = [i for i, (_, label) in enumerate(self.items) if label == y]
            self.items[random.choice(own)] = (x, y)
