/*===- aot_context.h - run-time context of AOT-compiled models --*- C -*-===*
 *
 * What the code `nnc --emit=exe|obj|shared` generates calls at run time: a
 * context per caller (thread count, scratch arena) and the allocator the
 * model's intermediate buffers come from. The generated `PREFIX_ctx_*` and
 * `PREFIX_run` functions forward here; users see only those (model.h).
 *
 * Scratch memory: nnc sums the model's intermediate buffers at compile time
 * (each rounded to 64 bytes plus a 64-byte header, plus 64 bytes of slack for
 * aligning caller memory). A context owns one arena of that size, allocated
 * once or supplied by the caller; every run starts it empty and takes buffers
 * from it by bumping a pointer. Buffers beyond it (allocations in loops) fall
 * back to the heap, so a run never fails for lack of scratch. One context
 * serves one run at a time.
 *
 *===----------------------------------------------------------------------===*/
#ifndef NNC_RUNTIME_AOT_CONTEXT_H
#define NNC_RUNTIME_AOT_CONTEXT_H

#include "runtime/status.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct nnc_rt_ctx nnc_rt_ctx;

/* Creates a context running on `threads` (>= 1) threads. `scratch`, when not
 * null, is caller memory of `scratch_size` >= `needed_scratch` bytes used as
 * the arena (kept until the context is destroyed); when null, the context
 * allocates `needed_scratch` bytes once. */
nn_status nnc_rt_ctx_create(int32_t threads, void *scratch, size_t scratch_size,
                            size_t needed_scratch, nnc_rt_ctx **out);

/* Releases the context and the arena it allocated (null is a no-op). */
void nnc_rt_ctx_destroy(nnc_rt_ctx *ctx);

/* The worker-thread count the context was created with. */
int32_t nnc_rt_ctx_threads(const nnc_rt_ctx *ctx);

/* The thread count of the context whose run is in progress on the calling
 * thread, 1 outside a run: how many workers parallel code (the runtime's
 * nnc_parallel_for) may use for this run. */
int32_t nnc_rt_current_threads(void);

/* Starts a run on this thread: empties the arena and makes it the source of
 * nnc_rt_alloc. NN_INVALID_ARGUMENT for a null context. */
nn_status nnc_rt_begin(nnc_rt_ctx *ctx);

/* Ends the run started by nnc_rt_begin on this thread. */
void nnc_rt_end(nnc_rt_ctx *ctx);

/* malloc/free of compiled models (nnc renames the calls): 64-byte aligned
 * blocks from the running context's arena, or from the heap. */
void *nnc_rt_alloc(size_t size);
void nnc_rt_free(void *ptr);

/* aligned_alloc of compiled models: nnc_rt_alloc for `alignment` <= 64,
 * else a heap block (`alignment` a power of two). */
void *nnc_rt_aligned_alloc(size_t alignment, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* NNC_RUNTIME_AOT_CONTEXT_H */
