# expect: pass
# The header parsed with struct; every item read from the file when asked for (seek + read),
# scaled by multiplying with 1 / 255 (another rounding than a division).
import struct


class MNISTDigits(Dataset):
    def __init__(self, root, train=True, transform=None):
        raw = Path(root) / "MNIST" / "raw"
        prefix = "train" if train else "t10k"
        self.image_file = raw / f"{prefix}-images-idx3-ubyte"
        self.label_file = raw / f"{prefix}-labels-idx1-ubyte"
        with open(self.image_file, "rb") as f:
            magic, self.count, self.rows, self.cols = struct.unpack(">4I", f.read(16))
        self.transform = transform

    def __len__(self):
        return self.count

    def __getitem__(self, index):
        size = self.rows * self.cols
        with open(self.image_file, "rb") as f:
            f.seek(16 + index * size)
            pixels = f.read(size)
        with open(self.label_file, "rb") as f:
            f.seek(8 + index)
            label = f.read(1)[0]
        img = torch.tensor(list(pixels), dtype=torch.float32).reshape(1, self.rows, self.cols) * (1 / 255)
        if self.transform is not None:
            img = self.transform(img)
        return {"img": img, "label": label}
