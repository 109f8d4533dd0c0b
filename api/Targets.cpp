//===- Targets.cpp - the host API's compile targets -----------------------===//
//
// Compiling goes through tools/nn-run/CompiledFunction (CPU: the JIT;
// Vulkan: VulkanRunner opens the chosen device, compiles for its limits and
// keeps the program on it). Without Vulkan in the build the Vulkan target
// reports NN_UNSUPPORTED.
//
//===----------------------------------------------------------------------===//

#include "Targets.h"

#ifdef NNC_HAVE_VULKAN
#include "runtime/vulkan/device.h"
#endif

using namespace mlir;

FailureOr<std::unique_ptr<nn::CompiledFunction>>
nnc::compileModel(ModuleOp module, ArrayRef<RankedTensorType> inputTypes,
                  const nnc_options &options, std::string &error) {
  if (options.target == NNC_TARGET_VULKAN) {
    return nn::compileForVulkanDevice(module, inputTypes, options.device,
                                      /*feedback=*/{}, error);
  }
  return nn::compileForCpu(module, inputTypes, error);
}

nn_status nnc::countDevices(int32_t target, int32_t &count,
                            std::string &error) {
  count = 0;
  if (target == NNC_TARGET_CPU) {
    count = 1;
    return NN_OK;
  }
  if (target != NNC_TARGET_VULKAN) {
    error = "unknown target " + std::to_string(target) +
            " (expected NNC_TARGET_CPU or NNC_TARGET_VULKAN)";
    return NN_INVALID_ARGUMENT;
  }
#ifdef NNC_HAVE_VULKAN
  std::vector<nnvk::DeviceInfo> devices;
  if (nn_status status = nnvk::listDevices(devices, error)) {
    return status;
  }
  count = static_cast<int32_t>(devices.size());
  return NN_OK;
#else
  error = "libnnc was built without Vulkan (libvulkan-dev was not found)";
  return NN_UNSUPPORTED;
#endif
}

nn_status nnc::checkTarget(const nnc_options &options, std::string &error) {
  if (options.device < 0) {
    error = "nnc_options.device must be >= 0";
    return NN_INVALID_ARGUMENT;
  }
  if (options.target == NNC_TARGET_CPU && options.device != 0) {
    error = "nnc_options.device applies to NNC_TARGET_VULKAN only (the CPU "
            "target has device 0)";
    return NN_INVALID_ARGUMENT;
  }
  int32_t count = 0;
  if (nn_status status = countDevices(options.target, count, error)) {
    return status;
  }
  if (options.device >= count) {
    error = "no Vulkan device " + std::to_string(options.device) +
            " (there are " + std::to_string(count) + "; see nnc_device_count)";
    return NN_INVALID_ARGUMENT;
  }
  return NN_OK;
}
