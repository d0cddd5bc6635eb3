#include <cblas.h>
/* OpenBLAS extensions: hold BLAS to one thread inside a parallel trial. */
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
/* The name of the kernel set OpenBLAS chose for this CPU when it loaded ("Prescott" when
   it did not recognise the CPU and fell back to its generic SSE3 kernels). */
char *openblas_get_corename(void);
