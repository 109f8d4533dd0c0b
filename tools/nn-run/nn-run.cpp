//===- nn-run.cpp - compile and run a model on this machine -----*- C++ -*-===//
//
// `nn-run MODEL(.onnx|.mlir) [--target=cpu|vulkan|auto] [--input=FILE]...
//  [--output-dir=DIR] [--benchmark=N] [--threads=N] [--stats] [--no-fusion]`
// `nn-run --list-devices` (Vulkan devices and their limits)
//
// Inputs (ONNX TensorProto .pb or NumPy .npy) bind in order to the graph
// inputs; @main is specialized to their shapes, compiled with the CPU
// pipeline (nn-opt --nn-cpu-pipeline) and JIT-run. Output i goes to
// DIR/output_<i>.npy, or its name, shape and a summary are printed. An ONNX
// graph input that must be a constant (a Reshape's shape, ...) is bound to its
// .pb input automatically, as `nnc --bind` would.
//
// --benchmark=N prints `compile_ms=<x> median_ms=<y> min_ms=<z> threads=<t>`
// over N runs, t the thread pool's size
// (wall clock; with --cpu-clock this thread's CPU time, for --threads=1 on a
// shared machine).
// --stats prints `kernels=<K> buffers_bytes=<B>`, measured on the bufferized
// program just before loop lowering: K counts linalg ops plus memref.copy
// ops (each becomes one loop nest; a fused group's loop nest counts once),
// B sums the static sizes of memref.alloc and memref.alloca (intermediate
// buffers; outputs live in caller buffers).
// Either flag replaces the printed output summaries. --threads=N sets the
// runtime thread pool's size (default: NNC_NUM_THREADS, else every CPU the
// process may run on).
// --no-fusion turns the graph fusion and folding passes (nn-fuse) and linalg
// elementwise fusion off, for comparison.
// --target=vulkan compiles for Vulkan device --device=N (VulkanRun.cpp;
// --dump-spirv=DIR writes its kernels); auto picks a Vulkan GPU when there
// is one (not a CPU implementation such as lavapipe), else the CPU.
// Every failure: one `error: ...` line on stderr, exit code 1.
//
//===----------------------------------------------------------------------===//

#include "VulkanRun.h"
#include "codegen/CpuJit.h"
#include "codegen/RuntimeTypes.h"
#include "frontend/MlirFile.h"
#include "frontend/onnx/Importer.h"
#include "frontend/onnx/ModelLoader.h"
#include "ir/NNOps.h"
#include "runtime/npy.h"
#include "runtime/threadpool.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <set>
#include <time.h>

using namespace mlir;

namespace {
enum class Target { Cpu, Vulkan, Auto };

int reportError(const llvm::Twine &message) {
  llvm::errs() << "error: " << message << "\n";
  return 1;
}

std::string typeString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << type;
  return s;
}

/// The nn_dtype holding `type`'s elements, if the runtime has one.
std::optional<nn_dtype> toDtype(Type type) { return nn::toRuntimeDtype(type); }

Type fromDtype(MLIRContext *context, nn_dtype dtype) {
  return nn::fromRuntimeDtype(context, dtype);
}

/// ONNX TensorProto data type -> nn_dtype (the types the runtime holds).
std::optional<nn_dtype> onnxDtype(int32_t dataType) {
  switch (dataType) {
  case onnx::TensorProto::FLOAT:
    return NN_F32;
  case onnx::TensorProto::DOUBLE:
    return NN_F64;
  case onnx::TensorProto::FLOAT16:
    return NN_F16;
  case onnx::TensorProto::BFLOAT16:
    return NN_BF16;
  case onnx::TensorProto::INT8:
    return NN_I8;
  case onnx::TensorProto::INT32:
    return NN_I32;
  case onnx::TensorProto::INT64:
    return NN_I64;
  case onnx::TensorProto::BOOL:
    return NN_BOOL;
  default:
    return std::nullopt;
  }
}

