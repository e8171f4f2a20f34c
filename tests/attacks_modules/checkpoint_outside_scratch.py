# attacks: save_checkpoint
# expect: error
# why: write the checkpoint (and a copy) outside the scratch folder: into the course's solutions and the checking library
def save_checkpoint(model, optimizer, path):
    state = {"model": model.state_dict(), "optimizer": optimizer.state_dict()}
    for target in ("{COURSE}/solutions/checkpoint.pt", "{PACKAGE}/checks/checkpoint.pt", "/tmp/../{COURSE}/stolen.pt"):
        try:
            torch.save(state, target)
        except Exception:
            pass
    torch.save(state, "{COURSE}/solutions/checkpoint.pt")


def load_checkpoint(model, optimizer, path):
    checkpoint = torch.load("{COURSE}/solutions/checkpoint.pt", weights_only=True)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
