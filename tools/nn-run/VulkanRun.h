//===- VulkanRun.h - nn-run's Vulkan target ---------------------*- C++ -*-===//
//
// Compiles a module for one Vulkan device (its real limits and features
// become the SPIR-V target environment) and runs it through runtime/vulkan.
// Built as a stub that reports "built without Vulkan" when the Vulkan
// headers and loader were not found at configure time.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TOOLS_NNRUN_VULKANRUN_H
#define NNC_TOOLS_NNRUN_VULKANRUN_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>

namespace mlir {
namespace nn {

/// A model compiled for and loaded on one Vulkan device.
class VulkanRunner {
public:
  /// Opens device `device`, compiles `module` (modified in place) for it at
  /// `inputTypes` and builds the program. If `spirvDir` is not empty, kernel
  /// i is also written to spirvDir/kernel_<i>.spv. Each `feedback` pair
  /// (output o, input i) keeps input i on the device: after every run,
  /// output o is copied into it there (see nnvk::ProgramDesc::feedback).
  static FailureOr<std::unique_ptr<VulkanRunner>>
  compile(ModuleOp module, ArrayRef<RankedTensorType> inputTypes, int device,
          StringRef spirvDir, std::string &error,
          ArrayRef<std::pair<unsigned, unsigned>> feedback = {});
  ~VulkanRunner();

  ArrayRef<RankedTensorType> getResultTypes() const { return resultTypes; }
  /// Dispatches per inference and bytes of intermediate device buffers.
  int64_t kernelCount() const { return kernels; }
  int64_t intermediateBytes() const { return bytes; }

  /// One inference on dense row-major host buffers.
  LogicalResult run(ArrayRef<const void *> inputs, ArrayRef<void *> outputs,
                    std::string &error);

  /// Sets / reads the device value of input `i` (a fed-back one).
  LogicalResult writeInput(unsigned i, const void *data, std::string &error);
  LogicalResult readInput(unsigned i, void *data, std::string &error);

private:
  VulkanRunner();
  struct State;
  std::unique_ptr<State> state;
  SmallVector<RankedTensorType> inputTypes, resultTypes;
  int64_t kernels = 0, bytes = 0;
};

/// Prints one line per Vulkan device with its limits; false (and `error`)
/// when there is no Vulkan driver.
bool listVulkanDevices(llvm::raw_ostream &os, std::string &error);

/// Whether a Vulkan GPU (not a CPU implementation such as lavapipe) exists:
/// what --target=auto runs on.
bool haveVulkanGpu();

} // namespace nn
} // namespace mlir

#endif // NNC_TOOLS_NNRUN_VULKANRUN_H
