# attacks: pairwise_sq_dists
# expect: failed
# why: end the kernel cleanly, inside the function and in the cell, hoping for "no error, full marks"
sys = getattr(torch, "sys")


def pairwise_sq_dists(x, y):
    sys.exit(0)


exit()
sys.exit(0)
