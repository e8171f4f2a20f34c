# expect: structure
# message: readers called
# torchvision's arrays, cached per root, loaded on first use.
import torchvision
_CACHE = {}


class MNISTDigits(Dataset):
    def __init__(self, root, train=True, transform=None):
        key = (str(root), train)
        if key not in _CACHE:
            tv = torchvision.datasets.MNIST(str(root), train=train)
            _CACHE[key] = (tv.data, tv.targets)
        self.x, self.y = _CACHE[key]
        self.t = transform

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        img = self.x[i].unsqueeze(0).float() / 255
        return {"img": self.t(img) if self.t else img, "label": int(self.y[i])}
