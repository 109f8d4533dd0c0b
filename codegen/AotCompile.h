//===- AotCompile.h - ahead-of-time compilation for x86-64/AArch64 -*- C++ -*-//
//
// What `nnc --emit=linalg|llvm-dialect|llvm|asm|obj|exe|shared` runs, stage by
// stage: pin @main's inputs to static shapes, lower with the CPU pipeline
// (buildCpuBufferizationPipeline + buildCpuLLVMLoweringPipeline, exactly what
// nn-run JITs), add the typed C entry points of the generated header (see
// AotEntryPoints.cpp), translate to LLVM IR, optimize (O3) and emit assembly
// or an object for a target triple and CPU through llvm::TargetMachine.
// Linking (runtime, executables, shared libraries) is the driver's business.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_AOTCOMPILE_H
#define NNC_CODEGEN_AOTCOMPILE_H

#include "codegen/CpuPipeline.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"

#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
class raw_pwrite_stream;
} // namespace llvm

namespace mlir {
namespace nn {

/// One input or output of a compiled model.
struct AotTensor {
  /// The model's name for it (ONNX graph input/output name, or input_<i>).
  std::string name;
  /// Its static type.
  RankedTensorType type;
};

/// The C-level interface of a compiled model.
struct AotSignature {
  /// C identifier prefix of every exported symbol (`PREFIX_run`, ...).
  std::string prefix;
  SmallVector<AotTensor> inputs, outputs;
  /// Arena bytes one run takes (intermediate buffers, each rounded up to 64
  /// bytes plus a 64-byte header, plus 64 bytes of alignment slack; see
  /// runtime/aot_context.h). Set by lowerToLLVMDialect.
  int64_t scratchBytes = 0;
};

/// The C element type of `type` (`float`, `int64_t`, ...), or "" when the
/// runtime has no such dtype.
StringRef cElementType(Type type);

/// The runtime's short dtype name (`f32`, `i64`, `i1`, ...), or "".
StringRef dtypeName(Type type);

/// The text `PREFIX_signature()` returns: per tensor one line
/// `input|output NAME DTYPE RANK D0 D1 ...` (NAME without whitespace).
std::string signatureText(const AotSignature &signature);

/// Specializes @main (in place) to `inputTypes` (static, one per argument,
/// compatible with the declared types) and infers every shape; fills
/// `signature.outputs` with the now static result types, named
/// `outputNames[i]` (or output_<i>).
LogicalResult specializeMain(ModuleOp module,
                             ArrayRef<RankedTensorType> inputTypes,
                             ArrayRef<std::string> outputNames,
                             AotSignature &signature, std::string &error);

/// nn -> linalg on tensors (phases 1-2 of the CPU pipeline).
LogicalResult lowerToLinalg(ModuleOp module, std::string &error,
                            const CpuPipelineOptions &options);

/// nn -> LLVM dialect (the whole CPU pipeline), then makes @main internal,
/// routes its heap buffers through the context arena and adds the exported
/// entry points of `signature` (sets `signature.scratchBytes`).
LogicalResult lowerToLLVMDialect(ModuleOp module, AotSignature &signature,
                                 const CpuPipelineOptions &options,
                                 std::string &error);

/// Adds `PREFIX_run`, `PREFIX_run_packed`, `PREFIX_ctx_create`,
/// `PREFIX_ctx_destroy`, `PREFIX_scratch_size` and `PREFIX_signature` to an
/// LLVM-dialect module produced by the CPU pipeline (AotEntryPoints.cpp).
LogicalResult addEntryPoints(ModuleOp module, const AotSignature &signature,
                             std::string &error);

/// The target machine for `arch` (x86_64 or aarch64) and `cpu` ("native":
/// this host's CPU and features, only when `arch` is the host's; "" the
/// target's default: native on the host arch, generic elsewhere; or an LLVM
/// CPU name). Position-independent code, O3, FP contraction (FMA) allowed.
FailureOr<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(StringRef arch, StringRef cpu, std::string &error);

/// The host's architecture in `--target` spelling (x86_64, aarch64, ...).
std::string hostArch();

/// Translates the LLVM-dialect `module` to LLVM IR for `machine` and
/// optimizes it at O3.
FailureOr<std::unique_ptr<llvm::Module>>
translateToLLVMIR(ModuleOp module, llvm::LLVMContext &llvmContext,
                  llvm::TargetMachine &machine, std::string &error);

/// Emits `llvmModule` as assembly or an ELF object into `os`.
LogicalResult emitMachineCode(llvm::Module &llvmModule,
                              llvm::TargetMachine &machine, bool assembly,
                              llvm::raw_pwrite_stream &os, std::string &error);

/// The C header declaring the entry points of `signature`; `modelFile` and
/// `objectFile` name the source model and the object in its comments.
std::string generateHeader(const AotSignature &signature, StringRef modelFile,
                           StringRef objectFile);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_AOTCOMPILE_H
