//===- PlanProgram.h - a compiled Vulkan plan as a runtime program -*- C++ -*-//
//
// codegen's VulkanPlan (SPIR-V kernels, buffers, dispatches; plain C++) as
// runtime/vulkan's ProgramDesc. Shared by nn-run's runner (also built into
// nn-train and the host API) and nnc's Vulkan executables.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TOOLS_NNRUN_PLANPROGRAM_H
#define NNC_TOOLS_NNRUN_PLANPROGRAM_H

#include "codegen/VulkanPlan.h"
#include "runtime/vulkan/program.h"

#include <algorithm>

namespace mlir {
namespace nn {

/// Moves the kernels, buffers, dispatches and input/output buffer numbers of
/// `plan` into `desc` (feedback is the caller's).
inline void moveIntoProgram(VulkanPlan &plan, nnvk::ProgramDesc &desc) {
  for (VulkanKernel &k : plan.kernels) {
    desc.kernels.push_back({k.entry, std::move(k.spirv), k.bindings});
  }
  for (VulkanBuffer &b : plan.buffers) {
    nnvk::ProgramDesc::Buffer buffer;
    buffer.bytes = b.bytes;
    buffer.constant = b.kind == VulkanBuffer::Kind::Constant;
    buffer.data = std::move(b.data);
    desc.buffers.push_back(std::move(buffer));
  }
  for (VulkanDispatch &d : plan.dispatches) {
    nnvk::ProgramDesc::Dispatch dispatch;
    dispatch.kernel = d.kernel;
    std::copy_n(d.groups, 3, dispatch.groups);
    dispatch.buffers = std::move(d.buffers);
    desc.dispatches.push_back(std::move(dispatch));
  }
  desc.inputs = plan.inputs;
  desc.outputs = plan.outputs;
}

} // namespace nn
} // namespace mlir

#endif // NNC_TOOLS_NNRUN_PLANPROGRAM_H
