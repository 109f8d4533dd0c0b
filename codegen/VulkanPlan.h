//===- VulkanPlan.h - a compiled model as buffers and dispatches -*- C++
//-*-===//
//
// What the Vulkan runtime executes, with no MLIR in it: SPIR-V kernels,
// device buffers (inputs, outputs, intermediates, constants with their
// bytes), and the dispatches in program order. VulkanCompile builds it from
// the output of buildVulkanPipeline.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_VULKANPLAN_H
#define NNC_CODEGEN_VULKANPLAN_H

#include <cstdint>
#include <string>
#include <vector>

namespace mlir {
namespace nn {

/// One compute shader: entry point `entry` of the SPIR-V module `spirv`;
/// storage buffer i is descriptor set 0, binding i.
struct VulkanKernel {
  std::string entry;
  std::vector<uint32_t> spirv;
  uint32_t bindings = 0;
  uint32_t workgroupSize[3] = {1, 1, 1};
};

/// One device buffer of `bytes` bytes (a multiple of 4).
struct VulkanBuffer {
  enum class Kind { Input, Output, Intermediate, Constant };
  Kind kind = Kind::Intermediate;
  /// Input or output number for Input/Output buffers.
  int index = -1;
  uint64_t bytes = 0;
  /// Contents of a Constant buffer (`bytes` long).
  std::vector<char> data;
};

/// `kernel` over `groups` workgroups with buffers[i] at binding i.
struct VulkanDispatch {
  uint32_t kernel = 0;
  uint32_t groups[3] = {1, 1, 1};
  std::vector<uint32_t> buffers;
};

/// A whole model: run the dispatches in order, each after the writes of the
/// ones before it are visible.
struct VulkanPlan {
  std::vector<VulkanKernel> kernels;
  std::vector<VulkanBuffer> buffers;
  std::vector<VulkanDispatch> dispatches;
  /// Buffer of input i / output i.
  std::vector<uint32_t> inputs, outputs;
};

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_VULKANPLAN_H
