# expect: type
# message: dataset[0]['label']: expected an int
import numpy as np


class MNISTDigits(Dataset):
    def __init__(self, root, train=True, transform=None):
        s = Path(root) / "MNIST" / "raw" / ("train" if train else "t10k")
        self.x = np.fromfile(f"{s}-images-idx3-ubyte", np.uint8, offset=16).reshape(-1, 1, 28, 28)
        self.y = np.fromfile(f"{s}-labels-idx1-ubyte", np.uint8, offset=8)
        self.t = transform

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        img = torch.from_numpy(self.x[i].astype(np.float32) / 255)
        return {"img": self.t(img) if self.t else img, "label": self.y[i]}
