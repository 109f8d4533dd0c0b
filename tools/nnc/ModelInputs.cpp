//===- ModelInputs.cpp - load a model and pin its input shapes ------------===//
//
// See ModelInputs.h. ONNX input names come from the graph (initializers and
// bound inputs excluded), in @main's argument order.
//
//===----------------------------------------------------------------------===//

#include "ModelInputs.h"

#include "codegen/AotCompile.h"
#include "frontend/MlirFile.h"
#include "frontend/onnx/ModelLoader.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringMap.h"

#include <set>

using namespace mlir;
using namespace nnc;

namespace {
std::string typeString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << type;
  return s;
}
/// `1x3x224x224` (or `scalar`) -> extents.
std::optional<SmallVector<int64_t>> parseExtents(StringRef text) {
  SmallVector<int64_t> extents;
  if (text == "scalar") {
    return extents;
  }
  SmallVector<StringRef> parts;
  text.split(parts, 'x');
  for (StringRef part : parts) {
    int64_t extent;
    if (part.getAsInteger(10, extent) || extent < 0) {
      return std::nullopt;
    }
    extents.push_back(extent);
  }
  return extents;
}

std::string joinExtents(ArrayRef<int64_t> shape, int64_t dynamicAs) {
  std::string s;
  for (int64_t extent : shape) {
    s += (s.empty() ? "" : "x") +
         std::to_string(ShapedType::isDynamic(extent) ? dynamicAs : extent);
  }
  return s.empty() ? "scalar" : s;
}

} // namespace

LogicalResult nnc::loadOnnx(MLIRContext &context, StringRef path,
                            const nn::ImportOptions &options, LoadedModel &out,
                            std::string &error) {
  onnx::ModelProto proto;
  if (failed(nn::onnx_import::loadModel(path, proto, error))) {
    return failure();
  }
  std::set<std::string> skip;
  for (const auto &init : proto.graph().initializer()) {
    skip.insert(init.name());
  }
  for (const auto &binding : options.bindings) {
    skip.insert(binding.first);
  }
  for (const auto &input : proto.graph().input()) {
    if (!skip.count(input.name())) {
      out.inputNames.push_back(input.name());
    }
  }
  for (const auto &output : proto.graph().output()) {
    out.outputNames.push_back(output.name());
  }
  FailureOr<OwningOpRef<ModuleOp>> module =
      nn::importOnnxModel(context, proto, path, error, options);
  if (failed(module)) {
    return failure();
  }
  out.module = std::move(*module);
  return success();
}

LogicalResult nnc::loadMlir(MLIRContext &context, StringRef path,
                            LoadedModel &out, std::string &error) {
  out.module = nn::loadMlirModel(context, path, error);
  if (!out.module) {
    return failure();
  }
  std::vector<std::string> names = nn::mainInputNames(*out.module);
  out.inputNames.assign(names.begin(), names.end());
  return success();
}

/// The static type of every @main input: its declared type, with dynamic
/// extents from --shape=NAME=DxD... (NAME is the input's name or input_<i>).
LogicalResult nnc::staticInputTypes(func::FuncOp main, const LoadedModel &model,
                                    ArrayRef<std::string> shapeFlags,
                                    SmallVectorImpl<RankedTensorType> &types,
                                    std::string &error) {
  llvm::StringMap<SmallVector<int64_t>> shapes;
  for (const std::string &flag : shapeFlags) {
    auto [name, text] = StringRef(flag).rsplit('=');
    std::optional<SmallVector<int64_t>> extents = parseExtents(text);
    if (name.empty() || !extents) {
      error = "--shape=" + flag + ": expected --shape=NAME=DxDx... (e.g. " +
              "--shape=input=1x3x224x224)";
      return failure();
    }
    shapes[name] = *extents;
  }
  // Every --shape names an input (by name or as input_<i>).
  for (const auto &entry : shapes) {
    StringRef name = entry.first();
    bool known = llvm::is_contained(model.inputNames, name);
    for (unsigned i = 0; !known && i < main.getNumArguments(); ++i) {
      known = name == "input_" + std::to_string(i);
    }
    if (!known) {
      std::string names;
      for (const std::string &input : model.inputNames) {
        names += (names.empty() ? "" : ", ") + input;
      }
      error = "--shape=" + name.str() +
              "=...: the model has no such input (inputs: " +
              (names.empty() ? "none" : names) + ")";
      return failure();
    }
  }
  for (auto [i, declared] : llvm::enumerate(main.getArgumentTypes())) {
    std::string name = i < model.inputNames.size()
                           ? model.inputNames[i]
                           : "input_" + std::to_string(i);
    auto ranked = dyn_cast<RankedTensorType>(declared);
    if (!ranked || nn::cElementType(ranked.getElementType()).empty()) {
      error = "input " + std::to_string(i) + " ('" + name + "') has type " +
              typeString(declared) + ", which compiled models cannot take";
      return failure();
    }
    std::string alias = "input_" + std::to_string(i);
    auto it = shapes.find(name);
    if (it == shapes.end()) {
      it = shapes.find(alias);
    }
    if (it == shapes.end()) {
      if (!ranked.hasStaticShape()) {
        error = "input " + std::to_string(i) + " ('" + name + "') has the " +
                "dynamic type " + typeString(ranked) +
                "; compiled models need static shapes: pin it with --shape=" +
                name + "=" + joinExtents(ranked.getShape(), 1);
        return failure();
      }
      types.push_back(ranked);
      continue;
    }
    ArrayRef<int64_t> extents = it->second;
    bool fits = (int64_t)extents.size() == ranked.getRank();
    for (int64_t d = 0; fits && d < ranked.getRank(); ++d) {
      fits = ranked.isDynamicDim(d) || ranked.getDimSize(d) == extents[d];
    }
    if (!fits) {
      error = "--shape=" + it->first().str() + "=" + joinExtents(extents, 0) +
              " does not fit input " + std::to_string(i) + " ('" + name +
              "') of type " + typeString(ranked);
      return failure();
    }
    types.push_back(RankedTensorType::get(extents, ranked.getElementType()));
  }
  return success();
}
