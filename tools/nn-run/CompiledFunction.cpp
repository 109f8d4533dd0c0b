//===- CompiledFunction.cpp - a compiled @main on the CPU or Vulkan -------===//
//
// Thin adapters from nn::CpuExecutable and nn::VulkanRunner to
// CompiledFunction. Only Vulkan keeps inputs (the training state) on the
// device; on the CPU the host buffers are the state.
//
//===----------------------------------------------------------------------===//

#include "tools/nn-run/CompiledFunction.h"

#include "codegen/CpuJit.h"
#include "tools/nn-run/VulkanRun.h"

using namespace mlir;

namespace mlir {
namespace nn {

LogicalResult CompiledFunction::writeInput(unsigned, const void *,
                                           std::string &error) {
  error = "this target keeps no inputs";
  return failure();
}
LogicalResult CompiledFunction::readInput(unsigned, void *,
                                          std::string &error) {
  error = "this target keeps no inputs";
  return failure();
}

namespace {

class CpuFunction : public CompiledFunction {
public:
  explicit CpuFunction(std::unique_ptr<nn::CpuExecutable> exe)
      : exe(std::move(exe)) {}
  ArrayRef<RankedTensorType> getResultTypes() const override {
    return exe->getResultTypes();
  }
  LogicalResult run(ArrayRef<const void *> inputs, ArrayRef<void *> outputs,
                    std::string &error) override {
    return exe->run(inputs, outputs, error);
  }

private:
  std::unique_ptr<nn::CpuExecutable> exe;
};

class VulkanFunction : public CompiledFunction {
public:
  explicit VulkanFunction(std::unique_ptr<nn::VulkanRunner> runner)
      : runner(std::move(runner)) {}
  ArrayRef<RankedTensorType> getResultTypes() const override {
    return runner->getResultTypes();
  }
  LogicalResult run(ArrayRef<const void *> inputs, ArrayRef<void *> outputs,
                    std::string &error) override {
    return runner->run(inputs, outputs, error);
  }
  LogicalResult writeInput(unsigned i, const void *data,
                           std::string &error) override {
    return runner->writeInput(i, data, error);
  }
  LogicalResult readInput(unsigned i, void *data, std::string &error) override {
    return runner->readInput(i, data, error);
  }

private:
  std::unique_ptr<nn::VulkanRunner> runner;
};

} // namespace

FailureOr<std::unique_ptr<CompiledFunction>>
compileForCpu(ModuleOp module, ArrayRef<RankedTensorType> inputTypes,
              std::string &error) {
  auto exe = nn::CpuExecutable::compile(module, inputTypes,
                                        nn::CpuPipelineOptions(), error);
  if (failed(exe)) {
    return failure();
  }
  return std::unique_ptr<CompiledFunction>(new CpuFunction(std::move(*exe)));
}

FailureOr<std::unique_ptr<CompiledFunction>>
compileForVulkanDevice(ModuleOp module, ArrayRef<RankedTensorType> inputTypes,
                       int device, Feedback feedback, std::string &error) {
  auto runner = nn::VulkanRunner::compile(module, inputTypes, device, "", error,
                                          feedback);
  if (failed(runner)) {
    return failure();
  }
  return std::unique_ptr<CompiledFunction>(
      new VulkanFunction(std::move(*runner)));
}

} // namespace nn
} // namespace mlir
