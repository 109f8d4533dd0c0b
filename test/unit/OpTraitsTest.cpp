//===- OpTraitsTest.cpp - fusion kinds and interfaces are declared on ops -===//
//
// Passes query these traits/interfaces instead of op names, so a missing
// declaration silently disables fusion or inference for an op: pin them.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include <gtest/gtest.h>

using namespace mlir;

namespace {

TEST(OpTraits, FusionKindsAndInference) {
  MLIRContext ctx;
  ctx.loadDialect<nn::NNDialect, func::FuncDialect>();
  const char *ir = R"mlir(
    func.func @f(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) {
      %0 = nn.add %a, %a : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
      %1 = nn.matmul %a, %b : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
      %2 = nn.softmax %1 : tensor<2x4xf32> -> tensor<2x4xf32>
      %3 = nn.transpose %2 {perm = array<i64: 1, 0>} : tensor<2x4xf32> -> tensor<4x2xf32>
      return
    }
  )mlir";
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(ir, &ctx);
  ASSERT_TRUE(module);
  SmallVector<Operation *> ops;
  module->walk([&](Operation *op) {
    if (op->getDialect() && op->getDialect()->getNamespace() == "nn") {
      ops.push_back(op);
    }
  });
  ASSERT_EQ(ops.size(), 4u);
  EXPECT_TRUE(ops[0]->hasTrait<nn::ElementwiseLike>());
  EXPECT_TRUE(ops[1]->hasTrait<nn::ContractionLike>());
  EXPECT_TRUE(ops[2]->hasTrait<nn::ReductionLike>());
  EXPECT_TRUE(ops[3]->hasTrait<nn::LayoutLike>());
  EXPECT_FALSE(ops[1]->hasTrait<nn::ElementwiseLike>());
  for (Operation *op : ops) {
    EXPECT_TRUE(isa<InferTypeOpInterface>(op))
        << op->getName().getStringRef().str();
    EXPECT_TRUE(isMemoryEffectFree(op));
  }
}

} // namespace
