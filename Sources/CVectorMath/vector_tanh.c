/* VectorTanh's element function in C, for loops built for AVX2 and AVX-512F (see
   Sources/DZTensor/VectorTanh.swift for the method and its error bound). Keep the two in
   step: VectorTanhTests checks that every variant gives the Swift loop's bits. */
#include "CVectorMath.h"

#include <stdint.h>
#include <string.h>

/* No contraction of a*b+c into a fused multiply-add: it would change the bits. */
#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

static inline __attribute__((always_inline)) uint64_t bits(double x) {
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static inline __attribute__((always_inline)) double from_bits(uint64_t u) {
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

static const double tiny = 0x1p-28;
static const double minus_two_over_ln2 = -0x1.71547652b82fep1;
static const double shifter = 0x1.8p52;
static const double ln2_hi = 0x1.62e42feep-1;
static const double ln2_lo = 0x1.a39ef35793c76p-33;
static const uint64_t high_bits = 0xFFFFFFFFF8000000ull;
static const double c0 = 0x1.5555555555556p-3, c1 = 0x1.5555555555555p-5, c2 = 0x1.11111111109b5p-7,
                    c3 = 0x1.6c16c16c167e2p-10, c4 = 0x1.a01a01a7c2f2cp-13, c5 = 0x1.a01a01a47a5abp-16,
                    c6 = 0x1.71de0db2eb873p-19, c7 = 0x1.27e4e1f71bcbbp-22, c8 = 0x1.af389eea54156p-26,
                    c9 = 0x1.1f66d957d0ef0p-29;

/* Operation for operation VectorTanh.tanh (Swift evaluates left to right as C does here). */
static inline __attribute__((always_inline)) double tanh1(double x) {
    uint64_t sign = bits(x) & 0x8000000000000000ull;
    double a = from_bits(bits(x) & 0x7FFFFFFFFFFFFFFFull);
    double b = 22 < a ? 22 : a;

    double shifted = b * minus_two_over_ln2 + shifter;
    double k = shifted - shifter;
    double r = -2 * b - k * ln2_hi;
    double k_lo = k * ln2_lo;
    double s = from_bits((bits(shifted) + 1023) << 52);

    double r1 = from_bits(bits(r) & high_bits), r2 = r - r1;
    double half = (0.5 * r1) * r1;
    double rr = r * r, r4 = rr * rr, r8 = r4 * r4;
    double q03 = (c0 + r * c1) + rr * (c2 + r * c3);
    double q47 = (c4 + r * c5) + rr * (c6 + r * c7);
    double poly = (q03 + r8 * (c8 + r * c9)) + r4 * q47;
    double p_hi = r + half;
    double p_lo = (r - p_hi) + half;
    double s_small = s * (r2 * (0.5 * (r + r1)) - k_lo * (1 + p_hi)) + ((s - s * k_lo) * (rr * r)) * poly;

    double sp_hi = s * p_hi;
    double w_hi = s + sp_hi;
    double w_lo = ((s - w_hi) + sp_hi) + s * p_lo;
    double n_hi = 1 - w_hi;
    double n_lo = (((1 - n_hi) - w_hi) - w_lo) - s_small;
    double d_hi = 1 + w_hi;
    double d_lo = (((1 - d_hi) + w_hi) + w_lo) + s_small;

    double d = d_hi + d_lo;
    double inverse = 1 / d;
    double qc = from_bits(bits(n_hi * inverse) & high_bits);
    double dc = from_bits(bits(d) & high_bits);
    double residual = ((n_hi - qc * dc) + n_lo) - qc * ((d_hi - dc) + d_lo);
    double q = qc + residual * inverse;

    double magnitude = a < tiny ? a : q;
    return from_bits(bits(magnitude) | sign);
}

static inline __attribute__((always_inline)) double sigmoid1(double x) {
    return tanh1(x * 0.5) * 0.5 + 0.5;
}

/* Other architectures get plain loops (VectorUnit never picks these there). */
#if defined(__x86_64__)
#define DZ_TARGET(isa) __attribute__((target(isa)))
#else
#define DZ_TARGET(isa)
#endif

#define DZ_LOOP(name, isa, element)                                                      \
    DZ_TARGET(isa) void name(const double *restrict src,                \
                                              double *restrict dst, long n) {            \
        _Pragma("clang loop vectorize(enable) interleave(enable)")                       \
        for (long i = 0; i < n; i++) dst[i] = element(src[i]);                            \
    }

DZ_LOOP(dz_tanh_avx2, "avx2", tanh1)
DZ_LOOP(dz_tanh_avx512, "avx512f", tanh1)
DZ_LOOP(dz_sigmoid_avx2, "avx2", sigmoid1)
DZ_LOOP(dz_sigmoid_avx512, "avx512f", sigmoid1)
