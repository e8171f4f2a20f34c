# expect: type
# message: expected an int (83), got a torch.Tensor
def count_parameters(module, trainable_only=False):
    params = [p for p in module.parameters() if p.requires_grad or not trainable_only]
    return torch.tensor([p.numel() for p in params]).sum()
