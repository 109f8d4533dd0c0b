/*===- status.h - status codes of the nnc runtime C ABI ---------*- C -*-===*
 *
 * Every runtime function returns an nn_status; outputs come through `out`
 * parameters. Nothing throws or aborts across the ABI.
 *
 *===----------------------------------------------------------------------===*/
#ifndef NNC_RUNTIME_STATUS_H
#define NNC_RUNTIME_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum nn_status {
  NN_OK = 0,
  NN_INVALID_ARGUMENT = 1, /* a null pointer, a negative extent, ... */
  NN_OUT_OF_MEMORY = 2,    /* allocation failed or its size overflows */
  NN_UNSUPPORTED = 3,      /* a dtype or feature this build lacks */
  NN_IO_ERROR = 4,         /* a file cannot be opened or read */
  NN_INVALID_MODEL = 5,    /* a model that does not parse, import or compile */
  NN_RUNTIME_ERROR = 6,    /* running a compiled model failed */
} nn_status;

/* A static, human-readable name for `status` ("ok", "invalid argument", ...).
 */
const char *nn_status_string(nn_status status);

#ifdef __cplusplus
}
#endif

#endif /* NNC_RUNTIME_STATUS_H */
