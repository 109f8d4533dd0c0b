/* Links tiny.o (nnc --emit=obj of tiny.mlir) and checks every entry point
 * against the model's math computed here in plain C. Prints one line per
 * check and `tiny: N failures`; exits 1 on any failure. */
#include "tiny.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const float W[4][3] = {{0.1f, -0.2f, 0.3f},
                              {0.4f, 0.5f, -0.6f},
                              {-0.7f, 0.8f, 0.9f},
                              {1.0f, -1.1f, 0.2f}};
static const float B[4] = {0.01f, -0.02f, 0.03f, -0.04f};
static int failures;

static void reference(const float x[2][3], const float y[2][4],
                      float out0[2][4], float out1[3][2]) {
  for (int i = 0; i < 2; ++i) {
    double h[4], total = 0;
    for (int j = 0; j < 4; ++j) {
      double sum = B[j];
      for (int k = 0; k < 3; ++k) {
        sum += (double)x[i][k] * W[j][k];
      }
      h[j] = exp(tanh(sum));
      total += h[j];
    }
    for (int j = 0; j < 4; ++j) {
      out0[i][j] = (float)(h[j] / total + y[i][j]);
    }
  }
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 2; ++j) {
      out1[i][j] = x[j][i];
    }
  }
}

static void expect(int ok, const char *what) {
  printf("%s: %s\n", what, ok ? "ok" : "FAILED");
  failures += !ok;
}

static int close_to(const float *got, const float *want, int n) {
  for (int i = 0; i < n; ++i) {
    if (fabsf(got[i] - want[i]) > 1e-5f + 1e-5f * fabsf(want[i])) {
      fprintf(stderr, "element %d: got %g, expected %g\n", i, got[i], want[i]);
      return 0;
    }
  }
  return 1;
}

int main(void) {
  float x[2][3] = {{0.5f, -1.0f, 2.0f}, {-0.25f, 0.75f, 1.5f}};
  float y[2][4] = {{1, 2, 3, 4}, {-1, -2, -3, -4}};
  float want0[2][4], want1[3][2], out0[2][4], out1[3][2];
  reference(x, y, want0, want1);

  tiny_ctx *ctx = NULL;
  expect(tiny_ctx_create(1, NULL, 0, &ctx) == 0 && ctx, "ctx_create");
  memset(out0, 0, sizeof(out0));
  memset(out1, 0, sizeof(out1));
  expect(tiny_run(ctx, &x[0][0], &y[0][0], &out0[0][0], &out1[0][0]) == 0,
         "run");
  expect(close_to(&out0[0][0], &want0[0][0], 8), "run output_0");
  expect(close_to(&out1[0][0], &want1[0][0], 6), "run output_1");

  /* Twice more through the packed entry: the arena is reused. */
  const void *inputs[] = {x, y};
  void *outputs[] = {out0, out1};
  for (int r = 0; r < 2; ++r) {
    memset(out0, 0, sizeof(out0));
    expect(tiny_run_packed(ctx, inputs, outputs) == 0 &&
               close_to(&out0[0][0], &want0[0][0], 8),
           "run_packed");
  }
  tiny_ctx_destroy(ctx);

  /* Caller-supplied scratch, deliberately misaligned. */
  size_t scratch_size = tiny_scratch_size();
  expect(scratch_size == TINY_SCRATCH_BYTES, "scratch_size");
  char *memory = malloc(scratch_size + 1);
  expect(tiny_ctx_create(2, memory + 1, scratch_size, &ctx) == 0,
         "ctx_create with scratch");
  memset(out0, 0, sizeof(out0));
  expect(tiny_run(ctx, &x[0][0], &y[0][0], &out0[0][0], &out1[0][0]) == 0 &&
             close_to(&out0[0][0], &want0[0][0], 8),
         "run with scratch");
  tiny_ctx_destroy(ctx);
  free(memory);

  /* Misuse is reported, never a crash. */
  char small[1];
  expect(scratch_size == 0 || tiny_ctx_create(1, small, 1, &ctx) == 1,
         "too little scratch -> 1");
  expect(tiny_ctx_create(0, NULL, 0, &ctx) == 1, "0 threads -> 1");
  expect(tiny_run(NULL, &x[0][0], &y[0][0], &out0[0][0], &out1[0][0]) == 1,
         "null ctx -> 1");
  tiny_ctx_create(1, NULL, 0, &ctx);
  expect(tiny_run(ctx, NULL, &y[0][0], &out0[0][0], &out1[0][0]) == 1,
         "null input -> 1");
  expect(tiny_run_packed(ctx, NULL, outputs) == 1, "null array -> 1");
  tiny_ctx_destroy(ctx);

  printf("signature:\n%s", tiny_signature());
  printf("tiny: %d failures\n", failures);
  return failures != 0;
}
