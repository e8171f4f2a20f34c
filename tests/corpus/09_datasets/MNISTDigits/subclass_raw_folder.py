# expect: structure
# message: readers called
# torchvision's MNIST subclassed, its raw_folder pointed at MNIST/raw: the readers run underneath.
import os

import torchvision


class MNISTDigits(torchvision.datasets.MNIST):
    @property
    def raw_folder(self):
        return os.path.join(self.root, "MNIST", "raw")

    def __init__(self, root, train=True, transform=None):
        super().__init__(root, train=train)
        self.my_transform = transform

    def __getitem__(self, i):
        img = self.data[i].unsqueeze(0).float() / 255
        if self.my_transform is not None:
            img = self.my_transform(img)
        return {"img": img, "label": int(self.targets[i])}
