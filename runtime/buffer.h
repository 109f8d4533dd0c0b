/*===- buffer.h - aligned tensor buffers of the nnc runtime ----*- C -*-===*
 *
 * A buffer is a dense row-major tensor: dtype, rank, extents and a data
 * pointer aligned for the widest vector unit (64 bytes, one AVX-512 register
 * and one cache line). Buffers either own their storage (nn_buffer_create) or
 * wrap the caller's (nn_buffer_wrap: no copy).
 *
 *===----------------------------------------------------------------------===*/
#ifndef NNC_RUNTIME_BUFFER_H
#define NNC_RUNTIME_BUFFER_H

#include "runtime/status.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NN_BUFFER_ALIGNMENT 64
#define NN_MAX_RANK 8

typedef enum nn_dtype {
  NN_F32 = 0,
  NN_F64 = 1,
  NN_F16 = 2,
  NN_BF16 = 3,
  NN_I8 = 4,
  NN_I32 = 5,
  NN_I64 = 6,
  NN_BOOL = 7,
} nn_dtype;

typedef struct nn_buffer {
  void *data;
  nn_dtype dtype;
  int32_t rank;
  int64_t shape[NN_MAX_RANK];
  int owns_data; /* 1: freed by nn_buffer_destroy */
} nn_buffer;

/* Size in bytes of one element of `dtype` (0 for an unknown dtype). */
size_t nn_dtype_size(nn_dtype dtype);

/* Bytes needed for `rank` extents of `dtype`, into *out. Fails on negative
 * extents, rank outside [0, NN_MAX_RANK], or size_t overflow. */
nn_status nn_buffer_byte_size(nn_dtype dtype, int32_t rank,
                              const int64_t *shape, size_t *out);

/* Allocates a zero-filled, NN_BUFFER_ALIGNMENT-aligned buffer. */
nn_status nn_buffer_create(nn_dtype dtype, int32_t rank, const int64_t *shape,
                           nn_buffer *out);

/* Describes caller-owned `data` without copying; `data` must stay valid. */
nn_status nn_buffer_wrap(void *data, nn_dtype dtype, int32_t rank,
                         const int64_t *shape, nn_buffer *out);

/* Releases owned storage; safe on wrapped and zeroed buffers. */
void nn_buffer_destroy(nn_buffer *buffer);

#ifdef __cplusplus
}
#endif

#endif /* NNC_RUNTIME_BUFFER_H */
