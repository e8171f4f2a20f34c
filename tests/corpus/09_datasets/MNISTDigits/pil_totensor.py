# expect: pass
# PIL + ToTensor, as torchvision does, from an own parser.
import numpy as np
from PIL import Image


class MNISTDigits(Dataset):
    def __init__(self, root, train=True, transform=None):
        p = Path(root, "MNIST", "raw")
        s = "train" if train else "t10k"
        b = (p / f"{s}-images-idx3-ubyte").read_bytes()
        n, r, c = (int.from_bytes(b[i:i + 4], "big") for i in (4, 8, 12))
        self.x = np.frombuffer(b, np.uint8, offset=16).reshape(n, r, c)
        self.y = np.frombuffer((p / f"{s}-labels-idx1-ubyte").read_bytes(), np.uint8, offset=8)
        self.t = transform
        self.to_tensor = transforms.ToTensor()

    def __len__(self):
        return int(self.y.shape[0])

    def __getitem__(self, i):
        img = self.to_tensor(Image.fromarray(self.x[i], mode="L"))
        return {"img": self.t(img) if self.t else img, "label": int(self.y[i])}
