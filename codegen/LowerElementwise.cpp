//===- LowerElementwise.cpp - nn elementwise ops -> linalg.generic --------===//
//
// In: nn elementwise ops on tensors (broadcasting operands). Out: one
// all-parallel linalg.generic per op whose body is the op's scalar rule in
// arith/math; broadcasting lives in the indexing maps. The table at the end
// maps each op to its scalar rule.
//
//===----------------------------------------------------------------------===//

#include "codegen/LoweringUtils.h"
#include "codegen/Transforms.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>

using namespace mlir;
using namespace mlir::nn;

namespace {

using ScalarArgs = ValueRange;

bool isFloat(Value v) { return isa<FloatType>(v.getType()); }

Value cst(OpBuilder &b, Location loc, Value like, double v) {
  return scalarConstant(b, loc, like.getType(), v);
}

/// The scalar rule of each op: `build(op, b, loc, args)` returns the output
/// element from the (broadcast) input elements.
template <typename OpTy> struct Scalar;

#define FLOAT_UNARY(OP, MATHOP)                                                \
  template <> struct Scalar<OP> {                                              \
    static Value build(OP, OpBuilder &b, Location loc, ScalarArgs x) {         \
      return MATHOP::create(b, loc, x[0]);                                     \
    }                                                                          \
  };
FLOAT_UNARY(ExpOp, math::ExpOp)
FLOAT_UNARY(LogOp, math::LogOp)
FLOAT_UNARY(SqrtOp, math::SqrtOp)
FLOAT_UNARY(RsqrtOp, math::RsqrtOp)
FLOAT_UNARY(TanhOp, math::TanhOp)
FLOAT_UNARY(ErfOp, math::ErfOp)
FLOAT_UNARY(FloorOp, math::FloorOp)
FLOAT_UNARY(CeilOp, math::CeilOp)
#undef FLOAT_UNARY

template <> struct Scalar<NegOp> {
  static Value build(NegOp, OpBuilder &b, Location loc, ScalarArgs x) {
    if (isFloat(x[0])) {
      return arith::NegFOp::create(b, loc, x[0]);
    }
    return arith::SubIOp::create(b, loc, cst(b, loc, x[0], 0), x[0]);
  }
};
template <> struct Scalar<AbsOp> {
  static Value build(AbsOp, OpBuilder &b, Location loc, ScalarArgs x) {
    if (isFloat(x[0])) {
      return math::AbsFOp::create(b, loc, x[0]);
    }
    return math::AbsIOp::create(b, loc, x[0]);
  }
};
template <> struct Scalar<ReciprocalOp> {
  static Value build(ReciprocalOp, OpBuilder &b, Location loc, ScalarArgs x) {
    return arith::DivFOp::create(b, loc, cst(b, loc, x[0], 1.0), x[0]);
  }
};
template <> struct Scalar<SigmoidOp> {
  // 1 / (1 + exp(-x))
  static Value build(SigmoidOp, OpBuilder &b, Location loc, ScalarArgs x) {
    Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x[0]));
    Value d = arith::AddFOp::create(b, loc, cst(b, loc, x[0], 1.0), e);
    return arith::DivFOp::create(b, loc, cst(b, loc, x[0], 1.0), d);
  }
};
template <> struct Scalar<ReluOp> {
  static Value build(ReluOp, OpBuilder &b, Location loc, ScalarArgs x) {
    return arith::MaximumFOp::create(b, loc, x[0], cst(b, loc, x[0], 0.0));
  }
};
template <> struct Scalar<SoftplusOp> {
  // log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)), which cannot overflow.
  static Value build(SoftplusOp, OpBuilder &b, Location loc, ScalarArgs x) {
    Value pos = arith::MaximumFOp::create(b, loc, x[0], cst(b, loc, x[0], 0));
    Value negAbs =
        arith::NegFOp::create(b, loc, math::AbsFOp::create(b, loc, x[0]));
    Value l =
        math::Log1pOp::create(b, loc, math::ExpOp::create(b, loc, negAbs));
    return arith::AddFOp::create(b, loc, pos, l);
  }
};

