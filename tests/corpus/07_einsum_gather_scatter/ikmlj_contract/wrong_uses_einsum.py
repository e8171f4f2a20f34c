# expect: forbidden
# message: uses torch.einsum, which this exercise forbids
# message: aten::einsum
def ikmlj_contract(x, y, z):
    return torch.einsum("ikmlj,iljk,i->ijk", x, y, z)
