//===- nnc.cpp - the nnc compiler driver ------------------------*- C++ -*-===//
//
// `nnc MODEL(.onnx|.mlir) -o OUT [--emit=STAGE] [--target=ARCH] [--cpu=CPU]
//  [--name=PREFIX] [--shape=NAME=DxDx...]... [--bind=NAME=FILE.pb]...`
//
// The emit ladder, one stage after the other:
//   nn            the imported module (ONNX --bind constants folded in)
//   linalg        @main pinned to static input shapes, lowered to linalg
//   llvm-dialect  the CPU pipeline's output plus the C entry points
//   llvm          LLVM IR for the target, optimized (O3)
//   asm           target assembly
//   obj           OUT (a self-contained ELF object) + OUT's .h (its C API)
//   shared        a shared library with the same C API (dlopen-able)
//   exe           a standalone executable (default; flags as nn-run's)
//   spirv         the Vulkan kernels: OUT is a directory of kernel_<i>.spv
// --target=vulkan with exe: an executable embedding the kernels, constants and
// host plan, run by the Vulkan runtime (flags as nn-run's plus --device=N).
// Binary stages write a temporary beside OUT and rename it at the end, so a
// failure never leaves a partial output. The same model and flags give the
// same bytes. Any error is one line `error: ...` on stderr and exit code 1.
//
//===----------------------------------------------------------------------===//

#include "Link.h"
#include "ModelInputs.h"
#include "VulkanEmit.h"

#include "codegen/AotCompile.h"
#include "frontend/onnx/Importer.h"
#include "ir/NNOps.h"

#include "mlir/Bytecode/BytecodeWriter.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <functional>
#include <memory>

using namespace mlir;