/// x >= 0 ? x : neg, for the ReLU variants.
Value selectNonNegative(OpBuilder &b, Location loc, Value x, Value neg) {
  Value ge = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, x,
                                   cst(b, loc, x, 0.0));
  return arith::SelectOp::create(b, loc, ge, x, neg);
}

template <> struct Scalar<LeakyReluOp> {
  static Value build(LeakyReluOp op, OpBuilder &b, Location loc, ScalarArgs x) {
    Value neg = arith::MulFOp::create(
        b, loc, cst(b, loc, x[0], op.getAlpha().convertToDouble()), x[0]);
    return selectNonNegative(b, loc, x[0], neg);
  }
};
template <> struct Scalar<EluOp> {
  static Value build(EluOp op, OpBuilder &b, Location loc, ScalarArgs x) {
    Value neg = arith::MulFOp::create(
        b, loc, cst(b, loc, x[0], op.getAlpha().convertToDouble()),
        math::ExpM1Op::create(b, loc, x[0]));
    return selectNonNegative(b, loc, x[0], neg);
  }
};
template <> struct Scalar<SeluOp> {
  static Value build(SeluOp op, OpBuilder &b, Location loc, ScalarArgs x) {
    Value neg = arith::MulFOp::create(
        b, loc, cst(b, loc, x[0], op.getAlpha().convertToDouble()),
        math::ExpM1Op::create(b, loc, x[0]));
    Value gt = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x[0],
                                     cst(b, loc, x[0], 0.0));
    Value v = arith::SelectOp::create(b, loc, gt, x[0], neg);
    return arith::MulFOp::create(
        b, loc, cst(b, loc, x[0], op.getGamma().convertToDouble()), v);
  }
};
template <> struct Scalar<GeluOp> {
  static Value build(GeluOp op, OpBuilder &b, Location loc, ScalarArgs x) {
    Value half = arith::MulFOp::create(b, loc, cst(b, loc, x[0], 0.5), x[0]);
    Value inner;
    if (op.getApproximation() == GeluApproximation::tanh) {
      // tanh(sqrt(2/pi) * (x + 0.044715 x^3))
      Value x3 = arith::MulFOp::create(
          b, loc, x[0], arith::MulFOp::create(b, loc, x[0], x[0]));
      Value s = arith::AddFOp::create(
          b, loc, x[0],
          arith::MulFOp::create(b, loc, cst(b, loc, x[0], 0.044715), x3));
      inner = math::TanhOp::create(
          b, loc,
          arith::MulFOp::create(b, loc, cst(b, loc, x[0], 0.7978845608028654),
                                s));
    } else {
      // erf(x / sqrt(2))
      inner = math::ErfOp::create(
          b, loc,
          arith::MulFOp::create(b, loc, x[0],
                                cst(b, loc, x[0], 0.7071067811865476)));
    }
    Value onePlus =
        arith::AddFOp::create(b, loc, cst(b, loc, x[0], 1.0), inner);
    return arith::MulFOp::create(b, loc, half, onePlus);
  }
};
template <> struct Scalar<ClampOp> {
  static Value build(ClampOp op, OpBuilder &b, Location loc, ScalarArgs x) {
    Value v = x[0];
    if (op.getMin()) {
      v = arith::MaximumFOp::create(
          b, loc, v, cst(b, loc, v, op.getMin()->convertToDouble()));
    }
    if (op.getMax()) {
      v = arith::MinimumFOp::create(
          b, loc, v, cst(b, loc, v, op.getMax()->convertToDouble()));
    }
    return v;
  }
};

#define BINARY(OP, FOP, IOP)                                                   \
  template <> struct Scalar<OP> {                                              \
    static Value build(OP, OpBuilder &b, Location loc, ScalarArgs x) {         \
      if (isFloat(x[0])) {                                                     \
        return FOP::create(b, loc, x[0], x[1]);                                \
      }                                                                        \
      return IOP::create(b, loc, x[0], x[1]);                                  \
    }                                                                          \
  };
