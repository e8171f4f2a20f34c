# expect: type
# message: expected a dict
# torchvision's (img, label) pairs instead of the contract's dict.
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
        img = self.images[i].float() / 255
        if self.transform is not None:
            img = self.transform(img)
        return img, int(self.labels[i])
