/*===- npy.c - NumPy .npy files for the nnc runtime -------------*- C -*-===*
 *
 * Format: magic "\x93NUMPY", major/minor version, header length (2 bytes in
 * v1, 4 in v2/v3), then a Python dict literal with 'descr', 'fortran_order'
 * and 'shape', padded with spaces and a newline; the raw data follows.
 *
 *===----------------------------------------------------------------------===*/
#include "runtime/npy.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static const struct {
  nn_dtype dtype;
  const char *descr;
} kDescrs[] = {
    {NN_F32, "<f4"}, {NN_F64, "<f8"}, {NN_F16, "<f2"},  {NN_I64, "<i8"},
    {NN_I32, "<i4"}, {NN_I8, "|i1"},  {NN_BOOL, "|b1"},
};

const char *nn_npy_descr(nn_dtype dtype) {
  for (size_t i = 0; i < sizeof(kDescrs) / sizeof(kDescrs[0]); ++i) {
    if (kDescrs[i].dtype == dtype) {
      return kDescrs[i].descr;
    }
  }
  return NULL;
}

/* Maps a descr to a dtype; '=' (native, little-endian here) and '<' are
 * accepted for multi-byte types, '|', '<' and '=' for one-byte types. */
static int parse_descr(const char *descr, size_t length, nn_dtype *out) {
  if (length != 3 || (descr[0] != '<' && descr[0] != '|' && descr[0] != '=')) {
    return 0;
  }
  for (size_t i = 0; i < sizeof(kDescrs) / sizeof(kDescrs[0]); ++i) {
    if (memcmp(kDescrs[i].descr + 1, descr + 1, 2) == 0) {
      if (descr[0] == '|' && nn_dtype_size(kDescrs[i].dtype) != 1) {
        return 0;
      }
      *out = kDescrs[i].dtype;
      return 1;
    }
  }
  return 0;
}

/* The text after `'key':` (skipping blanks) in the header dict, or null. */
static const char *find_value(const char *header, const char *key) {
  char quoted[32];
  snprintf(quoted, sizeof(quoted), "'%s'", key);
  const char *at = strstr(header, quoted);
  if (!at) {
    return NULL;
  }
  at += strlen(quoted);
  while (*at == ' ') {
    ++at;
  }
  if (*at != ':') {
    return NULL;
  }
  ++at;
  while (*at == ' ') {
    ++at;
  }
  return at;
}

static nn_status parse_header(const char *header, nn_dtype *dtype,
                              int32_t *rank, int64_t *shape, char *error,
                              size_t error_size) {
  const char *descr = find_value(header, "descr");
  if (!descr || (*descr != '\'' && *descr != '"')) {
    return fail(error, error_size, NN_INVALID_ARGUMENT, "no 'descr' in header");
  }
  const char *end = strchr(descr + 1, *descr);
  if (!end || !parse_descr(descr + 1, (size_t)(end - descr - 1), dtype)) {
    int length = end ? (int)(end - descr - 1) : 0;
    return fail(error, error_size, NN_UNSUPPORTED,
                "unsupported dtype '%.*s' (expected little-endian f4, f8, f2, "
                "i8, i4, i1 or b1)",
                length, descr + 1);
  }
  const char *order = find_value(header, "fortran_order");
  if (!order || strncmp(order, "False", 5) != 0) {
    return fail(error, error_size, NN_UNSUPPORTED,
                "only C-ordered arrays are supported (fortran_order False)");
  }
  const char *dims = find_value(header, "shape");
  if (!dims || *dims != '(') {
    return fail(error, error_size, NN_INVALID_ARGUMENT, "no 'shape' in header");
  }
  ++dims;
  *rank = 0;
  for (;;) {
    while (*dims == ' ' || *dims == ',') {
      ++dims;
    }
    if (*dims == ')') {
      break;
    }
    char *next;
    long long extent = strtoll(dims, &next, 10);
    if (next == dims || extent < 0) {
      return fail(error, error_size, NN_INVALID_ARGUMENT, "malformed 'shape'");
    }
    if (*rank == NN_MAX_RANK) {
      return fail(error, error_size, NN_UNSUPPORTED, "rank above %d",
                  NN_MAX_RANK);
    }
    shape[(*rank)++] = extent;
    dims = next;
  }
  return NN_OK;
}

