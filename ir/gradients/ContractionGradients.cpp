//===- ContractionGradients.cpp - rules of matmul, gemm, convs --*- C++ -*-===//
//
//   matmul  Y = A B:          dA = G B^T, dB = A^T G (batch dims un-broadcast)
//   gemm    Y = a A'B' + b C: dA', dB' as matmul, scaled; dC = b G un-broadcast
//   conv    dX = conv_transpose(G, W), dW = conv_weight_grad(X, G), db = sum G
//   conv_transpose: dX = conv(G, W), dW = conv_weight_grad(G, X), db = sum G
// The convolution rules reuse the forward op's window attributes.
//
//===----------------------------------------------------------------------===//

#include "ir/gradients/GradientBuilder.h"

using namespace mlir;
using namespace mlir::nn;

namespace {
using GB = GradientBuilder;

/// Swaps the last two dimensions.
Value transposeLast(GB &b, Value x) {
  SmallVector<int64_t> perm =
      llvm::to_vector(llvm::seq<int64_t>(0, GB::rank(x)));
  std::swap(perm[perm.size() - 1], perm[perm.size() - 2]);
  return b.transpose(x, perm);
}

struct MatmulGradient
    : GradientOpInterface::ExternalModel<MatmulGradient, MatmulOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    Value a = op->getOperand(0), c = op->getOperand(1), g = resultGrads[0];
    // Vectors as matrices: [K] -> [1, K] on the left, [K, 1] on the right.
    Value a2 = GB::rank(a) == 1 ? b.reshape(a, {1, GB::shape(a)[0]}) : a;
    Value c2 = GB::rank(c) == 1 ? b.reshape(c, {GB::shape(c)[0], 1}) : c;
    SmallVector<int64_t> gShape(GB::shape(g));
    if (GB::rank(a) == 1) {
      gShape.insert(gShape.end() - (GB::rank(c) == 1 ? 0 : 1), 1);
    }
    if (GB::rank(c) == 1) {
      gShape.push_back(1);
    }
    Value g2 = b.reshape(g, gShape);
    Value da = b.op<MatmulOp>(g2, transposeLast(b, c2));
    Value dc = b.op<MatmulOp>(transposeLast(b, a2), g2);
    operandGrads.assign(
        {b.reshape(b.sumToShape(da, a2.getType()), GB::shape(a)),
         b.reshape(b.sumToShape(dc, c2.getType()), GB::shape(c))});
    return success();
  }
};

struct GemmGradient : GradientOpInterface::ExternalModel<GemmGradient, GemmOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    auto gemm = cast<GemmOp>(op);
    Value a = gemm.getA(), w = gemm.getB(), g = resultGrads[0];
    bool ta = gemm.getTransA(), tb = gemm.getTransB();
    APFloat alpha = gemm.getAlphaAttr().getValue(), zero(0.0);
    auto mm = [&](Value x, Value y, bool tx, bool ty) {
      return b.op<GemmOp>(x, y, Value(), tx, ty, alpha, zero);
    };
    // Y = alpha A' B': dA' = alpha G B'^T, dB' = alpha A'^T G; transposed
    // operands take the transposed products.
    Value da = ta ? mm(w, g, tb, true) : mm(g, w, false, !tb);
    Value dw = tb ? mm(g, a, true, ta) : mm(a, g, !ta, false);
    Value dc;
    if (Value c = gemm.getC()) {
      double beta = gemm.getBeta().convertToDouble();
      dc = b.sumToShape(beta == 1.0 ? g : b.mul(g, b.scalar(beta, g)),
                        c.getType());
    }
    operandGrads.assign({da, dw});
    if (gemm.getC()) {
      operandGrads.push_back(dc);
    }
    return success();
  }
};
/// The bias gradient (if the op has a bias) is the output gradient summed
/// over all but the channel axis.
void appendBias(GB &b, Operation *op, Value g,
                SmallVectorImpl<Value> &operandGrads) {
  if (op->getNumOperands() == 3) {
    operandGrads.push_back(b.sumButChannel(g));
  }
}

struct ConvGradient : GradientOpInterface::ExternalModel<ConvGradient, ConvOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    auto conv = cast<ConvOp>(op);
    Value x = conv.getInput(), w = conv.getWeight(), g = resultGrads[0];
    ArrayRef<int64_t> xs = GB::shape(x), ws = GB::shape(w), gs = GB::shape(g);
    int64_t k = xs.size() - 2;
    SmallVector<int64_t> strides(k, 1), dilations(k, 1), pads(2 * k, 0);
    if (auto s = conv.getStrides()) {
      strides.assign(s->begin(), s->end());
    }
    if (auto d = conv.getDilations()) {
      dilations.assign(d->begin(), d->end());
    }
    if (auto p = conv.getPads()) {
      pads.assign(p->begin(), p->end());
    }
    // dx: the transposed convolution, with output_padding restoring the
    // input extents that the forward's floor division dropped.
    SmallVector<int64_t> outputPadding;
    for (int64_t i = 0; i < k; ++i) {
      int64_t reach = strides[i] * (gs[2 + i] - 1) +
                      dilations[i] * (ws[2 + i] - 1) + 1 - pads[i] -
                      pads[k + i];
      outputPadding.push_back(xs[2 + i] - reach);
    }
    SmallVector<NamedAttribute> window =
        GB::copyAttrs(op, {"strides", "dilations", "pads", "group"});
    SmallVector<NamedAttribute> transposed = window;
    transposed.push_back(builder.getNamedAttr(
        "output_padding", builder.getDenseI64ArrayAttr(outputPadding)));
    Value dx = ConvTransposeOp::create(builder, op->getLoc(), ValueRange{g, w},
                                       transposed)
                   .getResult();
    Value dw = ConvWeightGradOp::create(builder, op->getLoc(), w.getType(),
                                        ValueRange{x, g}, window)
                   .getResult();
    operandGrads.assign({dx, dw});
    appendBias(b, op, g, operandGrads);
    return success();
  }
};

/// conv_transpose is the adjoint of conv: its input gradient is a forward
/// convolution and its weight gradient the conv weight gradient with the
/// roles of input and output swapped.
struct ConvTransposeGradient
    : GradientOpInterface::ExternalModel<ConvTransposeGradient,
                                         ConvTransposeOp> {
  LogicalResult buildGradients(Operation *op, OpBuilder &builder,
                               ValueRange resultGrads,
                               SmallVectorImpl<Value> &operandGrads) const {
    GB b(builder, op);
    auto convT = cast<ConvTransposeOp>(op);
    Value x = convT.getInput(), w = convT.getWeight(), g = resultGrads[0];
    SmallVector<NamedAttribute> window =
        GB::copyAttrs(op, {"strides", "dilations", "pads", "group"});
    Value dx = ConvOp::create(builder, op->getLoc(), ValueRange{g, w}, window)
                   .getResult();
    Value dw = ConvWeightGradOp::create(builder, op->getLoc(), w.getType(),
                                        ValueRange{g, x}, window)
                   .getResult();
    operandGrads.assign({dx, dw});
    appendBias(b, op, g, operandGrads);
    return success();
  }
};
} // namespace

void mlir::nn::attachContractionGradients(MLIRContext &ctx) {
  MatmulOp::attachInterface<MatmulGradient>(ctx);
  GemmOp::attachInterface<GemmGradient>(ctx);
  ConvOp::attachInterface<ConvGradient>(ctx);
  ConvTransposeOp::attachInterface<ConvTransposeGradient>(ctx);
}