/// An owned host tensor (runtime buffer), released on destruction.
struct HostTensor {
  nn_buffer buffer = {};
  HostTensor() = default;
  HostTensor(const HostTensor &) = delete;
  HostTensor(HostTensor &&other) : buffer(other.buffer) {
    other.buffer = nn_buffer();
  }
  ~HostTensor() { nn_buffer_destroy(&buffer); }
  RankedTensorType type(MLIRContext *context) const {
    return RankedTensorType::get(ArrayRef<int64_t>(buffer.shape, buffer.rank),
                                 fromDtype(context, buffer.dtype));
  }
};

LogicalResult readPb(StringRef path, HostTensor &out, std::string &error) {
  auto file = llvm::MemoryBuffer::getFile(path);
  if (!file) {
    error = path.str() + ": cannot open";
    return failure();
  }
  onnx::TensorProto tensor;
  if (!tensor.ParseFromArray((*file)->getBufferStart(),
                             (int)(*file)->getBufferSize())) {
    error = path.str() + ": not an ONNX TensorProto";
    return failure();
  }
  std::string reason;
  if (failed(nn::onnx_import::validateTensor(tensor, reason))) {
    error = path.str() + ": " + reason;
    return failure();
  }
  std::optional<nn_dtype> dtype = onnxDtype(tensor.data_type());
  if (!dtype) {
    error = path.str() + ": unsupported tensor type " +
            onnx::TensorProto::DataType_Name(
                static_cast<onnx::TensorProto::DataType>(tensor.data_type()));
    return failure();
  }
  SmallVector<int64_t> dims(tensor.dims().begin(), tensor.dims().end());
  if (nn_buffer_create(*dtype, (int32_t)dims.size(), dims.data(),
                       &out.buffer) != NN_OK) {
    error = path.str() + ": cannot allocate the tensor";
    return failure();
  }
  std::string bytes = nn::onnx_import::tensorBytes(tensor);
  size_t size = 0;
  nn_buffer_byte_size(*dtype, (int32_t)dims.size(), dims.data(), &size);
  if (bytes.size() != size) {
    error = path.str() + ": data size does not match the shape";
    return failure();
  }
  std::memcpy(out.buffer.data, bytes.data(), size);
  return success();
}

LogicalResult readInput(StringRef path, HostTensor &out, std::string &error) {
  if (path.ends_with(".npy")) {
    char reason[256] = "";
    if (nn_npy_read(path.str().c_str(), &out.buffer, reason, sizeof(reason)) !=
        NN_OK) {
      error = reason;
      return failure();
    }
    return success();
  }
  if (path.ends_with(".pb")) {
    return readPb(path, out, error);
  }
  error = path.str() + ": expected a .pb (ONNX TensorProto) or .npy file";
  return failure();
}

/// The graph inputs nnc asks to bind (`... bind it with --bind=NAME=FILE.pb`).
SmallVector<std::string> namesToBind(StringRef message) {
  SmallVector<std::string> names;
  StringRef marker = "bind it with --bind=";
  for (size_t at = message.find(marker); at != StringRef::npos;
       at = message.find(marker, at + 1)) {
    StringRef rest = message.substr(at + marker.size());
    names.push_back(rest.take_until([](char c) { return c == '='; }).str());
  }
  return names;
}

/// A model ready to compile, with the names of its inputs and outputs.
struct LoadedModel {
  OwningOpRef<ModuleOp> module;
  SmallVector<std::string> inputNames, outputNames;
  /// For each remaining @main argument, the index of its --input file.
  SmallVector<size_t> inputFileIndex;
  /// How many --input files the model takes (bound ones included).
  size_t inputFileCount = 0;
};

