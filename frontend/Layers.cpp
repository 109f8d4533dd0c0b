//===- Layers.cpp - a layer vocabulary over GraphBuilder --------*- C++ -*-===//
//
// Each layer checks what the ops cannot know (the feature and channel counts
// the layer was declared with, option lengths), creates its parameters, then
// emits its ops through GraphBuilder, whose inference and verifiers catch
// the rest (e.g. a window larger than the input). See Layers.h for the
// parameter names and their initialization.
//
//===----------------------------------------------------------------------===//

#include "frontend/Layers.h"

#include "ir/ShapeUtils.h"

#include "llvm/Support/xxhash.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::nn;

namespace {
/// SplitMix64: tiny, portable and good enough to spread initial weights;
/// std::uniform_real_distribution differs between standard libraries.
class SplitMix64 {
public:
  explicit SplitMix64(uint64_t state) : state(state) {}
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [-bound, bound) from the top 24 bits.
  float uniform(float bound) {
    float unit = static_cast<float>(next() >> 40) * 0x1.0p-24f;
    return (2.0f * unit - 1.0f) * bound;
  }

private:
  uint64_t state;
};

int64_t product(ArrayRef<int64_t> values) {
  int64_t p = 1;
  for (int64_t v : values) {
    p *= v;
  }
  return p;
}

/// The extent of `x` at `dim` (negative counts from the end).
int64_t extent(Value x, int64_t dim) {
  auto type = cast<RankedTensorType>(x.getType());
  return type.getDimSize(dim < 0 ? dim + type.getRank() : dim);
}

int64_t rankOf(Value x) {
  return cast<RankedTensorType>(x.getType()).getRank();
}
} // namespace

Layers::Layers(GraphBuilder &g, uint64_t seed) : g(g), seed(seed) {}

Value Layers::fail(const Twine &what, const Twine &message) {
  g.reportError(what + ": " + message);
  return {};
}

bool Layers::checkInput(StringRef what, Value x, int64_t minRank) {
  if (g.hasError()) {
    return false;
  }
  if (!x) {
    fail(what, "the input is null (an earlier step failed)");
    return false;
  }
  auto type = dyn_cast<RankedTensorType>(x.getType());
  if (!type) {
    fail(what, "the input is not a ranked tensor");
    return false;
  }
  if (type.getRank() < minRank) {
    fail(what, "the input has rank " + Twine(type.getRank()) +
                   ", expected at least " + Twine(minRank));
    return false;
  }
  return true;
}

void Layers::setParameter(StringRef name, ArrayRef<float> values) {
  provided[name] = std::vector<float>(values.begin(), values.end());
}

Value Layers::parameter(StringRef name, ArrayRef<int64_t> shape, float bound,
                        float fill) {
  if (g.hasError()) {
    return {};
  }
  if (!created.insert(name).second) {
    return fail("parameter '" + name + "'",
                "already exists; give each layer its own name");
  }
  auto it = provided.find(name);
  if (it != provided.end()) {
    return g.parameter(name, it->second, shape);
  }
  if (llvm::any_of(shape, [](int64_t d) { return d < 0; })) {
    return fail("parameter '" + name + "'",
                "shape " + formatShape(shape) + " is not static");
  }
  std::vector<float> values(product(shape), fill);
  if (bound > 0.0f) {
    SplitMix64 random(seed ^ llvm::xxh3_64bits(name));
    for (float &v : values) {
      v = random.uniform(bound);
    }
  }
  return g.parameter(name, values, shape);
}

