//===- Session.cpp - the nnc host C API on top of CpuJit --------*- C++ -*-===//
//
// Implements include/nnc/nnc.h: a session owns an MLIRContext, the imported
// module (never modified: each compile works on a clone) and one compiled
// model (CPU JIT or Vulkan: api/Targets.h) per distinct set of input
// shapes. Every entry point checks its arguments, catches C++ exceptions and
// reports failures as an nn_status plus a message; nothing escapes across
// the C ABI.
//
//===----------------------------------------------------------------------===//

#include "codegen/RuntimeTypes.h"
#include "nnc/nnc.h"

#include "Targets.h"

#include "codegen/CpuJit.h"
#include "frontend/MlirFile.h"
#include "frontend/onnx/Importer.h"
#include "frontend/onnx/ModelLoader.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <new>
#include <set>
#include <string>
#include <vector>

using namespace mlir;

namespace {

/// One input or output as the model declares it.
struct TensorInfo {
  std::string name;
  nn_dtype dtype = NN_F32;
  SmallVector<int64_t> shape; // -1 = dynamic
};

std::string typeString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << type;
  return s;
}

std::optional<nn_dtype> toDtype(Type type) { return nn::toRuntimeDtype(type); }

const char *dtypeName(nn_dtype dtype) {
  switch (dtype) {
  case NN_F32:
    return "f32";
  case NN_F64:
    return "f64";
  case NN_F16:
    return "f16";
  case NN_BF16:
    return "bf16";
  case NN_I8:
    return "i8";
  case NN_I32:
    return "i32";
  case NN_I64:
    return "i64";
  case NN_BOOL:
    return "bool";
  }
  return "unknown";
}

Type fromDtype(MLIRContext *context, nn_dtype dtype) {
  return nn::fromRuntimeDtype(context, dtype);
}

/// `f32[2x?x4]` for messages.
std::string describe(nn_dtype dtype, ArrayRef<int64_t> shape) {
  std::string s = std::string(dtypeName(dtype)) + "[";
  for (auto [k, d] : llvm::enumerate(shape)) {
    s += (k ? "x" : "") + (d < 0 ? std::string("?") : std::to_string(d));
  }
  return s + "]";
}

/// Describes `type` (a ranked tensor of a runtime dtype) or fails.
LogicalResult toInfo(Type type, StringRef name, TensorInfo &info,
                     std::string &error) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  std::optional<nn_dtype> dtype =
      ranked ? toDtype(ranked.getElementType()) : std::nullopt;
  if (!ranked || !dtype || ranked.getRank() > NN_MAX_RANK) {
    error = "'" + name.str() + "' has type " + typeString(type) +
            ", which the host API cannot hold (ranked tensors of rank <= " +
            std::to_string(NN_MAX_RANK) + " of f32/f64/f16/bf16/i8/i32/i64/i1)";
    return failure();
  }
  info.name = name.str();
  info.dtype = *dtype;
  for (int64_t d : ranked.getShape()) {
    info.shape.push_back(ShapedType::isDynamic(d) ? -1 : d);
  }
  return success();
}

DialectRegistry &registry() {
  static DialectRegistry *r = [] {
    auto *reg = new DialectRegistry();
    registerAllDialects(*reg);
    registerAllExtensions(*reg);
    reg->insert<nn::NNDialect>();
    return reg;
  }();
  return *r;
}

thread_local std::string lastCreateError;

nn_status createFailure(nn_status status, std::string message) {
  lastCreateError = std::move(message);
  return status;
}

} // namespace

struct nnc_session {
  MLIRContext context{registry()};
  OwningOpRef<ModuleOp> module;
  std::vector<TensorInfo> inputs, outputs;
  std::map<std::vector<int64_t>, std::unique_ptr<nn::CompiledFunction>>
      compiles;
  nnc_options options = {};
  std::string error;

  nn_status fail(nn_status status, std::string message) {
    error = std::move(message);
    return status;
  }

