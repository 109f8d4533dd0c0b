//===- ElementwiseGradients.cpp - rules of the elementwise ops --*- C++ -*-===//
//
// One line of math per op: `g` is the result's cotangent, `x` the input, `y`
// the result. Binary rules return gradients of the broadcast shape; the
// shared model reduces them back to each operand's shape. Ops with integer
// or i1 results (comparisons, logic) never carry a gradient; floor and ceil
// have a zero derivative almost everywhere (null = zero).
//
//===----------------------------------------------------------------------===//

#include "ir/gradients/GradientBuilder.h"

using namespace mlir;
using namespace mlir::nn;

namespace {
using GB = GradientBuilder;

template <typename OpT>
using UnaryRule = Value (*)(GB &, OpT, Value x, Value y, Value g);

/// dx = Rule(x, y, g) for a one-operand, one-result op.
template <typename OpT, UnaryRule<OpT> Rule>
struct UnaryGradient
    : GradientOpInterface::ExternalModel<UnaryGradient<OpT, Rule>, OpT> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    operandGrads.assign({Rule(b, cast<OpT>(op), op->getOperand(0),
                              op->getResult(0), resultGrads[0])});
    return success();
  }
};

using BinaryRule = std::pair<Value, Value> (*)(GB &, Value a, Value c, Value y,
                                               Value g);

/// {da, dc} = Rule(a, c, y, g) at the broadcast shape, then un-broadcast.
template <typename OpT, BinaryRule Rule>
struct BinaryGradient
    : GradientOpInterface::ExternalModel<BinaryGradient<OpT, Rule>, OpT> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    Value a = op->getOperand(0), c = op->getOperand(1);
    auto [da, dc] = Rule(b, a, c, op->getResult(0), resultGrads[0]);
    operandGrads.assign({da ? b.sumToShape(da, a.getType()) : Value(),
                         dc ? b.sumToShape(dc, c.getType()) : Value()});
    return success();
  }
};

Value isNonNegative(GB &b, Value x) {
  return b.cmp(CmpPredicate::ge, x, b.scalar(0, x));
}

