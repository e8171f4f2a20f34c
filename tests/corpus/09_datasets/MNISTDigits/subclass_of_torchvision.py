# expect: raised
# message: Dataset not found
# (torchvision looks for root/MNISTDigits/raw: its folder is named after the class.)
# A subclass of torchvision's MNIST that only changes __getitem__.
import torchvision


class MNISTDigits(torchvision.datasets.MNIST):
    def __init__(self, root, train=True, transform=None):
        super().__init__(root, train=train)
        self.my_transform = transform

    def __getitem__(self, i):
        img = self.data[i].unsqueeze(0).float() / 255
        if self.my_transform is not None:
            img = self.my_transform(img)
        return {"img": img, "label": int(self.targets[i])}