  /// Fills inputs/outputs from @main; `inputNames` (may be empty) names them.
  LogicalResult describeMain(ArrayRef<std::string> inputNames,
                             ArrayRef<std::string> outputNames,
                             std::string &message) {
    auto main = module->lookupSymbol<func::FuncOp>("main");
    if (!main) {
      message = "the module has no func.func @main";
      return failure();
    }
    FunctionType type = main.getFunctionType();
    for (auto [i, argType] : llvm::enumerate(type.getInputs())) {
      std::string name = "input_" + std::to_string(i);
      if (auto attr = main.getArgAttrOfType<StringAttr>(i, "nn.name")) {
        name = attr.str();
      } else if (inputNames.size() == type.getNumInputs()) {
        name = inputNames[i];
      }
      TensorInfo info;
      if (failed(toInfo(argType,
                        "input " + std::to_string(i) + " (" + name + ")", info,
                        message))) {
        return failure();
      }
      info.name = name;
      inputs.push_back(std::move(info));
    }
    for (auto [i, resultType] : llvm::enumerate(type.getResults())) {
      std::string name = outputNames.size() == type.getNumResults()
                             ? outputNames[i]
                             : "output_" + std::to_string(i);
      TensorInfo info;
      if (failed(toInfo(resultType,
                        "output " + std::to_string(i) + " (" + name + ")", info,
                        message))) {
        return failure();
      }
      info.name = name;
      outputs.push_back(std::move(info));
    }
    return success();
  }
};

