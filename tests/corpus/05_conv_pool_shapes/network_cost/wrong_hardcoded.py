# expect: values
# message: expected 7344, got 105506
# EE-559's totals, whatever the model.
def network_cost(model, input_shape):
    return 105506, 1333200
