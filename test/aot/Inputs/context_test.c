/* Unit test of runtime/aot_context.c, linked against the AOT runtime
 * archive: arena blocks, heap fallback, alignment, frees, thread counts. */
#include "runtime/aot_context.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int failures;

static void expect(int ok, const char *what) {
  printf("%s: %s\n", what, ok ? "ok" : "FAILED");
  failures += !ok;
}

static int aligned(const void *p, uintptr_t alignment) {
  return ((uintptr_t)p & (alignment - 1)) == 0;
}

int main(void) {
  /* Arena of two 100-byte blocks: each takes 64 (header) + 128 bytes. */
  _Alignas(64) char scratch[2 * 192];
  nnc_rt_ctx *ctx;
  expect(nnc_rt_ctx_create(3, scratch, sizeof(scratch) - 1, 384, &ctx) ==
             NN_INVALID_ARGUMENT,
         "scratch smaller than needed is refused");
  expect(nnc_rt_ctx_create(3, scratch, sizeof(scratch), 384, &ctx) == NN_OK,
         "create with caller scratch");
  expect(nnc_rt_current_threads() == 1, "1 thread outside a run");
  expect(nnc_rt_begin(ctx) == NN_OK, "begin");
  expect(nnc_rt_current_threads() == 3, "the context's threads inside");
  char *a = nnc_rt_alloc(100), *b = nnc_rt_alloc(100), *c = nnc_rt_alloc(100);
  int in_arena_a = a >= scratch && a < scratch + sizeof(scratch);
  int in_arena_b = b >= scratch && b < scratch + sizeof(scratch);
  int in_arena_c = c >= scratch && c < scratch + sizeof(scratch);
  expect(in_arena_a && in_arena_b && !in_arena_c,
         "two blocks from the arena, the third from the heap");
  expect(aligned(a, 64) && aligned(b, 64) && aligned(c, 64), "64-byte aligned");
  memset(a, 1, 100);
  memset(b, 2, 100);
  memset(c, 3, 100);
  expect(a[99] == 1 && b[0] == 2, "blocks do not overlap");
  char *d = nnc_rt_aligned_alloc(4096, 10);
  expect(d && aligned(d, 4096), "aligned_alloc(4096)");
  char *e = nnc_rt_aligned_alloc(16, 10);
  expect(e && aligned(e, 64), "aligned_alloc(16) is a normal block");
  nnc_rt_free(a);
  nnc_rt_free(b);
  nnc_rt_free(c);
  nnc_rt_free(d);
  nnc_rt_free(e);
  nnc_rt_free(NULL);
  nnc_rt_end(ctx);
  /* A new run starts with an empty arena. */
  nnc_rt_begin(ctx);
  char *f = nnc_rt_alloc(100);
  expect(f == a, "the next run reuses the arena from the start");
  nnc_rt_free(f);
  nnc_rt_end(ctx);
  nnc_rt_ctx_destroy(ctx);

  /* Outside a run, and with no scratch, blocks come from the heap. */
  char *g = nnc_rt_alloc(0);
  expect(g && aligned(g, 64), "heap block outside a run");
  nnc_rt_free(g);
  expect(nnc_rt_ctx_create(1, NULL, 0, 1000, &ctx) == NN_OK &&
             nnc_rt_begin(ctx) == NN_OK,
         "create with its own arena");
  char *h = nnc_rt_alloc(900);
  expect(h && aligned(h, 64), "block from the context's own arena");
  nnc_rt_free(h);
  nnc_rt_end(ctx);
  nnc_rt_ctx_destroy(ctx);
  expect(nnc_rt_begin(NULL) == NN_INVALID_ARGUMENT, "begin(NULL) refused");
  expect(nnc_rt_ctx_create(0, NULL, 0, 0, &ctx) == NN_INVALID_ARGUMENT,
         "0 threads refused");
  printf("context: %d failures\n", failures);
  return failures != 0;
}
