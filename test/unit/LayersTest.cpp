//===- LayersTest.cpp - the layer vocabulary over GraphBuilder ------------===//
//
// Result shapes of each layer, parameter storage (dense vs dense_resource,
// user data vs seeded initialization) and the error paths: a wrong feature
// or channel count is an error message, never a crash.
//
//===----------------------------------------------------------------------===//

#include "frontend/Layers.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::nn;

namespace {

constexpr int64_t kDyn = ShapedType::kDynamic;

std::string print(ModuleOp module) {
  std::string s;
  llvm::raw_string_ostream os(s);
  module.print(os);
  return s;
}

SmallVector<int64_t> shapeOf(Value v) {
  return SmallVector<int64_t>(cast<RankedTensorType>(v.getType()).getShape());
}

using Shape = SmallVector<int64_t>;

TEST(Layers, LinearOnMatricesAndBatches) {
  MLIRContext ctx;
  GraphBuilder g(ctx);
  Layers nn(g);
  Value x = g.input("x", {kDyn, 20});
  Value s = g.input("s", {2, kDyn, 20});
  Value y = nn.linear("fc", x, 20, 5);
  ASSERT_TRUE(y) << g.error().str();
  EXPECT_EQ(shapeOf(y), (Shape{kDyn, 5}));
  EXPECT_TRUE(isa<GemmOp>(y.getDefiningOp()));
  Value z = nn.linear("proj", s, 20, 7, /*bias=*/false);
  ASSERT_TRUE(z) << g.error().str();
  EXPECT_EQ(shapeOf(z), (Shape{2, kDyn, 7}));
  EXPECT_TRUE(isa<MatmulOp>(z.getDefiningOp()));
  auto module = g.finish({y, z});
  ASSERT_TRUE(succeeded(module)) << g.error().str();
  std::string ir = print(**module);
  // 100 weights: a blob named like the state-dict entry; 5 biases: inline.
  EXPECT_NE(ir.find("dense_resource<fc.weight> : tensor<5x20xf32>"),
            std::string::npos)
      << ir;
  EXPECT_NE(ir.find("trans_b = true"), std::string::npos) << ir;
  EXPECT_NE(ir.find("nn.constant dense<"), std::string::npos) << ir;
}

TEST(Layers, LinearWithWrongInFeaturesIsAnError) {
  MLIRContext ctx;
  GraphBuilder g(ctx);
  Layers nn(g);
  Value x = g.input("x", {kDyn, 10});
  Value y = nn.linear("fc1", x, 20, 5);
  EXPECT_FALSE(y);
  EXPECT_NE(g.error().find("linear 'fc1': the input has 10 features"),
            std::string::npos)
      << g.error().str();
  // Later layers are no-ops; the first error is kept.
  EXPECT_FALSE(nn.relu(y));
  EXPECT_FALSE(nn.linear("fc2", x, 10, 5));
  EXPECT_TRUE(failed(g.finish({y})));
  EXPECT_NE(g.error().find("fc1"), std::string::npos);
}

TEST(Layers, UserDataIsUsedAndChecked) {
  MLIRContext ctx;
  GraphBuilder g(ctx);
  Layers nn(g);
  nn.setParameter("fc.weight", {1, 2, 3, 4, 5, 6});
  nn.setParameter("fc.bias", {0.5, -0.5});
  Value x = g.input("x", {1, 3});
  Value y = nn.linear("fc", x, 3, 2);
  auto module = g.finish({y});
  ASSERT_TRUE(succeeded(module)) << g.error().str();
  std::string ir = print(**module);
  EXPECT_NE(ir.find("dense<[[1.000000e+00, 2.000000e+00, 3.000000e+00], "
                    "[4.000000e+00, 5.000000e+00, 6.000000e+00]]>"),
            std::string::npos)
      << ir;
  EXPECT_NE(ir.find("dense<[5.000000e-01, -5.000000e-01]>"), std::string::npos)
      << ir;

  GraphBuilder h(ctx);
  Layers bad(h);
  bad.setParameter("fc.weight", {1, 2, 3});
  EXPECT_FALSE(bad.linear("fc", h.input("x", {1, 3}), 3, 2));
  EXPECT_NE(h.error().find("parameter 'fc.weight' of shape [2, 3] given 3"),
            std::string::npos)
      << h.error().str();
}

TEST(Layers, ParameterNamesAreUniqueAndUnusedOnesListed) {
  MLIRContext ctx;
  GraphBuilder g(ctx);
  Layers nn(g);
  nn.setParameter("fc.bias", {1, 2});
  nn.setParameter("fc.baias", {1, 2});
  Value x = g.input("x", {1, 3});
  Value y = nn.linear("fc", x, 3, 2);
  ASSERT_TRUE(y) << g.error().str();
  EXPECT_EQ(nn.unusedParameters(), std::vector<std::string>{"fc.baias"});
  EXPECT_FALSE(nn.linear("fc", y, 2, 2));
  EXPECT_NE(g.error().find("parameter 'fc.weight': already exists"),
            std::string::npos)
      << g.error().str();
}

TEST(Layers, InitializationIsSeededAndBounded) {
  auto weights = [](uint64_t seed) {
    MLIRContext ctx;
    GraphBuilder g(ctx);
    Layers nn(g, seed);
    Value w = nn.parameter("w", {4, 4}, 0.25f);
    auto attr =
        cast<DenseElementsAttr>(cast<ConstantOp>(w.getDefiningOp()).getValue());
    return llvm::to_vector(attr.getValues<float>());
  };
  SmallVector<float> a = weights(1), b = weights(1), c = weights(2);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  for (float v : a) {
    EXPECT_LE(std::abs(v), 0.25f);
  }
}

TEST(Layers, ConvolutionsAndPools) {
  MLIRContext ctx;
  GraphBuilder g(ctx);
  Layers nn(g);
  Value img = g.input("img", {kDyn, 3, 32, 32});
  Value seq = g.input("seq", {2, 4, 50});
  ConvOptions down;
  down.stride = {2, 2};
  down.padding = {1, 1};
  Value c = nn.conv2d("c", img, 3, 16, {3, 3}, down);
  ASSERT_TRUE(c) << g.error().str();
  EXPECT_EQ(shapeOf(c), (Shape{kDyn, 16, 16, 16}));
  ConvOptions depthwise;
  depthwise.groups = 16;
  depthwise.dilation = {2, 2};
  Value d = nn.conv2d("dw", c, 16, 16, {3, 3}, depthwise);
  ASSERT_TRUE(d) << g.error().str();
  EXPECT_EQ(shapeOf(d), (Shape{kDyn, 16, 12, 12}));
  Value c1 = nn.conv1d("c1", seq, 4, 8, 5);
  ASSERT_TRUE(c1) << g.error().str();
  EXPECT_EQ(shapeOf(c1), (Shape{2, 8, 46}));
  ConvOptions up;
  up.stride = {2, 2};
  up.padding = {1, 1};
  up.outputPadding = {1, 1};
  Value t = nn.convTranspose2d("up", d, 16, 8, {3, 3}, up);
  ASSERT_TRUE(t) << g.error().str();
  EXPECT_EQ(shapeOf(t), (Shape{kDyn, 8, 24, 24}));
  Value mp = nn.maxPool(t, {2, 2});
  EXPECT_EQ(shapeOf(mp), (Shape{kDyn, 8, 12, 12}));
  PoolOptions padded;
  padded.stride = {1, 1};
  padded.padding = {1, 1};
  Value ap = nn.avgPool(mp, {3, 3}, padded);
  EXPECT_EQ(shapeOf(ap), (Shape{kDyn, 8, 12, 12}));
  EXPECT_EQ(shapeOf(nn.globalAvgPool(ap)), (Shape{kDyn, 8, 1, 1}));
  EXPECT_EQ(shapeOf(nn.globalMaxPool(ap)), (Shape{kDyn, 8, 1, 1}));
  EXPECT_TRUE(succeeded(g.finish({ap, c1}))) << g.error().str();
}

TEST(Layers, ConvolutionErrors) {
  MLIRContext ctx;
  {
    GraphBuilder g(ctx);
    Layers nn(g);
    EXPECT_FALSE(nn.conv2d("c", g.input("x", {1, 3, 8, 8}), 4, 8, {3, 3}));
    EXPECT_NE(g.error().find("conv2d 'c': the input has 3 channels"),
              std::string::npos)
        << g.error().str();
  }
  {
    GraphBuilder g(ctx);
    Layers nn(g);
    ConvOptions o;
    o.groups = 3;
    EXPECT_FALSE(nn.conv2d("c", g.input("x", {1, 4, 8, 8}), 4, 8, {3, 3}, o));
    EXPECT_NE(g.error().find("groups (3) must divide"), std::string::npos)
        << g.error().str();
  }
  {
    GraphBuilder g(ctx);
    Layers nn(g);
    EXPECT_FALSE(nn.conv2d("c", g.input("x", {1, 4, 8}), 4, 8, {3, 3}));
    EXPECT_NE(g.error().find("rank-4 input"), std::string::npos)
        << g.error().str();
  }
  {
    // A kernel larger than the input: caught by the op's shape inference.
    GraphBuilder g(ctx);
    Layers nn(g);
    EXPECT_FALSE(nn.conv2d("c", g.input("x", {1, 1, 2, 2}), 1, 1, {5, 5}));
    EXPECT_NE(g.error().find("nn.conv"), std::string::npos) << g.error().str();
  }
}

TEST(Layers, Normalizations) {
  MLIRContext ctx;
  GraphBuilder g(ctx);
  Layers nn(g);
  Value img = g.input("img", {kDyn, 6, 5, 5});
  Value tok = g.input("tok", {2, kDyn, 32});
  EXPECT_EQ(shapeOf(nn.batchNorm("bn", img, 6)), (Shape{kDyn, 6, 5, 5}));
  EXPECT_EQ(shapeOf(nn.instanceNorm("in", img, 6)), (Shape{kDyn, 6, 5, 5}));
  Value ln = nn.layerNorm("ln", tok, {32});
  ASSERT_TRUE(ln) << g.error().str();
  EXPECT_EQ(shapeOf(ln), (Shape{2, kDyn, 32}));
  EXPECT_EQ(cast<LayerNormOp>(ln.getDefiningOp()).getAxis(), 2);
  EXPECT_FALSE(nn.batchNorm("bad", img, 4));
  EXPECT_NE(g.error().find("batch_norm 'bad': the input has 6 channels"),
            std::string::npos)
      << g.error().str();

  GraphBuilder h(ctx);
  Layers other(h);
  EXPECT_FALSE(other.layerNorm("ln", h.input("x", {2, 8}), {16}));
  EXPECT_NE(h.error().find("differ from the normalized shape [16]"),
            std::string::npos)
      << h.error().str();
}

TEST(Layers, ActivationsAndShapes) {
  MLIRContext ctx;
  GraphBuilder g(ctx);
  Layers nn(g);
  Value x = g.input("x", {kDyn, 4, 3, 2});
  Value y = nn.leakyRelu(nn.gelu(nn.tanh(nn.sigmoid(nn.relu(x)))), 0.1);
  y = nn.gelu(nn.dropout(y, 0.1), /*tanhApproximation=*/true);
  ASSERT_TRUE(y) << g.error().str();
  EXPECT_EQ(shapeOf(nn.softmax(y, 1)), (Shape{kDyn, 4, 3, 2}));
  EXPECT_EQ(shapeOf(nn.logSoftmax(y)), (Shape{kDyn, 4, 3, 2}));
  EXPECT_EQ(shapeOf(nn.flatten(y)), (Shape{kDyn, 24}));
  EXPECT_EQ(shapeOf(nn.flatten(y, 2)), (Shape{kDyn, 6}));
  EXPECT_EQ(shapeOf(nn.reshape(y, {-1, 12})), (Shape{kDyn, 12}));
  EXPECT_EQ(shapeOf(nn.transpose(y, {0, 2, 3, 1})), (Shape{kDyn, 3, 2, 4}));
  EXPECT_EQ(shapeOf(nn.concat({y, y}, 1)), (Shape{kDyn, 8, 3, 2}));
  Value s = g.constant(std::vector<float>(24, 1.0f), {2, 3, 4});
  EXPECT_EQ(shapeOf(nn.reshape(s, {4, -1})), (Shape{4, 6}));
  EXPECT_TRUE(succeeded(g.finish({y}))) << g.error().str();

  GraphBuilder h(ctx);
  Layers bad(h);
  Value c = h.constant(std::vector<float>(24, 1.0f), {2, 3, 4});
  EXPECT_FALSE(bad.reshape(c, {5, -1}));
  EXPECT_NE(h.error().find("cannot reshape [2, 3, 4] into [5, -1]"),
            std::string::npos)
      << h.error().str();
}

TEST(Layers, DropoutRejectsBadProbability) {
  MLIRContext ctx;
  GraphBuilder g(ctx);
  Layers nn(g);
  Value x = g.input("x", {2});
  EXPECT_EQ(nn.dropout(x, 0.0), x);
  EXPECT_FALSE(nn.dropout(x, 1.0));
  EXPECT_NE(g.error().find("dropout: p = 1"), std::string::npos)
      << g.error().str();
}

TEST(Layers, RecurrentLayers) {
  MLIRContext ctx;
  GraphBuilder g(ctx);
  Layers nn(g);
  Value x = g.input("x", {7, kDyn, 10});
  RecurrentResult l = nn.lstm("lstm", x, 10, 16, /*bidirectional=*/true);
  ASSERT_TRUE(l.y) << g.error().str();
  EXPECT_EQ(shapeOf(l.y), (Shape{7, 2, kDyn, 16}));
  EXPECT_EQ(shapeOf(l.h), (Shape{2, kDyn, 16}));
  EXPECT_EQ(shapeOf(l.c), (Shape{2, kDyn, 16}));
  RecurrentResult r = nn.gru("gru", x, 10, 8);
  ASSERT_TRUE(r.y) << g.error().str();
  EXPECT_EQ(shapeOf(r.y), (Shape{7, 1, kDyn, 8}));
  EXPECT_FALSE(r.c);
  auto module = g.finish({l.y, l.h, l.c, r.y, r.h});
  ASSERT_TRUE(succeeded(module)) << g.error().str();
  std::string ir = print(**module);
  EXPECT_NE(ir.find("dense_resource<lstm.w> : tensor<2x64x10xf32>"),
            std::string::npos)
      << ir;
  EXPECT_NE(ir.find("dense_resource<gru.b> : tensor<1x48xf32>"),
            std::string::npos)
      << ir;

  GraphBuilder h(ctx);
  Layers bad(h);
  EXPECT_FALSE(bad.lstm("l", h.input("x", {7, 2, 9}), 10, 16).y);
  EXPECT_NE(h.error().find("lstm 'l': the input has 9 features"),
            std::string::npos)
      << h.error().str();
}

TEST(Layers, Attention) {
  MLIRContext ctx;
  GraphBuilder g(ctx);
  Layers nn(g);
  Value q = g.input("q", {kDyn, 4, 6, 8});
  Value k = g.input("k", {kDyn, 4, 6, 8});
  Value v = g.input("v", {kDyn, 4, 6, 16});
  Value a = nn.scaledDotProductAttention(q, k, v);
  ASSERT_TRUE(a) << g.error().str();
  EXPECT_EQ(shapeOf(a), (Shape{kDyn, 4, 6, 16}));
  Value c = nn.scaledDotProductAttention(q, k, v, /*causal=*/true);
  ASSERT_TRUE(c) << g.error().str();
  auto module = g.finish({a, c});
  ASSERT_TRUE(succeeded(module)) << g.error().str();
  std::string ir = print(**module);
  EXPECT_NE(ir.find("nn.trilu"), std::string::npos) << ir;
  EXPECT_NE(ir.find("nn.select"), std::string::npos) << ir;
  EXPECT_NE(ir.find("0xFF800000"), std::string::npos) << ir; // -inf

  GraphBuilder h(ctx);
  Layers bad(h);
  Value dq = h.input("q", {kDyn, 8});
  Value dk = h.input("k", {kDyn, 8});
  EXPECT_FALSE(bad.scaledDotProductAttention(dq, dk, dk, /*causal=*/true));
  EXPECT_NE(h.error().find("causal mask needs static"), std::string::npos)
      << h.error().str();
}

TEST(Layers, Losses) {
  MLIRContext ctx;
  GraphBuilder g(ctx);
  Layers nn(g);
  Value p = g.input("p", {kDyn, 10});
  Value t = g.input("t", {kDyn, 10});
  Value labels = g.input("labels", {kDyn}, IntegerType::get(&ctx, 64));
  EXPECT_EQ(shapeOf(nn.mseLoss(p, t)), (Shape{}));
  EXPECT_EQ(shapeOf(nn.crossEntropyLoss(p, labels)), (Shape{}));
  EXPECT_EQ(shapeOf(nn.nllLoss(nn.logSoftmax(p), labels, LossReduction::none)),
            (Shape{kDyn}));
  Value bce = nn.bceLoss(p, t, /*fromLogits=*/true, LossReduction::sum);
  ASSERT_TRUE(bce) << g.error().str();
  EXPECT_EQ(shapeOf(bce), (Shape{}));
  EXPECT_TRUE(succeeded(g.finish({bce}))) << g.error().str();

  // Labels must be integers: the op's own check, reported as text.
  GraphBuilder h(ctx);
  Layers bad(h);
  Value x = h.input("x", {4, 10});
  EXPECT_FALSE(bad.crossEntropyLoss(x, h.input("y", {4}))); // f32 labels
  EXPECT_FALSE(h.error().empty());
}

} // namespace