namespace {
enum class EmitKind {
  NN,
  Linalg,
  LLVMDialect,
  LLVM,
  Asm,
  Obj,
  Shared,
  Exe,
  SPIRV
};

int reportError(const llvm::Twine &message) {
  llvm::errs() << "error: " << message << "\n";
  return 1;
}

/// `--target` spelling -> canonical architecture, or "".
std::string canonicalTarget(StringRef target) {
  if (target == "x86_64" || target == "x86-64" || target == "amd64") {
    return "x86_64";
  }
  if (target == "aarch64" || target == "arm64") {
    return "aarch64";
  }
  if (target == "vulkan") {
    return "vulkan";
  }
  return "";
}

bool isCIdentifier(StringRef name) {
  return !name.empty() && !llvm::isDigit(name[0]) &&
         llvm::all_of(name,
                      [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

/// Writes OUT through `write`: to stdout for "-", else to a temporary beside
/// OUT renamed over it once complete.
LogicalResult
writeOutput(StringRef path,
            llvm::function_ref<LogicalResult(llvm::raw_pwrite_stream &)> write,
            std::string &error) {
  if (path == "-") {
    llvm::outs().SetBuffered();
    // stdout is not seekable; object emission needs a pwrite stream.
    SmallString<0> buffer;
    llvm::raw_svector_ostream os(buffer);
    if (failed(write(os))) {
      return failure();
    }
    llvm::outs() << buffer;
    llvm::outs().flush();
    return success();
  }
  auto temp = llvm::sys::fs::TempFile::create(path + "-%%%%%%.tmp");
  if (!temp) {
    error =
        "cannot write " + path.str() + ": " + llvm::toString(temp.takeError());
    return failure();
  }
  bool ok;
  {
    llvm::raw_fd_ostream os(temp->FD, /*shouldClose=*/false);
    ok = succeeded(write(os));
    os.flush();
    if (ok && os.has_error()) {
      error = "cannot write " + path.str() + ": " + os.error().message();
      os.clear_error();
      ok = false;
    }
  }
  if (!ok) {
    llvm::consumeError(temp->discard());
    return failure();
  }
  if (llvm::Error err = temp->keep(path)) {
    error =
        "cannot write " + path.str() + ": " + llvm::toString(std::move(err));
    return failure();
  }
  return success();
}

/// A scratch directory removed on destruction.
struct ScratchDir {
  SmallString<128> path;
  ~ScratchDir() {
    if (!path.empty()) {
      llvm::sys::fs::remove_directories(path);
    }
  }
};

/// Runs `produce(tempPath)`, which creates the file, then renames it to
/// `path`; on failure nothing is left at `path`.
LogicalResult
produceFile(StringRef path,
            llvm::function_ref<LogicalResult(StringRef, std::string &)> produce,
            std::string &error) {
  SmallString<256> temp;
  int fd;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueFile(path + "-%%%%%%.tmp", fd, temp)) {
    error = "cannot write " + path.str() + ": " + ec.message();
    return failure();
  }
  llvm::sys::Process::SafelyCloseFileDescriptor(fd);
  llvm::sys::RemoveFileOnSignal(temp); // interrupted: no stray temporary
  if (failed(produce(temp, error))) {
    llvm::sys::fs::remove(temp);
    return failure();
  }
  std::error_code ec = llvm::sys::fs::rename(temp, path);
  llvm::sys::DontRemoveFileOnSignal(temp);
  if (ec) {
    llvm::sys::fs::remove(temp);
    error = "cannot write " + path.str() + ": " + ec.message();
    return failure();
  }
  return success();
}

/// `model.o` -> `model.h` (or OUT.h when OUT has no .o extension).
std::string headerPathFor(StringRef object) {
  SmallString<256> header(object);
  if (llvm::sys::path::extension(header) == ".o") {
    llvm::sys::path::replace_extension(header, ".h");
  } else {
    header += ".h";
  }
  return header.str().str();
}

/// The Vulkan backend's entry: --emit=spirv (a directory of kernel_<i>.spv)
/// or --target=vulkan --emit=exe, with @main pinned to `signature`.
int emitVulkan(ModuleOp module, const nn::AotSignature &signature,
               EmitKind emit, StringRef output, int device, StringRef nncPath) {
  if (emit != EmitKind::Exe && emit != EmitKind::SPIRV) {
    return reportError("--target=vulkan writes --emit=exe (the default), "
                       "spirv, nn or linalg");
  }
  if (output == "-") {
    return reportError(std::string(emit == EmitKind::SPIRV
                                       ? "--emit=spirv writes a directory"
                                       : "--emit=exe writes a file") +
                       ": name it with -o PATH");
  }
  nnc::VulkanEmitOptions options;
  options.spirvOnly = emit == EmitKind::SPIRV;
  options.device = device;
  options.nncPath = nncPath.str();
  std::string error;
  if (failed(
          nnc::emitVulkanOutput(module, signature, options, output, error))) {
    return reportError(error);
  }
  return 0;
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::cl::opt<std::string> inputFile(llvm::cl::Positional,
                                       llvm::cl::desc("<model.onnx|.mlir>"),
                                       llvm::cl::Required);
  llvm::cl::opt<std::string> outputFile(
      "o",
      llvm::cl::desc("Output file (text stages default to stdout; exe, obj "
                     "and shared need one; obj also writes FILE's .h)"),
      llvm::cl::value_desc("file"), llvm::cl::init("-"));
  llvm::cl::opt<EmitKind> emit(
      "emit", llvm::cl::desc("What to emit (default: exe)"),
      llvm::cl::init(EmitKind::Exe),
      llvm::cl::values(
          clEnumValN(EmitKind::NN, "nn", "the imported nn IR"),
          clEnumValN(EmitKind::Linalg, "linalg",
                     "linalg on tensors, input shapes pinned"),
          clEnumValN(EmitKind::LLVMDialect, "llvm-dialect",
                     "the LLVM dialect with the C entry points"),
          clEnumValN(EmitKind::LLVM, "llvm", "optimized LLVM IR"),
          clEnumValN(EmitKind::Asm, "asm", "target assembly"),
          clEnumValN(EmitKind::Obj, "obj",
                     "a self-contained object + C header"),
          clEnumValN(EmitKind::Shared, "shared", "a shared library (dlopen)"),
          clEnumValN(EmitKind::Exe, "exe",
                     "a standalone executable (--input/--output-dir/"
                     "--benchmark/--threads)"),
          clEnumValN(EmitKind::SPIRV, "spirv",
                     "SPIR-V for Vulkan: a directory of kernel_<i>.spv")));
  llvm::cl::opt<std::string> target(
      "target",
      llvm::cl::desc("x86_64, aarch64 or vulkan (default: this host)"),
      llvm::cl::value_desc("target"), llvm::cl::init(""));
  llvm::cl::opt<std::string> cpu(
      "cpu",
      llvm::cl::desc("CPU to tune for: native (this host's; the default on "
                     "the host arch), or an LLVM CPU name (default elsewhere: "
                     "generic)"),
      llvm::cl::value_desc("name"), llvm::cl::init(""));
  llvm::cl::opt<std::string> prefix(
      "name",
      llvm::cl::desc("C symbol prefix of obj/shared entry points "
                     "(NAME_run, NAME_ctx_create, ...; default: model)"),
      llvm::cl::value_desc("prefix"), llvm::cl::init("model"));
  llvm::cl::list<std::string> shapeFlags(
      "shape",
      llvm::cl::desc("Static shape of an input with dynamic extents, e.g. "
                     "--shape=input=1x3x224x224 (repeatable)"),
      llvm::cl::value_desc("NAME=DxD..."));
  llvm::cl::list<std::string> bindings(
      "bind",
      llvm::cl::desc("Replace graph input NAME by the constant in the ONNX "
                     "TensorProto file FILE.pb (repeatable)"),
      llvm::cl::value_desc("NAME=FILE.pb"));
  llvm::cl::opt<bool> emitBytecode(
      "emit-bytecode",
      llvm::cl::desc("Write MLIR bytecode instead of text (nn, linalg, "
                     "llvm-dialect): weights stay binary, nn-opt reads it "
                     "back"),
      llvm::cl::init(false));
  llvm::cl::opt<bool> noFusion(
      "no-fusion",
      llvm::cl::desc("Turn the graph fusion/folding passes (nn-fuse) and "
                     "linalg elementwise fusion off, for comparison"),
      llvm::cl::init(false));
  llvm::cl::opt<int> device(
      "device",
      llvm::cl::desc("Vulkan only: generate code for the limits of device N "
                     "(default: a conservative target any device runs)"),
      llvm::cl::value_desc("N"), llvm::cl::init(-1));
  // --help lists this tool's flags only, not every LLVM/MLIR option.
  static llvm::cl::OptionCategory toolFlags("nnc options");
  for (llvm::cl::Option *flag : std::initializer_list<llvm::cl::Option *>{
           &inputFile, &outputFile, &emit, &target, &cpu, &prefix,
           std::addressof(shapeFlags), std::addressof(bindings), &emitBytecode,
           &noFusion, &device}) {
    flag->addCategory(toolFlags);
  }
  llvm::cl::HideUnrelatedOptions(toolFlags);
  registerAsmPrinterCLOptions(); // --mlir-print-debuginfo shows node locations
  llvm::cl::ParseCommandLineOptions(argc, argv,
                                    "nnc: neural-network compiler\n");

  // Validate the flags before any work.
  std::string arch = nn::hostArch();
  if (!target.empty()) {
    arch = canonicalTarget(target);
    if (arch.empty()) {
      return reportError("unknown target '" + target +
                         "' (expected x86_64, aarch64 or vulkan)");
    }
  }
  bool vulkan = arch == "vulkan" || emit == EmitKind::SPIRV;
  if (device != -1 && (!vulkan || device < 0)) {
    return reportError("--device=" + std::to_string(device) +
                       (vulkan
                            ? ": expected a device number (0, 1, ...)"
                            : ": only with --target=vulkan or --emit=spirv"));
  }
  if (!isCIdentifier(prefix)) {
    return reportError("--name=" + prefix +
                       ": expected a C identifier (letters, digits, _)");
  }
  bool binary = emit == EmitKind::Obj || emit == EmitKind::Shared ||
                emit == EmitKind::Exe;
  if (binary && outputFile == "-") {
    return reportError("--emit=" +
                       std::string(emit == EmitKind::Obj      ? "obj"
                                   : emit == EmitKind::Shared ? "shared"
                                                              : "exe") +
                       " writes a file: name it with -o FILE");
  }
  std::string error;
  std::unique_ptr<llvm::TargetMachine> machine;
  if (!vulkan) {
    auto created = nn::createTargetMachine(arch, cpu, error);
    if (failed(created)) {
      return reportError(error);
    }
    machine = std::move(*created);
  }
  std::optional<nnc::Toolchain> tools;
  if (binary && !vulkan) {
    auto found = nnc::findToolchain(
        arch, llvm::sys::fs::getMainExecutable(argv[0], (void *)&reportError),
        error);
    if (failed(found)) {
      return reportError(error);
    }
    tools = *found;
  }
  nn::ImportOptions options;
  for (const std::string &binding : bindings) {
    auto [name, path] = llvm::StringRef(binding).split('=');
    if (name.empty() || path.empty()) {
      return reportError("--bind=" + binding +
                         ": expected --bind=NAME=FILE.pb");
    }
    options.bindings.emplace_back(name.str(), path.str());
  }

  // Import.
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<nn::NNDialect>();
  MLIRContext context(registry);
  context.loadDialect<nn::NNDialect, func::FuncDialect>();
  nnc::LoadedModel model;
  StringRef path = inputFile;
  if (path.ends_with(".mlir") || path.ends_with(".mlirbc")) {
    if (failed(nnc::loadMlir(context, path, model, error))) {
      return reportError(error);
    }
  } else if (failed(nnc::loadOnnx(context, path, options, model, error))) {
    return reportError(error);
  }
  ModuleOp module = *model.module;
  auto printModule = [&]() {
    if (failed(writeOutput(
            outputFile,
            [&](llvm::raw_pwrite_stream &os) -> LogicalResult {
              if (emitBytecode) {
                if (failed(writeBytecodeToFile(module, os))) {
                  error = "cannot write bytecode to " + std::string(outputFile);
                  return failure();
                }
                return success();
              }
              module.print(os);
              os << "\n";
              return success();
            },
            error))) {
      return reportError(error);
    }
    return 0;
  };
  if (emit == EmitKind::NN) {
    return printModule();
  }

  // Pin the input shapes.
  auto main = module.lookupSymbol<func::FuncOp>("main");
  if (!main || main.isExternal()) {
    return reportError(inputFile + ": no func.func @main with a body");
  }
  nn::CpuPipelineOptions pipelineOptions;
  pipelineOptions.fuseGroups = !noFusion;
  pipelineOptions.fuseElementwise = !noFusion;
  nn::AotSignature signature;
  signature.prefix = emit == EmitKind::Exe ? "nnc_model" : std::string(prefix);
  SmallVector<RankedTensorType> inputTypes;
  if (failed(
          nnc::staticInputTypes(main, model, shapeFlags, inputTypes, error))) {
    return reportError(error);
  }
  for (auto [i, type] : llvm::enumerate(inputTypes)) {
    signature.inputs.push_back({i < model.inputNames.size()
                                    ? model.inputNames[i]
                                    : "input_" + std::to_string(i),
                                type});
  }
  if (failed(nn::specializeMain(module, inputTypes, model.outputNames,
                                signature, error))) {
    return reportError(inputFile + ": " + error);
  }
  if (vulkan && emit != EmitKind::Linalg) {
    return emitVulkan(
        module, signature, emit, outputFile, device,
        llvm::sys::fs::getMainExecutable(argv[0], (void *)&reportError));
  }
  if (emit == EmitKind::Linalg) {
    if (failed(nn::lowerToLinalg(module, error, pipelineOptions))) {
      return reportError(error);
    }
    return printModule();
  }
  if (failed(
          nn::lowerToLLVMDialect(module, signature, pipelineOptions, error))) {
    return reportError(error);
  }
  if (emit == EmitKind::LLVMDialect) {
    return printModule();
  }
  llvm::LLVMContext llvmContext;
  auto llvmModule = nn::translateToLLVMIR(module, llvmContext, *machine, error);
  if (failed(llvmModule)) {
    return reportError(error);
  }
  if (emit == EmitKind::LLVM || emit == EmitKind::Asm) {
    bool assembly = emit == EmitKind::Asm;
    if (failed(writeOutput(
            outputFile,
            [&](llvm::raw_pwrite_stream &os) -> LogicalResult {
              if (assembly) {
                return nn::emitMachineCode(**llvmModule, *machine, true, os,
                                           error);
              }
              (*llvmModule)->print(os, nullptr);
              return success();
            },
            error))) {
      return reportError(error);
    }
    return 0;
  }

  // Binary outputs: the model object in a scratch directory, then the link.
  ScratchDir scratch;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("nnc", scratch.path)) {
    return reportError("cannot create a temporary directory: " + ec.message());
  }
  SmallString<256> object(scratch.path);
  llvm::sys::path::append(object, "model.o");
  if (failed(writeOutput(
          object,
          [&](llvm::raw_pwrite_stream &os) {
            return nn::emitMachineCode(**llvmModule, *machine, false, os,
                                       error);
          },
          error))) {
    return reportError(error);
  }
  LogicalResult linked = failure();
  if (emit == EmitKind::Exe) {
    linked = produceFile(
        outputFile,
        [&](StringRef temp, std::string &error) {
          return nnc::linkExecutable(*tools, object, temp, scratch.path, error);
        },
        error);
  } else if (emit == EmitKind::Obj) {
    std::string header = headerPathFor(outputFile);
    linked = produceFile(
        outputFile,
        [&](StringRef temp, std::string &error) {
          return nnc::linkSelfContainedObject(*tools, object, prefix, temp,
                                              scratch.path, error);
        },
        error);
    if (succeeded(linked)) {
      std::string text = nn::generateHeader(signature, inputFile, outputFile);
      linked = writeOutput(
          header,
          [&](llvm::raw_pwrite_stream &os) {
            os << text;
            return success();
          },
          error);
      if (failed(linked)) {
        llvm::sys::fs::remove(outputFile);
      }
    }
  } else {
    SmallString<256> selfContained(scratch.path);
    llvm::sys::path::append(selfContained, "self-contained.o");
    linked = nnc::linkSelfContainedObject(*tools, object, prefix, selfContained,
                                          scratch.path, error);
    if (succeeded(linked)) {
      linked = produceFile(
          outputFile,
          [&](StringRef temp, std::string &error) {
            return nnc::linkSharedLibrary(*tools, selfContained, temp,
                                          scratch.path, error);
          },
          error);
    }
  }
  if (failed(linked)) {
    return reportError(error);
  }
  return 0;
}
