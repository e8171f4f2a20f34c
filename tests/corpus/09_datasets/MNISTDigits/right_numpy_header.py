# expect: pass
# The header read with NumPy's big-endian dtype, the arrays kept in NumPy, one image converted at a time.
import os

import numpy as np


class MNISTDigits(Dataset):
    def __init__(self, root, train=True, transform=None):
        folder = os.path.join(os.fspath(root), "MNIST", "raw")
        stem = "train" if train else "t10k"
        with open(os.path.join(folder, f"{stem}-images-idx3-ubyte"), "rb") as f:
            _, n, rows, cols = np.frombuffer(f.read(16), dtype=">u4")
            self.images = np.frombuffer(f.read(), dtype=np.uint8).reshape(int(n), int(rows), int(cols))
        with open(os.path.join(folder, f"{stem}-labels-idx1-ubyte"), "rb") as f:
            f.read(8)
            self.labels = np.frombuffer(f.read(), dtype=np.uint8)
        self.transform = transform

    def __len__(self):
        return self.labels.shape[0]

    def __getitem__(self, index):
        img = torch.tensor(self.images[index], dtype=torch.float32).div(255.0).unsqueeze(0)
        return {"img": self.transform(img) if self.transform else img, "label": self.labels[index].item()}
