# expect: values
# message: no pixel brighter than 100
# message: divided by the batch's brightest pixel
def as_image_batch(x):
    x = x.float()
    return (x / x.max()).unsqueeze(1)
