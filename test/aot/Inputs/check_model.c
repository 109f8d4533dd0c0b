/* Runs a compiled model on raw float32 files and compares its outputs with
 * raw float32 references: |got - ref| <= 1e-5 + 1e-4 |ref| per element
 * (numpy.isclose's rule, as scripts/check-models.sh).
 *
 *   object:  cc -DMODEL_HEADER='"m.h"' -DMODEL_PREFIX=m check_model.c m.o -lm
 *            ./a.out IN.bin... REF.bin...
 *   dlopen:  cc -DUSE_DLOPEN check_model.c -ldl
 *            ./a.out LIB.so PREFIX IN.bin... REF.bin...
 *
 * The entry points are found by PREFIX (dlsym) or the header; the counts and
 * shapes come from PREFIX_signature(). Prints `output K: max_abs_err=E
 * PASS|FAIL` per output and exits 1 on any failure. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*create_fn)(int, void *, size_t, void **);
typedef void (*destroy_fn)(void *);
typedef int (*run_fn)(void *, const void *const *, void *const *);
typedef const char *(*signature_fn)(void);

#ifdef USE_DLOPEN
#include <dlfcn.h>
#else
#include MODEL_HEADER
#define PASTE2(a, b) a##_##b
#define PASTE(a, b) PASTE2(a, b)
#endif

enum { MAX_TENSORS = 16 };

static void *read_file(const char *path, size_t bytes) {
  FILE *f = fopen(path, "rb");
  void *data = malloc(bytes ? bytes : 1);
  if (!f || fread(data, 1, bytes, f) != bytes || fgetc(f) != EOF) {
    fprintf(stderr, "error: %s: cannot read %zu bytes of float32\n", path,
            bytes);
    exit(1);
  }
  fclose(f);
  return data;
}

int main(int argc, char **argv) {
  int arg = 1;
  create_fn create;
  destroy_fn destroy;
  run_fn run;
  signature_fn signature;
#ifdef USE_DLOPEN
  if (argc < 3) {
    fprintf(stderr, "usage: %s LIB.so PREFIX IN.bin... REF.bin...\n", argv[0]);
    return 1;
  }
  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    fprintf(stderr, "error: dlopen: %s\n", dlerror());
    return 1;
  }
  char name[256];
#define LOOKUP(var, type, suffix)                                              \
  snprintf(name, sizeof(name), "%s_%s", argv[2], suffix);                      \
  var = (type)dlsym(lib, name);                                                \
  if (!var) {                                                                  \
    fprintf(stderr, "error: dlsym %s: %s\n", name, dlerror());                 \
    return 1;                                                                  \
  }
  LOOKUP(create, create_fn, "ctx_create");
  LOOKUP(destroy, destroy_fn, "ctx_destroy");
  LOOKUP(run, run_fn, "run_packed");
  LOOKUP(signature, signature_fn, "signature");
  arg = 3;
#else
  create = (create_fn)PASTE(MODEL_PREFIX, ctx_create);
  destroy = (destroy_fn)PASTE(MODEL_PREFIX, ctx_destroy);
  run = (run_fn)PASTE(MODEL_PREFIX, run_packed);
  signature = (signature_fn)PASTE(MODEL_PREFIX, signature);
#endif

  /* Element counts per input and output, from the signature text. */
  size_t counts[2][MAX_TENSORS];
  int num[2] = {0, 0};
  const char *line = signature();
  while (*line) {
    char kind[8], tensor[128], dtype[8];
    int rank, used;
    if (sscanf(line, "%7s %127s %7s %d%n", kind, tensor, dtype, &rank, &used) !=
            4 ||
        strcmp(dtype, "f32") != 0) {
      fprintf(stderr, "error: unsupported signature line: %s\n", line);
      return 1;
    }
    line += used;
    size_t count = 1;
    for (int d = 0; d < rank; ++d) {
      long long extent;
      sscanf(line, "%lld%n", &extent, &used);
      line += used;
      count *= (size_t)extent;
    }
    int k = strcmp(kind, "output") == 0;
    counts[k][num[k]++] = count;
    line = strchr(line, '\n') + 1;
  }
  if (argc - arg != num[0] + num[1]) {
    fprintf(stderr,
            "error: the model has %d inputs and %d outputs, got %d "
            "files\n",
            num[0], num[1], argc - arg);
    return 1;
  }
  const void *inputs[MAX_TENSORS];
  void *outputs[MAX_TENSORS];
  for (int i = 0; i < num[0]; ++i) {
    inputs[i] = read_file(argv[arg++], counts[0][i] * sizeof(float));
  }
  for (int i = 0; i < num[1]; ++i) {
    outputs[i] = calloc(counts[1][i] ? counts[1][i] : 1, sizeof(float));
  }
  void *ctx;
  if (create(1, NULL, 0, &ctx) != 0 || run(ctx, inputs, outputs) != 0) {
    fprintf(stderr, "error: the model failed\n");
    return 1;
  }
  destroy(ctx);
  int failed = 0;
  for (int i = 0; i < num[1]; ++i) {
    const float *ref = read_file(argv[arg++], counts[1][i] * sizeof(float));
    const float *got = outputs[i];
    double max_err = 0;
    int bad = 0;
    for (size_t e = 0; e < counts[1][i]; ++e) {
      double err = fabs((double)got[e] - ref[e]);
      max_err = err > max_err ? err : max_err;
      bad += !(err <= 1e-5 + 1e-4 * fabs((double)ref[e]));
    }
    printf("output %d: max_abs_err=%.3g %s\n", i, max_err,
           bad ? "FAIL" : "PASS");
    failed |= bad;
  }
  return failed;
}
