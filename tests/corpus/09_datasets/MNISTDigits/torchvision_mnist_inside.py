# expect: structure
# message: readers called
# message: torchvision.datasets.mnist.read_image_file
# The exercise is the reader: wrapping torchvision's MNIST is caught when it runs.
import torchvision


class MNISTDigits(Dataset):
    def __init__(self, root, train=True, transform=None):
        self.mnist = torchvision.datasets.MNIST(root, train=train)
        self.transform = transform

    def __len__(self):
        return len(self.mnist)

    def __getitem__(self, i):
        img = self.mnist.data[i].unsqueeze(0).float() / 255
        if self.transform is not None:
            img = self.transform(img)
        return {"img": img, "label": int(self.mnist.targets[i])}
