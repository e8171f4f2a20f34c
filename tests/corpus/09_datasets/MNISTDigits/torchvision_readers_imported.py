# expect: structure
# message: readers called
# message: read_sn3_pascalvincent_tensor
# The reader imported by name before the check runs: seen one level down.
from torchvision.datasets.mnist import read_image_file, read_label_file


class MNISTDigits(Dataset):
    def __init__(self, root, train=True, transform=None):
        stem = str(Path(root) / "MNIST" / "raw" / ("train" if train else "t10k"))
        self.images = read_image_file(stem + "-images-idx3-ubyte")
        self.labels = read_label_file(stem + "-labels-idx1-ubyte")
        self.transform = transform

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        img = self.images[i].unsqueeze(0).float() / 255
        if self.transform is not None:
            img = self.transform(img)
        return {"img": img, "label": int(self.labels[i])}
