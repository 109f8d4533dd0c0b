//===- ModelLoader.cpp - read and validate ONNX files -----------*- C++ -*-===//
//
// File → validated `onnx::ModelProto`. Every check reports one message that
// names the file and, where one is at fault, the node.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/ModelLoader.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <onnx/defs/schema.h>

#include <algorithm>

#include <cstring>
#include <limits>

using namespace mlir;
using namespace mlir::nn::onnx_import;

namespace {
constexpr uint64_t kMaxFileSize = uint64_t(2) << 30; // protobuf's 2 GiB limit

/// True if `dataType`'s values live in `int32_data` when not raw.
bool storedAsInt32(int32_t dataType) {
  using onnx::TensorProto;
  switch (dataType) {
  case TensorProto::INT32:
  case TensorProto::INT16:
  case TensorProto::INT8:
  case TensorProto::UINT16:
  case TensorProto::UINT8:
  case TensorProto::BOOL:
  case TensorProto::FLOAT16:
  case TensorProto::BFLOAT16:
    return true;
  default:
    return false;
  }
}

/// Number of values in the typed field that holds `tensor`'s data.
int64_t typedFieldSize(const onnx::TensorProto &tensor) {
  using onnx::TensorProto;
  switch (tensor.data_type()) {
  case TensorProto::FLOAT:
    return tensor.float_data_size();
  case TensorProto::DOUBLE:
    return tensor.double_data_size();
  case TensorProto::INT64:
    return tensor.int64_data_size();
  case TensorProto::UINT32:
  case TensorProto::UINT64:
    return tensor.uint64_data_size();
  default:
    return storedAsInt32(tensor.data_type()) ? tensor.int32_data_size() : 0;
  }
}

/// The kind of value an attribute holds: its declared `type`, or for old
/// files that leave it unset, the field that is filled.
onnx::AttributeProto::AttributeType heldType(const onnx::AttributeProto &attr) {
  using A = onnx::AttributeProto;
  if (attr.type() != A::UNDEFINED) {
    return attr.type();
  }
  if (attr.has_f()) {
    return A::FLOAT;
  }
  if (attr.has_i()) {
    return A::INT;
  }
  if (attr.has_s()) {
    return A::STRING;
  }
  if (attr.has_t()) {
    return A::TENSOR;
  }
  if (attr.has_g()) {
    return A::GRAPH;
  }
  if (attr.floats_size()) {
    return A::FLOATS;
  }
  if (attr.ints_size()) {
    return A::INTS;
  }
  if (attr.strings_size()) {
    return A::STRINGS;
  }
  return A::UNDEFINED;
}

/// Checks a default-domain node against its ONNX schema (input and output
/// counts, required inputs present, tensor attributes holding a tensor), so
/// that converters may rely on them. "" if fine or the op is unknown (the
/// importer reports unknown ops).
std::string checkAgainstSchema(const onnx::NodeProto &node, int64_t opset) {
  if (!node.domain().empty() && node.domain() != "ai.onnx") {
    return "";
  }
  const onnx::OpSchema *schema = onnx::OpSchemaRegistry::Schema(
      node.op_type(), static_cast<int>(opset), "");
  if (!schema) {
    return "";
  }
  auto range = [](int lo, int hi) {
    return lo == hi ? std::to_string(lo)
                    : std::to_string(lo) + ".." +
                          (hi == std::numeric_limits<int>::max()
                               ? std::string("")
                               : std::to_string(hi));
  };
  if (node.input_size() < schema->min_input() ||
      node.input_size() > schema->max_input()) {
    return "has " + std::to_string(node.input_size()) + " inputs, expected " +
           range(schema->min_input(), schema->max_input()) + "; fix the model";
  }
  if (node.output_size() < schema->min_output() ||
      node.output_size() > schema->max_output()) {
    return "has " + std::to_string(node.output_size()) + " outputs, expected " +
           range(schema->min_output(), schema->max_output()) +
           "; fix the model";
  }
  const auto &formals = schema->inputs();
  for (int i = 0; i < node.input_size() && !formals.empty(); ++i) {
    const auto &formal = formals[std::min<size_t>(i, formals.size() - 1)];
    if (node.input(i).empty() &&
        formal.GetOption() != onnx::OpSchema::Optional) {
      return "required input " + std::to_string(i) + " ('" + formal.GetName() +
             "') is missing";
    }
  }
  for (const auto &attr : node.attribute()) {
    auto it = schema->attributes().find(attr.name());
    if (it == schema->attributes().end()) {
      continue;
    }
    if (it->second.type == onnx::AttributeProto::TENSOR && !attr.has_t()) {
      return "attribute '" + attr.name() + "' holds no tensor";
    }
    onnx::AttributeProto::AttributeType held = heldType(attr);
    if (held != onnx::AttributeProto::UNDEFINED && held != it->second.type) {
      return "attribute '" + attr.name() + "' is " +
             onnx::AttributeProto::AttributeType_Name(held) + ", expected " +
             onnx::AttributeProto::AttributeType_Name(it->second.type) +
             "; fix the model";
    }
  }
  return "";
}

template <typename T, typename Field>
void appendAs(std::string &out, const Field &values) {
  for (auto v : values) {
    T narrowed = static_cast<T>(v);
    out.append(reinterpret_cast<const char *>(&narrowed), sizeof(T));
  }
}
} // namespace