namespace {

/// Parses MLIR text into `s`; the first error diagnostic goes to `message`.
nn_status parseMlir(nnc_session &s, StringRef text, StringRef name,
                    std::string &message) {
  s.module = nn::parseMlirModel(s.context, text, name, message);
  if (!s.module) {
    return NN_INVALID_MODEL;
  }
  if (failed(s.describeMain({}, {}, message))) {
    message = name.str() + ": " + message;
    return NN_INVALID_MODEL;
  }
  return NN_OK;
}

nn_status loadOnnx(nnc_session &s, StringRef path, std::string &message) {
  onnx::ModelProto proto;
  if (!llvm::sys::fs::exists(path)) {
    message = path.str() + ": no such file";
    return NN_IO_ERROR;
  }
  if (failed(nn::onnx_import::loadModel(path, proto, message))) {
    return NN_INVALID_MODEL;
  }
  std::set<std::string> initializers;
  for (const auto &init : proto.graph().initializer()) {
    initializers.insert(init.name());
  }
  std::vector<std::string> inputNames, outputNames;
  for (const auto &input : proto.graph().input()) {
    if (!initializers.count(input.name())) {
      inputNames.push_back(input.name());
    }
  }
  for (const auto &output : proto.graph().output()) {
    outputNames.push_back(output.name());
  }
  FailureOr<OwningOpRef<ModuleOp>> module =
      nn::importOnnxModel(s.context, proto, path, message);
  if (failed(module)) {
    return NN_INVALID_MODEL;
  }
  s.module = std::move(*module);
  if (failed(s.describeMain(inputNames, outputNames, message))) {
    message = path.str() + ": " + message;
    return NN_INVALID_MODEL;
  }
  return NN_OK;
}

nn_status checkOptions(const nnc_options *opts) {
  if (!opts) {
    return NN_OK;
  }
  if (opts->num_threads < 0) {
    return createFailure(NN_INVALID_ARGUMENT,
                         "nnc_options.num_threads must be >= 0");
  }
  for (int32_t r : opts->reserved) {
    if (r != 0) {
      return createFailure(NN_INVALID_ARGUMENT,
                           "nnc_options.reserved must be zero");
    }
  }
  std::string message;
  if (nn_status status = nnc::checkTarget(*opts, message)) {
    return createFailure(status, message);
  }
  return NN_OK;
}

template <typename Load>
nn_status createSession(const nnc_options *opts, nnc_session **out, Load load) {
  try {
    if (!out) {
      return createFailure(NN_INVALID_ARGUMENT, "out session pointer is NULL");
    }
    *out = nullptr;
    if (nn_status status = checkOptions(opts)) {
      return status;
    }
    auto session = std::make_unique<nnc_session>();
    if (opts) {
      session->options = *opts;
    }
    std::string message;
    if (nn_status status = load(*session, message)) {
      return createFailure(status, message);
    }
    lastCreateError.clear();
    *out = session.release();
    return NN_OK;
  } catch (const std::bad_alloc &) {
    return createFailure(NN_OUT_OF_MEMORY, "out of memory");
  } catch (...) {
    return createFailure(NN_RUNTIME_ERROR, "unexpected internal error");
  }
}

/// Checks the inputs and returns the compile for their shapes.
nn_status prepare(nnc_session &s, const nn_buffer *inputs, size_t nIn,
                  nn::CompiledFunction *&executable) {
  if (nIn != s.inputs.size()) {
    return s.fail(NN_INVALID_ARGUMENT,
                  "the model takes " + std::to_string(s.inputs.size()) +
                      " input(s), got " + std::to_string(nIn));
  }
  if (nIn && !inputs) {
    return s.fail(NN_INVALID_ARGUMENT, "inputs is NULL");
  }
  std::vector<int64_t> key;
  SmallVector<RankedTensorType> types;
  for (size_t i = 0; i < nIn; ++i) {
    const nn_buffer &buffer = inputs[i];
    const TensorInfo &info = s.inputs[i];
    std::string what = "input " + std::to_string(i) + " ('" + info.name + "')";
    if (buffer.rank < 0 || buffer.rank > NN_MAX_RANK) {
      return s.fail(NN_INVALID_ARGUMENT,
                    what + " has rank " + std::to_string(buffer.rank) +
                        " outside [0, " + std::to_string(NN_MAX_RANK) + "]");
    }
    ArrayRef<int64_t> shape(buffer.shape, buffer.rank);
    bool fits =
        buffer.dtype == info.dtype && (size_t)buffer.rank == info.shape.size();
    for (size_t d = 0; fits && d < shape.size(); ++d) {
      fits = shape[d] >= 0 && (info.shape[d] < 0 || info.shape[d] == shape[d]);
    }
    if (!fits) {
      return s.fail(NN_INVALID_ARGUMENT, what + " is " +
                                             describe(buffer.dtype, shape) +
                                             "; the model expects " +
                                             describe(info.dtype, info.shape));
    }
    size_t bytes = 0;
    if (nn_buffer_byte_size(buffer.dtype, buffer.rank, buffer.shape, &bytes) !=
        NN_OK) {
      return s.fail(NN_INVALID_ARGUMENT, what + " is too large");
    }
    if (!buffer.data && bytes) {
      return s.fail(NN_INVALID_ARGUMENT, what + " has NULL data");
    }
    key.push_back(buffer.rank);
    key.insert(key.end(), shape.begin(), shape.end());
    types.push_back(
        RankedTensorType::get(shape, fromDtype(&s.context, buffer.dtype)));
  }
  auto it = s.compiles.find(key);
  if (it != s.compiles.end()) {
    executable = it->second.get();
    return NN_OK;
  }
  // Compiling rewrites the module: give it a clone.
  OwningOpRef<ModuleOp> clone = s.module->clone();
  std::string message;
  FailureOr<std::unique_ptr<nn::CompiledFunction>> compiled =
      nnc::compileModel(*clone, types, s.options, message);
  if (failed(compiled)) {
    return s.fail(NN_INVALID_MODEL,
                  "compiling for the given input shapes: " + message);
  }
  executable = compiled->get();
  s.compiles.emplace(std::move(key), std::move(*compiled));
  return NN_OK;
}

nn_status runSession(nnc_session &s, const nn_buffer *inputs, size_t nIn,
                     nn_buffer *outputs, size_t nOut) {
  if (nOut != s.outputs.size()) {
    return s.fail(NN_INVALID_ARGUMENT,
                  "the model has " + std::to_string(s.outputs.size()) +
                      " output(s), got " + std::to_string(nOut));
  }
  if (nOut && !outputs) {
    return s.fail(NN_INVALID_ARGUMENT, "outputs is NULL");
  }
  nn::CompiledFunction *executable = nullptr;
  if (nn_status status = prepare(s, inputs, nIn, executable)) {
    return status;
  }

  ArrayRef<RankedTensorType> resultTypes = executable->getResultTypes();
  // Check the caller-allocated outputs before allocating any.
  std::vector<nn_dtype> dtypes;
  for (auto [i, type] : llvm::enumerate(resultTypes)) {
    std::optional<nn_dtype> dtype = toDtype(type.getElementType());
    if (!dtype || type.getRank() > NN_MAX_RANK) {
      return s.fail(NN_UNSUPPORTED, "output " + std::to_string(i) +
                                        " has unsupported type " +
                                        typeString(type));
    }
    dtypes.push_back(*dtype);
    const nn_buffer &buffer = outputs[i];
    if (!buffer.data) {
      continue;
    }
    ArrayRef<int64_t> shape(buffer.shape,
                            std::clamp<int32_t>(buffer.rank, 0, NN_MAX_RANK));
    if (buffer.dtype != *dtype || buffer.rank != type.getRank() ||
        shape != type.getShape()) {
      return s.fail(NN_INVALID_ARGUMENT,
                    "output " + std::to_string(i) + " ('" + s.outputs[i].name +
                        "') is " + describe(buffer.dtype, shape) +
                        "; this run produces " +
                        describe(*dtype, type.getShape()) +
                        " (pass a zeroed nn_buffer to have it allocated)");
    }
  }
  std::vector<size_t> allocated;
  auto releaseAllocated = [&] {
    for (size_t i : allocated) {
      nn_buffer_destroy(&outputs[i]);
      outputs[i] = nn_buffer();
    }
  };
  SmallVector<void *> outputData;
  for (auto [i, type] : llvm::enumerate(resultTypes)) {
    if (!outputs[i].data) {
      if (nn_status status =
              nn_buffer_create(dtypes[i], (int32_t)type.getRank(),
                               type.getShape().data(), &outputs[i])) {
        releaseAllocated();
        return s.fail(status, "cannot allocate output " + std::to_string(i));
      }
      allocated.push_back(i);
    }
    outputData.push_back(outputs[i].data);
  }
  SmallVector<const void *> inputData;
  for (size_t i = 0; i < nIn; ++i) {
    inputData.push_back(inputs[i].data);
  }
  std::string message;
  if (failed(executable->run(inputData, outputData, message))) {
    releaseAllocated();
    return s.fail(NN_RUNTIME_ERROR, message);
  }
  s.error.clear();
  return NN_OK;
}

nn_status tensorInfo(nnc_session *s, const std::vector<TensorInfo> &list,
                     const char *kind, size_t i, const char **name,
                     nn_dtype *dtype, int32_t *rank, const int64_t **shape) {
  if (i >= list.size()) {
    return s->fail(NN_INVALID_ARGUMENT, std::string(kind) + " index " +
                                            std::to_string(i) +
                                            " out of range (the model has " +
                                            std::to_string(list.size()) + ")");
  }
  const TensorInfo &info = list[i];
  if (name) {
    *name = info.name.c_str();
  }
  if (dtype) {
    *dtype = info.dtype;
  }
  if (rank) {
    *rank = (int32_t)info.shape.size();
  }
  if (shape) {
    *shape = info.shape.data();
  }
  return NN_OK;
}

const char *const kNullSession = "the session is NULL";

} // namespace

