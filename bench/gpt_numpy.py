#!/usr/bin/env python3
"""The numpy twin of `./kata train --model gpt` (checkpoint 14's text run): the same tiny GPT on the same text.

Same model (token and position embeddings, pre-norm blocks of causal multi-head self-attention and a
d -> 4d -> d ReLU MLP, a final layer norm and a readout), same initial parameters, same training windows
in the same order, same Adam, same validation windows: the C# run draws its parameters and its windows with
.NET's `new Random(seed)`, and `NetRandom` below is that generator (the subtractive one .NET keeps for
seeded instances), so in float64 the two runs compute the same losses step by step up to rounding. The
backward pass is written out by hand, one batched numpy expression per line of checkpoints.md section 14,
as a numpy user would write it without a framework.

Prints one JSON object: numpy's BLAS, the sizes, and for each report the step, the seconds of
training so far, the mean training loss of the last 50 steps and the validation loss. To run it beside
the C# run, in one command: ./kata bench --track solutions vs-numpy-gpt; alone (the defaults are
TrainingDefaults.Gpt*'s):
    /usr/bin/python3 bench/gpt_numpy.py --text checkpoints.md --steps 2000
"""
import argparse
import json
import math
import time

import numpy as np

from mlp_numpy import blas_info


class NetRandom:
    """.NET's System.Random(seed) (its seeded, compatible generator): NextDouble and Next(max) as C# sees them."""

    MBIG = 2147483647
    MSEED = 161803398

    def __init__(self, seed):
        a = [0] * 56
        mj = self.MSEED - (self.MBIG if seed == -2147483648 else abs(seed))
        a[55] = mj
        mk, ii = 1, 0
        for _ in range(1, 55):
            ii += 21
            if ii >= 55:
                ii -= 55
            a[ii] = mk
            mk = mj - mk
            if mk < 0:
                mk += self.MBIG
            mj = a[ii]
        for _ in range(1, 5):
            for i in range(1, 56):
                n = i + 30
                if n >= 55:
                    n -= 55
                a[i] -= a[1 + n]
                if a[i] < 0:
                    a[i] += self.MBIG
        self.a, self.inext, self.inextp = a, 0, 21

    def _sample(self):
        self.inext = 1 if self.inext + 1 >= 56 else self.inext + 1
        self.inextp = 1 if self.inextp + 1 >= 56 else self.inextp + 1
        r = self.a[self.inext] - self.a[self.inextp]
        if r == self.MBIG:
            r -= 1
        if r < 0:
            r += self.MBIG
        self.a[self.inext] = r
        return r

    def next_double(self):
        return self._sample() * (1.0 / self.MBIG)

    def next(self, maximum):
        return int(self.next_double() * maximum)


def uniform(rows, cols, limit, random, dtype):
    """TinyGpt's Uniform: limit * (2 r - 1), row by row, in the order the C# constructor draws."""
    return np.array([limit * (2 * random.next_double() - 1) for _ in range(rows * cols)], dtype=dtype).reshape(rows, cols)


def initial_parameters(v, context, d, layers, seed, dtype):
    """TinyGpt(settings, seed)'s parameters, drawn in the same order from the same generator."""
    random = NetRandom(seed)
    m, residual = 4 * d, 1 / math.sqrt(2.0 * layers)
    limit = lambda fan_in: 0.5 * math.sqrt(3.0 / fan_in)  # noqa: E731
    p = {"E": uniform(v, d, 0.5, random, dtype), "P": uniform(context, d, 0.5, random, dtype)}
    for l in range(layers):
        p[f"{l}.g1"], p[f"{l}.b1"] = np.ones((1, d), dtype), np.zeros((1, d), dtype)
        for name in ("Wq", "Wk", "Wv"):
            p[f"{l}.{name}"] = uniform(d, d, limit(d), random, dtype)
        p[f"{l}.Wo"] = uniform(d, d, limit(d) * residual, random, dtype)
        p[f"{l}.g2"], p[f"{l}.b2"] = np.ones((1, d), dtype), np.zeros((1, d), dtype)
        p[f"{l}.W1"], p[f"{l}.c1"] = uniform(d, m, limit(d), random, dtype), np.zeros((1, m), dtype)
        p[f"{l}.W2"], p[f"{l}.c2"] = uniform(m, d, limit(m) * residual, random, dtype), np.zeros((1, d), dtype)
    p["gf"], p["bf"] = np.ones((1, d), dtype), np.zeros((1, d), dtype)
    p["Wr"], p["br"] = uniform(d, v, limit(d), random, dtype), np.zeros((1, v), dtype)
    return p