int64_t mlir::nn::onnx_import::elementSize(int32_t dataType) {
  using onnx::TensorProto;
  switch (dataType) {
  case TensorProto::BOOL:
  case TensorProto::INT8:
  case TensorProto::UINT8:
    return 1;
  case TensorProto::INT16:
  case TensorProto::UINT16:
  case TensorProto::FLOAT16:
  case TensorProto::BFLOAT16:
    return 2;
  case TensorProto::INT32:
  case TensorProto::UINT32:
  case TensorProto::FLOAT:
    return 4;
  case TensorProto::INT64:
  case TensorProto::UINT64:
  case TensorProto::DOUBLE:
    return 8;
  default:
    return 0;
  }
}

int64_t mlir::nn::onnx_import::tensorVolume(const onnx::TensorProto &tensor) {
  int64_t volume = 1;
  for (int64_t d : tensor.dims()) {
    volume *= d;
  }
  return volume;
}

LogicalResult
mlir::nn::onnx_import::validateTensor(const onnx::TensorProto &tensor,
                                      std::string &error) {
  std::string name = "tensor '" + tensor.name() + "'";
  int64_t size = elementSize(tensor.data_type());
  if (size == 0) {
    error = name + " has unsupported data type " +
            std::to_string(tensor.data_type());
    return failure();
  }
  if (tensor.data_location() == onnx::TensorProto::EXTERNAL ||
      tensor.external_data_size() > 0) {
    error = name + " uses external data, which is not supported";
    return failure();
  }
  int64_t volume = 1;
  for (int64_t d : tensor.dims()) {
    if (d < 0) {
      error = name + " has a negative dimension " + std::to_string(d);
      return failure();
    }
    if (d != 0 && volume > std::numeric_limits<int64_t>::max() / size / d) {
      error = name + " is too large (its volume overflows)";
      return failure();
    }
    volume *= d;
  }
  if (tensor.has_raw_data()) {
    auto expected = static_cast<uint64_t>(volume * size);
    if (tensor.raw_data().size() != expected) {
      error = name + " has " + std::to_string(tensor.raw_data().size()) +
              " bytes of raw_data, expected " + std::to_string(expected) +
              " (" + std::to_string(volume) + " elements of " +
              std::to_string(size) + " bytes)";
      return failure();
    }
    return success();
  }
  if (typedFieldSize(tensor) != volume) {
    error = name + " has " + std::to_string(typedFieldSize(tensor)) +
            " values, expected " + std::to_string(volume);
    return failure();
  }
  return success();
}

std::string
mlir::nn::onnx_import::tensorBytes(const onnx::TensorProto &tensor) {
  using onnx::TensorProto;
  if (tensor.has_raw_data()) {
    return tensor.raw_data();
  }
  std::string out;
  switch (tensor.data_type()) {
  case TensorProto::FLOAT:
    appendAs<float>(out, tensor.float_data());
    break;
  case TensorProto::DOUBLE:
    appendAs<double>(out, tensor.double_data());
    break;
  case TensorProto::INT64:
    appendAs<int64_t>(out, tensor.int64_data());
    break;
  case TensorProto::UINT32:
    appendAs<uint32_t>(out, tensor.uint64_data());
    break;
  case TensorProto::UINT64:
    appendAs<uint64_t>(out, tensor.uint64_data());
    break;
  case TensorProto::INT32:
    appendAs<int32_t>(out, tensor.int32_data());
    break;
  case TensorProto::INT16:
  case TensorProto::UINT16:
  case TensorProto::FLOAT16:
  case TensorProto::BFLOAT16:
    appendAs<uint16_t>(out, tensor.int32_data());
    break;
  default: // INT8, UINT8, BOOL
    appendAs<uint8_t>(out, tensor.int32_data());
    break;
  }
  return out;
}

