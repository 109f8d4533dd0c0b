//===- Layers.h - a layer vocabulary over GraphBuilder ----------*- C++ -*-===//
//
// PyTorch-style layers for host programs that build `nn` modules in code:
// each call adds the ops of one layer (and its parameters, as named
// `nn.constant`s like the ONNX importer's initializers) to a GraphBuilder and
// returns the layer's output. Layers check their own arguments (feature and
// channel counts, ranks, kernel sizes) and report mistakes as one-line error
// messages through the builder, never a crash: after the first error every
// layer returns a null Value and `GraphBuilder::finish` fails with it.
//
//   GraphBuilder g(ctx, "cnn");
//   Layers nn(g, /*seed=*/42);
//   Value x = g.input("x", {ShapedType::kDynamic, 1, 28, 28});
//   ConvOptions same;
//   same.padding = {1, 1};
//   Value y = nn.relu(nn.conv2d("conv1", x, 1, 8, {3, 3}, same));
//
// Parameters. A layer named `L` owns parameters named like PyTorch's state
// dict: `L.weight`, `L.bias`, `L.running_mean`, `L.running_var`, and for
// recurrent layers `L.w`, `L.r`, `L.b` (ONNX layout). Data given with
// `setParameter(name, values)` before the layer is built is used as is (its
// size is checked); any other parameter is initialized deterministically:
//   - weights of linear/conv/conv_transpose/lstm/gru: uniform in
//     [-1/sqrt(fan_in), 1/sqrt(fan_in)] (PyTorch's default Kaiming-uniform
//     with a = sqrt(5)), and so are their biases; fan_in is in_features,
//     in_channels/groups * kernel volume, out_channels/groups * kernel volume
//     (transposed) or hidden_size (recurrent);
//   - normalization scales 1, shifts 0, running means 0, running variances 1.
// The random stream of each parameter is seeded from (seed, parameter name),
// with a portable generator (SplitMix64), so the values do not depend on the
// order layers are built in nor on the platform.
//
// All float tensors are f32. Layouts are ONNX's: NCHW for images, recurrent
// inputs `[seq, batch, features]`.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_FRONTEND_LAYERS_H
#define NNC_FRONTEND_LAYERS_H

#include "frontend/GraphBuilder.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <string>

#include <vector>

namespace mlir {
namespace nn {

/// Window options of conv1d/conv2d/conv_transpose2d: one entry per spatial
/// dimension; empty means the default (stride 1, padding 0, dilation 1).
/// Padding is symmetric (PyTorch's `padding=`).
struct ConvOptions {
  SmallVector<int64_t, 3> stride;
  SmallVector<int64_t, 3> padding;
  SmallVector<int64_t, 3> dilation;
  int64_t groups = 1;
  bool bias = true;
  /// conv_transpose only: extra extent added at the end of each dimension.
  SmallVector<int64_t, 3> outputPadding;
};

/// Window options of the pools; an empty `stride` means the kernel size
/// (PyTorch's default), an empty `padding` means 0.
struct PoolOptions {
  SmallVector<int64_t, 3> stride;
  SmallVector<int64_t, 3> padding;
  bool ceilMode = false;
  /// avg_pool only: divide by the whole window, padding included.
  bool countIncludePad = false;
};

/// The results of an LSTM or GRU layer (ONNX layout): `y` is
/// [seq, directions, batch, hidden], `h` (and, for LSTM, `c`) is
/// [directions, batch, hidden]. All null after an error.
struct RecurrentResult {
  Value y, h, c;
};

class Layers {
public:
  /// Adds layers to `g`; `seed` seeds the initialization of parameters
  /// without user data.
  explicit Layers(GraphBuilder &g, uint64_t seed = 0);

  /// Provides the data of parameter `name` (e.g. "fc1.weight"), row-major in
  /// the parameter's shape; used when the layer owning it is built.
  void setParameter(StringRef name, ArrayRef<float> values);

  /// A named parameter of `shape`: user data if given, else uniform in
  /// [-bound, bound] from the seeded generator (bound 0 gives `fill`).
  /// Names are unique: a second parameter of the same name (two layers
  /// given one name) is an error.
  Value parameter(StringRef name, ArrayRef<int64_t> shape, float bound,
                  float fill = 0.0f);

  /// Names given to `setParameter` that no layer has used so far (typos in
  /// a checkpoint's names show up here), sorted.
  std::vector<std::string> unusedParameters() const;

  //===--- Contractions -----------------------------------------------===//

  /// `x W^T + b` over the last dimension of `x` ([..., inFeatures]);
  /// `weight` is [outFeatures, inFeatures], `bias` [outFeatures].
  Value linear(StringRef name, Value x, int64_t inFeatures, int64_t outFeatures,
               bool bias = true);
  /// Convolution over [N, inChannels, D1..Dk], k = kernel.size() (1 to 3);
  /// `weight` is [outChannels, inChannels / groups, K1..Kk].
  Value conv(StringRef name, Value x, int64_t inChannels, int64_t outChannels,
             ArrayRef<int64_t> kernel, const ConvOptions &options = {});
  /// `conv` over [N, C, L] with a 1-entry kernel.
  Value conv1d(StringRef name, Value x, int64_t inChannels, int64_t outChannels,
               int64_t kernel, const ConvOptions &options = {});
  /// `conv` over [N, C, H, W] with a 2-entry kernel.
  Value conv2d(StringRef name, Value x, int64_t inChannels, int64_t outChannels,
               ArrayRef<int64_t> kernel, const ConvOptions &options = {});
  /// Transposed convolution over [N, inChannels, H, W]; `weight` is
  /// [inChannels, outChannels / groups, KH, KW].
  Value convTranspose2d(StringRef name, Value x, int64_t inChannels,
                        int64_t outChannels, ArrayRef<int64_t> kernel,
                        const ConvOptions &options = {});
  /// NumPy matmul of two values (no parameters).
  Value matmul(Value a, Value b);

