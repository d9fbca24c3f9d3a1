#!/usr/bin/env python3
"""The numpy half of `./kata bench vs-numpy --model cnn`: the same convolutional network as the C# half.

Checkpoint 10's network: k x k filters (stride 1, no padding) over 28x28x1 images, ReLU, 2x2 max-pooling,
then dense layers (ReLU between them) and softmax cross-entropy; the same initial weights (read from the
file the C# half wrote), the same data (the first --images MNIST training images in file order, pixels /
255; all 10,000 test images), the same batches in the same order, the same learning rate. float32, and the
layouts of the kata: images channels last, a patch's numbers in the order (dy, dx, c) as the rows of the
kernel matrix, the pooled image flattened (y, x, c) as the rows of the first dense layer's weights.

The convolution is im2col, as a numpy course writes it: sliding_window_view gives every k x k patch,
one reshape copies them into a (n·H'·W') x (k·k·C) matrix, and one product with the kernels is the
convolution; the kernels' gradient is patchesᵀ @ delta. Max-pooling keeps, like the kata, the first of equal
maxima (argmax). Prints JSON as mlp_numpy.py does; --serve takes turns epoch by epoch (see there).
    /usr/bin/python3 bench/cnn_numpy.py --mnist data/mnist --filters 8 --kernel 5 --layers 1152,64,10 \\
        --epochs 1 --learning-rate 0.1 --batch-size 16 --images 10000
(without --weights it draws He-initialised weights with numpy's own generator).
"""
import argparse

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from mlp_numpy import blas_info, load, run


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mnist", required=True)
    parser.add_argument("--filters", type=int, required=True)
    parser.add_argument("--kernel", type=int, required=True, help="k: the filters are k x k")
    parser.add_argument("--layers", required=True, help="the dense layers, the pooled features first, e.g. 2304,64,10")
    parser.add_argument("--images", type=int, default=50000, help="train on the first N training images")
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--learning-rate", type=float, required=True)
    parser.add_argument("--batch-size", type=int, required=True)
    parser.add_argument("--weights", help="float64 little-endian: kernels (k·k x F, row by row), their biases, W0, b0, W1, b1, ...")
    parser.add_argument("--serve", action="store_true", help="train one epoch per line 'epoch' on stdin")
    args = parser.parse_args()
    if not (args.epochs or args.serve):
        parser.error("give --epochs or --serve")

    digits = list(range(10))
    x, y = load(args.mnist, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", digits)
    x, y = x[:args.images].reshape(-1, 28, 28, 1), y[:args.images]
    x_test, y_test = load(args.mnist, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", digits)
    x_test = x_test.reshape(-1, 28, 28, 1)

    k, filters = args.kernel, args.filters
    side = 28 - k + 1
    pooled_side = side // 2
    sizes = [int(s) for s in args.layers.split(",")]
    if sizes[0] != pooled_side * pooled_side * filters:
        parser.error(f"--layers must start with the pooled size {pooled_side}x{pooled_side}x{filters} = {pooled_side * pooled_side * filters}")

    if args.weights:
        flat = np.fromfile(args.weights, dtype="<f8")
        at = 0

        def take(count, shape):
            nonlocal at
            part = flat[at:at + count].reshape(shape).astype(np.float32)
            at += count
            return part

        kernels, kernel_biases = take(k * k * filters, (k * k, filters)), take(filters, (filters,))
        weights, biases = [], []
        for fan_in, fan_out in zip(sizes, sizes[1:]):
            weights.append(take(fan_in * fan_out, (fan_in, fan_out)))
            biases.append(take(fan_out, (fan_out,)))
        if at != flat.size:
            parser.error(f"{args.weights} holds {flat.size} numbers; the network needs {at}")
    else:
        rng = np.random.default_rng(1)
        limit = np.sqrt(6.0 / (k * k))
        kernels = rng.uniform(-limit, limit, (k * k, filters)).astype(np.float32)
        kernel_biases = np.zeros(filters, np.float32)
        weights = [rng.uniform(-np.sqrt(6.0 / i), np.sqrt(6.0 / i), (i, o)).astype(np.float32) for i, o in zip(sizes, sizes[1:])]
        biases = [np.zeros(o, np.float32) for o in sizes[1:]]

    lr = np.float32(args.learning_rate)
    layers = len(weights)

    def im2col(images):
        """(n, 28, 28, 1) -> (n·H'·W', k·k): row (s, y, x) holds the patch at (y, x), in the order (dy, dx, c)."""
        windows = sliding_window_view(images, (k, k), axis=(1, 2))            # n, H', W', C, k, k
        return windows.transpose(0, 1, 2, 4, 5, 3).reshape(-1, k * k)       # the copy happens here

    def forward(images):
        n = len(images)
        patches = im2col(images)
        z = patches @ kernels + kernel_biases                                 # n·H'·W' x F
        a = np.maximum(z, 0).reshape(n, side, side, filters)[:, :2 * pooled_side, :2 * pooled_side]  # an odd last row or column is left out
        a = a.reshape(n, pooled_side, 2, pooled_side, 2, filters)
        windows = a.transpose(0, 1, 3, 5, 2, 4).reshape(n, pooled_side, pooled_side, filters, 4)
        which = windows.argmax(axis=4)                                        # the first of equal maxima
        pooled = np.take_along_axis(windows, which[..., None], axis=4)[..., 0]
        zs, activations = [], [pooled.reshape(n, -1)]
        for l in range(layers):
            zl = activations[-1] @ weights[l] + biases[l]
            zs.append(zl)
            if l < layers - 1:
                activations.append(np.maximum(zl, 0))
        return patches, which, pooled, zs, activations

    def train_step(images, labels):
        n = len(images)
        patches, which, pooled, zs, activations = forward(images)
        logits = zs[-1]
        shifted = logits - logits.max(axis=1, keepdims=True)
        e = np.exp(shifted)
        delta = e / e.sum(axis=1, keepdims=True)
        delta[np.arange(n), labels] -= 1
        delta /= np.float32(n)
        for l in range(layers - 1, -1, -1):
            grad_w = activations[l].T @ delta
            grad_b = delta.sum(axis=0)
            below = delta @ weights[l].T
            if l > 0:
                below *= zs[l - 1] > 0
            weights[l] -= lr * grad_w
            biases[l] -= lr * grad_b
            delta = below
        # delta is ∂loss/∂pooled: to the window maximum it came from, through the ReLU (positive maxima only).
        delta = delta.reshape(n, pooled_side, pooled_side, filters) * (pooled > 0)
        windows = np.zeros((n, pooled_side, pooled_side, filters, 4), np.float32)
        np.put_along_axis(windows, which[..., None], delta[..., None], axis=4)
        dz = np.zeros((n, side, side, filters), np.float32)
        dz[:, :2 * pooled_side, :2 * pooled_side] = windows.reshape(n, pooled_side, pooled_side, filters, 2, 2).transpose(0, 1, 4, 2, 5, 3).reshape(n, 2 * pooled_side, 2 * pooled_side, filters)
        dz = dz.reshape(-1, filters)
        kernels[...] -= lr * (patches.T @ dz)
        kernel_biases[...] -= lr * dz.sum(axis=0)

    def accuracy():
        correct = 0
        for first in range(0, len(y_test), 1000):
            logits = forward(x_test[first:first + 1000])[3][-1]
            correct += int((logits.argmax(axis=1) == y_test[first:first + 1000]).sum())
        return correct / len(y_test)

    run(args, x, y, train_step, accuracy, {"blas": blas_info(), "train": int(len(y)), "test": int(len(y_test))})


if __name__ == "__main__":
    main()
