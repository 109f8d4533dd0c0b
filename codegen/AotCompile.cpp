//===- AotCompile.cpp - ahead-of-time compilation -------------------------===//
//
// The stages of AotCompile.h. Target machines mirror the JIT's (CpuJit.cpp):
// aggressive codegen and FP contraction, plus position-independent code so
// one object serves executables (PIE), static links and shared libraries.
//
//===----------------------------------------------------------------------===//

#include "codegen/AotCompile.h"
#include "codegen/CpuPipeline.h"
#include "codegen/FirstError.h"
#include "codegen/PinShapes.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/TargetParser/Triple.h"

using namespace mlir;
using namespace mlir::nn;

namespace {
/// Arena bytes of the bufferized module's static heap buffers, as
/// runtime/aot_context.c lays them out (64-byte header, 64-byte rounding),
/// plus 64 bytes so that scratch memory of any alignment suffices.
int64_t scratchBytes(ModuleOp module) {
  int64_t total = 0;
  module.walk([&](memref::AllocOp alloc) {
    MemRefType type = alloc.getType();
    if (!type.hasStaticShape()) {
      return; // served from the heap
    }
    int64_t bytes =
        type.getNumElements() *
        std::max<int64_t>(1, (type.getElementTypeBitWidth() + 7) / 8);
    total += 64 + (std::max<int64_t>(bytes, 1) + 63) / 64 * 64;
  });
  // Slack for aligning caller-supplied scratch to 64 bytes.
  return total ? total + 64 : 0;
}

/// LLVM's triple for a `--target` architecture.
std::string tripleFor(StringRef arch) {
  return (arch + "-unknown-linux-gnu").str();
}
} // namespace

StringRef nn::cElementType(Type type) {
  if (type.isF32()) {
    return "float";
  }
  if (type.isF64()) {
    return "double";
  }
  if (type.isF16() || type.isBF16()) {
    return "uint16_t";
  }
  if (type.isSignlessInteger(1)) {
    return "uint8_t";
  }
  if (type.isSignlessInteger(8)) {
    return "int8_t";
  }
  if (type.isSignlessInteger(32)) {
    return "int32_t";
  }
  if (type.isSignlessInteger(64)) {
    return "int64_t";
  }
  return "";
}

StringRef nn::dtypeName(Type type) {
  if (type.isF32()) {
    return "f32";
  }
  if (type.isF64()) {
    return "f64";
  }
  if (type.isF16()) {
    return "f16";
  }
  if (type.isBF16()) {
    return "bf16";
  }
  for (unsigned width : {1, 8, 32, 64}) {
    if (type.isSignlessInteger(width)) {
      return width == 1    ? "i1"
             : width == 8  ? "i8"
             : width == 32 ? "i32"
                           : "i64";
    }
  }
  return "";
}

std::string nn::signatureText(const AotSignature &signature) {
  std::string text;
  llvm::raw_string_ostream os(text);
  auto line = [&](StringRef kind, const AotTensor &tensor) {
    std::string name = tensor.name.empty() ? "?" : tensor.name;
    for (char &c : name) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        c = '_';
      }
    }
    os << kind << " " << name << " " << dtypeName(tensor.type.getElementType())
       << " " << tensor.type.getRank();
    for (int64_t extent : tensor.type.getShape()) {
      os << " " << extent;
    }
    os << "\n";
  };
  for (const AotTensor &tensor : signature.inputs) {
    line("input", tensor);
  }
  for (const AotTensor &tensor : signature.outputs) {
    line("output", tensor);
  }
  return text;
}

LogicalResult nn::specializeMain(ModuleOp module,
                                 ArrayRef<RankedTensorType> inputTypes,
                                 ArrayRef<std::string> outputNames,
                                 AotSignature &signature, std::string &error) {
  SmallVector<RankedTensorType> resultTypes;
  if (failed(pinMainShapes(module, inputTypes, resultTypes, error))) {
    return failure();
  }
  signature.outputs.clear();
  for (auto [i, ranked] : llvm::enumerate(resultTypes)) {
    if (cElementType(ranked.getElementType()).empty()) {
      error = "result " + std::to_string(i) + " has element type " +
              typeString(ranked.getElementType()) +
              ", which compiled models cannot return";
      return failure();
    }
    std::string name =
        i < outputNames.size() ? outputNames[i] : "output_" + std::to_string(i);
    signature.outputs.push_back({name, ranked});
  }
  return success();
}

LogicalResult nn::lowerToLinalg(ModuleOp module, std::string &error,
                                const CpuPipelineOptions &options) {
  FirstError diagnostics(module.getContext());
  PassManager pm(module.getContext());
  buildNNToLinalgPipeline(pm, options);
  if (failed(pm.run(module))) {
    error = diagnostics.take("lowering to linalg failed");
    return failure();
  }
  return success();
}

