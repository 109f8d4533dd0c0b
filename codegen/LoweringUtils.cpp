//===- LoweringUtils.cpp - helpers shared by the nn -> linalg families ---===//

#include "codegen/LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"

using namespace mlir;

AffineMap nn::broadcastMap(RankedTensorType operand, RankedTensorType result) {
  MLIRContext *ctx = result.getContext();
  int64_t offset = result.getRank() - operand.getRank();
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0; d < operand.getRank(); ++d) {
    int64_t od = operand.getDimSize(d);
    int64_t rd = result.getDimSize(d + offset);
    if (od == 1 && rd != 1) {
      exprs.push_back(getAffineConstantExpr(0, ctx));
    } else {
      exprs.push_back(getAffineDimExpr(d + offset, ctx));
    }
  }
  return AffineMap::get(result.getRank(), 0, exprs, ctx);
}

SmallVector<Value> nn::broadcastDynamicDims(OpBuilder &b, Location loc,
                                            RankedTensorType result,
                                            ValueRange operands) {
  SmallVector<Value> dims;
  for (int64_t d = 0; d < result.getRank(); ++d) {
    if (!result.isDynamicDim(d)) {
      continue;
    }
    Value size;
    for (Value v : operands) {
      auto t = cast<RankedTensorType>(v.getType());
      int64_t od = d - (result.getRank() - t.getRank());
      if (od >= 0 && t.isDynamicDim(od)) {
        size = tensor::DimOp::create(b, loc, v, od);
        break;
      }
    }
    // Unreachable for verified IR: a dynamic result extent comes from a
    // dynamic operand extent.
    dims.push_back(size ? size : arith::ConstantIndexOp::create(b, loc, 1));
  }
  return dims;
}

Value nn::emptyTensor(OpBuilder &b, Location loc, RankedTensorType type,
                      ValueRange dynamicDims) {
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(),
                                 dynamicDims);
}

Value nn::buildElementwiseGeneric(
    OpBuilder &b, Location loc, RankedTensorType result, ValueRange inputs,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  SmallVector<AffineMap> maps;
  for (Value v : inputs) {
    maps.push_back(broadcastMap(cast<RankedTensorType>(v.getType()), result));
  }
  maps.push_back(b.getMultiDimIdentityMap(result.getRank()));
  Value init =
      emptyTensor(b, loc, result, broadcastDynamicDims(b, loc, result, inputs));
  SmallVector<utils::IteratorType> iterators(result.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, result, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value v = body(nb, nloc, args.drop_back());
        linalg::YieldOp::create(nb, nloc, v);
      });
  return generic.getResult(0);
}

Value nn::scalarConstant(OpBuilder &b, Location loc, Type type, double value) {
  if (auto f = dyn_cast<FloatType>(type)) {
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(f, value));
  }
  return arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(type, static_cast<int64_t>(value)));
}
