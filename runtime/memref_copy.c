/*===- memref_copy.c - strided copies for AOT-compiled models ---*- C -*-===*
 *
 * `memref.copy` between non-contiguous memrefs lowers to a call of
 * `memrefCopy(element_size, unranked source, unranked target)`. The JIT takes
 * it from MLIR's libmlir_c_runner_utils; standalone executables and objects
 * cannot link MLIR, so this is the same function in plain C. A ranked
 * descriptor is {allocated, aligned, offset, sizes[rank], strides[rank]}
 * (pointers and 64-bit integers); strides count elements.
 *
 *===----------------------------------------------------------------------===*/

#include <stdint.h>
#include <string.h>

typedef struct nnc_unranked_memref {
  int64_t rank;
  void *descriptor;
} nnc_unranked_memref;

typedef struct nnc_descriptor_head {
  char *allocated;
  char *aligned;
  int64_t offset;
  int64_t dims[]; /* sizes[rank], then strides[rank] */
} nnc_descriptor_head;

/* Declared here for -Wmissing-prototypes; the name is MLIR's ABI. */
void memrefCopy(int64_t element_size, nnc_unranked_memref *source,
                nnc_unranked_memref *target);

void memrefCopy(int64_t element_size, nnc_unranked_memref *source,
                nnc_unranked_memref *target) {
  const nnc_descriptor_head *src = source->descriptor;
  const nnc_descriptor_head *dst = target->descriptor;
  int64_t rank = source->rank;
  const int64_t *sizes = src->dims, *src_strides = src->dims + rank;
  const int64_t *dst_strides = dst->dims + rank;
  const char *from = src->aligned + src->offset * element_size;
  char *to = dst->aligned + dst->offset * element_size;
  for (int64_t d = 0; d < rank; ++d) {
    if (sizes[d] == 0) {
      return;
    }
  }
  /* Walk the index space odometer-style (the innermost index fastest). */
  int64_t index[16] = {0};
  if (rank > 16) {
    return; /* nn tensors have rank <= 8 */
  }
  for (;;) {
    memcpy(to, from, (size_t)element_size);
    int64_t d = rank - 1;
    for (; d >= 0; --d) {
      from += src_strides[d] * element_size;
      to += dst_strides[d] * element_size;
      if (++index[d] < sizes[d]) {
        break;
      }
      from -= sizes[d] * src_strides[d] * element_size;
      to -= sizes[d] * dst_strides[d] * element_size;
      index[d] = 0;
    }
    if (d < 0) {
      return;
    }
  }
}
