#include <cblas.h>
/* OpenBLAS extensions: hold BLAS to one thread inside a parallel trial. */
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
