# attacks: count_parameters
# expect: failed
# why: return an int subclass that equals everything and claims to be a plain int
class Liar(int):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = int.__hash__

    @property
    def __class__(self):
        return int


def count_parameters(module, trainable_only=False):
    return Liar(7)
