# expect: values
# message: len(dataset): wrong value
# MNIST's 60,000 / 10,000 written into the code: right for one copy of the files only.
import numpy as np


class MNISTDigits(Dataset):
    def __init__(self, root, train=True, transform=None):
        stem = str(Path(root) / "MNIST" / "raw" / ("train" if train else "t10k"))
        self.n = 60000 if train else 10000
        self.images = np.fromfile(stem + "-images-idx3-ubyte", dtype=np.uint8, offset=16).reshape(-1, 28, 28)
        self.labels = np.fromfile(stem + "-labels-idx1-ubyte", dtype=np.uint8, offset=8)
        self.transform = transform

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        img = torch.from_numpy(self.images[i].copy()).unsqueeze(0).float() / 255
        if self.transform is not None:
            img = self.transform(img)
        return {"img": img, "label": int(self.labels[i])}