LogicalResult loadOnnx(MLIRContext &context, StringRef path,
                       ArrayRef<std::string> inputFiles, LoadedModel &out,
                       std::string &error) {
  onnx::ModelProto proto;
  if (failed(nn::onnx_import::loadModel(path, proto, error))) {
    return failure();
  }
  std::set<std::string> initializers;
  for (const auto &init : proto.graph().initializer()) {
    initializers.insert(init.name());
  }
  SmallVector<std::string> graphInputs;
  for (const auto &input : proto.graph().input()) {
    if (!initializers.count(input.name())) {
      graphInputs.push_back(input.name());
    }
  }
  for (const auto &output : proto.graph().output()) {
    out.outputNames.push_back(output.name());
  }

  // Import; bind shape-like inputs to their .pb files when asked to.
  nn::ImportOptions options;
  std::set<std::string> bound;
  for (int attempt = 0;; ++attempt) {
    FailureOr<OwningOpRef<ModuleOp>> module =
        nn::importOnnxModel(context, proto, path, error, options);
    if (succeeded(module)) {
      out.module = std::move(*module);
      break;
    }
    SmallVector<std::string> asked = namesToBind(error);
    bool progress = false;
    for (const std::string &name : asked) {
      auto it = llvm::find(graphInputs, name);
      size_t k = it - graphInputs.begin();
      if (it == graphInputs.end() || k >= inputFiles.size() ||
          !StringRef(inputFiles[k]).ends_with(".pb") || bound.count(name)) {
        continue;
      }
      options.bindings.emplace_back(name, inputFiles[k]);
      bound.insert(name);
      progress = true;
    }
    if (!progress || attempt == 8) {
      return failure();
    }
    // importOnnxModel moved the weights out of `proto`: read it again.
    proto.Clear();
    if (failed(nn::onnx_import::loadModel(path, proto, error))) {
      return failure();
    }
  }
  out.inputFileCount = graphInputs.size();
  for (auto [k, name] : llvm::enumerate(graphInputs)) {
    if (!bound.count(name)) {
      out.inputNames.push_back(name);
      out.inputFileIndex.push_back(k);
    }
  }
  return success();
}

LogicalResult loadMlir(MLIRContext &context, StringRef path, LoadedModel &out,
                       std::string &error) {
  out.module = nn::loadMlirModel(context, path, error);
  if (!out.module) {
    return failure();
  }
  std::vector<std::string> names = nn::mainInputNames(*out.module);
  out.inputNames.assign(names.begin(), names.end());
  for (unsigned i = 0; i < out.inputNames.size(); ++i) {
    out.inputFileIndex.push_back(i);
  }
  out.inputFileCount = out.inputNames.size();
  auto main = out.module->lookupSymbol<func::FuncOp>("main");
  for (unsigned i = 0; i < main.getNumResults(); ++i) {
    out.outputNames.push_back("output_" + std::to_string(i));
  }
  return success();
}

/// `x: tensor<?x4xf32>, y: ...` for messages.
std::string describeInputs(const LoadedModel &model, func::FuncOp main) {
  std::string s;
  for (auto [name, type] :
       llvm::zip(model.inputNames, main.getFunctionType().getInputs())) {
    s += (s.empty() ? "" : ", ") + name + ": " + typeString(type);
  }
  return s.empty() ? "none" : s;
}

/// One element of `buffer` as a double.
double elementAt(const nn_buffer &buffer, size_t i) {
  switch (buffer.dtype) {
  case NN_F32:
    return static_cast<const float *>(buffer.data)[i];
  case NN_F64:
    return static_cast<const double *>(buffer.data)[i];
  case NN_F16: {
    uint16_t h = static_cast<const uint16_t *>(buffer.data)[i];
    int exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
    double magnitude = exponent == 0 ? std::ldexp(mantissa, -24)
                       : exponent == 31
                           ? (mantissa ? NAN : INFINITY)
                           : std::ldexp(mantissa + 1024, exponent - 25);
    return (h & 0x8000) ? -magnitude : magnitude;
  }
  case NN_BF16: {
    uint32_t bits = uint32_t(static_cast<const uint16_t *>(buffer.data)[i])
                    << 16;
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
  }
  case NN_I8:
    return static_cast<const int8_t *>(buffer.data)[i];
  case NN_I32:
    return static_cast<const int32_t *>(buffer.data)[i];
  case NN_I64:
    return (double)static_cast<const int64_t *>(buffer.data)[i];
  case NN_BOOL:
    return static_cast<const uint8_t *>(buffer.data)[i] != 0;
  }
  return 0;
}