// Unary rules, in the order of NNElementwiseOps.td.
// y = -x
Value negGrad(GB &b, NegOp, Value, Value, Value g) { return b.neg(g); }
// y = |x|: dx = sign(x) g
Value absGrad(GB &b, AbsOp, Value x, Value, Value g) {
  return b.select(isNonNegative(b, x), g, b.neg(g));
}
// y = exp(x): dx = g y
Value expGrad(GB &b, ExpOp, Value, Value y, Value g) { return b.mul(g, y); }
// y = log(x): dx = g / x
Value logGrad(GB &b, LogOp, Value x, Value, Value g) { return b.div(g, x); }
// y = sqrt(x): dx = g / (2 y)
Value sqrtGrad(GB &b, SqrtOp, Value, Value y, Value g) {
  return b.div(g, b.mul(b.scalar(2, y), y));
}
// y = x^-1/2: dx = -g y^3 / 2
Value rsqrtGrad(GB &b, RsqrtOp, Value, Value y, Value g) {
  return b.mul(b.mul(g, b.scalar(-0.5, y)), b.mul(y, b.mul(y, y)));
}
// y = 1/x: dx = -g y^2
Value reciprocalGrad(GB &b, ReciprocalOp, Value, Value y, Value g) {
  return b.neg(b.mul(g, b.mul(y, y)));
}
// y = tanh(x): dx = g (1 - y^2)
Value tanhGrad(GB &b, TanhOp, Value, Value y, Value g) {
  return b.mul(g, b.sub(b.scalar(1, y), b.mul(y, y)));
}
// y = sigmoid(x): dx = g y (1 - y)
Value sigmoidGrad(GB &b, SigmoidOp, Value, Value y, Value g) {
  return b.mul(g, b.mul(y, b.sub(b.scalar(1, y), y)));
}
// y = max(x, 0): dx = x > 0 ? g : 0
Value reluGrad(GB &b, ReluOp, Value x, Value, Value g) {
  return b.maskZero(b.cmp(CmpPredicate::gt, x, b.scalar(0, x)), g);
}
// y = erf(x): dx = g 2/sqrt(pi) exp(-x^2)
Value erfGrad(GB &b, ErfOp, Value x, Value, Value g) {
  Value e = b.exp(b.neg(b.mul(x, x)));
  return b.mul(g, b.mul(b.scalar(1.1283791670955126, x), e));
}
// y = log(1 + exp(x)): dx = g sigmoid(x)
Value softplusGrad(GB &b, SoftplusOp, Value x, Value, Value g) {
  return b.mul(g, b.op<SigmoidOp>(x));
}
// Piecewise constant: zero derivative almost everywhere.
Value floorGrad(GB &, FloorOp, Value, Value, Value) { return {}; }
Value ceilGrad(GB &, CeilOp, Value, Value, Value) { return {}; }
// y = x >= 0 ? x : alpha x
Value leakyReluGrad(GB &b, LeakyReluOp op, Value x, Value, Value g) {
  Value alpha = b.scalar(op.getAlpha().convertToDouble(), x);
  return b.select(isNonNegative(b, x), g, b.mul(g, alpha));
}
// y = x >= 0 ? x : alpha (exp(x) - 1): dx = g (x >= 0 ? 1 : alpha exp(x))
Value eluGrad(GB &b, EluOp op, Value x, Value, Value g) {
  Value alpha = b.scalar(op.getAlpha().convertToDouble(), x);
  return b.select(isNonNegative(b, x), g, b.mul(g, b.mul(alpha, b.exp(x))));
}
// y = gamma (x > 0 ? x : alpha (exp(x) - 1))
Value seluGrad(GB &b, SeluOp op, Value x, Value, Value g) {
  Value gamma = b.scalar(op.getGamma().convertToDouble(), x);
  Value alpha = b.scalar(op.getAlpha().convertToDouble(), x);
  Value pos = b.cmp(CmpPredicate::gt, x, b.scalar(0, x));
  Value d = b.select(pos, g, b.mul(g, b.mul(alpha, b.exp(x))));
  return b.mul(d, gamma);
}
// Exact: y = x Phi(x), dy/dx = Phi(x) + x phi(x). Tanh form: with
// u = c (x + k x^3), t = tanh(u): dy/dx = (1 + t)/2 + x (1 - t^2) c (1 + 3k
// x^2)/2.
Value geluGrad(GB &b, GeluOp op, Value x, Value, Value g) {
  auto s = [&](double v) { return b.scalar(v, x); };
  Value x2 = b.mul(x, x);
  if (op.getApproximation() == GeluApproximation::tanh) {
    const double c = 0.7978845608028654, k = 0.044715;
    Value t = b.op<TanhOp>(b.mul(s(c), b.add(x, b.mul(s(k), b.mul(x2, x)))));
    Value left = b.mul(s(0.5), b.add(s(1), t));
    Value du = b.mul(s(c), b.add(s(1), b.mul(s(3 * k), x2)));
    Value right = b.mul(b.mul(s(0.5), x), b.mul(b.sub(s(1), b.mul(t, t)), du));
    return b.mul(g, b.add(left, right));
  }
  Value cdf =
      b.mul(s(0.5), b.add(s(1), b.op<ErfOp>(b.mul(x, s(0.7071067811865476)))));
  Value pdf = b.mul(s(0.3989422804014327), b.exp(b.mul(s(-0.5), x2)));
  return b.mul(g, b.add(cdf, b.mul(x, pdf)));
}
// y = min(max(x, lo), hi): g passes where lo <= x <= hi.
Value clampGrad(GB &b, ClampOp op, Value x, Value, Value g) {
  if (auto lo = op.getMin()) {
    g = b.maskZero(
        b.cmp(CmpPredicate::ge, x, b.scalar(lo->convertToDouble(), x)), g);
  }
  if (auto hi = op.getMax()) {
    g = b.maskZero(
        b.cmp(CmpPredicate::le, x, b.scalar(hi->convertToDouble(), x)), g);
  }
  return g;
}

