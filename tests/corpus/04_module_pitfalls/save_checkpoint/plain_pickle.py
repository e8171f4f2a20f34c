# expect: values
# message: the file at path: wrong value
# pickle instead of torch.save: not a file torch.load(path, weights_only=True) reads.
import pickle


def save_checkpoint(model, optimizer, path):
    with open(path, "wb") as f:
        pickle.dump({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, f)


def load_checkpoint(model, optimizer, path):
    with open(path, "rb") as f:
        ckpt = pickle.load(f)
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
