/*===- threadpool.h - the parallel loop runtime of compiled code -*- C -*-===*
 *
 * Compiled models call nnc_parallel_for for their outermost parallel loops
 * (codegen's nn-cpu-parallelize outlines each loop body into a function
 * taking an iteration range). The pool is process-wide, created lazily on the
 * first parallel loop: NNC_NUM_THREADS (environment) or, by default, every
 * CPU the process may run on (its affinity mask: taskset, a cpuset).
 * nnc_set_num_threads changes it (--threads=N in the tools). The calling
 * thread runs a share of the work itself, so 1 thread means no pool at all.
 * Plain C + pthreads: standalone executables link it as is.
 *
 *===----------------------------------------------------------------------===*/
#ifndef NNC_RUNTIME_THREADPOOL_H
#define NNC_RUNTIME_THREADPOOL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A loop body over iterations [begin, end) of the loop; ctx holds whatever
 * the body captured. */
typedef void (*nnc_loop_body)(void *ctx, int64_t begin, int64_t end);

/* Runs body over [0, count) split into one contiguous chunk per thread and
 * returns when every chunk is done. Nested calls (from inside a body) and
 * calls while another loop runs on the pool execute serially in the caller. */
void nnc_parallel_for(int64_t count, nnc_loop_body body, void *ctx);

/* Sets the number of threads (>= 1) used by later loops. */
void nnc_set_num_threads(int threads);

/* The number of threads later loops use. */
int nnc_get_num_threads(void);

#ifdef __cplusplus
}
#endif

#endif /* NNC_RUNTIME_THREADPOOL_H */
