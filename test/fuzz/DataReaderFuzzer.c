/*===- DataReaderFuzzer.c - libFuzzer target for nn-train's data readers ===*
 *
 * Bytes -> a temporary file -> nn_idx_read (as f32 and as i64 labels) and
 * nn_npy_read. Every input must end in a buffer or one error message;
 * crashes, sanitizer reports, leaks and huge allocations are findings. Plain
 * C like the readers, so it builds in seconds:
 *   clang-22 -g -O1 -fsanitize=fuzzer,address,undefined -I. \
 *     test/fuzz/DataReaderFuzzer.c runtime/idx.c runtime/npy.c \
 *     runtime/buffer.c -lz -lm -o /tmp/nn-data-fuzzer
 *
 *===----------------------------------------------------------------------===*/
#include "runtime/idx.h"
#include "runtime/npy.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void check(nn_status status, nn_buffer *buffer, const char *error) {
  if (status == NN_OK) {
    nn_buffer_destroy(buffer);
  } else if (!error[0]) {
    fprintf(stderr, "nn-data-fuzzer: a reader failed without a message\n");
    abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[] = "/tmp/nn-data-fuzz-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) {
    return 0;
  }
  if (write(fd, data, size) != (ssize_t)size) {
    close(fd);
    unlink(path);
    return 0;
  }
  close(fd);
  char error[256];
  nn_buffer buffer = {0};
  error[0] = 0;
  check(nn_idx_read(path, NN_F32, &buffer, error, sizeof(error)), &buffer,
        error);
  error[0] = 0;
  check(nn_idx_read(path, NN_I64, &buffer, error, sizeof(error)), &buffer,
        error);
  error[0] = 0;
  check(nn_npy_read(path, &buffer, error, sizeof(error)), &buffer, error);
  unlink(path);
  return 0;
}
