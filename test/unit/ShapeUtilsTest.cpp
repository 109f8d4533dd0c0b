//===- ShapeUtilsTest.cpp - broadcasting and window-size arithmetic -------===//
//
// Expected values follow NumPy's broadcasting rules and the ONNX Conv/Pool
// output-size formula, worked by hand from the definitions.
//
//===----------------------------------------------------------------------===//

#include "ir/ShapeUtils.h"

#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

using namespace mlir;
constexpr int64_t kDyn = ShapedType::kDynamic;

namespace {

SmallVector<int64_t> broadcast(ArrayRef<ArrayRef<int64_t>> shapes,
                               bool *ok = nullptr) {
  SmallVector<int64_t> out;
  bool succeeded =
      mlir::succeeded(nn::broadcastShapes(std::nullopt, shapes, out));
  if (ok) {
    *ok = succeeded;
  }
  return out;
}

TEST(ShapeUtils, BroadcastAlignsTrailingDimensions) {
  EXPECT_EQ(broadcast({{8, 1, 6, 1}, {7, 1, 5}}),
            (SmallVector<int64_t>{8, 7, 6, 5}));
  EXPECT_EQ(broadcast({{5, 4}, {1}}), (SmallVector<int64_t>{5, 4}));
  EXPECT_EQ(broadcast({{}, {3}}), (SmallVector<int64_t>{3}));
}

TEST(ShapeUtils, BroadcastRejectsMismatchedExtents) {
  bool ok = true;
  broadcast({{2, 3}, {4}}, &ok);
  EXPECT_FALSE(ok);
}

TEST(ShapeUtils, BroadcastDynamicExtents) {
  // ? against n>1 must be n; ? against 1 or ? stays ?.
  EXPECT_EQ(broadcast({{kDyn, 3}, {4, 3}}), (SmallVector<int64_t>{4, 3}));
  EXPECT_EQ(broadcast({{kDyn, 3}, {1, 3}}), (SmallVector<int64_t>{kDyn, 3}));
  EXPECT_EQ(broadcast({{kDyn}, {kDyn}}), (SmallVector<int64_t>{kDyn}));
}

TEST(ShapeUtils, NormalizeAxis) {
  EXPECT_EQ(*nn::normalizeAxis(std::nullopt, -1, 4), 3);
  EXPECT_EQ(*nn::normalizeAxis(std::nullopt, 0, 4), 0);
  EXPECT_TRUE(failed(nn::normalizeAxis(std::nullopt, 4, 4)));
  EXPECT_TRUE(failed(nn::normalizeAxis(std::nullopt, -5, 4)));
  SmallVector<int64_t> axes;
  EXPECT_TRUE(failed(nn::normalizeAxes(std::nullopt, {1, -3}, 4, axes)));
}

TEST(ShapeUtils, SlidingWindowExtent) {
  // ResNet stem: 224, k7, s2, p3 -> 112.
  EXPECT_EQ(nn::slidingWindowExtent(224, 7, 2, 1, 3, 3), 112);
  // Dilation 2 widens a 3-tap kernel to 5: 10 - 5 + 1 = 6.
  EXPECT_EQ(nn::slidingWindowExtent(10, 3, 1, 2, 0, 0), 6);
  // 5, k2, s2: floor(3/2)+1 = 2; ceil_mode gives 3.
  EXPECT_EQ(nn::slidingWindowExtent(5, 2, 2, 1, 0, 0, false), 2);
  EXPECT_EQ(nn::slidingWindowExtent(5, 2, 2, 1, 0, 0, true), 3);
  // Window larger than the padded input.
  EXPECT_LT(nn::slidingWindowExtent(2, 5, 1, 1, 0, 0), 0);
  EXPECT_EQ(nn::slidingWindowExtent(kDyn, 3, 1, 1, 1, 1), kDyn);
}

} // namespace