/// `name: tensor<2x3xf32> [v0, v1, ... ] min=.. max=.. mean=..`
void printSummary(StringRef name, RankedTensorType type,
                  const nn_buffer &buffer) {
  size_t count = type.getNumElements();
  llvm::outs() << name << ": " << typeString(type) << " [";
  for (size_t i = 0; i < std::min<size_t>(count, 8); ++i) {
    llvm::outs() << (i ? ", " : "") << llvm::format("%g", elementAt(buffer, i));
  }
  llvm::outs() << (count > 8 ? ", ...]" : "]");
  if (count) {
    double lo = INFINITY, hi = -INFINITY, sum = 0;
    for (size_t i = 0; i < count; ++i) {
      double v = elementAt(buffer, i);
      lo = std::min(lo, v);
      hi = std::max(hi, v);
      sum += v;
    }
    llvm::outs() << llvm::format(" min=%g max=%g mean=%g", lo, hi, sum / count);
  }
  llvm::outs() << "\n";
}

/// CPU time of the calling thread (--cpu-clock).
double threadCpuMilliseconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
      .count();
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::cl::opt<std::string> modelFile(llvm::cl::Positional,
                                       llvm::cl::desc("<model.onnx|.mlir>"),
                                       llvm::cl::Required);
  llvm::cl::opt<Target> target(
      "target", llvm::cl::desc("Where to run"), llvm::cl::init(Target::Auto),
      llvm::cl::values(clEnumValN(Target::Cpu, "cpu", "this CPU (JIT)"),
                       clEnumValN(Target::Vulkan, "vulkan", "a Vulkan device"),
                       clEnumValN(Target::Auto, "auto",
                                  "a Vulkan GPU if there is one, else cpu")));
  llvm::cl::opt<int> deviceIndex(
      "device", llvm::cl::desc("Vulkan device number (see --list-devices)"),
      llvm::cl::value_desc("N"), llvm::cl::init(0));
  llvm::cl::opt<std::string> spirvDir(
      "dump-spirv",
      llvm::cl::desc("With the vulkan target, write kernel_<i>.spv to DIR"),
      llvm::cl::value_desc("dir"));
  llvm::cl::list<std::string> inputFiles(
      "input",
      llvm::cl::desc("Input tensor (.pb or .npy), in graph input order "
                     "(repeatable)"),
      llvm::cl::value_desc("file"));
  llvm::cl::opt<std::string> outputDir(
      "output-dir", llvm::cl::desc("Write output i to DIR/output_<i>.npy"),
      llvm::cl::value_desc("dir"));
  llvm::cl::opt<unsigned> benchmark(
      "benchmark",
      llvm::cl::desc(
          "Run N times; print compile_ms, median_ms, min_ms, threads"),
      llvm::cl::value_desc("N"), llvm::cl::init(0));
  llvm::cl::opt<bool> cpuClock(
      "cpu-clock",
      llvm::cl::desc("With --benchmark: time this thread's CPU time instead "
                     "of wall time (with --threads=1, other load on a shared "
                     "machine does not count)"));
  llvm::cl::opt<bool> noFusion(
      "no-fusion",
      llvm::cl::desc("Compile without the fusion and folding passes"));
  llvm::cl::opt<bool> tileConvGroups(
      "tile-conv-groups",
      llvm::cl::desc("CPU: compute each conv + epilogue fusion group as "
                     "im2col + contraction tiles with the epilogue per tile "
                     "(one kernel; off by default: slower to compile and run "
                     "on ResNet-18)"));
  // libLLVM already registers global `--threads` and `--stats` options, so
  // ours are taken out of argv before the parser sees them.
  std::optional<std::string> threadsFlag;
  bool stats = false;
  SmallVector<char *> args;
  for (int i = 0; i < argc; ++i) {
    StringRef arg = argv[i];
    if (i > 0 &&
        (arg.consume_front("--threads=") || arg.consume_front("-threads="))) {
      threadsFlag = arg.str();
      continue;
    }
    if (i > 0 && arg == "--list-devices") {
      std::string error;
      if (!nn::listVulkanDevices(llvm::outs(), error)) {
        return reportError(error);
      }
      return 0;
    }
    if (i > 0 && (arg == "--stats" || arg == "-stats")) {
      stats = true;
      continue;
    }
    args.push_back(argv[i]);
  } // --help lists this tool's flags only, not every LLVM/MLIR option.
  static llvm::cl::OptionCategory toolFlags("nn-run options");
  for (llvm::cl::Option *flag : std::initializer_list<llvm::cl::Option *>{
           &modelFile, &target, &deviceIndex, &spirvDir,
           std::addressof(inputFiles), &outputDir, &benchmark, &noFusion,
           &tileConvGroups, &cpuClock}) {
    flag->addCategory(toolFlags);
  }
  llvm::cl::HideUnrelatedOptions(toolFlags);

  llvm::cl::ParseCommandLineOptions(
      (int)args.size(), args.data(),
      "nn-run: compile and run a model\n\n"
      "  --stats      print kernels=<K> buffers_bytes=<B>\n"
      "  --threads=N  threads for parallel loops (default: NNC_NUM_THREADS or "
      "every CPU this process may use)\n");

  bool useVulkan = target == Target::Vulkan ||
                   (target == Target::Auto && nn::haveVulkanGpu());
  unsigned threads = 1;
  if (threadsFlag &&
      (StringRef(*threadsFlag).getAsInteger(10, threads) || threads < 1)) {
    return reportError("--threads=" + *threadsFlag +
                       ": expected a positive integer");
  }
  if (threadsFlag) {
    nnc_set_num_threads((int)std::min(threads, 256u));
  }

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<nn::NNDialect>();
  MLIRContext context(registry);

  std::string error;
  LoadedModel model;
  StringRef path = modelFile;
  if (path.ends_with(".onnx")) {
    if (failed(loadOnnx(context, path, inputFiles, model, error))) {
      return reportError(error);
    }
  } else if (path.ends_with(".mlir") || path.ends_with(".mlirbc")) {
    if (failed(loadMlir(context, path, model, error))) {
      return reportError(error);
    }
  } else {
    return reportError(modelFile + ": expected a .onnx or .mlir model");
  }
  auto main = model.module->lookupSymbol<func::FuncOp>("main");
  if (!main) {
    return reportError(modelFile + ": no func.func @main");
  }

  // Read the inputs and check them against @main's signature.
  size_t expected = main.getNumArguments();
  size_t given = inputFiles.size();
  if (given != model.inputFileCount) {
    size_t count = model.inputFileCount;
    return reportError("the model takes " + Twine(count) + " input" +
                       (count == 1 ? "" : "s") + " (" +
                       describeInputs(model, main) + "), got " + Twine(given) +
                       " --input file" + (given == 1 ? "" : "s"));
  }
  std::vector<HostTensor> inputs(expected);
  SmallVector<RankedTensorType> inputTypes;
  for (size_t i = 0; i < expected; ++i) {
    const std::string &file = inputFiles[model.inputFileIndex[i]];
    if (failed(readInput(file, inputs[i], error))) {
      return reportError(error);
    }
    inputTypes.push_back(inputs[i].type(&context));
  }
  for (size_t i = 0; i < expected; ++i) {
    auto declared = dyn_cast<RankedTensorType>(main.getArgumentTypes()[i]);
    bool fits = declared &&
                declared.getElementType() == inputTypes[i].getElementType() &&
                declared.getRank() == inputTypes[i].getRank();
    for (int64_t d = 0; fits && d < declared.getRank(); ++d) {
      fits = declared.isDynamicDim(d) ||
             declared.getDimSize(d) == inputTypes[i].getDimSize(d);
    }
    if (!fits) {
      return reportError("input " + Twine(i) + " ('" + model.inputNames[i] +
                         "') from " + inputFiles[model.inputFileIndex[i]] +
                         " is " + typeString(inputTypes[i]) +
                         "; the model expects " + describeInputs(model, main));
    }
  }

  // Compile.
  nn::CpuPipelineOptions pipelineOptions;
  pipelineOptions.tileConvGroups = tileConvGroups;
  if (noFusion) {
    pipelineOptions.fuseElementwise = false;
    pipelineOptions.fuseGroups = false;
  }
  auto compileStart = std::chrono::steady_clock::now();
  nn::CpuCompileStats compileStats;
  FailureOr<std::unique_ptr<nn::CpuExecutable>> executable;
  FailureOr<std::unique_ptr<nn::VulkanRunner>> vulkan;
  if (useVulkan) {
    vulkan = nn::VulkanRunner::compile(*model.module, inputTypes, deviceIndex,
                                       spirvDir, error);
    if (failed(vulkan)) {
      return reportError(error);
    }
    compileStats.kernels = (*vulkan)->kernelCount();
    compileStats.bufferBytes = (*vulkan)->intermediateBytes();
  } else {
    executable = nn::CpuExecutable::compile(
        *model.module, inputTypes, pipelineOptions, error, &compileStats);
  }
  if (!useVulkan && failed(executable)) {
    return reportError(error);
  }
  double compileMs = millisecondsSince(compileStart);

  // Allocate the outputs and run.
  ArrayRef<RankedTensorType> resultTypes =
      useVulkan ? (*vulkan)->getResultTypes() : (*executable)->getResultTypes();
  std::vector<HostTensor> outputs(resultTypes.size());
  SmallVector<void *> outputData;
  for (auto [i, type] : llvm::enumerate(resultTypes)) {
    std::optional<nn_dtype> dtype = toDtype(type.getElementType());
    if (!dtype || type.getRank() > NN_MAX_RANK ||
        nn_buffer_create(*dtype, (int32_t)type.getRank(),
                         type.getShape().data(), &outputs[i].buffer) != NN_OK) {
      return reportError("output " + Twine(i) + " has unsupported type " +
                         typeString(type));
    }
    outputData.push_back(outputs[i].buffer.data);
  }
  SmallVector<const void *> inputData;
  for (const HostTensor &input : inputs) {
    inputData.push_back(input.buffer.data);
  }
  std::vector<double> times;
  for (unsigned run = 0; run < std::max(1u, (unsigned)benchmark); ++run) {
    auto start = std::chrono::steady_clock::now();
    double cpuStart = threadCpuMilliseconds();
    if (failed(useVulkan ? (*vulkan)->run(inputData, outputData, error)
                         : (*executable)->run(inputData, outputData, error))) {
      return reportError(error);
    }
    times.push_back(cpuClock ? threadCpuMilliseconds() - cpuStart
                             : millisecondsSince(start));
  }

  if (!outputDir.empty()) {
    if (std::error_code ec = llvm::sys::fs::create_directories(outputDir)) {
      return reportError(outputDir + ": " + ec.message());
    }
    for (auto [i, output] : llvm::enumerate(outputs)) {
      SmallString<128> file(outputDir);
      llvm::sys::path::append(file, "output_" + Twine(i) + ".npy");
      char reason[256] = "";
      if (nn_npy_write(file.c_str(), &output.buffer, reason, sizeof(reason)) !=
          NN_OK) {
        return reportError(reason);
      }
    }
  } else if (!benchmark && !stats) {
    for (auto [i, output] : llvm::enumerate(outputs)) {
      StringRef name = i < model.outputNames.size()
                           ? StringRef(model.outputNames[i])
                           : StringRef("output");
      printSummary(name, resultTypes[i], output.buffer);
    }
  }
  if (benchmark) {
    std::sort(times.begin(), times.end());
    size_t n = times.size();
    double median =
        n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
    llvm::outs() << llvm::format(
        "compile_ms=%.3f median_ms=%.3f min_ms=%.3f threads=%d\n", compileMs,
        median, times.front(), nnc_get_num_threads());
  }
  if (stats) {
    llvm::outs() << "kernels=" << compileStats.kernels
                 << " buffers_bytes=" << compileStats.bufferBytes << "\n";
  }
  return 0;
}
