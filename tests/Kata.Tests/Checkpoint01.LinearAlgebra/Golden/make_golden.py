#!/usr/bin/python3
"""Writes numpy_golden.json: reference results computed by numpy, which the checkpoint-1 tests
compare the learner's Dot, MatMul and Transpose against.

Run it with Debian's python3 (apt-get install python3-numpy) from this folder:
    /usr/bin/python3 make_golden.py > numpy_golden.json
The output is deterministic for a given numpy version (the generator is seeded); the numbers are
written with repr(), which round-trips a float64 exactly.
"""
import json
import numpy as np

rng = np.random.default_rng(2026)


def matrix(rows, cols):
    return rng.uniform(-2.0, 2.0, size=(rows, cols))


def as_list(m):
    return [[float(x) for x in row] for row in np.atleast_2d(m)]


cases = {"generator": f"numpy {np.__version__}, default_rng(2026), uniform on [-2, 2]",
         "dot": [], "matmul": [], "transpose": []}

for n in (1, 3, 7, 50):
    a, b = rng.uniform(-2.0, 2.0, size=n), rng.uniform(-2.0, 2.0, size=n)
    cases["dot"].append({"a": [float(x) for x in a], "b": [float(x) for x in b], "expected": float(np.dot(a, b))})

for (n, k, m) in ((2, 3, 4), (3, 4, 2), (1, 5, 1), (5, 1, 5), (1, 6, 3), (7, 7, 7)):
    a, b = matrix(n, k), matrix(k, m)
    cases["matmul"].append({"a": as_list(a), "b": as_list(b), "expected": as_list(a @ b)})

for (n, m) in ((2, 5), (1, 4), (4, 1), (3, 3)):
    a = matrix(n, m)
    cases["transpose"].append({"a": as_list(a), "expected": as_list(a.T)})

print(json.dumps(cases, indent=1))
