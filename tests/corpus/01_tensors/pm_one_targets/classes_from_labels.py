# expect: shape
# message: expected shape (1, 2), got (1, 1)
def pm_one_targets(labels, num_classes):
    return F.one_hot(labels).float() * 2 - 1  # one_hot guesses C = labels.max() + 1
