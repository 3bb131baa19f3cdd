/* The CBLAS interface of OpenBLAS (Debian: libopenblas-dev). Declarations only: DZTensor
   loads libopenblas.so.0 itself with dlopen, after choosing OPENBLAS_CORETYPE. */
#include <cblas.h>