std::optional<int64_t>
mlir::nn::onnx_import::defaultOpset(const onnx::ModelProto &model) {
  for (const auto &import : model.opset_import()) {
    if (import.domain().empty() || import.domain() == "ai.onnx") {
      return import.version();
    }
  }
  return std::nullopt;
}

std::string mlir::nn::onnx_import::describeNode(const onnx::NodeProto &node,
                                                int64_t opset) {
  std::string name =
      node.name().empty() ? "unnamed node" : "node '" + node.name() + "'";
  return name + " (" + node.op_type() + ", opset " + std::to_string(opset) +
         ")";
}

namespace {
/// Replaces `tensor`'s external data (ONNX's `location`/`offset`/`length`
/// entries, the file relative to `baseDir`) with the bytes it names, as
/// raw_data. Without `baseDir` (a model read from memory) external data is an
/// error.
LogicalResult loadExternalData(onnx::TensorProto &tensor,
                               const std::optional<std::string> &baseDir,
                               std::string &error) {
  if (tensor.data_location() != onnx::TensorProto::EXTERNAL &&
      tensor.external_data_size() == 0) {
    return success();
  }
  auto fail = [&](const llvm::Twine &message) {
    error =
        ("tensor '" + tensor.name() + "' uses external data: " + message).str();
    return failure();
  };
  if (!baseDir) {
    return fail("only models read from a file may use external data");
  }
  std::string location;
  std::optional<uint64_t> offset, length;
  for (const auto &entry : tensor.external_data()) {
    llvm::StringRef value = entry.value();
    if (entry.key() == "location") {
      location = entry.value();
    } else if (entry.key() == "offset" || entry.key() == "length") {
      uint64_t n = 0;
      if (value.getAsInteger(10, n)) {
        return fail("'" + entry.key() + "' is '" + value +
                    "', not a non-negative integer");
      }
      (entry.key() == "offset" ? offset : length) = n;
    }
  }
  if (location.empty() || location.find('\0') != std::string::npos) {
    return fail("no valid 'location' entry");
  }
  if (llvm::sys::path::is_absolute(location)) {
    return fail("location '" + location +
                "' is an absolute path; external data must lie in the "
                "model's directory");
  }
  for (llvm::StringRef part : llvm::make_range(
           llvm::sys::path::begin(location), llvm::sys::path::end(location))) {
    if (part == "..") {
      return fail("location '" + location +
                  "' leaves the model's directory ('..' is not allowed)");
    }
  }
  llvm::SmallString<256> file(*baseDir);
  llvm::sys::path::append(file, location);
  // Symbolic links must not lead out of the model's directory either.
  llvm::SmallString<256> realDir, realFile;
  if (std::error_code ec = llvm::sys::fs::real_path(file, realFile)) {
    return fail("cannot open '" + file + "': " + ec.message());
  }
  if (llvm::sys::fs::real_path(*baseDir, realDir) ||
      !llvm::StringRef(realFile).starts_with((realDir + "/").str())) {
    return fail("location '" + location +
                "' leads out of the model's "
                "directory");
  }
  if (!llvm::sys::fs::is_regular_file(realFile)) {
    return fail("'" + file + "' is not a regular file");
  }
  uint64_t fileSize = 0;
  if (std::error_code ec = llvm::sys::fs::file_size(realFile, fileSize)) {
    return fail("cannot read '" + file + "': " + ec.message());
  }
  uint64_t start = offset.value_or(0);
  if (start > fileSize) {
    return fail("offset " + llvm::Twine(start) + " is past the end of '" +
                file + "' (" + llvm::Twine(fileSize) + " bytes)");
  }
  uint64_t count = length.value_or(fileSize - start);
  if (count > fileSize - start) {
    return fail("'" + file + "' is too short: " + llvm::Twine(fileSize) +
                " bytes, the tensor needs " + llvm::Twine(count) +
                " bytes at offset " + llvm::Twine(start));
  }
  if (count >= kMaxFileSize) {
    return fail("tensors of 2 GiB or more are not supported");
  }
  llvm::Expected<llvm::sys::fs::file_t> fd =
      llvm::sys::fs::openNativeFileForRead(realFile);
  if (!fd) {
    return fail("cannot open '" + file +
                "': " + llvm::toString(fd.takeError()));
  }
  std::string *raw = tensor.mutable_raw_data();
  raw->resize(count);
  uint64_t done = 0;
  while (done < count) {
    llvm::Expected<size_t> read = llvm::sys::fs::readNativeFileSlice(
        *fd, llvm::MutableArrayRef<char>(raw->data() + done, count - done),
        start + done);
    if (!read || *read == 0) {
      llvm::sys::fs::closeFile(*fd);
      std::string why =
          read ? "unexpected end of file" : llvm::toString(read.takeError());
      return fail("cannot read '" + file + "': " + why);
    }
    done += *read;
  }
  llvm::sys::fs::closeFile(*fd);
  tensor.clear_external_data();
  tensor.set_data_location(onnx::TensorProto::DEFAULT);
  return success();
}

/// Loads the external data of every initializer and node attribute tensor.
LogicalResult resolveExternalData(onnx::ModelProto &model,
                                  const std::optional<std::string> &baseDir,
                                  std::string &error) {
  onnx::GraphProto &graph = *model.mutable_graph();
  for (auto &init : *graph.mutable_initializer()) {
    if (failed(loadExternalData(init, baseDir, error))) {
      error = "initializer " + error;
      return failure();
    }
  }
  for (auto &node : *graph.mutable_node()) {
    for (auto &attr : *node.mutable_attribute()) {
      if (attr.has_t() &&
          failed(loadExternalData(*attr.mutable_t(), baseDir, error))) {
        error = "node '" + node.name() + "' (" + node.op_type() +
                "): attribute '" + attr.name() + "': " + error;
        return failure();
      }
    }
  }
  return success();
}

/// Parses with `parse`, resolves external data relative to `baseDir` and
/// validates. `path` names the model in messages.
LogicalResult
parseAndValidate(llvm::StringRef path,
                 const std::optional<std::string> &baseDir,
                 llvm::function_ref<bool(onnx::ModelProto &)> parse,
                 onnx::ModelProto &model, std::string &error) {
  auto fail = [&](const llvm::Twine &message) {
    error = (path + ": " + message).str();
    return failure();
  };
  if (!parse(model)) {
    return fail("not a valid ONNX model (protobuf parsing failed; truncated "
                "or corrupt file?)");
  }
  {
    std::string message;
    if (failed(resolveExternalData(model, baseDir, message))) {
      return fail(message);
    }
  }
  if (model.ir_version() < 3) {
    return fail("ir_version " + llvm::Twine(model.ir_version()) +
                " is not supported (need 3 or later)");
  }
  std::optional<int64_t> opset = defaultOpset(model);
  if (!opset) {
    return fail("the model imports no default-domain (ai.onnx) opset");
  }
  if (*opset < kMinOpset || *opset > kMaxOpset) {
    return fail("opset " + llvm::Twine(*opset) + " is not supported (" +
                llvm::Twine(kMinOpset) + ".." + llvm::Twine(kMaxOpset) + ")");
  }
  const onnx::GraphProto &graph = model.graph();
  if (graph.node_size() == 0 || graph.output_size() == 0) {
    return fail("the graph is empty (no nodes or no outputs)");
  }

  llvm::StringSet<> defined;
  for (const auto &input : graph.input()) {
    // Static dims whose element count overflows break shape arithmetic.
    int64_t volume = 1;
    for (const auto &dim : input.type().tensor_type().shape().dim()) {
      int64_t d = dim.has_dim_value() ? dim.dim_value() : 0;
      if (d > 0 && volume > (int64_t(1) << 62) / d) {
        return fail("graph input '" + input.name() +
                    "' is too large (its static dims overflow)");
      }
      volume *= d > 0 ? d : 1;
    }
    defined.insert(input.name());
  }
  llvm::StringMap<const onnx::ValueInfoProto *> declared;
  for (const auto &input : graph.input()) {
    declared[input.name()] = &input;
  }
  for (const auto &init : graph.initializer()) {
    std::string message;
    if (failed(validateTensor(init, message))) {
      return fail("initializer " + message);
    }
    // An initializer that is also a graph input must match its declaration.
    auto it = declared.find(init.name());
    if (it != declared.end() && it->second->type().has_tensor_type()) {
      const auto &type = it->second->type().tensor_type();
      if (type.elem_type() != 0 && type.elem_type() != init.data_type()) {
        return fail(
            "initializer '" + init.name() + "' has element type " +
            onnx::TensorProto::DataType_Name(
                static_cast<onnx::TensorProto::DataType>(init.data_type())) +
            " but graph input '" + init.name() + "' declares " +
            onnx::TensorProto::DataType_Name(
                static_cast<onnx::TensorProto::DataType>(type.elem_type())));
      }
      bool shapeMatches =
          !type.has_shape() || type.shape().dim_size() == init.dims_size();
      for (int i = 0; shapeMatches && type.has_shape() && i < init.dims_size();
           ++i) {
        const auto &dim = type.shape().dim(i);
        shapeMatches = !dim.has_dim_value() || dim.dim_value() == init.dims(i);
      }
      if (!shapeMatches) {
        std::string dims;
        for (int64_t d : init.dims()) {
          dims += (dims.empty() ? "" : ", ") + std::to_string(d);
        }
        return fail("initializer '" + init.name() + "' has shape [" + dims +
                    "], which disagrees with the shape graph input '" +
                    init.name() + "' declares; fix the model");
      }
    }
    defined.insert(init.name());
  }
  for (const auto &node : graph.node()) {
    for (const auto &attr : node.attribute()) {
      std::string message;
      if (attr.has_t() && failed(validateTensor(attr.t(), message))) {
        return fail(describeNode(node, *opset) + ": attribute '" + attr.name() +
                    "': " + message);
      }
    }
    std::string mismatch = checkAgainstSchema(node, *opset);
    if (!mismatch.empty()) {
      return fail(describeNode(node, *opset) + ": " + mismatch);
    }
    for (const std::string &input : node.input()) {
      if (!input.empty() && !defined.contains(input)) {
        return fail(describeNode(node, *opset) + ": input '" + input +
                    "' is not defined before the node (dangling input or a "
                    "cycle)");
      }
    }
    for (const std::string &output : node.output()) {
      if (!output.empty()) {
        defined.insert(output);
      }
    }
  }
  for (const auto &output : graph.output()) {
    if (!defined.contains(output.name())) {
      return fail("graph output '" + output.name() + "' is never produced");
    }
  }
  return success();
}
} // namespace