// Binary rules (a, c: operands; y: result).
std::pair<Value, Value> addGrad(GB &, Value, Value, Value, Value g) {
  return {g, g};
}
std::pair<Value, Value> subGrad(GB &b, Value, Value, Value, Value g) {
  return {g, b.neg(g)};
}
std::pair<Value, Value> mulGrad(GB &b, Value a, Value c, Value, Value g) {
  return {b.mul(g, c), b.mul(g, a)};
}
// y = a / c: da = g / c, dc = -g y / c
std::pair<Value, Value> divGrad(GB &b, Value, Value c, Value y, Value g) {
  Value da = b.div(g, c);
  return {da, b.neg(b.mul(da, y))};
}
// y = a^c: da = g c a^(c-1), dc = g y log(a)
std::pair<Value, Value> powGrad(GB &b, Value a, Value c, Value y, Value g) {
  Value da = b.mul(g, b.mul(c, b.op<PowOp>(a, b.sub(c, b.scalar(1, c)))));
  return {da, b.mul(g, b.mul(y, b.log(a)))};
}
// The larger operand takes the gradient (ties: the left one).
std::pair<Value, Value> maxGrad(GB &b, Value a, Value c, Value, Value g) {
  Value left = b.cmp(CmpPredicate::ge, a, c);
  return {b.maskZero(left, g), b.select(left, b.scalar(0, g), g)};
}
std::pair<Value, Value> minGrad(GB &b, Value a, Value c, Value, Value g) {
  Value left = b.cmp(CmpPredicate::le, a, c);
  return {b.maskZero(left, g), b.select(left, b.scalar(0, g), g)};
}
// y = x >= 0 ? x : s x: dx = x >= 0 ? g : s g, ds = x >= 0 ? 0 : g x
std::pair<Value, Value> preluGrad(GB &b, Value x, Value s, Value, Value g) {
  Value pos = isNonNegative(b, x);
  return {b.select(pos, g, b.mul(g, s)),
          b.select(pos, b.scalar(0, g), b.mul(g, x))};
}

/// y = cond ? t : f; the condition has no gradient.
struct SelectGradient
    : GradientOpInterface::ExternalModel<SelectGradient, SelectOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    auto sel = cast<SelectOp>(op);
    // g has the broadcast shape of all three operands, so both selects do.
    Value g = resultGrads[0], zero = b.scalar(0, g), c = sel.getCondition();
    operandGrads.assign(
        {Value(), b.sumToShape(b.select(c, g, zero), sel.getOnTrue().getType()),
         b.sumToShape(b.select(c, zero, g), sel.getOnFalse().getType())});
    return success();
  }
};

/// Float-to-float casts convert the gradient back; others have none.
struct CastGradient : GradientOpInterface::ExternalModel<CastGradient, CastOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    Type in = getElementTypeOrSelf(op->getOperand(0));
    operandGrads.assign({isa<FloatType>(in) && resultGrads[0]
                             ? b.convert(resultGrads[0], in)
                             : Value()});
    return success();
  }
};

template <typename OpT, UnaryRule<OpT> Rule> void unary(MLIRContext &ctx) {
  OpT::template attachInterface<UnaryGradient<OpT, Rule>>(ctx);
}
template <typename OpT, BinaryRule Rule> void binary(MLIRContext &ctx) {
  OpT::template attachInterface<BinaryGradient<OpT, Rule>>(ctx);
}
} // namespace

void mlir::nn::attachElementwiseGradients(MLIRContext &ctx) {
  unary<NegOp, negGrad>(ctx);
  unary<AbsOp, absGrad>(ctx);
  unary<ExpOp, expGrad>(ctx);
  unary<LogOp, logGrad>(ctx);
  unary<SqrtOp, sqrtGrad>(ctx);
  unary<RsqrtOp, rsqrtGrad>(ctx);
  unary<ReciprocalOp, reciprocalGrad>(ctx);
  unary<TanhOp, tanhGrad>(ctx);
  unary<SigmoidOp, sigmoidGrad>(ctx);
  unary<ReluOp, reluGrad>(ctx);
  unary<ErfOp, erfGrad>(ctx);
  unary<SoftplusOp, softplusGrad>(ctx);
  unary<FloorOp, floorGrad>(ctx);
  unary<CeilOp, ceilGrad>(ctx);
  unary<LeakyReluOp, leakyReluGrad>(ctx);
  unary<EluOp, eluGrad>(ctx);
  unary<SeluOp, seluGrad>(ctx);
  unary<GeluOp, geluGrad>(ctx);
  unary<ClampOp, clampGrad>(ctx);
  binary<AddOp, addGrad>(ctx);
  binary<SubOp, subGrad>(ctx);
  binary<MulOp, mulGrad>(ctx);
  binary<DivOp, divGrad>(ctx);
  binary<PowOp, powGrad>(ctx);
  binary<MaxOp, maxGrad>(ctx);
  binary<MinOp, minGrad>(ctx);
  binary<PReluOp, preluGrad>(ctx);
  SelectOp::attachInterface<SelectGradient>(ctx);
  CastOp::attachInterface<CastGradient>(ctx);
}
