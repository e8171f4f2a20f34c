# expect: values
# message: dataset[0]['img']: wrong values
# The images read from byte 8, as the labels: the last 8 bytes of the header become pixels.
class MNISTDigits(Dataset):
    def __init__(self, root, train=True, transform=None):
        stem = Path(root) / "MNIST" / "raw" / ("train" if train else "t10k")
        labels = Path(f"{stem}-labels-idx1-ubyte").read_bytes()[8:]
        data = Path(f"{stem}-images-idx3-ubyte").read_bytes()
        n = len(labels)
        self.images = torch.frombuffer(bytearray(data[8: 8 + n * 784]), dtype=torch.uint8).view(n, 28, 28)
        self.labels = torch.frombuffer(bytearray(labels), dtype=torch.uint8)
        self.transform = transform

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        img = self.images[i].unsqueeze(0).float() / 255
        if self.transform is not None:
            img = self.transform(img)
        return {"img": img, "label": int(self.labels[i])}
