//===- AutodiffTest.cpp - the C++ autodiff API (passes/Autodiff.h) --------===//
//
// buildVjp inside an existing block (what a training-step builder does),
// buildBackward's function shape, and its errors as diagnostics.
//
//===----------------------------------------------------------------------===//

#include "passes/Autodiff.h"
#include "ir/NNOps.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

using namespace mlir;

namespace {

OwningOpRef<ModuleOp> parse(MLIRContext &ctx, const char *ir) {
  ctx.loadDialect<nn::NNDialect, func::FuncDialect>();
  return parseSourceString<ModuleOp>(ir, &ctx);
}

TEST(Autodiff, VjpInsideABlock) {
  MLIRContext ctx;
  OwningOpRef<ModuleOp> module = parse(ctx, R"mlir(
    func.func @step(%x: tensor<4x3xf32>, %w: tensor<3x2xf32>, %t: tensor<4x2xf32>) -> tensor<3x2xf32> {
      %y = nn.matmul %x, %w : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
      %l = nn.mse %y, %t : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<f32>
      return %w : tensor<3x2xf32>
    }
  )mlir");
  ASSERT_TRUE(module);
  auto step = module->lookupSymbol<func::FuncOp>("step");
  Operation *ret = step.getBody().front().getTerminator();
  Value loss = ret->getPrevNode()->getResult(0);
  OpBuilder b(ret);
  Value one = nn::ConstantOp::create(
      b, loss.getLoc(), cast<RankedTensorType>(loss.getType()),
      DenseElementsAttr::get(cast<ShapedType>(loss.getType()), 1.0f));
  FailureOr<SmallVector<Value>> grads =
      nn::buildVjp(b, {loss}, {one}, {step.getArgument(1)});
  ASSERT_TRUE(succeeded(grads));
  ASSERT_EQ(grads->size(), 1u);
  EXPECT_EQ((*grads)[0].getType(), step.getArgument(1).getType());
  // Use the gradient (as an optimizer update would) and verify.
  ret->setOperands((*grads)[0]);
  EXPECT_TRUE(succeeded(verify(*module)));
}

TEST(Autodiff, BackwardFunctionShape) {
  MLIRContext ctx;
  OwningOpRef<ModuleOp> module = parse(ctx, R"mlir(
    func.func @f(%x: tensor<3xf32>, %i: tensor<3xi64>) -> (tensor<3xf32>, tensor<f32>) {
      %y = nn.tanh %x : tensor<3xf32>
      %s = nn.reduce sum %y {keepdims = false} : tensor<3xf32> -> tensor<f32>
      return %y, %s : tensor<3xf32>, tensor<f32>
    }
  )mlir");
  ASSERT_TRUE(module);
  nn::BackwardOptions options;
  FailureOr<func::FuncOp> grad =
      nn::buildBackward(module->lookupSymbol<func::FuncOp>("f"), {0}, options);
  ASSERT_TRUE(succeeded(grad));
  EXPECT_EQ(grad->getSymName(), "f_grad");
  // (x, i, seed y, seed s) -> (y, s, dx)
  EXPECT_EQ(grad->getNumArguments(), 4u);
  EXPECT_EQ(grad->getNumResults(), 3u);
  EXPECT_EQ(grad->getResultTypes()[2], grad->getArgumentTypes()[0]);

  options.name = "g";
  options.returnResults = false;
  options.seedArguments = false;
  grad =
      nn::buildBackward(module->lookupSymbol<func::FuncOp>("f"), {0}, options);
  ASSERT_TRUE(succeeded(grad));
  EXPECT_EQ(grad->getNumArguments(), 2u);
  EXPECT_EQ(grad->getNumResults(), 1u);
}

TEST(Autodiff, ErrorsAreDiagnostics) {
  MLIRContext ctx;
  OwningOpRef<ModuleOp> module = parse(ctx, R"mlir(
    func.func @f(%x: tensor<1x1x2x2xf32>, %i: tensor<3xi64>) -> tensor<1x1x4x4xf32> {
      %0 = nn.avg_pool_grad %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x1x2x2xf32> -> tensor<1x1x4x4xf32>
      return %0 : tensor<1x1x4x4xf32>
    }
  )mlir");
  ASSERT_TRUE(module);
  std::string message;
  ScopedDiagnosticHandler handler(&ctx, [&](Diagnostic &d) {
    message = d.str();
    return success();
  });
  auto f = module->lookupSymbol<func::FuncOp>("f");
  EXPECT_TRUE(failed(nn::buildBackward(f, {0})));
  EXPECT_NE(message.find("no gradient rule for 'nn.avg_pool_grad'"),
            std::string::npos)
      << message;
  // Nothing was added to the module.
  EXPECT_FALSE(module->lookupSymbol("f_grad"));
  EXPECT_TRUE(failed(nn::buildBackward(f, {1})));
  EXPECT_NE(message.find("not a float tensor argument"), std::string::npos)
      << message;
}

} // namespace
