//===- GraphBuilderTest.cpp - building nn graphs from C++ -----------------===//

#include "frontend/GraphBuilder.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

using namespace mlir;

namespace {

std::string print(ModuleOp module) {
  std::string s;
  llvm::raw_string_ostream os(s);
  module.print(os);
  return s;
}

TEST(GraphBuilder, InfersTypesThroughAChain) {
  MLIRContext ctx;
  nn::GraphBuilder g(ctx, "net");
  Value x = g.input("x", {ShapedType::kDynamic, 3});
  Value b = g.constant({1, 2, 3}, {3});
  g.setName("layer1");
  Value y = g.op<nn::AddOp>({x, b});
  Value z = g.op<nn::LeakyReluOp>({y}, {g.f64("alpha", 0.5)});
  auto module = g.finish({z});
  ASSERT_TRUE(succeeded(module)) << g.error().str();
  std::string ir = print(**module);
  EXPECT_NE(ir.find("-> tensor<?x3xf32>"), std::string::npos) << ir;
  EXPECT_NE(ir.find("alpha = 5.000000e-01"), std::string::npos) << ir;
  auto func = cast<func::FuncOp>((**module).getBody()->front());
  EXPECT_EQ(
      func.getFunctionType().getResult(0),
      RankedTensorType::get({ShapedType::kDynamic, 3}, Float32Type::get(&ctx)));
}

TEST(GraphBuilder, ReportsShapeErrorsInsteadOfCrashing) {
  MLIRContext ctx;
  nn::GraphBuilder g(ctx);
  Value x = g.input("x", {2, 3});
  Value y = g.input("y", {4});
  Value bad = g.op<nn::AddOp>({x, y});
  EXPECT_FALSE(bad);
  EXPECT_NE(g.error().find("not broadcast-compatible"), std::string::npos)
      << g.error().str();
  // Later steps are no-ops and the first error is kept.
  Value z = g.op<nn::ReluOp>({bad});
  EXPECT_FALSE(z);
  EXPECT_TRUE(failed(g.finish({z})));
  EXPECT_NE(g.error().find("nn.add"), std::string::npos);
}

TEST(GraphBuilder, ReportsVerifierErrors) {
  MLIRContext ctx;
  nn::GraphBuilder g(ctx);
  Value x = g.input("x", {3});
  Value y = g.op<nn::ClampOp>({x}, {g.f64("min", 2.0), g.f64("max", 1.0)});
  EXPECT_FALSE(y);
  EXPECT_NE(g.error().find("must not exceed max"), std::string::npos)
      << g.error().str();
}

TEST(GraphBuilder, ChecksConstantsAndInputs) {
  MLIRContext ctx;
  nn::GraphBuilder g(ctx);
  EXPECT_FALSE(g.constant({1, 2}, {3}));
  EXPECT_NE(g.error().find("given 2 values"), std::string::npos);

  nn::GraphBuilder h(ctx);
  Value x = h.input("x", {2});
  h.op<nn::ReluOp>({x});
  EXPECT_FALSE(h.input("late", {2}));
  EXPECT_NE(h.error().find("after the first op"), std::string::npos);
}

TEST(GraphBuilder, ExplicitResultTypesForOpsWithoutInference) {
  MLIRContext ctx;
  nn::GraphBuilder g(ctx);
  Value x = g.input("x", {2, 3});
  auto flat = RankedTensorType::get({6}, Float32Type::get(&ctx));
  Value y = g.op<nn::ReshapeOp>({x}, {}, {flat});
  ASSERT_TRUE(y) << g.error().str();
  EXPECT_EQ(y.getType(), flat);
  // Without a result type the builder says what is missing.
  EXPECT_FALSE(g.op<nn::ReshapeOp>({x}));
  EXPECT_NE(g.error().find("needs explicit result types"), std::string::npos);
}

} // namespace
