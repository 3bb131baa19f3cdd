#!/usr/bin/env python3
"""Prints the expm1 polynomial of Sources/DZTensor/VectorTanh.swift.

VectorTanh reduces y = k ln2 + r with |r| <= ln2/2 and computes
expm1(r) = r + r^2/2 + r^3 Q(r). This fits Q(r) = (expm1(r) - r - r^2/2) / r^3 on
[-ln2/2, ln2/2] (widened by 2^-20 for the rounding of k and the k ln2Lo term) with mpmath's
Chebyshev fit (near minimax), rounds the coefficients to doubles, and reports, for each
degree, the largest error the rounded polynomial adds to expm1(r) relative to r, i.e.
max |r^2 (Q~ - Q)|, measured at 60 digits on 4001 points. Degree 9 (2^-58.7, under 1/25 of
half an ulp; degree 8 is 2^-53.6, too much) is the one VectorTanh uses. Needs mpmath (bench/.venv has it, through sympy). Run from the
repository root:

    bench/.venv/bin/python scripts/gen_expm1_coefficients.py
"""
import mpmath as mp

mp.mp.dps = 60
R = mp.log(2) / 2 * (1 + mp.mpf(2) ** -20)
CHOSEN = 9


def q(r):
    if r == 0:
        return mp.mpf(1) / 6
    return (mp.expm1(r) - r - r * r / 2) / r**3


def fit(degree):
    coefficients = mp.chebyfit(q, [-R, R], degree + 1)[::-1]  # ascending powers
    return [float(c) for c in coefficients]


def worst(coefficients, points=4001):
    largest = mp.mpf(0)
    for i in range(points):
        r = -R + 2 * R * i / (points - 1)
        approx = sum(mp.mpf(c) * r**j for j, c in enumerate(coefficients))
        largest = max(largest, abs(r * r * (approx - q(r))))
    return largest


for degree in range(7, 12):
    print(f"degree {degree}: max |r^2 (Q~ - Q)| = 2^{float(mp.log(worst(fit(degree)), 2)):.1f}")
print()
for j, c in enumerate(fit(CHOSEN)):
    print(f"    static let c{j} = {c.hex()}  // {c!r}")
