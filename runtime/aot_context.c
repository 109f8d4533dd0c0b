/*===- aot_context.c - run-time context of AOT-compiled models --*- C -*-===*
 *
 * Every block, arena or heap, is preceded by a 64-byte header saying where it
 * came from, so nnc_rt_free needs no context (it may run on another thread
 * than the allocation) and arena blocks are never passed to free().
 *
 *===----------------------------------------------------------------------===*/

#include "runtime/aot_context.h"
#include "runtime/threadpool.h"

#include <stdlib.h>
#include <string.h>

enum { ALIGNMENT = 64, FROM_ARENA = 0x6172656e, FROM_HEAP = 0x68656170 };

typedef struct block_header {
  uint32_t origin; /* FROM_ARENA or FROM_HEAP */
  void *base;      /* what to free() for heap blocks */
} block_header;

struct nnc_rt_ctx {
  int32_t threads;
  char *arena; /* 64-byte aligned start */
  size_t arena_size;
  size_t used;
  void *owned; /* the arena allocation, when the context made it */
};

/* The context whose run is in progress on this thread. */
static _Thread_local nnc_rt_ctx *current;

static size_t round_up(size_t n) {
  return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
}

nn_status nnc_rt_ctx_create(int32_t threads, void *scratch, size_t scratch_size,
                            size_t needed_scratch, nnc_rt_ctx **out) {
  if (!out) {
    return NN_INVALID_ARGUMENT;
  }
  *out = NULL;
  if (threads < 1 || (scratch && scratch_size < needed_scratch)) {
    return NN_INVALID_ARGUMENT;
  }
  nnc_rt_ctx *ctx = (nnc_rt_ctx *)calloc(1, sizeof(nnc_rt_ctx));
  if (!ctx) {
    return NN_OUT_OF_MEMORY;
  }
  ctx->threads = threads;
  if (!scratch && needed_scratch > 0) {
    if (posix_memalign(&ctx->owned, ALIGNMENT, round_up(needed_scratch))) {
      free(ctx);
      return NN_OUT_OF_MEMORY;
    }
    scratch = ctx->owned;
    scratch_size = round_up(needed_scratch);
  }
  if (scratch) {
    /* Align the caller's memory; what alignment costs comes off the end. */
    uintptr_t start = (uintptr_t)scratch;
    uintptr_t aligned = (start + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    size_t skip = (size_t)(aligned - start);
    ctx->arena = (char *)aligned;
    ctx->arena_size = scratch_size > skip ? scratch_size - skip : 0;
  }
  *out = ctx;
  return NN_OK;
}

void nnc_rt_ctx_destroy(nnc_rt_ctx *ctx) {
  if (!ctx) {
    return;
  }
  free(ctx->owned);
  free(ctx);
}

int32_t nnc_rt_ctx_threads(const nnc_rt_ctx *ctx) {
  return ctx ? ctx->threads : 1;
}

int32_t nnc_rt_current_threads(void) { return current ? current->threads : 1; }

nn_status nnc_rt_begin(nnc_rt_ctx *ctx) {
  if (!ctx) {
    return NN_INVALID_ARGUMENT;
  }
  ctx->used = 0;
  current = ctx;
  nnc_set_num_threads(ctx->threads); /* parallel loops use the pool */
  return NN_OK;
}

void nnc_rt_end(nnc_rt_ctx *ctx) {
  if (current == ctx) {
    current = NULL;
  }
}

void *nnc_rt_alloc(size_t size) {
  size_t total = ALIGNMENT + round_up(size ? size : 1);
  nnc_rt_ctx *ctx = current;
  char *block;
  uint32_t origin;
  void *base;
  if (ctx && ctx->arena && total <= ctx->arena_size - ctx->used) {
    block = ctx->arena + ctx->used;
    ctx->used += total;
    origin = FROM_ARENA;
    base = NULL;
  } else {
    if (total < size || posix_memalign(&base, ALIGNMENT, total)) {
      return NULL;
    }
    block = (char *)base;
    origin = FROM_HEAP;
  }
  block_header header = {origin, base};
  memcpy(block, &header, sizeof(header));
  return block + ALIGNMENT;
}

void *nnc_rt_aligned_alloc(size_t alignment, size_t size) {
  if (alignment <= ALIGNMENT) {
    return nnc_rt_alloc(size);
  }
  /* The block starts `alignment` bytes in; the header sits just before. */
  void *base;
  if ((alignment & (alignment - 1)) != 0 || size > SIZE_MAX - alignment ||
      posix_memalign(&base, alignment, alignment + size)) {
    return NULL;
  }
  char *block = (char *)base + alignment;
  block_header header = {FROM_HEAP, base};
  memcpy(block - ALIGNMENT, &header, sizeof(header));
  return block;
}

void nnc_rt_free(void *ptr) {
  if (!ptr) {
    return;
  }
  block_header header;
  memcpy(&header, (char *)ptr - ALIGNMENT, sizeof(header));
  if (header.origin == FROM_HEAP) {
    free(header.base);
  }
}
