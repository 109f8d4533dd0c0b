//===- NNLossOps.td - training losses ----------------------*- tablegen -*-===//
//
// Loss functions with ONNX semantics where ONNX has them
// (SoftmaxCrossEntropyLoss, NegativeLogLikelihoodLoss). Each reduces per
// element losses with `reduction`: `mean` (default) and `sum` give a rank-0
// tensor, `none` keeps the per-element losses. All carry `NN_ReductionLike`;
// shape rules live in Losses.cpp (`inferReturnTypes`).
//
//===----------------------------------------------------------------------===//

#ifndef NN_LOSS_OPS_TD
#define NN_LOSS_OPS_TD

include "ir/NNBase.td"
include "ir/NNEnums.td"

def NN_MseOp : NN_Op<"mse", [Pure, NN_ReductionLike, NN_InferShape,
    AllElementTypesMatch<["pred", "target", "output"]>]> {
  let summary = "mean squared error";
  let description = [{
    Per-element loss `(pred - target)^2`, reduced by `reduction`. `pred` and
    `target` have the same shape (equal ranks, equal extents where both are
    static; no broadcasting). The result is a rank-0 tensor for `mean` and
    `sum`, and the common shape of the operands for `none`.

    ```mlir
    %l = nn.mse %p, %t : (tensor<?x10xf32>, tensor<?x10xf32>) -> tensor<f32>
    %e = nn.mse %p, %t {reduction = #nn<reduction none>}
        : (tensor<?x10xf32>, tensor<?x10xf32>) -> tensor<?x10xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$pred, NN_FloatTensor:$target,
      DefaultValuedAttr<NN_LossReductionAttr,
                        "LossReduction::mean">:$reduction);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $pred `,` $target attr-dict `:` functional-type(operands, results)
  }];
}

// Cross-entropy style losses over class scores `[N, C, D1..Dk]` with integer
// class labels `[N, D1..Dk]` and an optional per-class weight `[C]`.
class NN_ClassLossOp<string mnemonic, string scoresName>
    : NN_Op<mnemonic, [Pure, NN_ReductionLike, NN_InferShape,
                       AllElementTypesMatch<[scoresName, "output"]>]> {
  let results = (outs NN_FloatTensor:$output);
}

def NN_SoftmaxCrossEntropyOp
    : NN_ClassLossOp<"softmax_cross_entropy", "logits"> {
  let summary = "softmax cross-entropy with integer labels "
                "(ONNX SoftmaxCrossEntropyLoss)";
  let description = [{
    `logits` has shape `[N, C, D1, ..., Dk]` (rank >= 2), `labels` holds class
    indices of shape `[N, D1, ..., Dk]` and the optional `weight` is a 1-D
    tensor `[C]` of per-class weights. The per-element loss is
    `-weight[l] * log_softmax(logits, axis = 1)[n, l, d...]` with
    `l = labels[n, d...]`; elements whose label equals `ignore_index` count
    as 0 and are left out of the `mean` denominator, which is the sum of the
    applied weights (ONNX rule). The result is rank 0 for `mean` and `sum`,
    and `[N, D1, ..., Dk]` for `none`.

    ONNX's optional second output (the log-probabilities) is not modelled;
    compute it with `nn.log_softmax` when needed.

    ```mlir
    %l = nn.softmax_cross_entropy %logits, %labels, %w
        {ignore_index = -100 : i64}
        : (tensor<?x10xf32>, tensor<?xi64>, tensor<10xf32>) -> tensor<f32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$logits, NN_IndexTensor:$labels,
      Optional<NN_FloatTensor>:$weight,
      DefaultValuedAttr<NN_LossReductionAttr,
                        "LossReduction::mean">:$reduction,
      OptionalAttr<I64Attr>:$ignore_index);
  let assemblyFormat = [{
    $logits `,` $labels (`,` $weight^)? attr-dict `:`
    functional-type(operands, results)
  }];
}

def NN_NllOp : NN_ClassLossOp<"nll", "log_probs"> {
  let summary = "negative log-likelihood (ONNX NegativeLogLikelihoodLoss)";
  let description = [{
    `log_probs` has shape `[N, C, D1, ..., Dk]` (rank >= 2) and holds
    log-probabilities, `target` holds class indices of shape
    `[N, D1, ..., Dk]` and the optional `weight` is a 1-D tensor `[C]`. The
    per-element loss is `-weight[t] * log_probs[n, t, d...]` with
    `t = target[n, d...]`; `ignore_index` and the weighted `mean` follow
    ONNX. The result is rank 0 for `mean` and `sum`, and `[N, D1, ..., Dk]`
    for `none`.

    ```mlir
    %l = nn.nll %lp, %t {reduction = #nn<reduction none>}
        : (tensor<?x5x7xf32>, tensor<?x7xi64>) -> tensor<?x7xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$log_probs, NN_IndexTensor:$target,
      Optional<NN_FloatTensor>:$weight,
      DefaultValuedAttr<NN_LossReductionAttr,
                        "LossReduction::mean">:$reduction,
      OptionalAttr<I64Attr>:$ignore_index);
  let assemblyFormat = [{
    $log_probs `,` $target (`,` $weight^)? attr-dict `:`
    functional-type(operands, results)
  }];
}

def NN_BceOp : NN_Op<"bce", [Pure, NN_ReductionLike, NN_InferShape,
    AllElementTypesMatch<["pred", "target", "output"]>]> {
  let summary = "binary cross-entropy on probabilities or logits";
  let description = [{
    Per-element loss
    `-weight * (target * log(p) + (1 - target) * log(1 - p))` where
    `p = pred`, or `p = sigmoid(pred)` with `from_logits` (computed in the
    numerically stable form by the lowering). `pred` and `target` have the
    same shape; the optional `weight` broadcasts unidirectionally to it. The
    result is rank 0 for `mean` and `sum`, and the shape of `pred` for
    `none`.

    ```mlir
    %l = nn.bce %z, %t, %w {from_logits = true}
        : (tensor<?x4xf32>, tensor<?x4xf32>, tensor<4xf32>) -> tensor<f32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$pred, NN_FloatTensor:$target,
      Optional<NN_FloatTensor>:$weight,
      DefaultValuedAttr<NN_LossReductionAttr,
                        "LossReduction::mean">:$reduction,
      DefaultValuedAttr<BoolAttr, "false">:$from_logits);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $pred `,` $target (`,` $weight^)? attr-dict `:`
    functional-type(operands, results)
  }];
}

#endif // NN_LOSS_OPS_TD
