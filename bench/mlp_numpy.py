#!/usr/bin/env python3
"""The numpy half of `./kata bench vs-numpy`: the same MLP as the C# half, trained the same way.

Same architecture (ReLU hidden layers, softmax cross-entropy), same initial weights (read from the file
the C# half wrote), same data (MNIST digits 0-4 in file order, pixels / 255), same batches in the same
order, same learning rate and epochs. It computes in float32, as numpy code for neural networks usually
does, with one matrix product per layer and direction like the C# network: z = a @ W + b forward;
a.T @ delta and delta @ W.T backward.

Prints one JSON object: numpy's version, the BLAS it runs on and its kernel, and for every epoch the
seconds of training and the test accuracy after it. With --serve it prints that header as one JSON line
and then trains one epoch for every line "epoch" it reads, printing {"seconds", "accuracy"} for each, so
that the C# half can take turns with it epoch by epoch (both then see the same load on a shared machine).
With --products it only times a @ b in float32 for the given shapes (for `./kata bench stages`). Run by
the C# half; to run it alone:
    /usr/bin/python3 bench/mlp_numpy.py --mnist data/mnist --layers 784,128,5 --epochs 2 \
        --learning-rate 0.1 --batch-size 64 --digits 0,1,2,3,4
(without --weights it draws He-initialised weights with numpy's own generator).
"""
import argparse
import ctypes
import gzip
import json
import os
import re
import sys
import time

import numpy as np


def read_idx(path):
    """An IDX file (gzipped or not) as a numpy array: images n x rows*cols (uint8) or labels n."""
    for candidate in (path, path + ".gz", path[:-3] if path.endswith(".gz") else None):
        if candidate and os.path.exists(candidate):
            path = candidate
            break
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    magic = int.from_bytes(data[0:4], "big")
    count = int.from_bytes(data[4:8], "big")
    if magic == 2051:
        rows, cols = int.from_bytes(data[8:12], "big"), int.from_bytes(data[12:16], "big")
        return np.frombuffer(data, np.uint8, count * rows * cols, 16).reshape(count, rows * cols)
    if magic == 2049:
        return np.frombuffer(data, np.uint8, count, 8)
    raise ValueError(f"{path} is not an IDX image or label file (magic {magic})")


def load(folder, images, labels, digits):
    """The samples of the given digits in file order: float32 pixels / 255 and class numbers."""
    x, y = read_idx(os.path.join(folder, images)), read_idx(os.path.join(folder, labels))
    keep = np.isin(y, digits)
    classes = np.array([digits.index(d) for d in y[keep]], dtype=np.int64)
    return (x[keep].astype(np.float32) / np.float32(255.0)), classes


def blas_info():
    """numpy's BLAS as this process loaded it, with OpenBLAS's kernel and thread count when it is OpenBLAS."""
    info = {"numpy": np.__version__, "library": "unknown", "kernel": None, "threads": None, "config": None}
    try:
        from threadpoolctl import threadpool_info  # optional: not needed when /proc/self/maps is readable

        for pool in threadpool_info():
            if pool.get("user_api") == "blas":
                info.update(library=pool.get("filepath"), kernel=pool.get("architecture"),
                            threads=pool.get("num_threads"), config=pool.get("internal_api") + " " + str(pool.get("version")))
                return info
    except ImportError:
        pass
    try:
        with open("/proc/self/maps") as maps:
            libraries = sorted(set(re.findall(r"\S*/lib\S*blas\S*\.so\S*", maps.read())))
    except OSError:
        libraries = []
    if libraries:
        info["library"] = libraries[0]
    for library in libraries:
        try:
            lib = ctypes.CDLL(library)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            info.update(library=library, kernel=lib.openblas_get_corename().decode(),
                        config=lib.openblas_get_config().decode(), threads=lib.openblas_get_num_threads())
            break
        except (OSError, AttributeError):
            continue
    return info