  //===--- Pooling ----------------------------------------------------===//

  /// Max pooling with window `kernel` over the trailing kernel.size() dims.
  Value maxPool(Value x, ArrayRef<int64_t> kernel,
                const PoolOptions &options = {});
  /// Average pooling, as `maxPool`.
  Value avgPool(Value x, ArrayRef<int64_t> kernel,
                const PoolOptions &options = {});
  /// Max / average over all spatial dims: [N, C, D..] -> [N, C, 1..].
  Value globalMaxPool(Value x);
  Value globalAvgPool(Value x);

  //===--- Normalization ----------------------------------------------===//

  /// Inference batch norm over [N, channels, ...] with parameters
  /// `weight`, `bias`, `running_mean`, `running_var` (each [channels]).
  Value batchNorm(StringRef name, Value x, int64_t channels,
                  double epsilon = 1e-5);
  /// Layer norm over the trailing dims `normalizedShape` with `weight` and
  /// `bias` of that shape.
  Value layerNorm(StringRef name, Value x, ArrayRef<int64_t> normalizedShape,
                  double epsilon = 1e-5);
  /// Instance norm over [N, channels, D1..Dk] with `weight`, `bias`
  /// ([channels]).
  Value instanceNorm(StringRef name, Value x, int64_t channels,
                     double epsilon = 1e-5);

  //===--- Activations ------------------------------------------------===//

  Value relu(Value x);
  Value sigmoid(Value x);
  Value tanh(Value x);
  /// Exact GELU, or its tanh approximation.
  Value gelu(Value x, bool tanhApproximation = false);
  Value leakyRelu(Value x, double negativeSlope = 0.01);
  Value softmax(Value x, int64_t axis = -1);
  Value logSoftmax(Value x, int64_t axis = -1);
  /// Inference-time dropout: the identity (no op is created); `p` must lie
  /// in [0, 1).
  Value dropout(Value x, double p = 0.5);

  //===--- Shapes -----------------------------------------------------===//

  /// Flattens dims [axis, rank) into one: [N, C, H, W] -> [N, C*H*W].
  Value flatten(Value x, int64_t axis = 1);
  /// Reshape; at most one entry may be -1 (inferred from the others).
  Value reshape(Value x, ArrayRef<int64_t> shape);
  Value transpose(Value x, ArrayRef<int64_t> perm);
  Value concat(ArrayRef<Value> values, int64_t axis);
  /// Elementwise sum / product with broadcasting (residuals, gating).
  Value add(Value a, Value b);
  Value mul(Value a, Value b);

  //===--- Recurrent --------------------------------------------------===//

  /// LSTM over x [seq, batch, inputSize] (nn.lstm): parameters `w`
  /// [D, 4*hidden, inputSize], `r` [D, 4*hidden, hidden], `b` [D, 8*hidden].
  RecurrentResult lstm(StringRef name, Value x, int64_t inputSize,
                       int64_t hiddenSize, bool bidirectional = false);
  /// GRU (nn.gru), as `lstm` with 3 gates and no cell state.
  RecurrentResult gru(StringRef name, Value x, int64_t inputSize,
                      int64_t hiddenSize, bool bidirectional = false);

  //===--- Attention --------------------------------------------------===//

  /// softmax(q k^T * scale [+ causal mask]) v over [..., L, E] queries,
  /// [..., S, E] keys and [..., S, Ev] values; `scale` <= 0 means
  /// 1/sqrt(E). The causal mask (static L and S only) keeps key j <= query
  /// i: nn.trilu of ones, then nn.select against -inf.
  Value scaledDotProductAttention(Value q, Value k, Value v,
                                  bool causal = false, double scale = 0.0);

  //===--- Losses -----------------------------------------------------===//

  Value mseLoss(Value pred, Value target,
                LossReduction reduction = LossReduction::mean);
  /// Softmax cross-entropy of logits [N, C, ...] against integer labels.
  Value crossEntropyLoss(Value logits, Value labels,
                         LossReduction reduction = LossReduction::mean);
  /// Negative log-likelihood of log-probabilities [N, C, ...].
  Value nllLoss(Value logProbs, Value target,
                LossReduction reduction = LossReduction::mean);
  /// Binary cross-entropy on probabilities, or logits with `fromLogits`.
  Value bceLoss(Value pred, Value target, bool fromLogits = false,
                LossReduction reduction = LossReduction::mean);

  /// The builder the layers add to.
  GraphBuilder &builder() { return g; }

private:
  /// Records "<what>: <message>" and returns a null Value.
  Value fail(const Twine &what, const Twine &message);
  /// Checks that `x` is a non-null ranked tensor of rank >= `minRank`.
  bool checkInput(StringRef what, Value x, int64_t minRank);
  Value conv(StringRef what, StringRef name, Value x, int64_t inChannels,
             int64_t outChannels, ArrayRef<int64_t> kernel,
             const ConvOptions &options, bool transposed);
  Value pool(StringRef what, Value x, ArrayRef<int64_t> kernel,
             const PoolOptions &options, bool isMax);
  RecurrentResult recurrent(StringRef what, StringRef name, Value x,
                            int64_t inputSize, int64_t hiddenSize,
                            bool bidirectional, int64_t gates);

  GraphBuilder &g;
  uint64_t seed;
  llvm::StringMap<std::vector<float>> provided;
  llvm::StringSet<> created;
};

} // namespace nn
} // namespace mlir

#endif // NNC_FRONTEND_LAYERS_H
