/*===- nnc.h - the host API of nnc (stable C ABI) ---------------*- C -*-===*
 *
 * Load a model (.onnx or .mlir `func.func @main` on nn tensors), ask for its
 * inputs and outputs, and run it on the host CPU on caller buffers. The model
 * is specialized to the shapes of the inputs given to nnc_session_run, and
 * JIT-compiled once per distinct set of input shapes (later runs with the same
 * shapes reuse that compile).
 *
 * Every function returns an nn_status and gives its results through `out`
 * parameters; nothing throws or aborts across this ABI. On failure the
 * session's last error (nnc_session_last_error) says why. Link: -lnnc.
 *
 * A session is not thread-safe: use one per thread, or serialize calls.
 *
 *===----------------------------------------------------------------------===*/
#ifndef NNC_NNC_H
#define NNC_NNC_H

#include "runtime/buffer.h"
#include "runtime/status.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define NNC_API __attribute__((visibility("default")))
#else
#define NNC_API
#endif

/* API version: bumped when a function or struct of this header changes. */
#define NNC_API_VERSION 2

typedef struct nnc_session nnc_session;

/* Where a session compiles and runs its model (nnc_options.target). */
typedef enum nnc_target {
  NNC_TARGET_CPU = 0,    /* the host CPU (JIT), the default */
  NNC_TARGET_VULKAN = 1, /* a Vulkan device, chosen by nnc_options.device */
} nnc_target;

/* Session options; zero-initialize (or nnc_options_init) then set fields. */
typedef struct nnc_options {
  /* Worker threads (0 = default). The CPU code is single-threaded today. */
  int32_t num_threads;
  /* An nnc_target (0 = CPU). */
  int32_t target;
  /* Device index within the target, 0 .. nnc_device_count() - 1 (the CPU
   * has only device 0). Session creation fails with NN_INVALID_ARGUMENT for
   * a device that does not exist, NN_UNSUPPORTED when the target is missing
   * (no Vulkan driver, or libnnc built without Vulkan). */
  int32_t device;
  /* Reserved, must be 0. */
  int32_t reserved[5];
} nnc_options;

/* The value of NNC_API_VERSION this library was built with. */
NNC_API int32_t nnc_api_version(void);

/* Fills `opts` with the defaults. */
NNC_API nn_status nnc_options_init(nnc_options *opts);

/* Number of devices of `target` (an nnc_target) into *count: 1 for the CPU,
 * the Vulkan devices otherwise. NN_UNSUPPORTED when the target is missing,
 * NN_INVALID_ARGUMENT for an unknown target or NULL `count`;
 * nnc_last_error_message says why. */
NNC_API nn_status nnc_device_count(int32_t target, int32_t *count);

/* Loads `path`: `.onnx` (ONNX model) or `.mlir` (nn dialect with a
 * `func.func @main`). `opts` may be NULL (defaults). On failure `*out` is set
 * to NULL (when `out` is not NULL) and nnc_last_error_message says why:
 * NN_INVALID_ARGUMENT (NULL pointers, unknown extension, bad options),
 * NN_IO_ERROR (cannot read the file), NN_INVALID_MODEL (does not parse or
 * import, no @main, unsupported input types). */
NNC_API nn_status nnc_session_create_from_file(const char *path,
                                               const nnc_options *opts,
                                               nnc_session **out);

/* Like nnc_session_create_from_file, for MLIR text of `len` bytes (it need
 * not be NUL-terminated). */
NNC_API nn_status nnc_session_create_from_mlir(const char *text, size_t len,
                                               const nnc_options *opts,
                                               nnc_session **out);

/* The message of the latest failed nnc_session_create_* call on this thread
 * (the empty string when there was none). Valid until the next call. */
NNC_API const char *nnc_last_error_message(void);

/* Number of graph inputs / outputs (0 for a NULL session). */
NNC_API size_t nnc_session_num_inputs(const nnc_session *s);
NNC_API size_t nnc_session_num_outputs(const nnc_session *s);

/* Describes input / output `i` as declared by the model: name, dtype, rank
 * and extents (-1 for a dynamic extent). Any out pointer may be NULL. The
 * strings and arrays stay valid until the session is destroyed. */
NNC_API nn_status nnc_session_input_info(nnc_session *s, size_t i,
                                         const char **name, nn_dtype *dtype,
                                         int32_t *rank, const int64_t **shape);
NNC_API nn_status nnc_session_output_info(nnc_session *s, size_t i,
                                          const char **name, nn_dtype *dtype,
                                          int32_t *rank, const int64_t **shape);

/* Compiles (or reuses the compile for these input shapes) and runs the model.
 * `inputs`: n_in dense row-major buffers matching the inputs' dtype, rank and
 * static extents. `outputs`: n_out buffers, each either
 *   - caller-allocated: data != NULL with the exact dtype, rank and shape of
 *     the result; it is written in place (no copy), or
 *   - zeroed (data == NULL): the runtime allocates it (owns_data = 1; release
 *     it with nn_buffer_destroy) and fills in dtype, rank and shape.
 * On failure no output buffer is allocated. */
NNC_API nn_status nnc_session_run(nnc_session *s, const nn_buffer *inputs,
                                  size_t n_in, nn_buffer *outputs,
                                  size_t n_out);

/* Number of distinct input-shape compiles held by the session. */
NNC_API size_t nnc_session_num_compiles(const nnc_session *s);

/* The message of the latest failure on `s` ("" if none; a static message for
 * a NULL session). Valid until the next call on `s`. */
NNC_API const char *nnc_session_last_error(const nnc_session *s);

/* Releases the session and its compiles; NULL is a no-op. */
NNC_API void nnc_session_destroy(nnc_session *s);

#ifdef __cplusplus
}
#endif

#endif /* NNC_NNC_H */
