/*===- buffer.c - aligned tensor buffers of the nnc runtime ----*- C -*-===*/

#include "runtime/buffer.h"

#include <stdlib.h>
#include <string.h>

const char *nn_status_string(nn_status status) {
  switch (status) {
  case NN_OK:
    return "ok";
  case NN_INVALID_ARGUMENT:
    return "invalid argument";
  case NN_OUT_OF_MEMORY:
    return "out of memory";
  case NN_UNSUPPORTED:
    return "unsupported";
  case NN_IO_ERROR:
    return "i/o error";
  case NN_INVALID_MODEL:
    return "invalid model";
  case NN_RUNTIME_ERROR:
    return "runtime error";
  }
  return "unknown status";
}

size_t nn_dtype_size(nn_dtype dtype) {
  switch (dtype) {
  case NN_F32:
  case NN_I32:
    return 4;
  case NN_F64:
  case NN_I64:
    return 8;
  case NN_F16:
  case NN_BF16:
    return 2;
  case NN_I8:
  case NN_BOOL:
    return 1;
  }
  return 0;
}

nn_status nn_buffer_byte_size(nn_dtype dtype, int32_t rank,
                              const int64_t *shape, size_t *out) {
  size_t bytes = nn_dtype_size(dtype);
  if (!out || bytes == 0 || rank < 0 || rank > NN_MAX_RANK ||
      (rank > 0 && !shape)) {
    return NN_INVALID_ARGUMENT;
  }
  for (int32_t i = 0; i < rank; ++i) {
    if (shape[i] < 0) {
      return NN_INVALID_ARGUMENT;
    }
    if (shape[i] != 0 && bytes > SIZE_MAX / (size_t)shape[i]) {
      return NN_OUT_OF_MEMORY;
    }
    bytes *= (size_t)shape[i];
  }
  *out = bytes;
  return NN_OK;
}

static nn_status describe(nn_dtype dtype, int32_t rank, const int64_t *shape,
                          nn_buffer *out) {
  size_t bytes;
  nn_status status = nn_buffer_byte_size(dtype, rank, shape, &bytes);
  if (status != NN_OK) {
    return status;
  }
  memset(out, 0, sizeof(*out));
  out->dtype = dtype;
  out->rank = rank;
  if (rank > 0) {
    memcpy(out->shape, shape, sizeof(int64_t) * (size_t)rank);
  }
  return NN_OK;
}

nn_status nn_buffer_create(nn_dtype dtype, int32_t rank, const int64_t *shape,
                           nn_buffer *out) {
  if (!out) {
    return NN_INVALID_ARGUMENT;
  }
  nn_status status = describe(dtype, rank, shape, out);
  if (status != NN_OK) {
    return status;
  }
  size_t bytes;
  nn_buffer_byte_size(dtype, rank, shape, &bytes);
  /* aligned_alloc needs a multiple of the alignment; never ask for 0 bytes. */
  size_t rounded = (bytes + NN_BUFFER_ALIGNMENT - 1) / NN_BUFFER_ALIGNMENT *
                   NN_BUFFER_ALIGNMENT;
  if (rounded < bytes) {
    return NN_OUT_OF_MEMORY;
  }
  if (rounded == 0) {
    rounded = NN_BUFFER_ALIGNMENT;
  }
  void *data = aligned_alloc(NN_BUFFER_ALIGNMENT, rounded);
  if (!data) {
    return NN_OUT_OF_MEMORY;
  }
  memset(data, 0, rounded);
  out->data = data;
  out->owns_data = 1;
  return NN_OK;
}

nn_status nn_buffer_wrap(void *data, nn_dtype dtype, int32_t rank,
                         const int64_t *shape, nn_buffer *out) {
  if (!out || !data) {
    return NN_INVALID_ARGUMENT;
  }
  nn_status status = describe(dtype, rank, shape, out);
  if (status != NN_OK) {
    return status;
  }
  out->data = data;
  return NN_OK;
}

void nn_buffer_destroy(nn_buffer *buffer) {
  if (!buffer) {
    return;
  }
  if (buffer->owns_data) {
    free(buffer->data);
  }
  memset(buffer, 0, sizeof(*buffer));
}
