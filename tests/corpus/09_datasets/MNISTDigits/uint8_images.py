# expect: dtype
# message: expected dtype torch.float32, got torch.uint8
# The pixels as they are in the file: ToTensor gives floats in [0, 1].
class MNISTDigits(Dataset):
    def __init__(self, root, train=True, transform=None):
        stem = Path(root) / "MNIST" / "raw" / ("train" if train else "t10k")
        images = Path(f"{stem}-images-idx3-ubyte").read_bytes()
        labels = Path(f"{stem}-labels-idx1-ubyte").read_bytes()
        self.images = torch.frombuffer(bytearray(images[16:]), dtype=torch.uint8).view(-1, 1, 28, 28)
        self.labels = torch.frombuffer(bytearray(labels[8:]), dtype=torch.uint8)
        self.transform = transform

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        img = self.images[i]
        if self.transform is not None:
            img = self.transform(img)
        return {"img": img, "label": int(self.labels[i])}
