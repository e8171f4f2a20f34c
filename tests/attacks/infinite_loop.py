# attacks: pairwise_sq_dists
# expect: timeout
# why: never return, and swallow the timeout's exception so that only a kill stops it
def pairwise_sq_dists(x, y):
    while True:
        try:
            while True:
                pass
        except BaseException:
            pass


pairwise_sq_dists(None, None)
