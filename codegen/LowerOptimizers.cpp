//===- LowerOptimizers.cpp - nn optimizer updates -> linalg ---------------===//
//
// In: nn.sgd_update, nn.adam_update. Out: one all-parallel linalg.generic per
// op with one output per result (parameter and state are computed in the same
// loop nest, each element read once). Adam's bias corrections depend only on
// the rank-0 step, so a rank-0 generic computes them once before the loop.
//
//===----------------------------------------------------------------------===//

#include "codegen/LoweringUtils.h"
#include "codegen/Transforms.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

using namespace mlir;
using namespace mlir::nn;

namespace {

/// A parallel generic over the shape of `inputs[0]` with `numResults`
/// outputs of that type, all operands read with the identity map, then the
/// rank-0 `scalars` (broadcast); `body` maps the input elements (inputs, then
/// scalars) to the output elements.
SmallVector<Value> buildUpdateGeneric(
    OpBuilder &b, Location loc, ValueRange inputs, unsigned numResults,
    function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)> body,
    ValueRange scalars = {}) {
  auto type = cast<RankedTensorType>(inputs[0].getType());
  SmallVector<Value> dims;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (type.isDynamicDim(d)) {
      dims.push_back(tensor::DimOp::create(b, loc, inputs[0], d));
    }
  }
  SmallVector<Value> inits;
  for (unsigned i = 0; i < numResults; ++i) {
    inits.push_back(emptyTensor(b, loc, type, dims));
  }
  AffineMap id = b.getMultiDimIdentityMap(type.getRank());
  SmallVector<AffineMap> maps(inputs.size(), id);
  maps.append(scalars.size(),
              AffineMap::get(type.getRank(), 0, b.getContext()));
  maps.append(numResults, id);
  SmallVector<utils::IteratorType> iterators(type.getRank(),
                                             utils::IteratorType::parallel);
  SmallVector<Type> types(numResults, type);
  SmallVector<Value> operands(inputs);
  llvm::append_range(operands, scalars);
  auto generic = linalg::GenericOp::create(
      b, loc, types, operands, inits, maps, iterators,
      [&](OpBuilder &nb, Location l, ValueRange args) {
        linalg::YieldOp::create(nb, l,
                                body(nb, l, args.take_front(operands.size())));
      });
  return SmallVector<Value>(generic.getResults());
}

/// Casts a result to its declared type when the op's is more static.
SmallVector<Value> castResults(OpBuilder &b, Location loc,
                               ArrayRef<Value> values, TypeRange types) {
  SmallVector<Value> out;
  for (auto [v, t] : llvm::zip(values, types)) {
    out.push_back(v.getType() == t ? v : tensor::CastOp::create(b, loc, t, v));
  }
  return out;
}

struct SgdUpdateOpLowering : OpConversionPattern<SgdUpdateOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SgdUpdateOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    double lr = op.getLr().convertToDouble();
    double momentum = op.getMomentum().convertToDouble();
    double decay = op.getWeightDecay().convertToDouble();
    bool nesterov = op.getNesterov();
    SmallVector<Value> results = buildUpdateGeneric(
        rewriter, loc,
        ValueRange{adaptor.getParam(), adaptor.getGrad(),
                   adaptor.getVelocity()},
        2, [&](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          Value p = a[0], g = a[1], v = a[2];
          Type el = p.getType();
          auto cst = [&](double x) { return scalarConstant(b, l, el, x); };
          if (decay != 0) {
            g = arith::AddFOp::create(
                b, l, g, arith::MulFOp::create(b, l, cst(decay), p));
          }
          Value newV = g, d = g;
          if (momentum != 0) {
            newV = arith::AddFOp::create(
                b, l, arith::MulFOp::create(b, l, cst(momentum), v), g);
            d = nesterov ? arith::AddFOp::create(
                               b, l, g,
                               arith::MulFOp::create(b, l, cst(momentum), newV))
                               .getResult()
                         : newV;
          }
          Value newP = arith::SubFOp::create(
              b, l, p, arith::MulFOp::create(b, l, cst(lr), d));
          return {newP, newV};
        });
    rewriter.replaceOp(
        op, castResults(rewriter, loc, results, op.getResultTypes()));
    return success();
  }
};