def layer_norm(x, g, b, eps=1e-5):
    mu = x.mean(-1, keepdims=True)
    rstd = 1 / np.sqrt(((x - mu) ** 2).mean(-1, keepdims=True) + eps)
    xhat = (x - mu) * rstd
    return xhat * g + b, (xhat, rstd, g)


def layer_norm_backward(dy, cache):
    xhat, rstd, g = cache
    dg = (dy * xhat).reshape(-1, xhat.shape[-1]).sum(0, keepdims=True)
    db = dy.reshape(-1, xhat.shape[-1]).sum(0, keepdims=True)
    gy = dy * g
    dx = (gy - gy.mean(-1, keepdims=True) - xhat * (gy * xhat).mean(-1, keepdims=True)) * rstd
    return dx, dg, db


def forward_backward(p, inputs, targets, heads, layers, backward=True):
    """The mean next-token cross-entropy of the batch, and with backward=True the gradient of every parameter."""
    batch, t = inputs.shape
    d = p["E"].shape[1]
    dh = d // heads
    scale = 1 / math.sqrt(dh)
    mask = np.triu(np.ones((t, t), dtype=bool), 1)
    x = p["E"][inputs] + p["P"][:t]                                            # B x T x d
    caches = []
    for l in range(layers):
        a, ln1 = layer_norm(x, p[f"{l}.g1"], p[f"{l}.b1"])
        q, k, v = (np.swapaxes((a @ p[f"{l}.W{n}"]).reshape(batch, t, heads, dh), 1, 2) for n in "qkv")   # B x h x T x dh
        s = (q @ np.swapaxes(k, -1, -2)) * scale
        s[..., mask] = -np.inf
        s = np.exp(s - s.max(-1, keepdims=True))
        att = s / s.sum(-1, keepdims=True)                                     # B x h x T x T
        concat = np.swapaxes(att @ v, 1, 2).reshape(batch, t, d)
        x = x + concat @ p[f"{l}.Wo"]
        mm, ln2 = layer_norm(x, p[f"{l}.g2"], p[f"{l}.b2"])
        hidden = np.maximum(mm @ p[f"{l}.W1"] + p[f"{l}.c1"], 0)               # B x T x 4d
        x = x + hidden @ p[f"{l}.W2"] + p[f"{l}.c2"]
        caches.append((a, ln1, q, k, v, att, concat, mm, ln2, hidden))
    f, lnf = layer_norm(x, p["gf"], p["bf"])
    z = f @ p["Wr"] + p["br"]                                                  # B x T x V
    z = z - z.max(-1, keepdims=True)
    probs = np.exp(z)
    probs /= probs.sum(-1, keepdims=True)
    rows = targets != -1
    n = rows.sum()
    loss = -np.log(probs[rows, targets[rows]]).sum() / n
    if not backward:
        return float(loss), None

    grads = {}
    dz = probs
    dz[rows, targets[rows]] -= 1
    dz[~rows] = 0
    dz /= n
    grads["Wr"] = f.reshape(-1, d).T @ dz.reshape(-1, dz.shape[-1])
    grads["br"] = dz.reshape(-1, dz.shape[-1]).sum(0, keepdims=True)
    dx, grads["gf"], grads["bf"] = layer_norm_backward(dz @ p["Wr"].T, lnf)
    for l in reversed(range(layers)):
        a, ln1, q, k, v, att, concat, mm, ln2, hidden = caches[l]
        # MLP: x += ReLU(M W1 + c1) W2 + c2
        grads[f"{l}.W2"] = hidden.reshape(-1, hidden.shape[-1]).T @ dx.reshape(-1, d)
        grads[f"{l}.c2"] = dx.reshape(-1, d).sum(0, keepdims=True)
        dhidden = (dx @ p[f"{l}.W2"].T) * (hidden > 0)
        grads[f"{l}.W1"] = mm.reshape(-1, d).T @ dhidden.reshape(-1, dhidden.shape[-1])
        grads[f"{l}.c1"] = dhidden.reshape(-1, dhidden.shape[-1]).sum(0, keepdims=True)
        dm, grads[f"{l}.g2"], grads[f"{l}.b2"] = layer_norm_backward(dhidden @ p[f"{l}.W1"].T, ln2)
        dx = dx + dm
        # Attention: x += concat(softmax(Q Kᵀ/√dh, causal) V) Wo
        grads[f"{l}.Wo"] = concat.reshape(-1, d).T @ dx.reshape(-1, d)
        dout = np.swapaxes((dx @ p[f"{l}.Wo"].T).reshape(batch, t, heads, dh), 1, 2)   # B x h x T x dh
        datt = dout @ np.swapaxes(v, -1, -2)
        dv = np.swapaxes(att, -1, -2) @ dout
        ds = att * (datt - (datt * att).sum(-1, keepdims=True)) * scale
        dq, dk = ds @ k, np.swapaxes(ds, -1, -2) @ q
        da = np.zeros_like(a)
        for name, dproj in (("Wq", dq), ("Wk", dk), ("Wv", dv)):
            dproj = np.swapaxes(dproj, 1, 2).reshape(batch, t, d)
            grads[f"{l}.{name}"] = a.reshape(-1, d).T @ dproj.reshape(-1, d)
            da += dproj @ p[f"{l}.{name}"].T
        da, grads[f"{l}.g1"], grads[f"{l}.b1"] = layer_norm_backward(da, ln1)
        dx = dx + da
    grads["P"] = np.zeros_like(p["P"])
    grads["P"][:t] = dx.sum(0)
    grads["E"] = np.zeros_like(p["E"])
    np.add.at(grads["E"], inputs.reshape(-1), dx.reshape(-1, d))
    return float(loss), grads


