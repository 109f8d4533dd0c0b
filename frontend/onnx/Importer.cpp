//===- Importer.cpp - ONNX model → nn module --------------------*- C++ -*-===//
//
// Drives the conversion: checks every node against the converter table first
// (all unsupported nodes in one message, no partial output), then creates the
// function arguments, the initializer and bound-input constants and the ops
// node by node.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/Importer.h"
#include "frontend/onnx/Converters.h"
#include "frontend/onnx/ModelLoader.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstring>
#include <map>

using namespace mlir;
using namespace mlir::nn;
using namespace mlir::nn::onnx_import;

namespace {
/// Tensors of at most this many elements are imported as `dense<...>`.
constexpr int64_t kMaxDenseElements = 16;
} // namespace

//===----------------------------------------------------------------------===//
// Types and tensors
//===----------------------------------------------------------------------===//

Type mlir::nn::onnx_import::convertElementType(MLIRContext *ctx,
                                               int32_t dataType) {
  using onnx::TensorProto;
  Builder b(ctx);
  switch (dataType) {
  case TensorProto::FLOAT:
    return b.getF32Type();
  case TensorProto::DOUBLE:
    return b.getF64Type();
  case TensorProto::FLOAT16:
    return b.getF16Type();
  case TensorProto::BFLOAT16:
    return b.getBF16Type();
  case TensorProto::BOOL:
    return b.getI1Type();
  case TensorProto::INT8:
    return b.getI8Type();
  case TensorProto::INT16:
    return b.getI16Type();
  case TensorProto::INT32:
    return b.getI32Type();
  case TensorProto::INT64:
    return b.getI64Type();
  case TensorProto::UINT8:
    return b.getIntegerType(8, /*isSigned=*/false);
  case TensorProto::UINT16:
    return b.getIntegerType(16, /*isSigned=*/false);
  case TensorProto::UINT32:
    return b.getIntegerType(32, /*isSigned=*/false);
  case TensorProto::UINT64:
    return b.getIntegerType(64, /*isSigned=*/false);
  default:
    return {};
  }
}

ElementsAttr
mlir::nn::onnx_import::convertTensor(MLIRContext *ctx,
                                     const onnx::TensorProto &tensor) {
  Type element = convertElementType(ctx, tensor.data_type());
  auto type = RankedTensorType::get(
      SmallVector<int64_t>(tensor.dims().begin(), tensor.dims().end()),
      element);
  std::string bytes = tensorBytes(tensor);
  if (element.isInteger(1)) {
    SmallVector<bool> bits;
    for (char c : bytes) {
      bits.push_back(c != 0);
    }
    return DenseElementsAttr::get(type, ArrayRef<bool>(bits));
  }
  if (tensorVolume(tensor) <= kMaxDenseElements) {
    return DenseElementsAttr::getFromRawBuffer(
        type, ArrayRef<char>(bytes.data(), bytes.size()));
  }
  // Blobs keep large weights out of the textual IR's attribute syntax.
  AsmResourceBlob blob = HeapAsmResourceBlob::allocateAndCopyWithAlign(
      ArrayRef<char>(bytes.data(), bytes.size()), alignof(uint64_t));
  std::string key = tensor.name().empty() ? "tensor" : tensor.name();
  return DenseResourceElementsAttr::get(type, key, std::move(blob));
}

namespace {
/// Like `convertTensor`, but a large floating-point initializer's data moves
/// into its resource blob instead of being copied, leaving `tensor` without
/// data (`moved` says so). Other tensors keep theirs: converters read small
/// and integer constants (shapes, axes) back from the proto.
ElementsAttr convertInitializer(MLIRContext *ctx, onnx::TensorProto &tensor,
                                bool &moved) {
  using onnx::TensorProto;
  moved = false;
  int32_t dataType = tensor.data_type();
  bool floating =
      dataType == TensorProto::FLOAT || dataType == TensorProto::DOUBLE ||
      dataType == TensorProto::FLOAT16 || dataType == TensorProto::BFLOAT16;
  if (!floating || tensorVolume(tensor) <= kMaxDenseElements) {
    return convertTensor(ctx, tensor);
  }
  auto storage = std::make_unique<std::string>(
      tensor.has_raw_data() ? std::move(*tensor.mutable_raw_data())
                            : tensorBytes(tensor));
  if (reinterpret_cast<uintptr_t>(storage->data()) % alignof(uint64_t) != 0) {
    return convertTensor(ctx, tensor); // not expected from operator new
  }
  tensor.clear_raw_data();
  tensor.clear_float_data();
  tensor.clear_double_data();
  tensor.clear_int32_data();
  moved = true;
  auto type = RankedTensorType::get(
      SmallVector<int64_t>(tensor.dims().begin(), tensor.dims().end()),
      convertElementType(ctx, dataType));
  ArrayRef<char> bytes(storage->data(), storage->size());
  AsmResourceBlob blob(
      bytes, alignof(uint64_t),
      [owner = std::move(storage)](void *, size_t, size_t) mutable {
        owner.reset();
      },
      /*dataIsMutable=*/true);
  std::string key = tensor.name().empty() ? "tensor" : tensor.name();
  return DenseResourceElementsAttr::get(type, key, std::move(blob));
}
} // namespace

