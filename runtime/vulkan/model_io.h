//===- model_io.h - a compiled Vulkan model as bytes ------------*- C++ -*-===//
//
// The serialized form of a compiled model that `nnc --target=vulkan` embeds
// in its executables and vk_main reads back: the runtime's ProgramDesc
// (kernels as SPIR-V words, buffers with constant bytes, dispatches, input
// and output bindings) plus each input's and output's name, dtype and shape.
// Little-endian, versioned; the reader checks every length against the
// bytes it has, so a truncated or foreign blob is an error, never a crash.
//
// Layout (u32/u64/i64 little-endian; str = u32 length + bytes):
//   "NNVK" u32 version(=1)
//   u32 #kernels   { str entry; u32 bindings; u32 #words; words }
//   u32 #buffers   { u64 bytes; u8 constant; [constant: bytes of data] }
//   u32 #dispatches{ u32 kernel; u32 groups[3]; u32 #buffers; u32 ids }
//   u32 #inputs  { u32 buffer; str name; u32 dtype; u32 rank; i64 dims }
//   u32 #outputs { same }
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_VULKAN_MODEL_IO_H
#define NNC_RUNTIME_VULKAN_MODEL_IO_H

#include "runtime/vulkan/program.h"

#include <string>
#include <vector>

namespace nnvk {

/// One input or output of a model as the host sees it.
struct TensorDesc {
  std::string name;
  /// An nn_dtype value (runtime/buffer.h).
  uint32_t dtype = 0;
  std::vector<int64_t> shape;
};

/// A compiled model: the program plus its host-side signature
/// (inputs[i] is bound to program.inputs[i], likewise outputs).
struct ModelDesc {
  ProgramDesc program;
  std::vector<TensorDesc> inputs, outputs;
};

/// Current format version.
constexpr uint32_t kModelFormatVersion = 1;

/// `model` as bytes (the layout above).
std::string serializeModel(const ModelDesc &model);

/// Reads `size` bytes at `data` into `model`; NN_INVALID_MODEL with a
/// message when they are not a version-1 model.
nn_status parseModel(const void *data, size_t size, ModelDesc &model,
                     std::string &error);

} // namespace nnvk

#endif // NNC_RUNTIME_VULKAN_MODEL_IO_H
