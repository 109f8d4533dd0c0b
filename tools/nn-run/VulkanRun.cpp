//===- VulkanRun.cpp - nn-run's Vulkan target ----------------------------===//
//
// Glue between the compiler (codegen/VulkanCompile: module -> VulkanPlan)
// and the runtime (runtime/vulkan: ProgramDesc -> Program). The device is
// opened first so that the code is generated for its limits and features.
//
//===----------------------------------------------------------------------===//

#include "VulkanRun.h"
#include "PlanProgram.h"

#include "codegen/VulkanCompile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"

#ifdef NNC_HAVE_VULKAN
#include "runtime/vulkan/program.h"
#endif

using namespace mlir;
using namespace mlir::nn;

namespace {
int64_t typeBytes(RankedTensorType type) {
  unsigned bits = type.getElementTypeBitWidth();
  return type.getNumElements() * std::max<int64_t>(1, (bits + 7) / 8);
}
} // namespace

#ifdef NNC_HAVE_VULKAN
struct VulkanRunner::State {
  std::unique_ptr<nnvk::Device> device;
  std::unique_ptr<nnvk::Program> program;
  ~State() {
    program.reset(); // before the device it lives on
    device.reset();
  }
};

VulkanRunner::VulkanRunner() : state(new State()) {}
VulkanRunner::~VulkanRunner() = default;

FailureOr<std::unique_ptr<VulkanRunner>>
VulkanRunner::compile(ModuleOp module, ArrayRef<RankedTensorType> inputTypes,
                      int device, StringRef spirvDir, std::string &error,
                      ArrayRef<std::pair<unsigned, unsigned>> feedback) {
  std::unique_ptr<VulkanRunner> runner(new VulkanRunner());
  if (nnvk::Device::create(device, runner->state->device, error)) {
    return failure();
  }
  VulkanPipelineOptions options;
  options.target = vulkanTargetInfo(runner->state->device->info);
  VulkanPlan plan;
  if (failed(compileForVulkan(module, inputTypes, options, plan,
                              runner->resultTypes, error))) {
    return failure();
  }
  runner->inputTypes.assign(inputTypes.begin(), inputTypes.end());
  if (!spirvDir.empty()) {
    if (std::error_code ec = llvm::sys::fs::create_directories(spirvDir)) {
      error = spirvDir.str() + ": " + ec.message();
      return failure();
    }
    for (auto [i, kernel] : llvm::enumerate(plan.kernels)) {
      SmallString<128> file(spirvDir);
      llvm::sys::path::append(file, "kernel_" + Twine(i) + ".spv");
      std::error_code ec;
      llvm::raw_fd_ostream os(file, ec);
      if (ec) {
        error = file.str().str() + ": " + ec.message();
        return failure();
      }
      os.write(reinterpret_cast<const char *>(kernel.spirv.data()),
               kernel.spirv.size() * sizeof(uint32_t));
    }
  }

  for (const VulkanBuffer &b : plan.buffers) {
    if (b.kind == VulkanBuffer::Kind::Intermediate) {
      runner->bytes += b.bytes;
    }
  }
  nnvk::ProgramDesc desc;
  moveIntoProgram(plan, desc);
  desc.feedback.assign(feedback.begin(), feedback.end());
  runner->kernels = desc.dispatches.size();
  if (nnvk::Program::create(*runner->state->device, desc,
                            runner->state->program, error)) {
    return failure();
  }
  return runner;
}

LogicalResult VulkanRunner::run(ArrayRef<const void *> inputs,
                                ArrayRef<void *> outputs, std::string &error) {
  std::vector<size_t> inBytes, outBytes;
  for (RankedTensorType t : inputTypes) {
    inBytes.push_back(typeBytes(t));
  }
  for (RankedTensorType t : resultTypes) {
    outBytes.push_back(typeBytes(t));
  }
  if (state->program->run(
          std::vector<const void *>(inputs.begin(), inputs.end()), inBytes,
          std::vector<void *>(outputs.begin(), outputs.end()), outBytes,
          error)) {
    return failure();
  }
  return success();
}

LogicalResult VulkanRunner::writeInput(unsigned i, const void *data,
                                       std::string &error) {
  if (i >= inputTypes.size()) {
    error = "no input " + std::to_string(i);
    return failure();
  }
  return failure(state->program->writeInput(i, data, typeBytes(inputTypes[i]),
                                            error) != NN_OK);
}

LogicalResult VulkanRunner::readInput(unsigned i, void *data,
                                      std::string &error) {
  if (i >= inputTypes.size()) {
    error = "no input " + std::to_string(i);
    return failure();
  }
  return failure(state->program->readInput(i, data, typeBytes(inputTypes[i]),
                                           error) != NN_OK);
}

bool nn::listVulkanDevices(llvm::raw_ostream &os, std::string &error) {
  std::vector<nnvk::DeviceInfo> devices;
  if (nnvk::listDevices(devices, error)) {
    return false;
  }
  for (auto [i, d] : llvm::enumerate(devices)) {
    os << "device " << i << ": " << d.name << " type=" << d.type
       << " api=" << VK_API_VERSION_MAJOR(d.apiVersion) << "."
       << VK_API_VERSION_MINOR(d.apiVersion) << "."
       << VK_API_VERSION_PATCH(d.apiVersion)
       << " max_workgroup_invocations=" << d.maxWorkgroupInvocations
       << " max_workgroup_size=" << d.maxWorkgroupSize[0] << "x"
       << d.maxWorkgroupSize[1] << "x" << d.maxWorkgroupSize[2]
       << " max_workgroup_count=" << d.maxWorkgroupCount[0] << "x"
       << d.maxWorkgroupCount[1] << "x" << d.maxWorkgroupCount[2]
       << " shared_memory=" << d.maxSharedMemoryBytes
       << " subgroup_size=" << d.subgroupSize << " int64=" << d.int64
       << " float64=" << d.float64 << " int16=" << d.int16 << " int8=" << d.int8
       << "\n";
  }
  if (devices.empty()) {
    os << "no Vulkan devices\n";
  }
  return true;
}

bool nn::haveVulkanGpu() {
  std::vector<nnvk::DeviceInfo> devices;
  std::string error;
  if (nnvk::listDevices(devices, error)) {
    return false;
  }
  for (const nnvk::DeviceInfo &d : devices) {
    if (!d.isCpu()) {
      return true;
    }
  }
  return false;
}
#else
struct VulkanRunner::State {};
VulkanRunner::VulkanRunner() = default;
VulkanRunner::~VulkanRunner() = default;
FailureOr<std::unique_ptr<VulkanRunner>>
VulkanRunner::compile(ModuleOp, ArrayRef<RankedTensorType>, int, StringRef,
                      std::string &error,
                      ArrayRef<std::pair<unsigned, unsigned>>) {
  error = "nn-run was built without Vulkan (libvulkan-dev was not found)";
  return failure();
}
LogicalResult VulkanRunner::run(ArrayRef<const void *>, ArrayRef<void *>,
                                std::string &error) {
  error = "nn-run was built without Vulkan";
  return failure();
}
LogicalResult VulkanRunner::writeInput(unsigned, const void *,
                                       std::string &error) {
  error = "nn-run was built without Vulkan";
  return failure();
}
LogicalResult VulkanRunner::readInput(unsigned, void *, std::string &error) {
  error = "nn-run was built without Vulkan";
  return failure();
}
bool nn::listVulkanDevices(llvm::raw_ostream &, std::string &error) {
  error = "nn-run was built without Vulkan (libvulkan-dev was not found)";
  return false;
}
bool nn::haveVulkanGpu() { return false; }
#endif