//===----------------------------------------------------------------------===//
// NodeContext
//===----------------------------------------------------------------------===//

Value NodeContext::input(int i) const {
  if (!hasInput(i)) {
    return {};
  }
  return values.lookup(node.input(i));
}

const onnx::TensorProto *NodeContext::constantInput(int i) const {
  if (!hasInput(i)) {
    return nullptr;
  }
  return constants.lookup(node.input(i));
}

std::optional<std::vector<int64_t>> NodeContext::constantInts(int i) const {
  const onnx::TensorProto *t = constantInput(i);
  if (!t) {
    // An integer nn.constant made by a converter (e.g. Shape's result).
    Value v = input(i);
    Operation *def = v ? v.getDefiningOp() : nullptr;
    if (!isa_and_nonnull<ConstantOp>(def)) {
      return std::nullopt;
    }
    auto dense = def->getAttrOfType<DenseIntElementsAttr>("value");
    if (!dense) {
      return std::nullopt;
    }
    std::vector<int64_t> result;
    for (const APInt &x : dense.getValues<APInt>()) {
      result.push_back(x.getSExtValue());
    }
    return result;
  }
  std::string bytes = tensorBytes(*t);
  std::vector<int64_t> result;
  if (t->data_type() == onnx::TensorProto::INT64) {
    for (size_t k = 0; k + 8 <= bytes.size(); k += 8) {
      int64_t v;
      std::memcpy(&v, bytes.data() + k, 8);
      result.push_back(v);
    }
  } else if (t->data_type() == onnx::TensorProto::INT32) {
    for (size_t k = 0; k + 4 <= bytes.size(); k += 4) {
      int32_t v;
      std::memcpy(&v, bytes.data() + k, 4);
      result.push_back(v);
    }
  } else {
    return std::nullopt;
  }
  return result;
}

std::optional<double> NodeContext::constantScalar(int i) const {
  const onnx::TensorProto *t = constantInput(i);
  if (!t || tensorVolume(*t) != 1) {
    return std::nullopt;
  }
  std::string bytes = tensorBytes(*t);
  switch (t->data_type()) {
  case onnx::TensorProto::FLOAT: {
    float v;
    std::memcpy(&v, bytes.data(), 4);
    return v;
  }
  case onnx::TensorProto::DOUBLE: {
    double v;
    std::memcpy(&v, bytes.data(), 8);
    return v;
  }
  default: {
    auto ints = constantInts(i);
    if (ints && ints->size() == 1) {
      return static_cast<double>((*ints)[0]);
    }
    return std::nullopt;
  }
  }
}

const onnx::AttributeProto *NodeContext::attr(llvm::StringRef name) const {
  for (const auto &a : node.attribute()) {
    if (a.name() == name) {
      return &a;
    }
  }
  return nullptr;
}

int64_t NodeContext::getInt(llvm::StringRef name, int64_t dflt) const {
  const onnx::AttributeProto *a = attr(name);
  return a ? a->i() : dflt;
}

double NodeContext::getFloat(llvm::StringRef name, double dflt) const {
  const onnx::AttributeProto *a = attr(name);
  return a ? a->f() : dflt;
}

std::string NodeContext::getString(llvm::StringRef name,
                                   llvm::StringRef dflt) const {
  const onnx::AttributeProto *a = attr(name);
  return a ? a->s() : dflt.str();
}

std::optional<std::vector<int64_t>>
NodeContext::getInts(llvm::StringRef name) const {
  const onnx::AttributeProto *a = attr(name);
  if (!a) {
    return std::nullopt;
  }
  return std::vector<int64_t>(a->ints().begin(), a->ints().end());
}

void NodeContext::setOutput(int i, Value value) {
  if (outputUsed(i)) {
    values[node.output(i)] = value;
  }
}

LogicalResult NodeContext::fail(const llvm::Twine &message) {
  if (error.empty()) {
    error = message.str();
  }
  return failure();
}

//===----------------------------------------------------------------------===//
// The table
//===----------------------------------------------------------------------===//