LogicalResult nn::lowerToLLVMDialect(ModuleOp module, AotSignature &signature,
                                     const CpuPipelineOptions &options,
                                     std::string &error) {
  MLIRContext *context = module.getContext();
  FirstError diagnostics(context);
  // The CPU pipeline in its two halves, as CpuJit runs it, so the
  // intermediate buffers can be measured between them.
  PassManager bufferize(context);
  buildCpuBufferizationPipeline(bufferize, options);
  if (failed(bufferize.run(module))) {
    error = diagnostics.take("the CPU pipeline failed");
    return failure();
  }
  signature.scratchBytes = scratchBytes(module);
  PassManager lower(context);
  buildCpuLLVMLoweringPipeline(lower, options);
  if (failed(lower.run(module))) {
    error = diagnostics.take("lowering to LLVM failed");
    return failure();
  }
  return addEntryPoints(module, signature, error);
}

std::string nn::hostArch() {
  llvm::Triple host(llvm::sys::getProcessTriple());
  return host.getArchName().str();
}

FailureOr<std::unique_ptr<llvm::TargetMachine>>
nn::createTargetMachine(StringRef arch, StringRef cpu, std::string &error) {
  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargets();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmPrinters();

  llvm::Triple triple(tripleFor(arch));
  std::string lookupError;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, lookupError);
  if (!target) {
    error = "target " + arch.str() +
            " is not available in this LLVM: " + lookupError;
    return failure();
  }
  bool onHost = arch == hostArch();
  std::string cpuName = cpu.str(), features;
  if (cpu.empty()) {
    cpuName = onHost ? "native" : "generic";
  }
  if (cpuName == "native") {
    if (!onHost) {
      error = "--cpu=native: this host is " + hostArch() + ", not " +
              arch.str() + "; name an " + arch.str() +
              " CPU (--cpu=cortex-a72, ...) or leave --cpu out";
      return failure();
    }
    cpuName = llvm::sys::getHostCPUName().str();
    llvm::SubtargetFeatures hostFeatures;
    for (const auto &feature : llvm::sys::getHostCPUFeatures()) {
      hostFeatures.AddFeature(feature.first(), feature.second);
    }
    features = hostFeatures.getString();
  } else {
    std::unique_ptr<llvm::MCSubtargetInfo> info(
        target->createMCSubtargetInfo(triple, "", ""));
    if (!info || !info->isCPUStringValid(cpuName)) {
      error = "unknown CPU '" + cpuName + "' for target " + arch.str() +
              " (list them with: llc -mtriple=" + triple.str() + " -mcpu=help)";
      return failure();
    }
  }
  llvm::TargetOptions options;
  options.AllowFPOpFusion = llvm::FPOpFusion::Fast;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpuName, features, options, llvm::Reloc::PIC_, std::nullopt,
      llvm::CodeGenOptLevel::Aggressive));
  if (!machine) {
    error = "cannot create a target machine for " + triple.str();
    return failure();
  }
  return machine;
}

FailureOr<std::unique_ptr<llvm::Module>>
nn::translateToLLVMIR(ModuleOp module, llvm::LLVMContext &llvmContext,
                      llvm::TargetMachine &machine, std::string &error) {
  MLIRContext *context = module.getContext();
  registerBuiltinDialectTranslation(*context);
  registerLLVMDialectTranslation(*context);
  FirstError diagnostics(context);
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext, "nnc_model");
  if (!llvmModule) {
    error = diagnostics.take("translation to LLVM IR failed");
    return failure();
  }
  llvmModule->setDataLayout(machine.createDataLayout());
  llvmModule->setTargetTriple(machine.getTargetTriple());
  if (llvm::Error err = makeOptimizingTransformer(
          kLlvmOptLevel, /*sizeLevel=*/0, &machine)(llvmModule.get())) {
    error = "LLVM optimization failed: " + llvm::toString(std::move(err));
    return failure();
  }
  return llvmModule;
}

LogicalResult nn::emitMachineCode(llvm::Module &llvmModule,
                                  llvm::TargetMachine &machine, bool assembly,
                                  llvm::raw_pwrite_stream &os,
                                  std::string &error) {
  llvm::legacy::PassManager pm;
  if (machine.addPassesToEmitFile(pm, os, nullptr,
                                  assembly
                                      ? llvm::CodeGenFileType::AssemblyFile
                                      : llvm::CodeGenFileType::ObjectFile)) {
    error = "the target cannot emit this file type";
    return failure();
  }
  pm.run(llvmModule);
  return success();
}
