# expect: values
# message: what each add did: wrong value
# message: class 0 is full
# Algorithm R: a uniform sample of the stream, no class balance.
class ClassBalancedReservoir:
    def __init__(self, capacity):
        self.capacity = capacity
        self.items = []
        self.n = 0

    def add(self, x, y):
        self.n += 1
        if len(self.items) < self.capacity:
            self.items.append((x, y))
        else:
            j = random.randrange(self.n)
            if j < self.capacity:
                self.items[j] = (x, y)
