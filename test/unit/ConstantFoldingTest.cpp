//===- ConstantFoldingTest.cpp - broadcasting constant evaluation ---------===//

#include "ir/ConstantFolding.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

using namespace mlir;

namespace {

double add(double a, double b) { return a + b; }
int64_t addInt(int64_t a, int64_t b) { return a + b; }

TEST(ConstantFolding, BroadcastsRowAgainstColumn) {
  MLIRContext ctx;
  Builder b(&ctx);
  auto colTy = RankedTensorType::get({2, 1}, b.getF32Type());
  auto rowTy = RankedTensorType::get({3}, b.getF32Type());
  auto outTy = RankedTensorType::get({2, 3}, b.getF32Type());
  auto col = DenseElementsAttr::get(colTy, ArrayRef<float>{10, 20});
  auto row = DenseElementsAttr::get(rowTy, ArrayRef<float>{1, 2, 3});
  auto folded = dyn_cast_or_null<DenseElementsAttr>(dyn_cast<Attribute>(
      nn::foldBinaryConstants(col, row, outTy, add, addInt)));
  ASSERT_TRUE(folded);
  SmallVector<float> values(folded.getValues<float>());
  EXPECT_EQ(values, (SmallVector<float>{11, 12, 13, 21, 22, 23}));
}

TEST(ConstantFolding, IntegerSemanticsAreExact) {
  MLIRContext ctx;
  Builder b(&ctx);
  auto ty = RankedTensorType::get({2}, b.getI64Type());
  int64_t big = (int64_t{1} << 60) + 1; // not representable as a double
  auto lhs = DenseElementsAttr::get(ty, ArrayRef<int64_t>{big, -4});
  auto rhs = DenseElementsAttr::get(ty, ArrayRef<int64_t>{1, 9});
  auto folded = dyn_cast_or_null<DenseElementsAttr>(
      dyn_cast<Attribute>(nn::foldBinaryConstants(lhs, rhs, ty, add, addInt)));
  ASSERT_TRUE(folded);
  SmallVector<int64_t> values(folded.getValues<int64_t>());
  EXPECT_EQ(values, (SmallVector<int64_t>{big + 1, 5}));
}

TEST(ConstantFolding, RefusesLargeResults) {
  MLIRContext ctx;
  Builder b(&ctx);
  auto ty = RankedTensorType::get({nn::kMaxFoldElements + 1}, b.getF32Type());
  auto one = DenseElementsAttr::get(ty, 1.0f);
  EXPECT_FALSE(nn::foldBinaryConstants(one, one, ty, add, addInt));
}

TEST(ConstantFolding, UnaryAppliesFunction) {
  MLIRContext ctx;
  Builder b(&ctx);
  auto ty = RankedTensorType::get({3}, b.getF32Type());
  auto in = DenseElementsAttr::get(ty, ArrayRef<float>{-1, 0, 2});
  auto folded = dyn_cast_or_null<DenseElementsAttr>(dyn_cast<Attribute>(
      nn::foldUnaryFloat(in, ty, [](double x) { return x > 0 ? x : 0; })));
  ASSERT_TRUE(folded);
  SmallVector<float> values(folded.getValues<float>());
  EXPECT_EQ(values, (SmallVector<float>{0, 0, 2}));
}

} // namespace
