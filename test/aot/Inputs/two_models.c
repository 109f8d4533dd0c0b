/* Links two objects of tiny.mlir compiled with --name=first and
 * --name=second into one program: their runtimes are private to each object,
 * so nothing clashes, and both compute out1 = transpose(x). */
#include "first.h"
#include "second.h"

#include <stdio.h>

int main(void) {
  float x[6] = {1, 2, 3, 4, 5, 6}, y[8] = {0};
  float a0[8], a1[6], b0[8], b1[6];
  first_ctx *a;
  second_ctx *b;
  if (first_ctx_create(1, NULL, 0, &a) || second_ctx_create(1, NULL, 0, &b) ||
      first_run(a, x, y, a0, a1) || second_run(b, x, y, b0, b1)) {
    printf("FAILED to run\n");
    return 1;
  }
  /* transpose of [[1,2,3],[4,5,6]] is [[1,4],[2,5],[3,6]] */
  const float want[6] = {1, 4, 2, 5, 3, 6};
  int ok = 1;
  for (int i = 0; i < 6; ++i) {
    ok &= a1[i] == want[i] && b1[i] == want[i];
  }
  first_ctx_destroy(a);
  second_ctx_destroy(b);
  printf("two models: %s\n", ok ? "ok" : "FAILED");
  return !ok;
}
