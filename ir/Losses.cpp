//===- Losses.cpp - result-type inference of the loss ops -------*- C++ -*-===//
//
// Shape rules of the ops in NNLossOps.td. A loss reduced with `mean` or `sum`
// is a rank-0 tensor; with `none` it keeps the per-element shape, where a
// dynamic extent (e.g. the batch N) stays dynamic unless another operand pins
// it.
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"

using namespace mlir;
using namespace mlir::nn;

namespace {

/// False only when both extents are static and differ.
bool extentsMayMatch(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

/// The more static of two extents that must be equal at run time.
int64_t mergeExtent(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) ? b : a;
}

/// The loss result: rank 0 when reduced, `perElement` for `none`.
void pushLossType(LossReduction reduction, ArrayRef<int64_t> perElement,
                  Type element, SmallVectorImpl<Type> &types) {
  ArrayRef<int64_t> shape =
      reduction == LossReduction::none ? perElement : ArrayRef<int64_t>();
  types.push_back(RankedTensorType::get(shape, element));
}

/// Checks that the optional `weight` has the element type of `scoresName`.
LogicalResult checkWeightElement(std::optional<Location> loc,
                                 RankedTensorType weight, Type element,
                                 StringRef scoresName) {
  if (weight.getElementType() != element) {
    return emitOptionalError(loc, "weight element type ",
                             weight.getElementType(), " does not match ",
                             scoresName, " element type ", element);
  }
  return success();
}

/// Shape rules shared by cross-entropy style losses: scores `[N, C, D...]`,
/// labels `[N, D...]`, optional weight `[C]`.
LogicalResult inferClassLoss(std::optional<Location> loc, StringRef scoresName,
                             Value scoresValue, StringRef labelsName,
                             Value labelsValue, Value weightValue,
                             LossReduction reduction,
                             SmallVectorImpl<Type> &types) {
  auto scores = cast<RankedTensorType>(scoresValue.getType());
  auto labels = cast<RankedTensorType>(labelsValue.getType());
  if (scores.getRank() < 2) {
    return emitOptionalError(loc, scoresName,
                             " must have rank >= 2 ([N, C, D1, ...]), got "
                             "shape ",
                             formatShape(scores.getShape()));
  }
  if (labels.getRank() != scores.getRank() - 1) {
    return emitOptionalError(
        loc, labelsName, " of shape ", formatShape(labels.getShape()),
        " must have rank ", scores.getRank() - 1, " ([N, D1, ...]) to match ",
        scoresName, " of shape ", formatShape(scores.getShape()));
  }
  // The per-element shape is `scores` without the class dimension 1.
  SmallVector<int64_t> perElement(scores.getShape());
  int64_t classes = perElement[1];
  perElement.erase(perElement.begin() + 1);
  for (auto [i, d] : llvm::enumerate(labels.getShape())) {
    if (!extentsMayMatch(d, perElement[i])) {
      return emitOptionalError(
          loc, labelsName, " of shape ", formatShape(labels.getShape()),
          " does not match the batch and spatial dimensions of ", scoresName,
          " of shape ", formatShape(scores.getShape()));
    }
    perElement[i] = mergeExtent(perElement[i], d);
  }
  if (weightValue) {
    auto weight = cast<RankedTensorType>(weightValue.getType());
    if (failed(checkWeightElement(loc, weight, scores.getElementType(),
                                  scoresName))) {
      return failure();
    }
    if (weight.getRank() != 1) {
      return emitOptionalError(
          loc, "weight must be a 1-D tensor of C elements, got shape ",
          formatShape(weight.getShape()));
    }
    if (!extentsMayMatch(weight.getDimSize(0), classes)) {
      return emitOptionalError(loc, "weight has ", weight.getDimSize(0),
                               " elements but ", scoresName, " has ", classes,
                               " classes");
    }
  }
  pushLossType(reduction, perElement, scores.getElementType(), types);
  return success();
}

/// `pred` and `target` must have the same shape; returns the merged one.
LogicalResult samePredTargetShape(std::optional<Location> loc,
                                  RankedTensorType pred,
                                  RankedTensorType target,
                                  SmallVectorImpl<int64_t> &shape) {
  if (failed(verifyCompatibleShape(pred.getShape(), target.getShape()))) {
    return emitOptionalError(
        loc, "pred of shape ", formatShape(pred.getShape()),
        " and target of shape ", formatShape(target.getShape()),
        " must have the same shape");
  }
  shape.clear();
  for (auto [p, t] : llvm::zip(pred.getShape(), target.getShape())) {
    shape.push_back(mergeExtent(p, t));
  }
  return success();
}

} // namespace

//===----------------------------------------------------------------------===//
// MseOp
//===----------------------------------------------------------------------===//

LogicalResult MseOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  auto pred = cast<RankedTensorType>(adaptor.getPred().getType());
  auto target = cast<RankedTensorType>(adaptor.getTarget().getType());
  SmallVector<int64_t> shape;
  if (failed(samePredTargetShape(loc, pred, target, shape))) {
    return failure();
  }
  pushLossType(adaptor.getReduction(), shape, pred.getElementType(), types);
  return success();
}

//===----------------------------------------------------------------------===//
// SoftmaxCrossEntropyOp, NllOp
//===----------------------------------------------------------------------===//

LogicalResult SoftmaxCrossEntropyOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &types) {
  return inferClassLoss(loc, "logits", adaptor.getLogits(), "labels",
                        adaptor.getLabels(), adaptor.getWeight(),
                        adaptor.getReduction(), types);
}

LogicalResult NllOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  return inferClassLoss(loc, "log_probs", adaptor.getLogProbs(), "target",
                        adaptor.getTarget(), adaptor.getWeight(),
                        adaptor.getReduction(), types);
}

//===----------------------------------------------------------------------===//
// BceOp
//===----------------------------------------------------------------------===//

LogicalResult BceOp::inferReturnTypes(MLIRContext *,
                                      std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &types) {
  auto pred = cast<RankedTensorType>(adaptor.getPred().getType());
  auto target = cast<RankedTensorType>(adaptor.getTarget().getType());
  SmallVector<int64_t> shape;
  if (failed(samePredTargetShape(loc, pred, target, shape))) {
    return failure();
  }
  if (Value weightValue = adaptor.getWeight()) {
    auto weight = cast<RankedTensorType>(weightValue.getType());
    if (failed(
            checkWeightElement(loc, weight, pred.getElementType(), "pred"))) {
      return failure();
    }
    // Unidirectional broadcasting: the weight may not grow the loss shape.
    ArrayRef<int64_t> w = weight.getShape();
    bool fits = w.size() <= shape.size();
    for (size_t i = 0; fits && i < w.size(); ++i) {
      int64_t &s = shape[shape.size() - w.size() + i];
      if (ShapedType::isDynamic(w[i]) || w[i] == 1) {
        continue;
      }
      fits = extentsMayMatch(w[i], s);
      s = w[i];
    }
    if (!fits) {
      return emitOptionalError(loc, "weight of shape ", formatShape(w),
                               " does not broadcast to the shape of pred ",
                               formatShape(pred.getShape()));
    }
  }
  pushLossType(adaptor.getReduction(), shape, pred.getElementType(), types);
  return success();
}