LogicalResult mlir::nn::onnx_import::loadModel(llvm::StringRef path,
                                               onnx::ModelProto &model,
                                               std::string &error) {
  auto fail = [&](const llvm::Twine &message) {
    error = (path + ": " + message).str();
    return failure();
  };
  uint64_t size = 0;
  if (std::error_code ec = llvm::sys::fs::file_size(path, size)) {
    return fail("cannot read file: " + ec.message());
  }
  if (size >= kMaxFileSize) {
    return fail("file is " + llvm::Twine(size) +
                " bytes; files of 2 GiB or more are not supported");
  }
  llvm::Expected<llvm::sys::fs::file_t> fd =
      llvm::sys::fs::openNativeFileForRead(path);
  if (!fd) {
    return fail("cannot read file: " + llvm::toString(fd.takeError()));
  }
  llvm::StringRef dir = llvm::sys::path::parent_path(path);
  std::optional<std::string> baseDir(dir.empty() ? "." : dir.str());
  // Parsing from the stream never holds the whole file in memory next to the
  // parsed model.
  LogicalResult result = parseAndValidate(
      path, baseDir,
      [&](onnx::ModelProto &m) {
        google::protobuf::io::FileInputStream stream(*fd);
        return m.ParseFromZeroCopyStream(&stream);
      },
      model, error);
  llvm::sys::fs::closeFile(*fd);
  return result;
}

LogicalResult mlir::nn::onnx_import::loadModelFromBuffer(
    llvm::StringRef bytes, llvm::StringRef name, onnx::ModelProto &model,
    std::string &error) {
  if (bytes.size() >= static_cast<size_t>(std::numeric_limits<int>::max())) {
    error = (name + ": buffers of 2 GiB or more are not supported").str();
    return failure();
  }
  return parseAndValidate(
      name, std::nullopt,
      [&](onnx::ModelProto &m) {
        return m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
      },
      model, error);
}
