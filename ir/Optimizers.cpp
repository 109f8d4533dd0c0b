//===- Optimizers.cpp - optimizer update ops: types and checks --*- C++ -*-===//
//
// Result types and verifiers of the ops in NNOptimizerOps.td. Every state
// tensor and the gradient must have the parameter's shape (no broadcasting:
// an optimizer state is per element); the results keep the operands' types.
// Hyper-parameter ranges follow torch.optim's own checks.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"

using namespace mlir;
using namespace mlir::nn;

namespace {

/// Checks that `other` (named `name`) has the shape of `param`.
LogicalResult checkSameShape(std::optional<Location> loc, Value param,
                             Value other, StringRef name) {
  auto p = cast<RankedTensorType>(param.getType());
  auto o = cast<RankedTensorType>(other.getType());
  if (failed(verifyCompatibleShape(p.getShape(), o.getShape()))) {
    return emitOptionalError(loc, name, " of shape ", formatShape(o.getShape()),
                             " must have the shape of param ",
                             formatShape(p.getShape()));
  }
  return success();
}

/// Reports `attr` outside its range unless `ok`.
LogicalResult checkRange(Operation *op, bool ok, StringRef attr, double value,
                         StringRef range) {
  if (ok) {
    return success();
  }
  return op->emitOpError() << attr << " = " << value << " must be " << range;
}

} // namespace

//===----------------------------------------------------------------------===//
// SgdUpdateOp
//===----------------------------------------------------------------------===//

LogicalResult SgdUpdateOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &types) {
  if (failed(
          checkSameShape(loc, adaptor.getParam(), adaptor.getGrad(), "grad")) ||
      failed(checkSameShape(loc, adaptor.getParam(), adaptor.getVelocity(),
                            "velocity"))) {
    return failure();
  }
  types.push_back(adaptor.getParam().getType());
  types.push_back(adaptor.getVelocity().getType());
  return success();
}

LogicalResult SgdUpdateOp::verify() {
  double lr = getLr().convertToDouble();
  double momentum = getMomentum().convertToDouble();
  double decay = getWeightDecay().convertToDouble();
  if (failed(checkRange(*this, lr >= 0, "lr", lr, ">= 0")) ||
      failed(checkRange(*this, momentum >= 0, "momentum", momentum, ">= 0")) ||
      failed(checkRange(*this, decay >= 0, "weight_decay", decay, ">= 0"))) {
    return failure();
  }
  if (getNesterov() && momentum == 0) {
    return emitOpError("nesterov requires momentum > 0");
  }
  return success();
}

//===----------------------------------------------------------------------===//
// AdamUpdateOp
//===----------------------------------------------------------------------===//

LogicalResult AdamUpdateOp::inferReturnTypes(MLIRContext *,
                                             std::optional<Location> loc,
                                             Adaptor adaptor,
                                             SmallVectorImpl<Type> &types) {
  Value p = adaptor.getParam();
  if (failed(checkSameShape(loc, p, adaptor.getGrad(), "grad")) ||
      failed(checkSameShape(loc, p, adaptor.getM(), "m")) ||
      failed(checkSameShape(loc, p, adaptor.getV(), "v"))) {
    return failure();
  }
  auto step = cast<RankedTensorType>(adaptor.getStep().getType());
  if (step.getRank() != 0) {
    return emitOptionalError(loc, "step must be a rank-0 tensor, got shape ",
                             formatShape(step.getShape()));
  }
  types.push_back(p.getType());
  types.push_back(adaptor.getM().getType());
  types.push_back(adaptor.getV().getType());
  return success();
}

LogicalResult AdamUpdateOp::verify() {
  double lr = getLr().convertToDouble();
  double beta1 = getBeta1().convertToDouble();
  double beta2 = getBeta2().convertToDouble();
  double eps = getEpsilon().convertToDouble();
  double decay = getWeightDecay().convertToDouble();
  return success(
      succeeded(checkRange(*this, lr >= 0, "lr", lr, ">= 0")) &&
      succeeded(checkRange(*this, beta1 >= 0 && beta1 < 1, "beta1", beta1,
                           "in [0, 1)")) &&
      succeeded(checkRange(*this, beta2 >= 0 && beta2 < 1, "beta2", beta2,
                           "in [0, 1)")) &&
      succeeded(checkRange(*this, eps > 0, "epsilon", eps, "> 0")) &&
      succeeded(checkRange(*this, decay >= 0, "weight_decay", decay, ">= 0")));
}
