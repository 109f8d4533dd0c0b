//===- Converters.h - ONNX node → nn ops, table-driven ----------*- C++ -*-===//
//
// A converter turns one ONNX node into nn ops through a `NodeContext`: it
// reads inputs and attributes (ONNX defaults when absent), builds ops with the
// GraphBuilder (result types inferred), and binds the node's outputs. The
// table maps op_type to converter; each family registers its own entries.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTEND_ONNX_CONVERTERS_H
#define NNC_FRONTEND_ONNX_CONVERTERS_H

#include "frontend/GraphBuilder.h"

#include "llvm/ADT/StringMap.h"

#include <onnx/onnx_pb.h>

#include <optional>
#include <string>
#include <vector>

namespace mlir {
namespace nn {
namespace onnx_import {

/// What a converter sees of the node it converts and of the graph so far.
class NodeContext {
public:
  NodeContext(GraphBuilder &g, const onnx::NodeProto &node, int64_t opset,
              llvm::StringMap<Value> &values,
              const llvm::StringMap<const onnx::TensorProto *> &constants)
      : g(g), node(node), opset(opset), values(values), constants(constants) {}

  GraphBuilder &g;
  const onnx::NodeProto &node;
  const int64_t opset;

  /// Number of inputs (including absent optional ones).
  int numInputs() const { return node.input_size(); }
  /// Input `i`, or a null Value if absent.
  Value input(int i) const;
  /// True if input `i` is present (named).
  bool hasInput(int i) const {
    return i < node.input_size() && !node.input(i).empty();
  }
  /// The constant tensor feeding input `i` (initializer or Constant node).
  const onnx::TensorProto *constantInput(int i) const;
  /// Input `i` as integers / a float scalar, if it is a constant.
  std::optional<std::vector<int64_t>> constantInts(int i) const;
  std::optional<double> constantScalar(int i) const;

  /// Attributes with ONNX defaults.
  const onnx::AttributeProto *attr(llvm::StringRef name) const;
  int64_t getInt(llvm::StringRef name, int64_t dflt) const;
  double getFloat(llvm::StringRef name, double dflt) const;
  std::string getString(llvm::StringRef name, llvm::StringRef dflt) const;
  std::optional<std::vector<int64_t>> getInts(llvm::StringRef name) const;

  /// Binds output `i` of the node to `value`.
  void setOutput(int i, Value value);
  /// True if output `i` exists and is used (named).
  bool outputUsed(int i) const {
    return i < node.output_size() && !node.output(i).empty();
  }

  /// Records an error for this node; converters then return failure().
  LogicalResult fail(const llvm::Twine &message);
  std::string error;

private:
  llvm::StringMap<Value> &values;
  const llvm::StringMap<const onnx::TensorProto *> &constants;
};

using Converter = LogicalResult (*)(NodeContext &);
using ConverterTable = llvm::StringMap<Converter>;

/// The op_type → converter table for the default domain.
const ConverterTable &converterTable();

/// Per-family registration (one file each).
void addElementwiseConverters(ConverterTable &table);
void addNetworkConverters(ConverterTable &table);
void addDataMovementConverters(ConverterTable &table);
void addReductionConverters(ConverterTable &table);
void addLayoutConverters(ConverterTable &table);
void addNetwork2Converters(ConverterTable &table);
void addRecurrentConverters(ConverterTable &table);

/// The MLIR element type of an ONNX data type, or null if unsupported.
Type convertElementType(MLIRContext *ctx, int32_t dataType);

/// Builds an `ElementsAttr` for a validated tensor: dense when small or
/// boolean, a resource blob otherwise.
ElementsAttr convertTensor(MLIRContext *ctx, const onnx::TensorProto &tensor);

} // namespace onnx_import
} // namespace nn
} // namespace mlir

#endif // NNC_FRONTEND_ONNX_CONVERTERS_H