struct AdamUpdateOpLowering : OpConversionPattern<AdamUpdateOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AdamUpdateOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    double lr = op.getLr().convertToDouble();
    double beta1 = op.getBeta1().convertToDouble();
    double beta2 = op.getBeta2().convertToDouble();
    double eps = op.getEpsilon().convertToDouble();
    double decay = op.getWeightDecay().convertToDouble();
    bool decoupled = op.getDecoupled();
    Type el = cast<RankedTensorType>(op.getParam().getType()).getElementType();
    auto cst = [&](OpBuilder &b, Location l, double x) {
      return scalarConstant(b, l, el, x);
    };
    // Scalars per step: lr / (1 - beta1^t) and 1 / sqrt(1 - beta2^t), in a
    // rank-0 generic of their own (computed once, and on the device when the
    // step lives there: a Vulkan host program cannot read device values).
    auto scalarType = RankedTensorType::get({}, el);
    auto rank0 = AffineMap::get(0, 0, rewriter.getContext());
    auto corrections = linalg::GenericOp::create(
        rewriter, loc, TypeRange{scalarType, scalarType},
        ValueRange{adaptor.getStep()},
        ValueRange{emptyTensor(rewriter, loc, scalarType, {}),
                   emptyTensor(rewriter, loc, scalarType, {})},
        SmallVector<AffineMap>(3, rank0), ArrayRef<utils::IteratorType>{},
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value t = args[0];
          auto correction = [&](double beta) -> Value {
            Value pow = math::PowFOp::create(b, l, cst(b, l, beta), t);
            return arith::SubFOp::create(b, l, cst(b, l, 1.0), pow);
          };
          Value stepSize =
              arith::DivFOp::create(b, l, cst(b, l, lr), correction(beta1));
          Value invSqrtC2 = arith::DivFOp::create(
              b, l, cst(b, l, 1.0),
              math::SqrtOp::create(b, l, correction(beta2)));
          linalg::YieldOp::create(b, l, ValueRange{stepSize, invSqrtC2});
        });
    SmallVector<Value> results = buildUpdateGeneric(
        rewriter, loc,
        ValueRange{adaptor.getParam(), adaptor.getGrad(), adaptor.getM(),
                   adaptor.getV()},
        3,
        [&](OpBuilder &b, Location l, ValueRange a) -> SmallVector<Value> {
          Value p = a[0], g = a[1], m = a[2], v = a[3];
          Value stepSize = a[4], invSqrtC2 = a[5];
          if (decay != 0 && decoupled) {
            p = arith::MulFOp::create(b, l, p, cst(b, l, 1.0 - lr * decay));
          } else if (decay != 0) {
            g = arith::AddFOp::create(
                b, l, g, arith::MulFOp::create(b, l, cst(b, l, decay), p));
          }
          Value newM = arith::AddFOp::create(
              b, l, arith::MulFOp::create(b, l, cst(b, l, beta1), m),
              arith::MulFOp::create(b, l, cst(b, l, 1.0 - beta1), g));
          Value g2 = arith::MulFOp::create(b, l, g, g);
          Value newV = arith::AddFOp::create(
              b, l, arith::MulFOp::create(b, l, cst(b, l, beta2), v),
              arith::MulFOp::create(b, l, cst(b, l, 1.0 - beta2), g2));
          Value denom = arith::AddFOp::create(
              b, l,
              arith::MulFOp::create(b, l, math::SqrtOp::create(b, l, newV),
                                    invSqrtC2),
              cst(b, l, eps));
          Value newP = arith::SubFOp::create(
              b, l, p,
              arith::MulFOp::create(b, l, stepSize,
                                    arith::DivFOp::create(b, l, newM, denom)));
          return {newP, newM, newV};
        },
        corrections.getResults());
    rewriter.replaceOp(
        op, castResults(rewriter, loc, results, op.getResultTypes()));
    return success();
  }
};

} // namespace

void mlir::nn::populateOptimizerToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<SgdUpdateOpLowering, AdamUpdateOpLowering>(
      patterns.getContext());
}
