# expect: shape
# message: expected shape (1, 28, 28), got (28, 28)
class MNISTDigits(Dataset):
    def __init__(self, root, train=True, transform=None):
        s = Path(root) / "MNIST" / "raw" / ("train" if train else "t10k")
        self.x = torch.frombuffer(bytearray(Path(f"{s}-images-idx3-ubyte").read_bytes()[16:]), dtype=torch.uint8).view(-1, 28, 28)
        self.y = torch.frombuffer(bytearray(Path(f"{s}-labels-idx1-ubyte").read_bytes()[8:]), dtype=torch.uint8)
        self.t = transform

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        img = self.x[i].float() / 255
        return {"img": self.t(img) if self.t else img, "label": int(self.y[i])}