nn_status nn_npy_read(const char *path, nn_buffer *out, char *error,
                      size_t error_size) {
  if (!path || !out) {
    return fail(error, error_size, NN_INVALID_ARGUMENT, "null argument");
  }
  memset(out, 0, sizeof(*out));
  FILE *file = fopen(path, "rb");
  if (!file) {
    return fail(error, error_size, NN_INVALID_ARGUMENT, "%s: cannot open",
                path);
  }
  unsigned char prefix[10];
  nn_status status = NN_OK;
  char *header = NULL;
  if (fread(prefix, 1, 8, file) != 8 || memcmp(prefix, "\x93NUMPY", 6) != 0) {
    status = fail(error, error_size, NN_INVALID_ARGUMENT, "%s: not a .npy file",
                  path);
    goto done;
  }
  uint32_t header_length;
  if (prefix[6] == 1) {
    if (fread(prefix + 8, 1, 2, file) != 2) {
      goto truncated;
    }
    header_length = prefix[8] | (uint32_t)prefix[9] << 8;
  } else if (prefix[6] == 2 || prefix[6] == 3) {
    unsigned char bytes[4];
    if (fread(bytes, 1, 4, file) != 4) {
      goto truncated;
    }
    header_length = bytes[0] | (uint32_t)bytes[1] << 8 |
                    (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24;
  } else {
    status = fail(error, error_size, NN_UNSUPPORTED,
                  "%s: unsupported .npy version %d", path, prefix[6]);
    goto done;
  }
  if (header_length > (1u << 20)) {
    status = fail(error, error_size, NN_INVALID_ARGUMENT, "%s: header too long",
                  path);
    goto done;
  }
  header = malloc(header_length + 1);
  if (!header) {
    status = fail(error, error_size, NN_OUT_OF_MEMORY, "out of memory");
    goto done;
  }
  if (fread(header, 1, header_length, file) != header_length) {
    goto truncated;
  }
  header[header_length] = '\0';
  nn_dtype dtype;
  int32_t rank;
  int64_t shape[NN_MAX_RANK];
  char reason[160];
  status = parse_header(header, &dtype, &rank, shape, reason, sizeof(reason));
  if (status != NN_OK) {
    fail(error, error_size, status, "%s: %s", path, reason);
    goto done;
  }
  size_t bytes;
  long data_start = ftell(file);
  if (nn_buffer_byte_size(dtype, rank, shape, &bytes) != NN_OK ||
      data_start < 0 || fseek(file, 0, SEEK_END) != 0 ||
      (size_t)(ftell(file) - data_start) < bytes ||
      fseek(file, data_start, SEEK_SET) != 0) {
    goto truncated;
  }
  status = nn_buffer_create(dtype, rank, shape, out);
  if (status != NN_OK) {
    fail(error, error_size, status, "%s: cannot allocate the array", path);
    goto done;
  }
  if (fread(out->data, 1, bytes, file) != bytes) {
    nn_buffer_destroy(out);
    goto truncated;
  }
  goto done;
truncated:
  status =
      fail(error, error_size, NN_INVALID_ARGUMENT, "%s: truncated file", path);
done:
  free(header);
  fclose(file);
  return status;
}

nn_status nn_npy_write(const char *path, const nn_buffer *buffer, char *error,
                       size_t error_size) {
  if (!path || !buffer) {
    return fail(error, error_size, NN_INVALID_ARGUMENT, "null argument");
  }
  const char *descr = nn_npy_descr(buffer->dtype);
  if (!descr) {
    return fail(error, error_size, NN_UNSUPPORTED,
                "%s: no .npy dtype for this tensor type", path);
  }
  size_t bytes;
  nn_status status =
      nn_buffer_byte_size(buffer->dtype, buffer->rank, buffer->shape, &bytes);
  if (status != NN_OK) {
    return fail(error, error_size, status, "%s: bad buffer shape", path);
  }
  /* Dict, padded with spaces so that magic + length + dict + '\n' is a
   * multiple of 64 bytes (what NumPy writes). */
  char header[64 + 24 * NN_MAX_RANK + 64];
  int length =
      snprintf(header, sizeof(header),
               "{'descr': '%s', 'fortran_order': False, 'shape': (", descr);
  for (int32_t i = 0; i < buffer->rank; ++i) {
    length +=
        snprintf(header + length, sizeof(header) - length, "%lld%s",
                 (long long)buffer->shape[i],
                 buffer->rank == 1 ? "," : (i + 1 < buffer->rank ? ", " : ""));
  }
  length += snprintf(header + length, sizeof(header) - length, "), }");
  while ((10 + length + 1) % 64 != 0) {
    header[length++] = ' ';
  }
  header[length++] = '\n';
  unsigned char prefix[10] = {0x93,
                              'N',
                              'U',
                              'M',
                              'P',
                              'Y',
                              1,
                              0,
                              (unsigned char)(length & 0xff),
                              (unsigned char)(length >> 8)};
  FILE *file = fopen(path, "wb");
  if (!file) {
    return fail(error, error_size, NN_INVALID_ARGUMENT,
                "%s: cannot open for writing", path);
  }
  int ok = fwrite(prefix, 1, 10, file) == 10 &&
           fwrite(header, 1, (size_t)length, file) == (size_t)length &&
           (bytes == 0 || fwrite(buffer->data, 1, bytes, file) == bytes);
  if (fclose(file) != 0) {
    ok = 0;
  }
  return ok ? NN_OK
            : fail(error, error_size, NN_INVALID_ARGUMENT, "%s: write failed",
                   path);
}