class Adam:
    """Checkpoint 7's Adam, one set of moments per parameter array."""

    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps, self.state = lr, beta1, beta2, eps, {}

    def step(self, name, param, grad):
        m, v, t = self.state.get(name, (np.zeros_like(param), np.zeros_like(param), 0))
        t += 1
        m = self.beta1 * m + (1 - self.beta1) * grad
        v = self.beta2 * v + (1 - self.beta2) * grad * grad
        param -= self.lr * (m / (1 - self.beta1 ** t)) / (np.sqrt(v / (1 - self.beta2 ** t)) + self.eps)
        self.state[name] = (m, v, t)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--text", default="checkpoints.md")
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--context", type=int, default=32)
    parser.add_argument("--width", type=int, default=32)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--learning-rate", type=float, default=0.003)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reports", type=int, default=4)
    parser.add_argument("--float32", action="store_true", help="compute in float32 (the C# model computes in float64)")
    args = parser.parse_args()

    dtype = np.float32 if args.float32 else np.float64
    with open(args.text, encoding="utf-8") as f:
        text = f.read().replace("\r\n", "\n")
    units = np.frombuffer(text.encode("utf-16-le"), dtype=np.uint16)            # C#'s chars: UTF-16 code units
    alphabet = np.unique(units)                                                # Tokenizer.Of: distinct, ordinal order
    tokens = np.searchsorted(alphabet, units)
    split = len(tokens) * 9 // 10
    train, validation = tokens[:split], tokens[split:]
    c, b = args.context, args.batch_size
    p = initial_parameters(len(alphabet), c, args.width, args.layers, args.seed, dtype)

    checks = 8 * b                                                             # GptRun's validation windows
    check = np.array([validation[i * (len(validation) - c - 1) // checks:][: c + 1] for i in range(checks)])

    def validate():
        return float(np.mean([forward_backward(p, check[j * b:(j + 1) * b, :-1], check[j * b:(j + 1) * b, 1:], args.heads, args.layers, backward=False)[0] for j in range(8)]))

    random, adam = NetRandom(args.seed), Adam(args.learning_rate)
    reports = [{"step": 0, "seconds": 0.0, "validationLoss": validate()}]
    losses, seconds = [], 0.0
    chunk = -(-args.steps // args.reports)
    for done in range(0, args.steps, chunk):
        start = time.perf_counter()
        for _ in range(min(chunk, args.steps - done)):
            starts = [random.next(len(train) - c - 1) for _ in range(b)]
            windows = np.array([train[s:s + c + 1] for s in starts])
            loss, grads = forward_backward(p, windows[:, :-1], windows[:, 1:], args.heads, args.layers)
            for name in p:
                adam.step(name, p[name], grads[name].astype(dtype, copy=False))
            losses.append(loss)
        seconds += time.perf_counter() - start
        reports.append({"step": len(losses), "seconds": seconds, "trainingLoss": float(np.mean(losses[-50:])), "validationLoss": validate()})

    print(json.dumps({
        "blas": blas_info(),
        "dtype": np.dtype(dtype).name,
        "text": args.text,
        "characters": int(len(tokens)),
        "vocabulary": int(len(alphabet)),
        "parameters": int(sum(a.size for a in p.values())),
        "firstLosses": losses[:3],
        "msPerStep": 1000 * seconds / max(1, len(losses)),
        "reports": reports,
    }))


if __name__ == "__main__":
    main()