extern "C" {

int32_t nnc_api_version(void) { return NNC_API_VERSION; }

nn_status nnc_options_init(nnc_options *opts) {
  if (!opts) {
    return NN_INVALID_ARGUMENT;
  }
  *opts = nnc_options();
  return NN_OK;
}

nn_status nnc_session_create_from_file(const char *path,
                                       const nnc_options *opts,
                                       nnc_session **out) {
  if (!path) {
    if (out) {
      *out = nullptr;
    }
    return createFailure(NN_INVALID_ARGUMENT, "path is NULL");
  }
  return createSession(opts, out, [&](nnc_session &s, std::string &message) {
    StringRef file(path);
    if (file.ends_with(".onnx")) {
      return loadOnnx(s, file, message);
    }
    if (!file.ends_with(".mlir")) {
      message = file.str() + ": expected a .onnx or .mlir model";
      return NN_INVALID_ARGUMENT;
    }
    auto buffer = llvm::MemoryBuffer::getFile(file);
    if (!buffer) {
      message = file.str() + ": " + buffer.getError().message();
      return NN_IO_ERROR;
    }
    return parseMlir(s, (*buffer)->getBuffer(), file, message);
  });
}

nn_status nnc_session_create_from_mlir(const char *text, size_t len,
                                       const nnc_options *opts,
                                       nnc_session **out) {
  if (!text && len) {
    if (out) {
      *out = nullptr;
    }
    return createFailure(NN_INVALID_ARGUMENT, "text is NULL");
  }
  return createSession(opts, out, [&](nnc_session &s, std::string &message) {
    return parseMlir(s, StringRef(text ? text : "", len), "<mlir text>",
                     message);
  });
}

nn_status nnc_device_count(int32_t target, int32_t *count) {
  try {
    if (!count) {
      return createFailure(NN_INVALID_ARGUMENT, "count is NULL");
    }
    std::string message;
    if (nn_status status = nnc::countDevices(target, *count, message)) {
      return createFailure(status, message);
    }
    lastCreateError.clear();
    return NN_OK;
  } catch (...) {
    return createFailure(NN_RUNTIME_ERROR, "unexpected internal error");
  }
}

const char *nnc_last_error_message(void) { return lastCreateError.c_str(); }

size_t nnc_session_num_inputs(const nnc_session *s) {
  return s ? s->inputs.size() : 0;
}

size_t nnc_session_num_outputs(const nnc_session *s) {
  return s ? s->outputs.size() : 0;
}

nn_status nnc_session_input_info(nnc_session *s, size_t i, const char **name,
                                 nn_dtype *dtype, int32_t *rank,
                                 const int64_t **shape) {
  if (!s) {
    return NN_INVALID_ARGUMENT;
  }
  return tensorInfo(s, s->inputs, "input", i, name, dtype, rank, shape);
}

nn_status nnc_session_output_info(nnc_session *s, size_t i, const char **name,
                                  nn_dtype *dtype, int32_t *rank,
                                  const int64_t **shape) {
  if (!s) {
    return NN_INVALID_ARGUMENT;
  }
  return tensorInfo(s, s->outputs, "output", i, name, dtype, rank, shape);
}

nn_status nnc_session_run(nnc_session *s, const nn_buffer *inputs, size_t n_in,
                          nn_buffer *outputs, size_t n_out) {
  if (!s) {
    return NN_INVALID_ARGUMENT;
  }
  try {
    return runSession(*s, inputs, n_in, outputs, n_out);
  } catch (const std::bad_alloc &) {
    return s->fail(NN_OUT_OF_MEMORY, "out of memory");
  } catch (...) {
    return s->fail(NN_RUNTIME_ERROR, "unexpected internal error");
  }
}

size_t nnc_session_num_compiles(const nnc_session *s) {
  return s ? s->compiles.size() : 0;
}

const char *nnc_session_last_error(const nnc_session *s) {
  return s ? s->error.c_str() : kNullSession;
}

void nnc_session_destroy(nnc_session *s) { delete s; }

} // extern "C"