BINARY(AddOp, arith::AddFOp, arith::AddIOp)
BINARY(SubOp, arith::SubFOp, arith::SubIOp)
BINARY(MulOp, arith::MulFOp, arith::MulIOp)
BINARY(DivOp, arith::DivFOp, arith::DivSIOp)
BINARY(MaxOp, arith::MaximumFOp, arith::MaxSIOp)
BINARY(MinOp, arith::MinimumFOp, arith::MinSIOp)
BINARY(AndOp, arith::AndIOp, arith::AndIOp)
BINARY(OrOp, arith::OrIOp, arith::OrIOp)
BINARY(XorOp, arith::XOrIOp, arith::XOrIOp)
#undef BINARY

template <> struct Scalar<PowOp> {
  static Value build(PowOp, OpBuilder &b, Location loc, ScalarArgs x) {
    return math::PowFOp::create(b, loc, x[0], x[1]);
  }
};
template <> struct Scalar<PReluOp> {
  static Value build(PReluOp, OpBuilder &b, Location loc, ScalarArgs x) {
    return selectNonNegative(b, loc, x[0],
                             arith::MulFOp::create(b, loc, x[1], x[0]));
  }
};
template <> struct Scalar<NotOp> {
  static Value build(NotOp, OpBuilder &b, Location loc, ScalarArgs x) {
    Value t = arith::ConstantOp::create(b, loc, b.getBoolAttr(true));
    return arith::XOrIOp::create(b, loc, x[0], t);
  }
};
template <> struct Scalar<SelectOp> {
  static Value build(SelectOp, OpBuilder &b, Location loc, ScalarArgs x) {
    return arith::SelectOp::create(b, loc, x[0], x[1], x[2]);
  }
};
template <> struct Scalar<CmpOp> {
  static Value build(CmpOp op, OpBuilder &b, Location loc, ScalarArgs x) {
    if (isFloat(x[0])) {
      arith::CmpFPredicate p;
      switch (op.getPredicate()) {
      case CmpPredicate::eq:
        p = arith::CmpFPredicate::OEQ;
        break;
      case CmpPredicate::ne:
        p = arith::CmpFPredicate::UNE;
        break;
      case CmpPredicate::lt:
        p = arith::CmpFPredicate::OLT;
        break;
      case CmpPredicate::le:
        p = arith::CmpFPredicate::OLE;
        break;
      case CmpPredicate::gt:
        p = arith::CmpFPredicate::OGT;
        break;
      case CmpPredicate::ge:
        p = arith::CmpFPredicate::OGE;
        break;
      }
      return arith::CmpFOp::create(b, loc, p, x[0], x[1]);
    }
    bool u = x[0].getType().isUnsignedInteger() || x[0].getType().isInteger(1);
    arith::CmpIPredicate p;
    switch (op.getPredicate()) {
    case CmpPredicate::eq:
      p = arith::CmpIPredicate::eq;
      break;
    case CmpPredicate::ne:
      p = arith::CmpIPredicate::ne;
      break;
    case CmpPredicate::lt:
      p = u ? arith::CmpIPredicate::ult : arith::CmpIPredicate::slt;
      break;
    case CmpPredicate::le:
      p = u ? arith::CmpIPredicate::ule : arith::CmpIPredicate::sle;
      break;
    case CmpPredicate::gt:
      p = u ? arith::CmpIPredicate::ugt : arith::CmpIPredicate::sgt;
      break;
    case CmpPredicate::ge:
      p = u ? arith::CmpIPredicate::uge : arith::CmpIPredicate::sge;
      break;
    }
    return arith::CmpIOp::create(b, loc, p, x[0], x[1]);
  }
};