const ConverterTable &mlir::nn::onnx_import::converterTable() {
  static const ConverterTable table = [] {
    ConverterTable t;
    addElementwiseConverters(t);
    addNetworkConverters(t);
    addDataMovementConverters(t);
    addReductionConverters(t);
    addLayoutConverters(t);
    addNetwork2Converters(t);
    addRecurrentConverters(t);
    return t;
  }();
  return table;
}

//===----------------------------------------------------------------------===//
// Import
//===----------------------------------------------------------------------===//

namespace {
bool isDefaultDomain(const std::string &domain) {
  return domain.empty() || domain == "ai.onnx";
}

/// Lists every node the table cannot convert, or "" if there is none.
std::string findUnsupported(const onnx::GraphProto &graph, int64_t opset) {
  std::string list;
  int count = 0;
  for (const auto &node : graph.node()) {
    if (isDefaultDomain(node.domain()) &&
        converterTable().count(node.op_type())) {
      continue;
    }
    list += (count++ ? ", " : "") + std::string("node '") + node.name() +
            "' (" + node.op_type() + ", domain '" +
            (node.domain().empty() ? "ai.onnx" : node.domain()) + "', opset " +
            std::to_string(opset) + ")";
  }
  if (count == 0) {
    return "";
  }
  return std::to_string(count) + " unsupported node" + (count > 1 ? "s" : "") +
         ": " + list;
}

/// The opset that introduced `opType`, for converted ops newer than opset 1.
int64_t introducedIn(llvm::StringRef opType) {
  static const llvm::StringMap<int64_t> since = {
      {"CastLike", 15},
      {"Erf", 9},
      {"Expand", 8},
      {"Range", 11},
      {"Resize", 10},
      {"Trilu", 14},
      {"Where", 9},
      {"ConstantOfShape", 9},
      {"GatherElements", 11},
      {"LessOrEqual", 12},
      {"GreaterOrEqual", 12},
      {"NegativeLogLikelihoodLoss", 12},
      {"SoftmaxCrossEntropyLoss", 12},
      {"LayerNormalization", 17}};
  return since.lookup(opType) ? since.lookup(opType) : 1;
}

/// Ops whose pre-opset-7 definitions were reviewed and are converted
/// faithfully (legacy broadcasting, old attributes), with the oldest opset
/// whose definition the converter implements. A converter added later must be
/// listed here before old models may use it.
bool handlesLegacyOpset(llvm::StringRef opType, int64_t opset) {
  static const llvm::StringMap<int64_t> oldestHandled = [] {
    llvm::StringMap<int64_t> map;
    llvm::SmallVector<llvm::StringRef> names;
    llvm::StringRef(
        "Abs Add And ArgMax ArgMin AveragePool BatchNormalization Cast Ceil "
        "Clip Concat Constant Conv ConvTranspose Div Dropout Elu Equal Exp "
        "Flatten Floor Gather Gemm GlobalAveragePool GlobalMaxPool Greater "
        "Identity InstanceNormalization LeakyRelu Less Log LogSoftmax MatMul "
        "Max MaxPool Min Mul Neg Not Or Pad Pow PRelu Reciprocal ReduceMax "
        "ReduceMean ReduceMin ReduceProd ReduceSum Relu Reshape Selu Shape "
        "Sigmoid Size Slice Softmax Softplus Sqrt Squeeze Sub Sum Tanh "
        "Transpose Unsqueeze Xor")
        .split(names, ' ');
    for (llvm::StringRef name : names) {
      map[name] = 1;
    }
    map["Split"] = 2; // Split-1 took the split as an optional input
    map["Tile"] = 6;  // Tile-1 took `tiles` and `axis` inputs
    return map;
  }();
  auto it = oldestHandled.find(opType);
  return it != oldestHandled.end() && opset >= it->second;
}

/// Reads the TensorProto file `path` bound to graph input `input` and checks
/// it against the input's declared type and shape.
LogicalResult loadBinding(const onnx::ValueInfoProto &input,
                          const std::string &path, onnx::TensorProto &tensor,
                          std::string &error) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    error = "cannot read file: " + buffer.getError().message();
    return failure();
  }
  if ((*buffer)->getBufferSize() >= (size_t(1) << 31) ||
      !tensor.ParseFromArray((*buffer)->getBufferStart(),
                             static_cast<int>((*buffer)->getBufferSize()))) {
    error = "not a valid ONNX TensorProto file";
    return failure();
  }
  tensor.set_name(input.name());
  if (failed(validateTensor(tensor, error))) {
    return failure();
  }
  const auto &declared = input.type().tensor_type();
  if (tensor.data_type() != declared.elem_type()) {
    error = "the tensor has data type " +
            onnx::TensorProto::DataType_Name(
                static_cast<onnx::TensorProto::DataType>(tensor.data_type())) +
            " but the graph input is declared " +
            onnx::TensorProto::DataType_Name(
                static_cast<onnx::TensorProto::DataType>(declared.elem_type()));
    return failure();
  }
  auto shapeText = [](auto dims, auto text) {
    std::string out = "[";
    for (const auto &d : dims) {
      out += (out.size() > 1 ? ", " : "") + text(d);
    }
    return out + "]";
  };
  std::string tensorShape =
      shapeText(tensor.dims(), [](int64_t d) { return std::to_string(d); });
  if (!declared.has_shape()) {
    return success();
  }
  bool matches = declared.shape().dim_size() == tensor.dims_size();
  for (int i = 0; matches && i < tensor.dims_size(); ++i) {
    const auto &dim = declared.shape().dim(i);
    matches = !dim.has_dim_value() || dim.dim_value() == tensor.dims(i);
  }
  if (!matches) {
    error = "the tensor has shape " + tensorShape +
            " but the graph input is declared " +
            shapeText(declared.shape().dim(),
                      [](const onnx::TensorShapeProto::Dimension &d) {
                        return d.has_dim_value() ? std::to_string(d.dim_value())
                                                 : std::string("?");
                      });
    return failure();
  }
  return success();
}

