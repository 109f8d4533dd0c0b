/*===- idx.h - MNIST-format IDX files for the nnc runtime ------*- C -*-===*
 *
 * Reads IDX files (the format of MNIST and Fashion-MNIST: big-endian magic
 * 0x0000TTRR with element type TT and rank RR, RR big-endian 32-bit extents,
 * then big-endian data), plain or gzip-compressed (detected, via zlib).
 * Every element type of the format (u8, i8, i16, i32, f32, f64) converts to
 * the requested dtype: NN_F32 (values unchanged, no scaling) or NN_I64 (for
 * labels; non-integral values are refused). Truncated or malformed files are
 * reported with a one-line reason naming the file.
 *
 *===----------------------------------------------------------------------===*/
#ifndef NNC_RUNTIME_IDX_H
#define NNC_RUNTIME_IDX_H

#include "runtime/buffer.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Reads `path` into a newly created (owned) buffer *out of dtype `dtype`
 * (NN_F32 or NN_I64). On failure, writes a one-line reason into `error` (at
 * most `error_size` bytes, may be null). */
nn_status nn_idx_read(const char *path, nn_dtype dtype, nn_buffer *out,
                      char *error, size_t error_size);

#ifdef __cplusplus
}
#endif

#endif /* NNC_RUNTIME_IDX_H */