std::vector<std::string> Layers::unusedParameters() const {
  std::vector<std::string> unused;
  for (const auto &entry : provided) {
    if (!created.contains(entry.getKey())) {
      unused.push_back(entry.getKey().str());
    }
  }
  llvm::sort(unused);
  return unused;
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

Value Layers::linear(StringRef name, Value x, int64_t inFeatures,
                     int64_t outFeatures, bool bias) {
  std::string what = ("linear '" + name + "'").str();
  if (!checkInput(what, x, 1)) {
    return {};
  }
  if (inFeatures <= 0 || outFeatures <= 0) {
    return fail(what, "in and out features must be positive");
  }
  int64_t features = extent(x, -1);
  if (!ShapedType::isDynamic(features) && features != inFeatures) {
    return fail(what, "the input has " + Twine(features) +
                          " features (last dimension), the layer expects " +
                          Twine(inFeatures));
  }
  float bound = 1.0f / std::sqrt(static_cast<float>(inFeatures));
  Value w =
      parameter((name + ".weight").str(), {outFeatures, inFeatures}, bound);
  Value b =
      bias ? parameter((name + ".bias").str(), {outFeatures}, bound) : Value();
  g.setName(name);
  if (rankOf(x) == 2) {
    SmallVector<Value> operands = {x, w};
    if (bias) {
      operands.push_back(b);
    }
    return g.op<GemmOp>(operands, {g.boolean("trans_b", true)});
  }
  Value wt = g.op<TransposeOp>({w}, {g.i64s("perm", {1, 0})});
  Value y = g.op<MatmulOp>({x, wt});
  return bias ? g.op<AddOp>({y, b}) : y;
}

Value Layers::conv(StringRef what, StringRef name, Value x, int64_t inChannels,
                   int64_t outChannels, ArrayRef<int64_t> kernel,
                   const ConvOptions &options, bool transposed) {
  auto k = static_cast<int64_t>(kernel.size());
  if (!checkInput(what, x, 3)) {
    return {};
  }
  if (k < 1 || k > 3 || rankOf(x) != k + 2) {
    return fail(what, "a " + Twine(k) + "-d kernel needs a rank-" +
                          Twine(k + 2) + " input [N, C, ...], got rank " +
                          Twine(rankOf(x)));
  }
  if (llvm::any_of(kernel, [](int64_t v) { return v <= 0; })) {
    return fail(what, "kernel extents must be positive");
  }
  if (inChannels <= 0 || outChannels <= 0 || options.groups <= 0) {
    return fail(what, "channels and groups must be positive");
  }
  if (inChannels % options.groups || outChannels % options.groups) {
    return fail(what, "groups (" + Twine(options.groups) +
                          ") must divide in channels (" + Twine(inChannels) +
                          ") and out channels (" + Twine(outChannels) + ")");
  }
  int64_t channels = extent(x, 1);
  if (!ShapedType::isDynamic(channels) && channels != inChannels) {
    return fail(what, "the input has " + Twine(channels) +
                          " channels (dimension 1), the layer expects " +
                          Twine(inChannels));
  }
  for (const auto &[option, label] :
       {std::pair(&options.stride, "stride"),
        std::pair(&options.padding, "padding"),
        std::pair(&options.dilation, "dilation"),
        std::pair(&options.outputPadding, "output_padding")}) {
    if (!option->empty() && static_cast<int64_t>(option->size()) != k) {
      return fail(what, Twine(label) + " needs " + Twine(k) +
                            " entries, one per spatial dimension");
    }
  }
  if (!transposed && !options.outputPadding.empty()) {
    return fail(what, "output_padding is for transposed convolutions");
  }

  SmallVector<int64_t> weightShape =
      transposed
          ? SmallVector<int64_t>{inChannels, outChannels / options.groups}
          : SmallVector<int64_t>{outChannels, inChannels / options.groups};
  weightShape.append(kernel.begin(), kernel.end());
  int64_t fanIn = weightShape[1] * product(kernel);
  float bound = 1.0f / std::sqrt(static_cast<float>(fanIn));
  Value w = parameter((name + ".weight").str(), weightShape, bound);
  SmallVector<Value> operands = {x, w};
  if (options.bias) {
    operands.push_back(parameter((name + ".bias").str(), {outChannels}, bound));
  }

  SmallVector<NamedAttribute> attrs;
  if (!options.stride.empty()) {
    attrs.push_back(g.i64s("strides", options.stride));
  }
  if (!options.dilation.empty()) {
    attrs.push_back(g.i64s("dilations", options.dilation));
  }
  if (!options.padding.empty()) {
    SmallVector<int64_t> pads(options.padding.begin(), options.padding.end());
    pads.append(options.padding.begin(), options.padding.end());
    attrs.push_back(g.i64s("pads", pads));
  }
  if (!options.outputPadding.empty()) {
    attrs.push_back(g.i64s("output_padding", options.outputPadding));
  }
  if (options.groups != 1) {
    attrs.push_back(g.i64("group", options.groups));
  }
  g.setName(name);
  return transposed ? g.op<ConvTransposeOp>(operands, attrs)
                    : g.op<ConvOp>(operands, attrs);
}

Value Layers::conv(StringRef name, Value x, int64_t inChannels,
                   int64_t outChannels, ArrayRef<int64_t> kernel,
                   const ConvOptions &options) {
  return conv(("conv '" + name + "'").str(), name, x, inChannels, outChannels,
              kernel, options, /*transposed=*/false);
}

Value Layers::conv1d(StringRef name, Value x, int64_t inChannels,
                     int64_t outChannels, int64_t kernel,
                     const ConvOptions &options) {
  return conv(("conv1d '" + name + "'").str(), name, x, inChannels, outChannels,
              {kernel}, options, /*transposed=*/false);
}

Value Layers::conv2d(StringRef name, Value x, int64_t inChannels,
                     int64_t outChannels, ArrayRef<int64_t> kernel,
                     const ConvOptions &options) {
  std::string what = ("conv2d '" + name + "'").str();
  if (kernel.size() != 2) {
    return g.hasError() ? Value() : fail(what, "the kernel needs 2 entries");
  }
  return conv(what, name, x, inChannels, outChannels, kernel, options,
              /*transposed=*/false);
}

Value Layers::convTranspose2d(StringRef name, Value x, int64_t inChannels,
                              int64_t outChannels, ArrayRef<int64_t> kernel,
                              const ConvOptions &options) {
  std::string what = ("conv_transpose2d '" + name + "'").str();
  if (kernel.size() != 2) {
    return g.hasError() ? Value() : fail(what, "the kernel needs 2 entries");
  }
  return conv(what, name, x, inChannels, outChannels, kernel, options,
              /*transposed=*/true);
}

Value Layers::matmul(Value a, Value b) {
  if (!checkInput("matmul", a, 1) || !checkInput("matmul", b, 1)) {
    return {};
  }
  return g.op<MatmulOp>({a, b});
}

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

Value Layers::pool(StringRef what, Value x, ArrayRef<int64_t> kernel,
                   const PoolOptions &options, bool isMax) {
  auto k = static_cast<int64_t>(kernel.size());
  if (!checkInput(what, x, 3)) {
    return {};
  }
  if (k < 1 || k > 3 || rankOf(x) != k + 2) {
    return fail(what, "a " + Twine(k) + "-d window needs a rank-" +
                          Twine(k + 2) + " input [N, C, ...], got rank " +
                          Twine(rankOf(x)));
  }
  if ((!options.stride.empty() &&
       static_cast<int64_t>(options.stride.size()) != k) ||
      (!options.padding.empty() &&
       static_cast<int64_t>(options.padding.size()) != k)) {
    return fail(what, "stride and padding need " + Twine(k) + " entries");
  }
  SmallVector<NamedAttribute> attrs = {
      g.i64s("kernel_shape", kernel),
      g.i64s("strides",
             options.stride.empty() ? kernel : ArrayRef(options.stride))};
  if (!options.padding.empty()) {
    SmallVector<int64_t> pads(options.padding.begin(), options.padding.end());
    pads.append(options.padding.begin(), options.padding.end());
    attrs.push_back(g.i64s("pads", pads));
  }
  if (options.ceilMode) {
    attrs.push_back(g.boolean("ceil_mode", true));
  }
  if (isMax) {
    return g.op<MaxPoolOp>({x}, attrs);
  }
  if (options.countIncludePad) {
    attrs.push_back(g.boolean("count_include_pad", true));
  }
  return g.op<AvgPoolOp>({x}, attrs);
}

Value Layers::maxPool(Value x, ArrayRef<int64_t> kernel,
                      const PoolOptions &options) {
  return pool("max_pool", x, kernel, options, /*isMax=*/true);
}

Value Layers::avgPool(Value x, ArrayRef<int64_t> kernel,
                      const PoolOptions &options) {
  return pool("avg_pool", x, kernel, options, /*isMax=*/false);
}

Value Layers::globalMaxPool(Value x) {
  return checkInput("global_max_pool", x, 3) ? g.op<GlobalMaxPoolOp>({x})
                                             : Value();
}

Value Layers::globalAvgPool(Value x) {
  return checkInput("global_avg_pool", x, 3) ? g.op<GlobalAvgPoolOp>({x})
                                             : Value();
}

//===----------------------------------------------------------------------===//
// Normalization
//===----------------------------------------------------------------------===//

Value Layers::batchNorm(StringRef name, Value x, int64_t channels,
                        double epsilon) {
  std::string what = ("batch_norm '" + name + "'").str();
  if (!checkInput(what, x, 2)) {
    return {};
  }
  int64_t c = extent(x, 1);
  if (channels <= 0 || (!ShapedType::isDynamic(c) && c != channels)) {
    return fail(what, "the input has " + Twine(c) +
                          " channels (dimension 1), the layer expects " +
                          Twine(channels));
  }
  Value scale = parameter((name + ".weight").str(), {channels}, 0, 1);
  Value bias = parameter((name + ".bias").str(), {channels}, 0, 0);
  Value mean = parameter((name + ".running_mean").str(), {channels}, 0, 0);
  Value var = parameter((name + ".running_var").str(), {channels}, 0, 1);
  g.setName(name);
  return g.op<BatchNormOp>({x, scale, bias, mean, var},
                           {g.f64("epsilon", epsilon)});
}

Value Layers::layerNorm(StringRef name, Value x,
                        ArrayRef<int64_t> normalizedShape, double epsilon) {
  std::string what = ("layer_norm '" + name + "'").str();
  auto n = static_cast<int64_t>(normalizedShape.size());
  if (!checkInput(what, x, std::max<int64_t>(n, 1))) {
    return {};
  }
  if (n == 0) {
    return fail(what, "the normalized shape is empty");
  }
  int64_t axis = rankOf(x) - n;
  for (int64_t i = 0; i < n; ++i) {
    int64_t d = extent(x, axis + i);
    if (!ShapedType::isDynamic(d) && d != normalizedShape[i]) {
      return fail(what, "the input's trailing dimensions " +
                            formatShape(cast<RankedTensorType>(x.getType())
                                            .getShape()
                                            .drop_front(axis)) +
                            " differ from the normalized shape " +
                            formatShape(normalizedShape));
    }
  }
  Value scale = parameter((name + ".weight").str(), normalizedShape, 0, 1);
  Value bias = parameter((name + ".bias").str(), normalizedShape, 0, 0);
  g.setName(name);
  return g.op<LayerNormOp>({x, scale, bias},
                           {g.i64("axis", axis), g.f64("epsilon", epsilon)});
}

Value Layers::instanceNorm(StringRef name, Value x, int64_t channels,
                           double epsilon) {
  std::string what = ("instance_norm '" + name + "'").str();
  if (!checkInput(what, x, 3)) {
    return {};
  }
  int64_t c = extent(x, 1);
  if (channels <= 0 || (!ShapedType::isDynamic(c) && c != channels)) {
    return fail(what, "the input has " + Twine(c) +
                          " channels (dimension 1), the layer expects " +
                          Twine(channels));
  }
  Value scale = parameter((name + ".weight").str(), {channels}, 0, 1);
  Value bias = parameter((name + ".bias").str(), {channels}, 0, 0);
  g.setName(name);
  return g.op<InstanceNormOp>({x, scale, bias}, {g.f64("epsilon", epsilon)});
}

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

Value Layers::relu(Value x) {
  return checkInput("relu", x, 0) ? g.op<ReluOp>({x}) : Value();
}

Value Layers::sigmoid(Value x) {
  return checkInput("sigmoid", x, 0) ? g.op<SigmoidOp>({x}) : Value();
}

Value Layers::tanh(Value x) {
  return checkInput("tanh", x, 0) ? g.op<TanhOp>({x}) : Value();
}

Value Layers::gelu(Value x, bool tanhApproximation) {
  if (!checkInput("gelu", x, 0)) {
    return {};
  }
  if (!tanhApproximation) {
    return g.op<GeluOp>({x});
  }
  MLIRContext *ctx = &g.getContext();
  return g.op<GeluOp>(
      {x}, {NamedAttribute(
               StringAttr::get(ctx, "approximation"),
               GeluApproximationAttr::get(ctx, GeluApproximation::tanh))});
}

Value Layers::leakyRelu(Value x, double negativeSlope) {
  return checkInput("leaky_relu", x, 0)
             ? g.op<LeakyReluOp>({x}, {g.f64("alpha", negativeSlope)})
             : Value();
}

Value Layers::softmax(Value x, int64_t axis) {
  return checkInput("softmax", x, 1)
             ? g.op<SoftmaxOp>({x}, {g.i64("axis", axis)})
             : Value();
}

Value Layers::logSoftmax(Value x, int64_t axis) {
  return checkInput("log_softmax", x, 1)
             ? g.op<LogSoftmaxOp>({x}, {g.i64("axis", axis)})
             : Value();
}

Value Layers::dropout(Value x, double p) {
  if (!checkInput("dropout", x, 0)) {
    return {};
  }
  if (!(p >= 0.0 && p < 1.0)) {
    std::string text;
    llvm::raw_string_ostream(text) << p;
    return fail("dropout", "p = " + text + " is not in [0, 1)");
  }
  // Inference: dropout is the identity.
  return x;
}

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

Value Layers::flatten(Value x, int64_t axis) {
  if (!checkInput("flatten", x, 0)) {
    return {};
  }
  int64_t rank = rankOf(x);
  if (axis < -rank || axis > rank) {
    return fail("flatten", "axis " + Twine(axis) +
                               " is out of range for rank " + Twine(rank));
  }
  if (axis < 0) {
    axis += rank;
  }
  ArrayRef<int64_t> shape = cast<RankedTensorType>(x.getType()).getShape();
  auto collapse = [](ArrayRef<int64_t> dims) {
    return llvm::any_of(dims, ShapedType::isDynamic) ? ShapedType::kDynamic
                                                     : product(dims);
  };
  auto type = RankedTensorType::get(
      {collapse(shape.take_front(axis)), collapse(shape.drop_front(axis))},
      getElementTypeOrSelf(x.getType()));
  return g.op<ReshapeOp>({x}, {}, {type});
}

Value Layers::reshape(Value x, ArrayRef<int64_t> shape) {
  if (!checkInput("reshape", x, 0)) {
    return {};
  }
  SmallVector<int64_t> result(shape);
  int64_t inferred = -1;
  for (auto [i, d] : llvm::enumerate(shape)) {
    if (d < -1 || (d == -1 && inferred >= 0)) {
      return fail("reshape", "the shape " + formatShape(shape) +
                                 " may hold extents >= 0 and one -1");
    }
    if (d == -1) {
      inferred = static_cast<int64_t>(i);
    }
  }
  auto type = cast<RankedTensorType>(x.getType());
  if (inferred >= 0) {
    result[inferred] = 1;
    int64_t known = product(result);
    if (!type.hasStaticShape()) {
      result[inferred] = ShapedType::kDynamic;
    } else if (known == 0 || type.getNumElements() % known) {
      return fail("reshape", "cannot reshape " + formatShape(type.getShape()) +
                                 " into " + formatShape(shape));
    } else {
      result[inferred] = type.getNumElements() / known;
    }
  }
  if (type.hasStaticShape() && inferred < 0 &&
      product(result) != type.getNumElements()) {
    return fail("reshape", "cannot reshape " + formatShape(type.getShape()) +
                               " into " + formatShape(shape));
  }
  return g.op<ReshapeOp>(
      {x}, {}, {RankedTensorType::get(result, type.getElementType())});
}

Value Layers::transpose(Value x, ArrayRef<int64_t> perm) {
  return checkInput("transpose", x, 0)
             ? g.op<TransposeOp>({x}, {g.i64s("perm", perm)})
             : Value();
}

Value Layers::concat(ArrayRef<Value> values, int64_t axis) {
  if (values.empty()) {
    return g.hasError() ? Value() : fail("concat", "no inputs");
  }
  for (Value v : values) {
    if (!checkInput("concat", v, 1)) {
      return {};
    }
  }
  return g.op<ConcatOp>(values, {g.i64("axis", axis)});
}

Value Layers::add(Value a, Value b) {
  return checkInput("add", a, 0) && checkInput("add", b, 0)
             ? g.op<AddOp>({a, b})
             : Value();
}

Value Layers::mul(Value a, Value b) {
  return checkInput("mul", a, 0) && checkInput("mul", b, 0)
             ? g.op<MulOp>({a, b})
             : Value();
}

//===----------------------------------------------------------------------===//
// Recurrent
//===----------------------------------------------------------------------===//

RecurrentResult Layers::recurrent(StringRef what, StringRef name, Value x,
                                  int64_t inputSize, int64_t hiddenSize,
                                  bool bidirectional, int64_t gates) {
  if (!checkInput(what, x, 3)) {
    return {};
  }
  if (rankOf(x) != 3) {
    fail(what, "the input must be [seq, batch, features], got rank " +
                   Twine(rankOf(x)));
    return {};
  }
  if (inputSize <= 0 || hiddenSize <= 0) {
    fail(what, "input and hidden sizes must be positive");
    return {};
  }
  int64_t features = extent(x, 2);
  if (!ShapedType::isDynamic(features) && features != inputSize) {
    fail(what, "the input has " + Twine(features) +
                   " features (dimension 2), the layer expects " +
                   Twine(inputSize));
    return {};
  }
  int64_t d = bidirectional ? 2 : 1;
  float bound = 1.0f / std::sqrt(static_cast<float>(hiddenSize));
  Value w =
      parameter((name + ".w").str(), {d, gates * hiddenSize, inputSize}, bound);
  Value r = parameter((name + ".r").str(), {d, gates * hiddenSize, hiddenSize},
                      bound);
  Value b = parameter((name + ".b").str(), {d, 2 * gates * hiddenSize}, bound);
  MLIRContext *ctx = &g.getContext();
  SmallVector<NamedAttribute> attrs = {
      g.i64("hidden_size", hiddenSize),
      NamedAttribute(
          StringAttr::get(ctx, "direction"),
          RnnDirectionAttr::get(ctx, bidirectional ? RnnDirection::bidirectional
                                                   : RnnDirection::forward))};
  // x, w, r, b present; sequence_lens, initial_h (, initial_c, peepholes)
  // absent.
  SmallVector<int32_t> segments = {1, 1, 1, 1, 0, 0};
  if (gates == 4) {
    segments.append({0, 0});
  }
  attrs.push_back(NamedAttribute(StringAttr::get(ctx, "operandSegmentSizes"),
                                 DenseI32ArrayAttr::get(ctx, segments)));
  g.setName(name);
  SmallVector<Value> results = gates == 4 ? g.ops<LstmOp>({x, w, r, b}, attrs)
                                          : g.ops<GruOp>({x, w, r, b}, attrs);
  if (results.empty()) {
    return {};
  }
  return {results[0], results[1], gates == 4 ? results[2] : Value()};
}

RecurrentResult Layers::lstm(StringRef name, Value x, int64_t inputSize,
                             int64_t hiddenSize, bool bidirectional) {
  return recurrent(("lstm '" + name + "'").str(), name, x, inputSize,
                   hiddenSize, bidirectional, LstmOp::kGates);
}

RecurrentResult Layers::gru(StringRef name, Value x, int64_t inputSize,
                            int64_t hiddenSize, bool bidirectional) {
  return recurrent(("gru '" + name + "'").str(), name, x, inputSize, hiddenSize,
                   bidirectional, GruOp::kGates);
}

//===----------------------------------------------------------------------===//
// Attention
//===----------------------------------------------------------------------===//

Value Layers::scaledDotProductAttention(Value q, Value k, Value v, bool causal,
                                        double scale) {
  StringRef what = "attention";
  if (!checkInput(what, q, 2) || !checkInput(what, k, 2) ||
      !checkInput(what, v, 2)) {
    return {};
  }
  int64_t embed = extent(q, -1);
  if (scale <= 0.0) {
    if (ShapedType::isDynamic(embed)) {
      return fail(what, "the query's last dimension is dynamic; give the "
                        "scale explicitly");
    }
    scale = 1.0 / std::sqrt(static_cast<double>(embed));
  }
  SmallVector<int64_t> perm = llvm::to_vector(llvm::seq<int64_t>(0, rankOf(k)));
  std::swap(perm[perm.size() - 1], perm[perm.size() - 2]);
  Value kt = g.op<TransposeOp>({k}, {g.i64s("perm", perm)});
  Value scores = g.op<MatmulOp>({q, kt});
  scores = g.op<MulOp>({scores, g.constant({static_cast<float>(scale)}, {})});
  if (causal && scores) {
    int64_t l = extent(scores, -2), s = extent(scores, -1);
    if (ShapedType::isDynamic(l) || ShapedType::isDynamic(s)) {
      return fail(what, "a causal mask needs static query and key lengths");
    }
    // tril(ones(L, S)) != 0 keeps key j <= query i; the rest reads -inf.
    Value ones = g.constant(std::vector<float>(l * s, 1.0f), {l, s});
    Value lower = g.op<TriluOp>({ones}, {g.boolean("upper", false)});
    MLIRContext *ctx = &g.getContext();
    Value mask = g.op<CmpOp>(
        {lower, g.constant({0.0f}, {})},
        {NamedAttribute(StringAttr::get(ctx, "predicate"),
                        CmpPredicateAttr::get(ctx, CmpPredicate::ne))});
    Value negInf = g.constant({-std::numeric_limits<float>::infinity()}, {});
    scores = g.op<SelectOp>({mask, scores, negInf});
  }
  Value weights = g.op<SoftmaxOp>({scores}, {g.i64("axis", -1)});
  return g.op<MatmulOp>({weights, v});
}

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

namespace {
NamedAttribute reductionAttr(MLIRContext *ctx, LossReduction reduction) {
  return NamedAttribute(StringAttr::get(ctx, "reduction"),
                        LossReductionAttr::get(ctx, reduction));
}
} // namespace

Value Layers::mseLoss(Value pred, Value target, LossReduction reduction) {
  if (!checkInput("mse_loss", pred, 0) || !checkInput("mse_loss", target, 0)) {
    return {};
  }
  return g.op<MseOp>({pred, target},
                     {reductionAttr(&g.getContext(), reduction)});
}

Value Layers::crossEntropyLoss(Value logits, Value labels,
                               LossReduction reduction) {
  if (!checkInput("cross_entropy_loss", logits, 2) ||
      !checkInput("cross_entropy_loss", labels, 1)) {
    return {};
  }
  return g.op<SoftmaxCrossEntropyOp>(
      {logits, labels}, {reductionAttr(&g.getContext(), reduction)});
}

Value Layers::nllLoss(Value logProbs, Value target, LossReduction reduction) {
  if (!checkInput("nll_loss", logProbs, 2) ||
      !checkInput("nll_loss", target, 1)) {
    return {};
  }
  return g.op<NllOp>({logProbs, target},
                     {reductionAttr(&g.getContext(), reduction)});
}

Value Layers::bceLoss(Value pred, Value target, bool fromLogits,
                      LossReduction reduction) {
  if (!checkInput("bce_loss", pred, 0) || !checkInput("bce_loss", target, 0)) {
    return {};
  }
  SmallVector<NamedAttribute> attrs = {
      reductionAttr(&g.getContext(), reduction)};
  if (fromLogits) {
    attrs.push_back(g.boolean("from_logits", true));
  }
  return g.op<BceOp>({pred, target}, attrs);
}
