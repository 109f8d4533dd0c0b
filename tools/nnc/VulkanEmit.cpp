//===- VulkanEmit.cpp - nnc's Vulkan outputs ------------------------------===//
//
// Module -> VulkanPlan (codegen/VulkanCompile) -> the runtime's ModelDesc,
// serialized (runtime/vulkan/model_io) and linked with vk_main into an
// executable (Link.cpp), or its kernels written out as .spv files.
//
//===----------------------------------------------------------------------===//

#include "VulkanEmit.h"
#include "Link.h"
#include "codegen/RuntimeTypes.h"
#include "tools/nn-run/PlanProgram.h"

#include "codegen/VulkanCompile.h"
#include "runtime/buffer.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#ifdef NNC_HAVE_VULKAN
#include "runtime/vulkan/model_io.h"
#endif

using namespace mlir;
using namespace mlir::nn;

#ifdef NNC_HAVE_VULKAN
namespace {
/// The runtime's nn_dtype of an element type, or -1.
int dtypeOf(Type type) {
  std::optional<nn_dtype> dtype = nn::toRuntimeDtype(type);
  return dtype ? int(*dtype) : -1;
}

LogicalResult tensors(ArrayRef<AotTensor> from,
                      std::vector<nnvk::TensorDesc> &to, std::string &error) {
  for (const AotTensor &t : from) {
    int dtype = dtypeOf(t.type.getElementType());
    if (dtype < 0) {
      error = "'" + t.name + "' has an element type the runtime lacks";
      return failure();
    }
    nnvk::TensorDesc desc;
    desc.name = t.name;
    desc.dtype = static_cast<uint32_t>(dtype);
    desc.shape.assign(t.type.getShape().begin(), t.type.getShape().end());
    to.push_back(std::move(desc));
  }
  return success();
}

LogicalResult writeFile(StringRef path, StringRef bytes, std::string &error) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (!ec) {
    os << bytes;
    os.close();
    ec = os.error();
  }
  if (ec) {
    error = "cannot write " + path.str() + ": " + ec.message();
    return failure();
  }
  return success();
}

/// Writes OUT/kernel_<i>.spv into a fresh sibling directory renamed over
/// OUT at the end.
LogicalResult writeSpirvDir(const VulkanPlan &plan, StringRef output,
                            std::string &error) {
  if (llvm::sys::fs::exists(output) && !llvm::sys::fs::is_directory(output)) {
    error = output.str() + " exists and is not a directory";
    return failure();
  }
  SmallString<256> temp;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory(output + "-tmp", temp)) {
    error = "cannot write " + output.str() + ": " + ec.message();
    return failure();
  }
  for (auto [i, kernel] : llvm::enumerate(plan.kernels)) {
    SmallString<256> file(temp);
    llvm::sys::path::append(file, "kernel_" + Twine(i) + ".spv");
    if (failed(writeFile(
            file,
            StringRef(reinterpret_cast<const char *>(kernel.spirv.data()),
                      kernel.spirv.size() * sizeof(uint32_t)),
            error))) {
      llvm::sys::fs::remove_directories(temp);
      return failure();
    }
  }
  llvm::sys::fs::remove_directories(output);
  if (std::error_code ec = llvm::sys::fs::rename(temp, output)) {
    llvm::sys::fs::remove_directories(temp);
    error = "cannot write " + output.str() + ": " + ec.message();
    return failure();
  }
  return success();
}
} // namespace

LogicalResult nnc::emitVulkanOutput(ModuleOp module,
                                    const AotSignature &signature,
                                    const VulkanEmitOptions &options,
                                    StringRef output, std::string &error) {
  Toolchain tools;
  if (!options.spirvOnly) {
    auto found = findVulkanToolchain(options.nncPath, error);
    if (failed(found)) {
      return failure();
    }
    tools = *found;
  }
  VulkanPipelineOptions pipeline;
  if (options.device >= 0) {
    std::unique_ptr<nnvk::Device> device;
    if (nnvk::Device::create(options.device, device, error)) {
      error = "--device=" + std::to_string(options.device) + ": " + error;
      return failure();
    }
    pipeline.target = vulkanTargetInfo(device->info);
  }
  SmallVector<RankedTensorType> inputTypes;
  for (const AotTensor &t : signature.inputs) {
    inputTypes.push_back(t.type);
  }
  VulkanPlan plan;
  SmallVector<RankedTensorType> resultTypes;
  if (failed(compileForVulkan(module, inputTypes, pipeline, plan, resultTypes,
                              error))) {
    return failure();
  }
  if (options.spirvOnly) {
    return writeSpirvDir(plan, output, error);
  }

  nnvk::ModelDesc model;
  if (failed(tensors(signature.inputs, model.inputs, error)) ||
      failed(tensors(signature.outputs, model.outputs, error))) {
    return failure();
  }
  nnvk::ProgramDesc &desc = model.program;
  moveIntoProgram(plan, desc);
  if (desc.inputs.size() != model.inputs.size() ||
      desc.outputs.size() != model.outputs.size()) {
    error = "the Vulkan plan's inputs/outputs do not match @main";
    return failure();
  }

  SmallString<128> scratch;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("nnc-vk", scratch)) {
    error = "cannot create a temporary directory: " + ec.message();
    return failure();
  }
  SmallString<256> blob(scratch), temp(output);
  llvm::sys::path::append(blob, "model.nnvk");
  temp += ".tmp";
  LogicalResult result = writeFile(blob, nnvk::serializeModel(model), error);
  if (succeeded(result)) {
    result = linkVulkanExecutable(tools, blob, temp, scratch, error);
  }
  if (succeeded(result)) {
    if (std::error_code ec = llvm::sys::fs::rename(temp, output)) {
      error = "cannot write " + output.str() + ": " + ec.message();
      result = failure();
    }
  }
  if (failed(result)) {
    llvm::sys::fs::remove(temp);
  }
  llvm::sys::fs::remove_directories(scratch);
  return result;
}
#else
LogicalResult nnc::emitVulkanOutput(ModuleOp, const AotSignature &,
                                    const VulkanEmitOptions &, StringRef,
                                    std::string &error) {
  error = "--emit=spirv / --target=vulkan: nnc was built without Vulkan "
          "(libvulkan-dev was not found)";
  return failure();
}
#endif