/// Converts one scalar with nn.cast's rules (floats round to nearest, float
/// to integer truncates toward zero, anything to i1 is `x != 0`).
Value castScalar(OpBuilder &b, Location loc, Value x, Type to) {
  Type from = x.getType();
  if (from == to) {
    return x;
  }
  if (to.isInteger(1)) {
    if (isa<FloatType>(from)) {
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, x,
                                   cst(b, loc, x, 0.0));
    }
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, x,
                                 cst(b, loc, x, 0));
  }
  auto fromF = dyn_cast<FloatType>(from);
  auto toF = dyn_cast<FloatType>(to);
  if (fromF && toF) {
    return fromF.getWidth() < toF.getWidth()
               ? arith::ExtFOp::create(b, loc, to, x).getResult()
               : arith::TruncFOp::create(b, loc, to, x).getResult();
  }
  bool fromUnsigned = from.isInteger(1) || from.isUnsignedInteger();
  if (toF) {
    return fromUnsigned ? arith::UIToFPOp::create(b, loc, to, x).getResult()
                        : arith::SIToFPOp::create(b, loc, to, x).getResult();
  }
  if (fromF) {
    return to.isUnsignedInteger()
               ? arith::FPToUIOp::create(b, loc, to, x).getResult()
               : arith::FPToSIOp::create(b, loc, to, x).getResult();
  }
  unsigned fw = from.getIntOrFloatBitWidth(), tw = to.getIntOrFloatBitWidth();
  if (fw > tw) {
    return arith::TruncIOp::create(b, loc, to, x);
  }
  return fromUnsigned ? arith::ExtUIOp::create(b, loc, to, x).getResult()
                      : arith::ExtSIOp::create(b, loc, to, x).getResult();
}

template <> struct Scalar<CastOp> {
  static Value build(CastOp op, OpBuilder &b, Location loc, ScalarArgs x) {
    return castScalar(b, loc, x[0], getElementTypeOrSelf(op.getType()));
  }
};

/// One pattern for every elementwise op: a linalg.generic around its rule.
template <typename OpTy>
struct ElementwiseLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto result = cast<RankedTensorType>(op->getResult(0).getType());
    Value v = buildElementwiseGeneric(
        rewriter, op.getLoc(), result, adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return Scalar<OpTy>::build(op, b, loc, args);
        });
    rewriter.replaceOp(op, v);
    return success();
  }
};

} // namespace

void mlir::nn::populateElementwiseToLinalgPatterns(
    RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ElementwiseLowering<NegOp>, ElementwiseLowering<AbsOp>,
               ElementwiseLowering<ExpOp>, ElementwiseLowering<LogOp>,
               ElementwiseLowering<SqrtOp>, ElementwiseLowering<RsqrtOp>,
               ElementwiseLowering<ReciprocalOp>, ElementwiseLowering<TanhOp>,
               ElementwiseLowering<SigmoidOp>, ElementwiseLowering<ReluOp>,
               ElementwiseLowering<ErfOp>, ElementwiseLowering<SoftplusOp>,
               ElementwiseLowering<FloorOp>, ElementwiseLowering<CeilOp>,
               ElementwiseLowering<LeakyReluOp>, ElementwiseLowering<EluOp>,
               ElementwiseLowering<SeluOp>, ElementwiseLowering<GeluOp>,
               ElementwiseLowering<ClampOp>, ElementwiseLowering<AddOp>,
               ElementwiseLowering<SubOp>, ElementwiseLowering<MulOp>,
               ElementwiseLowering<DivOp>, ElementwiseLowering<PowOp>,
               ElementwiseLowering<MaxOp>, ElementwiseLowering<MinOp>,
               ElementwiseLowering<PReluOp>, ElementwiseLowering<CmpOp>,
               ElementwiseLowering<AndOp>, ElementwiseLowering<OrOp>,
               ElementwiseLowering<XorOp>, ElementwiseLowering<NotOp>,
               ElementwiseLowering<SelectOp>, ElementwiseLowering<CastOp>>(ctx);
}
