# expect: values
# message: z is missing
def ikmlj_contract(x, y, z):
    xs = x.sum(dim=2).permute(0, 3, 1, 2)
    ys = y.permute(0, 2, 3, 1)
    return (xs * ys).sum(-1)
