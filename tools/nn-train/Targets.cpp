//===- Targets.cpp - nn-train's compiled functions per target ------------===//
//
// Thin adapters from nn::CpuExecutable and nn::VulkanRunner to
// CompiledFunction.
//
//===----------------------------------------------------------------------===//

#include "tools/nn-train/Targets.h"

#include "codegen/CpuJit.h"
#include "tools/nn-run/VulkanRun.h"

using namespace mlir;

namespace nntrain {
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
                       int device, std::string &error) {
  auto runner =
      nn::VulkanRunner::compile(module, inputTypes, device, "", error);
  if (failed(runner)) {
    return failure();
  }
  return std::unique_ptr<CompiledFunction>(
      new VulkanFunction(std::move(*runner)));
}

} // namespace nntrain