def time_products(shapes):
    """GFLOP/s of a @ b in float32 for each "n x k x m" shape: best and median of 5 timings of ~40 ms."""
    rng = np.random.default_rng(2)
    results = []
    for shape in shapes:
        n, k, m = (int(s) for s in shape.split("x"))
        a = rng.uniform(-1, 1, (n, k)).astype(np.float32)
        b = rng.uniform(-1, 1, (k, m)).astype(np.float32)
        a @ b
        start = time.perf_counter()
        a @ b
        calls = max(1, min(100000, int(0.04 / max(time.perf_counter() - start, 1e-7))))
        samples = []
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(calls):
                a @ b
            samples.append((time.perf_counter() - start) / calls)
        samples.sort()
        flops = 2.0 * n * k * m
        results.append({"shape": shape, "best": flops / samples[0] / 1e9, "median": flops / samples[2] / 1e9})
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", help="only time a @ b (float32) for these shapes, e.g. 1024x1024x1024,64x784x128")
    parser.add_argument("--mnist")
    parser.add_argument("--layers", help="e.g. 784,128,5")
    parser.add_argument("--digits", default="0,1,2,3,4")
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--learning-rate", type=float)
    parser.add_argument("--batch-size", type=int)
    parser.add_argument("--weights", help="the initial weights: float64 little-endian, W0, b0, W1, b1, ... row by row")
    parser.add_argument("--serve", action="store_true", help="train one epoch per line 'epoch' on stdin (see above)")
    args = parser.parse_args()
    if args.products:
        print(json.dumps({"blas": blas_info(), "products": time_products(args.products.split(","))}))
        return
    if not (args.mnist and args.layers and (args.epochs or args.serve) and args.learning_rate and args.batch_size):
        parser.error("training needs --mnist, --layers, --epochs (or --serve), --learning-rate and --batch-size")

    sizes = [int(s) for s in args.layers.split(",")]
    digits = [int(d) for d in args.digits.split(",")]
    x, y = load(args.mnist, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", digits)
    x_test, y_test = load(args.mnist, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", digits)

    weights, biases = [], []
    if args.weights:
        flat = np.fromfile(args.weights, dtype="<f8")
        at = 0
        for fan_in, fan_out in zip(sizes, sizes[1:]):
            weights.append(flat[at:at + fan_in * fan_out].reshape(fan_in, fan_out).astype(np.float32))
            at += fan_in * fan_out
            biases.append(flat[at:at + fan_out].astype(np.float32))
            at += fan_out
        if at != flat.size:
            sys.exit(f"{args.weights} holds {flat.size} numbers; layers {args.layers} need {at}")
    else:
        rng = np.random.default_rng(1)
        for fan_in, fan_out in zip(sizes, sizes[1:]):
            limit = np.sqrt(6.0 / fan_in)
            weights.append(rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32))
            biases.append(np.zeros(fan_out, np.float32))

    lr = np.float32(args.learning_rate)
    layers = len(weights)

    def forward(a):
        zs, activations = [], [a]
        for l in range(layers):
            z = activations[-1] @ weights[l] + biases[l]
            zs.append(z)
            if l < layers - 1:
                activations.append(np.maximum(z, 0))
        return zs, activations

    def train_step(xb, yb):
        zs, activations = forward(xb)
        logits = zs[-1]
        shifted = logits - logits.max(axis=1, keepdims=True)
        e = np.exp(shifted)
        p = e / e.sum(axis=1, keepdims=True)
        loss = float(np.mean(np.log(e.sum(axis=1)) - shifted[np.arange(len(yb)), yb]))
        delta = p
        delta[np.arange(len(yb)), yb] -= 1
        delta /= np.float32(len(yb))
        for l in range(layers - 1, -1, -1):
            grad_w = activations[l].T @ delta
            grad_b = delta.sum(axis=0)
            if l > 0:
                delta = (delta @ weights[l].T) * (zs[l - 1] > 0)
            weights[l] -= lr * grad_w
            biases[l] -= lr * grad_b
        return loss

    def accuracy():
        return float(np.mean(np.argmax(forward(x_test)[0][-1], axis=1) == y_test))

    run(args, x, y, train_step, accuracy, {"blas": blas_info(), "train": int(len(y)), "test": int(len(y_test))})


def run(args, x, y, train_step, accuracy, header):
    """Trains in batches of --batch-size, the samples in order, an epoch at a time: with --serve the header,
    then one epoch per 'epoch' line read; else every epoch, then one JSON object."""
    def epoch():
        start = time.perf_counter()
        for first in range(0, len(y), args.batch_size):
            train_step(x[first:first + args.batch_size], y[first:first + args.batch_size])
        seconds = time.perf_counter() - start
        return {"seconds": seconds, "accuracy": accuracy()}

    if not args.serve:
        print(json.dumps(dict(header, epochs=[epoch() for _ in range(args.epochs)])))
        return
    print(json.dumps(header), flush=True)
    for line in sys.stdin:
        if line.strip() != "epoch":
            break
        print(json.dumps(epoch()), flush=True)


if __name__ == "__main__":
    main()
