# expect: forbidden
# message: aten::einsum
# einsum reached through the dispatcher directly.
def ikmlj_contract(x, y, z):
    return torch.ops.aten.einsum("ikmlj,iljk,i->ijk", [x, y, z])