/// For a converter error about a non-constant input, names the node's
/// shape-like inputs (all but the data input 0, unless it is the only one or
/// the op has no data input, like Range) that are graph inputs and says how to
/// bind them.
std::string bindHint(const onnx::NodeProto &node,
                     const llvm::StringSet<> &graphInputs) {
  std::string hint;
  bool allShapeLike = node.op_type() == "Range";
  int first = node.input_size() > 1 && !allShapeLike ? 1 : 0;
  for (int i = first; i < node.input_size(); ++i) {
    const std::string &name = node.input(i);
    if (graphInputs.contains(name)) {
      hint += "; input '" + name +
              "' is a graph input; bind it with --bind=" + name + "=FILE.pb";
    }
  }
  return hint;
}
} // namespace

FailureOr<OwningOpRef<ModuleOp>>
mlir::nn::importOnnxModel(MLIRContext &context, onnx::ModelProto &model,
                          StringRef fileName, std::string &error,
                          const ImportOptions &options) {
  auto fail = [&](const Twine &message) {
    error = (fileName + ": " + message).str();
    return failure();
  };
  onnx::GraphProto &graph = *model.mutable_graph();
  int64_t opset = defaultOpset(model).value_or(0);
  std::string unsupported = findUnsupported(graph, opset);
  if (!unsupported.empty()) {
    return fail(unsupported);
  }
  for (const auto &node : graph.node()) {
    if (opset < introducedIn(node.op_type())) {
      return fail(describeNode(node, opset) + ": " + node.op_type() +
                  " does not exist before opset " +
                  Twine(introducedIn(node.op_type())));
    }
    if (opset < 7 && !handlesLegacyOpset(node.op_type(), opset)) {
      return fail(describeNode(node, opset) + ": the opset " + Twine(opset) +
                  " definition of " + node.op_type() +
                  " is not supported; convert the model to opset 7 or later");
    }
  }

  GraphBuilder g(context, "main");
  Location fileLoc = FileLineColLoc::get(&context, fileName, 0, 0);
  llvm::StringMap<Value> values;
  llvm::StringMap<const onnx::TensorProto *> constants;

  llvm::StringSet<> initializerNames;
  for (const auto &init : graph.initializer()) {
    initializerNames.insert(init.name());
  }
  // Bound inputs become constants, validated like initializers.
  std::map<std::string, onnx::TensorProto> bound;
  for (const auto &[name, path] : options.bindings) {
    std::string prefix = "--bind=" + name + "=" + path + ": ";
    const onnx::ValueInfoProto *input = nullptr;
    for (const auto &candidate : graph.input()) {
      if (candidate.name() == name &&
          !initializerNames.contains(candidate.name())) {
        input = &candidate;
      }
    }
    if (!input) {
      std::string names;
      for (const auto &candidate : graph.input()) {
        if (!initializerNames.contains(candidate.name())) {
          names += (names.empty() ? "'" : ", '") + candidate.name() + "'";
        }
      }
      return fail(prefix + "'" + name + "' is not a graph input (inputs: " +
                  (names.empty() ? "none" : names) + ")");
    }
    if (bound.count(name)) {
      return fail(prefix + "'" + name + "' is bound twice");
    }
    if (!input->type().has_tensor_type()) {
      return fail(prefix + "graph input '" + name + "' is not a tensor");
    }
    std::string message;
    if (failed(loadBinding(*input, path, bound[name], message))) {
      return fail(prefix + message);
    }
  }
  llvm::StringSet<> graphInputs;
  for (const auto &input : graph.input()) {
    if (initializerNames.contains(input.name()) || bound.count(input.name())) {
      continue;
    }
    graphInputs.insert(input.name());
    if (!input.type().has_tensor_type() ||
        !input.type().tensor_type().has_shape()) {
      return fail("graph input '" + input.name() +
                  "' is not a tensor of known rank");
    }
    const auto &tensorType = input.type().tensor_type();
    Type element = convertElementType(&context, tensorType.elem_type());
    if (!element) {
      return fail("graph input '" + input.name() +
                  "' has unsupported element type " +
                  Twine(tensorType.elem_type()));
    }
    SmallVector<int64_t> shape;
    for (const auto &dim : tensorType.shape().dim()) {
      shape.push_back(dim.has_dim_value() && dim.dim_value() >= 0
                          ? dim.dim_value()
                          : ShapedType::kDynamic);
    }
    g.setLocation(
        NameLoc::get(StringAttr::get(&context, input.name()), fileLoc));
    values[input.name()] = g.input(input.name(), shape, element);
  }
  for (const auto &[name, tensor] : bound) {
    g.setLocation(
        NameLoc::get(StringAttr::get(&context, tensor.name()), fileLoc));
    values[tensor.name()] =
        g.op<ConstantOp>({}, {NamedAttribute(StringAttr::get(&context, "value"),
                                             convertTensor(&context, tensor))});
    constants[tensor.name()] = &tensor;
  }
  for (auto &init : *graph.mutable_initializer()) {
    g.setLocation(
        NameLoc::get(StringAttr::get(&context, init.name()), fileLoc));
    bool moved = false;
    ElementsAttr value = convertInitializer(&context, init, moved);
    Value v = g.op<ConstantOp>(
        {}, {NamedAttribute(StringAttr::get(&context, "value"), value)});
    values[init.name()] = v;
    if (moved) {
      constants.erase(init.name());
    } else {
      constants[init.name()] = &init;
    }
  }

  int index = 0;
  for (const auto &node : graph.node()) {
    std::string name = node.name().empty()
                           ? node.op_type() + "_" + std::to_string(index)
                           : node.name();
    ++index;
    g.setLocation(FusedLoc::get(
        &context, {NameLoc::get(StringAttr::get(&context, name), fileLoc),
                   NameLoc::get(StringAttr::get(&context, node.op_type()))}));
    NodeContext ctx(g, node, opset, values, constants);
    for (int i = 0; i < node.input_size(); ++i) {
      if (ctx.hasInput(i) && !ctx.input(i)) {
        return fail(describeNode(node, opset) + ": input '" + node.input(i) +
                    "' is not a tensor value");
      }
    }
    if (node.op_type() == "Constant") {
      // Remembered so that shape/axes inputs can be read at import time.
      if (const onnx::AttributeProto *a = ctx.attr("value")) {
        constants[node.output(0)] = &a->t();
      }
    }
    LogicalResult converted = converterTable().lookup(node.op_type())(ctx);
    if (failed(converted) || !g.error().empty()) {
      std::string why = !ctx.error.empty() ? ctx.error : g.error().str();
      StringRef reason = ctx.error;
      if (reason.contains("must be") && reason.contains("constant")) {
        why += bindHint(node, graphInputs);
      }
      return fail(describeNode(node, opset) + ": " + why);
    }
    for (int i = 0; i < node.output_size(); ++i) {
      if (ctx.outputUsed(i) && !values.lookup(node.output(i))) {
        return fail(describeNode(node, opset) + ": output " + Twine(i) + " ('" +
                    node.output(i) + "') is not supported");
      }
    }
  }

  SmallVector<Value> outputs;
  for (const auto &output : graph.output()) {
    outputs.push_back(values.lookup(output.name()));
  }
  g.setLocation(fileLoc);
  FailureOr<OwningOpRef<ModuleOp>> module = g.finish(outputs);
  if (failed(module)) {
    return fail(g.error());
  }
  return module;
}

FailureOr<OwningOpRef<ModuleOp>>
mlir::nn::importOnnxFile(MLIRContext &context, StringRef path,
                         std::string &error, const ImportOptions &options) {
  onnx::ModelProto model;
  if (failed(onnx_import::loadModel(path, model, error))) {
    return failure();
  }
  return importOnnxModel(context, model, path, error, options);
}
