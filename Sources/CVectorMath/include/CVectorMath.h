/* CVectorMath: VectorTanh's loops compiled for wider vector units (AVX2, AVX-512F), chosen at
   run time by DZTensor. Each element goes through exactly the operations of the Swift
   VectorTanh.tanh, in the same order and without fused multiply-adds, so every variant gives
   the same bits as the Swift loop; only the number of lanes per instruction changes. */
#ifndef CVECTORMATH_H
#define CVECTORMATH_H

/* dst[i] = tanh(src[i]) for i < n; src and dst do not overlap. Call only on a CPU with
   the named extension. */
void dz_tanh_avx2(const double *src, double *dst, long n);
void dz_tanh_avx512(const double *src, double *dst, long n);

/* dst[i] = tanh(src[i] * 0.5) * 0.5 + 0.5 (DeZero's sigmoid). */
void dz_sigmoid_avx2(const double *src, double *dst, long n);
void dz_sigmoid_avx512(const double *src, double *dst, long n);

#endif
