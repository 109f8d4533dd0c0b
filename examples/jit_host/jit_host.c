/*===- jit_host.c - run a model through the nnc C API ------------*- C -*-===*
 *
 * `nnc-jit-host-c MODEL(.onnx|.mlir) [EXTENT]`: loads the model, prints its
 * inputs and outputs, fills each input with ((k + j) % 7 - 3) * 0.5 (element
 * k of input j; dynamic extents become EXTENT, default 2), runs it once with
 * runtime-allocated outputs and once more into caller-allocated outputs (the
 * same shapes: the compile is reused), and prints the first values of each
 * output. Any failure: `error: <status>: <message>` on stderr, exit 1.
 *
 *===----------------------------------------------------------------------===*/
#include "nnc/nnc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *dtype_name(nn_dtype dtype) {
  static const char *names[] = {"f32", "f64", "f16", "bf16",
                                "i8",  "i32", "i64", "bool"};
  return (unsigned)dtype < 8 ? names[dtype] : "?";
}

static void print_type(nn_dtype dtype, int32_t rank, const int64_t *shape) {
  printf("%s[", dtype_name(dtype));
  for (int32_t d = 0; d < rank; ++d) {
    if (shape[d] < 0) {
      printf("%s?", d ? "x" : "");
    } else {
      printf("%s%lld", d ? "x" : "", (long long)shape[d]);
    }
  }
  printf("]");
}

static size_t num_elements(const nn_buffer *b) {
  size_t n = 1;
  for (int32_t d = 0; d < b->rank; ++d) {
    n *= (size_t)b->shape[d];
  }
  return n;
}

static double element(const nn_buffer *b, size_t k) {
  switch (b->dtype) {
  case NN_F32:
    return ((const float *)b->data)[k];
  case NN_F64:
    return ((const double *)b->data)[k];
  case NN_I8:
    return ((const int8_t *)b->data)[k];
  case NN_I32:
    return ((const int32_t *)b->data)[k];
  case NN_I64:
    return (double)((const int64_t *)b->data)[k];
  case NN_BOOL:
    return ((const uint8_t *)b->data)[k] != 0;
  default:
    return 0; /* f16/bf16: not decoded by this example */
  }
}

static void fill(nn_buffer *b, size_t j) {
  for (size_t k = 0, n = num_elements(b); k < n; ++k) {
    long v = (long)((k + j) % 7) - 3;
    switch (b->dtype) {
    case NN_F32:
      ((float *)b->data)[k] = (float)v * 0.5f;
      break;
    case NN_F64:
      ((double *)b->data)[k] = (double)v * 0.5;
      break;
    case NN_I8:
      ((int8_t *)b->data)[k] = (int8_t)v;
      break;
    case NN_I32:
      ((int32_t *)b->data)[k] = (int32_t)v;
      break;
    case NN_I64:
      ((int64_t *)b->data)[k] = v;
      break;
    case NN_BOOL:
      ((uint8_t *)b->data)[k] = (uint8_t)(k % 2);
      break;
    default:
      break; /* f16/bf16 stay zero */
    }
  }
}

static int fail(nn_status status, const char *message) {
  fprintf(stderr, "error: %s: %s\n", nn_status_string(status), message);
  return 1;
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: %s MODEL(.onnx|.mlir) [EXTENT]\n", argv[0]);
    return 1;
  }
  int64_t extent = argc == 3 ? atoll(argv[2]) : 2;

  nnc_session *s = NULL;
  nn_status status = nnc_session_create_from_file(argv[1], NULL, &s);
  if (status != NN_OK) {
    return fail(status, nnc_last_error_message());
  }

  size_t n_in = nnc_session_num_inputs(s), n_out = nnc_session_num_outputs(s);
  nn_buffer *inputs = calloc(n_in ? n_in : 1, sizeof(nn_buffer));
  nn_buffer *outputs = calloc(n_out ? n_out : 1, sizeof(nn_buffer));
  nn_buffer *mine = calloc(n_out ? n_out : 1, sizeof(nn_buffer));
  int rc = 0;
  for (size_t i = 0; i < n_in; ++i) {
    const char *name;
    nn_dtype dtype;
    int32_t rank;
    const int64_t *shape;
    nnc_session_input_info(s, i, &name, &dtype, &rank, &shape);
    printf("input %zu '%s': ", i, name);
    print_type(dtype, rank, shape);
    printf("\n");
    int64_t concrete[NN_MAX_RANK];
    for (int32_t d = 0; d < rank; ++d) {
      concrete[d] = shape[d] < 0 ? extent : shape[d];
    }
    if ((status = nn_buffer_create(dtype, rank, concrete, &inputs[i])) !=
        NN_OK) {
      rc = fail(status, "cannot allocate an input");
      goto done;
    }
    fill(&inputs[i], i);
  }
  for (size_t i = 0; i < n_out; ++i) {
    const char *name;
    nn_dtype dtype;
    int32_t rank;
    const int64_t *shape;
    nnc_session_output_info(s, i, &name, &dtype, &rank, &shape);
    printf("output %zu '%s': ", i, name);
    print_type(dtype, rank, shape);
    printf("\n");
  }

  /* Run 1: zeroed outputs, allocated by the runtime. */
  if ((status = nnc_session_run(s, inputs, n_in, outputs, n_out)) != NN_OK) {
    rc = fail(status, nnc_session_last_error(s));
    goto done;
  }
  /* Run 2: caller-allocated outputs of the same shapes, written in place. */
  for (size_t i = 0; i < n_out; ++i) {
    nn_buffer_create(outputs[i].dtype, outputs[i].rank, outputs[i].shape,
                     &mine[i]);
  }
  if ((status = nnc_session_run(s, inputs, n_in, mine, n_out)) != NN_OK) {
    rc = fail(status, nnc_session_last_error(s));
    goto done;
  }
  for (size_t i = 0; i < n_out; ++i) {
    size_t n = num_elements(&outputs[i]);
    size_t bytes = 0;
    nn_buffer_byte_size(outputs[i].dtype, outputs[i].rank, outputs[i].shape,
                        &bytes);
    printf("result %zu: ", i);
    print_type(outputs[i].dtype, outputs[i].rank, outputs[i].shape);
    printf(" =");
    for (size_t k = 0; k < n && k < 16; ++k) {
      printf(" %g", element(&outputs[i], k) + 0.0); /* -0 prints as 0 */
    }
    printf("%s\n", n > 16 ? " ..." : "");
    printf("in-place run %s\n",
           memcmp(outputs[i].data, mine[i].data, bytes) ? "differs" : "agrees");
  }
  printf("compiles=%zu\n", nnc_session_num_compiles(s));

done:
  for (size_t i = 0; i < n_in; ++i) {
    nn_buffer_destroy(&inputs[i]);
  }
  for (size_t i = 0; i < n_out; ++i) {
    nn_buffer_destroy(&outputs[i]);
    nn_buffer_destroy(&mine[i]);
  }
  free(inputs);
  free(outputs);
  free(mine);
  nnc_session_destroy(s);
  return rc;
}
