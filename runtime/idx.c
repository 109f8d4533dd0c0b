/*===- idx.c - MNIST-format IDX files for the nnc runtime ------*- C -*-===*
 *
 * zlib's gzread reads gzip and plain files alike, so one path serves both.
 * Sizes are checked for overflow before anything is allocated, and the data
 * must be exactly as long as the header says (shorter: truncated; longer:
 * trailing bytes, a sign of a wrong file).
 *
 *===----------------------------------------------------------------------===*/
#include "runtime/idx.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static nn_status fail(char *error, size_t error_size, nn_status status,
                      const char *format, ...) {
  if (error && error_size) {
    va_list args;
    va_start(args, format);
    vsnprintf(error, error_size, format, args);
    va_end(args);
  }
  return status;
}

/* Bytes per element of IDX type code `type`, or 0 if unknown. */
static size_t idx_element_size(int type) {
  switch (type) {
  case 0x08: /* unsigned byte */
  case 0x09: /* signed byte */
    return 1;
  case 0x0B: /* short */
    return 2;
  case 0x0C: /* int */
  case 0x0D: /* float */
    return 4;
  case 0x0E: /* double */
    return 8;
  default:
    return 0;
  }
}

static uint64_t read_be(const unsigned char *p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    v = (v << 8) | p[i];
  }
  return v;
}

/* Element `i` of big-endian IDX data of type `type`, as a double. */
static double idx_element(const unsigned char *data, int type, size_t i) {
  const unsigned char *p = data + i * idx_element_size(type);
  switch (type) {
  case 0x08:
    return p[0];
  case 0x09:
    return (int8_t)p[0];
  case 0x0B:
    return (int16_t)read_be(p, 2);
  case 0x0C:
    return (int32_t)read_be(p, 4);
  case 0x0D: {
    uint32_t bits = (uint32_t)read_be(p, 4);
    float f;
    memcpy(&f, &bits, 4);
    return f;
  }
  default: {
    uint64_t bits = read_be(p, 8);
    double d;
    memcpy(&d, &bits, 8);
    return d;
  }
  }
}

/* Reads exactly `n` bytes; returns the count read (< n: end of file). */
static size_t read_fully(gzFile f, unsigned char *dst, size_t n) {
  size_t done = 0;
  while (done < n) {
    size_t chunk = n - done > (1u << 30) ? (1u << 30) : n - done;
    int got = gzread(f, dst + done, (unsigned)chunk);
    if (got <= 0) {
      break;
    }
    done += (size_t)got;
  }
  return done;
}

static nn_status read_open(gzFile f, const char *path, nn_dtype dtype,
                           nn_buffer *out, char *error, size_t error_size) {
  unsigned char head[4];
  if (read_fully(f, head, 4) != 4) {
    return fail(error, error_size, NN_IO_ERROR,
                "%s: truncated IDX file (no 4-byte magic number)", path);
  }
  int type = head[2], rank = head[3];
  size_t esize = idx_element_size(type);
  if (head[0] != 0 || head[1] != 0 || esize == 0) {
    return fail(error, error_size, NN_INVALID_ARGUMENT,
                "%s: not an IDX file (magic 0x%02x%02x%02x%02x; expected "
                "0x0000TTRR with type TT in 08,09,0B,0C,0D,0E)",
                path, head[0], head[1], head[2], head[3]);
  }
  if (rank < 1 || rank > NN_MAX_RANK) {
    return fail(error, error_size, NN_INVALID_ARGUMENT,
                "%s: IDX rank %d outside [1, %d]", path, rank, NN_MAX_RANK);
  }
  int64_t shape[NN_MAX_RANK];
  size_t count = 1;
  for (int d = 0; d < rank; ++d) {
    unsigned char b[4];
    if (read_fully(f, b, 4) != 4) {
      return fail(error, error_size, NN_IO_ERROR,
                  "%s: truncated IDX header (%d of %d extents)", path, d, rank);
    }
    shape[d] = (int64_t)read_be(b, 4);
    if (shape[d] != 0 && count > SIZE_MAX / esize / (size_t)shape[d]) {
      return fail(error, error_size, NN_OUT_OF_MEMORY,
                  "%s: IDX extents overflow the address space", path);
    }
    count *= (size_t)shape[d];
  }
  size_t bytes = count * esize;
  /* Grow the buffer as data arrives: a header promising more than the file
   * holds must not allocate what it promises. */
  size_t capacity = bytes < (1u << 20) ? (bytes ? bytes : 1) : (1u << 20);
  unsigned char *raw = malloc(capacity);
  size_t got = 0;
  while (raw) {
    size_t n =
        read_fully(f, raw + got, (bytes < capacity ? bytes : capacity) - got);
    got += n;
    if (got == bytes || got < capacity) {
      break; /* complete, or the file ended */
    }
    size_t next = capacity > bytes / 2 ? bytes : capacity * 2;
    unsigned char *grown = realloc(raw, next);
    if (!grown) {
      free(raw);
    }
    raw = grown;
    capacity = next;
  }
  if (!raw) {
    return fail(error, error_size, NN_OUT_OF_MEMORY,
                "%s: cannot allocate %zu bytes", path, bytes);
  }
  unsigned char extra;
  if (got != bytes) {
    free(raw);
    return fail(error, error_size, NN_IO_ERROR,
                "%s: truncated IDX data: header promises %zu bytes, file has "
                "%zu",
                path, bytes, got);
  }
  if (read_fully(f, &extra, 1) != 0) {
    free(raw);
    return fail(error, error_size, NN_INVALID_ARGUMENT,
                "%s: trailing bytes after the %zu bytes of IDX data", path,
                bytes);
  }
  nn_status status = nn_buffer_create(dtype, rank, shape, out);
  if (status != NN_OK) {
    free(raw);
    return fail(error, error_size, status, "%s: cannot allocate the tensor",
                path);
  }
  for (size_t i = 0; i < count; ++i) {
    double v = idx_element(raw, type, i);
    if (dtype == NN_F32) {
      ((float *)out->data)[i] = (float)v;
    } else {
      /* NaN, fractions and values outside int64 are not labels (and the
       * cast of an out-of-range double would be undefined). */
      if (v != floor(v) || !(v >= -9.2e18 && v <= 9.2e18)) {
        free(raw);
        nn_buffer_destroy(out);
        return fail(error, error_size, NN_INVALID_ARGUMENT,
                    "%s: element %zu = %g is not an integer label", path, i, v);
      }
      ((int64_t *)out->data)[i] = (int64_t)v;
    }
  }
  free(raw);
  return NN_OK;
}

nn_status nn_idx_read(const char *path, nn_dtype dtype, nn_buffer *out,
                      char *error, size_t error_size) {
  if (!path || !out || (dtype != NN_F32 && dtype != NN_I64)) {
    return fail(error, error_size, NN_INVALID_ARGUMENT,
                "nn_idx_read: null argument or dtype other than f32/i64");
  }
  gzFile f = gzopen(path, "rb");
  if (!f) {
    return fail(error, error_size, NN_IO_ERROR, "%s: cannot open", path);
  }
  nn_status status = read_open(f, path, dtype, out, error, error_size);
  gzclose(f);
  return status;
}
