/*===- npy.h - NumPy .npy files for the nnc runtime -------------*- C -*-===*
 *
 * Reads and writes version 1.0-3.0 .npy files of little-endian, C-ordered
 * dense arrays: float32/64/16, int64/32/8 and bool (one byte each), mapped
 * onto nn_buffer's dtypes. Fortran order, big-endian data and other dtypes
 * are refused with a message.
 *
 *===----------------------------------------------------------------------===*/
#ifndef NNC_RUNTIME_NPY_H
#define NNC_RUNTIME_NPY_H

#include "runtime/buffer.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Reads `path` into a newly created (owned) buffer *out. On failure, writes a
 * one-line reason into `error` (at most `error_size` bytes, may be null). */
nn_status nn_npy_read(const char *path, nn_buffer *out, char *error,
                      size_t error_size);

/* Writes `buffer` to `path` as a version 1.0 .npy file (bf16 unsupported). */
nn_status nn_npy_write(const char *path, const nn_buffer *buffer, char *error,
                       size_t error_size);

/* The NumPy dtype string of `dtype` ("<f4", "|b1", ...), or null. */
const char *nn_npy_descr(nn_dtype dtype);

#ifdef __cplusplus
}
#endif

#endif /* NNC_RUNTIME_NPY_H */
