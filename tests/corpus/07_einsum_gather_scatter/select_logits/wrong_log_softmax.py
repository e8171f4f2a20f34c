# expect: values
# message: log-probabilities
# The log-probability of the label, as in cross-entropy, not the logit itself.
def select_logits(logits, labels):
    logp = F.log_softmax(logits, dim=1)
    return logp[torch.arange(len(labels)), labels]
