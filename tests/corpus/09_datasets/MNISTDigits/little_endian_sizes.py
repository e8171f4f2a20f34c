# expect: values
# message: len(dataset): wrong value
# message: big-endian
# The sizes read in the machine's (little-endian) byte order.
import struct


class MNISTDigits(Dataset):
    def __init__(self, root, train=True, transform=None):
        stem = Path(root) / "MNIST" / "raw" / ("train" if train else "t10k")
        data = Path(f"{stem}-images-idx3-ubyte").read_bytes()
        self.n, rows, cols = struct.unpack("<3I", data[4:16])
        self.images = torch.frombuffer(bytearray(data[16:]), dtype=torch.uint8).view(-1, 28, 28)
        self.labels = torch.frombuffer(bytearray(Path(f"{stem}-labels-idx1-ubyte").read_bytes()[8:]), dtype=torch.uint8)
        self.transform = transform

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        img = self.images[i].unsqueeze(0).float() / 255
        if self.transform is not None:
            img = self.transform(img)
        return {"img": img, "label": int(self.labels[i])}
