//===- NNNormalizationOps.td - normalizations, reductions --*- tablegen -*-===//
//
// Ops that reduce over one or more dimensions: inference-time normalizations
// (batch, layer, instance), softmax, the generic `nn.reduce` and arg-max/min.
// All follow ONNX semantics and carry `NN_ReductionLike`. Shape rules and
// result types live in Normalization.cpp (`inferReturnTypes`).
//
//===----------------------------------------------------------------------===//

#ifndef NN_NORMALIZATION_OPS_TD
#define NN_NORMALIZATION_OPS_TD

include "ir/NNBase.td"
include "ir/NNEnums.td"

//===----------------------------------------------------------------------===//
// Normalizations
//===----------------------------------------------------------------------===//

def NN_BatchNormOp : NN_Op<"batch_norm", [Pure, NN_ReductionLike,
    NN_InferShape,
    AllElementTypesMatch<["input", "scale", "bias", "mean", "var",
                          "output"]>]> {
  let summary = "batch normalization, inference form (ONNX BatchNormalization)";
  let description = [{
    Normalizes `input` of shape `[N, C, D1, ..., Dk]` (rank >= 2) per channel
    with precomputed statistics:

      `y = scale[c] * (x - mean[c]) / sqrt(var[c] + epsilon) + bias[c]`

    `scale`, `bias`, `mean` and `var` are 1-D tensors of extent `C`, with the
    element type of `input`. The result has the shape of `input`; a dynamic
    channel extent is refined from the parameters. Only the inference form
    exists: the training outputs (running mean/variance) of ONNX are not
    modelled.

    ```mlir
    %y = nn.batch_norm %x, %scale, %bias, %mean, %var
        {epsilon = 1.000000e-03 : f64}
        : (tensor<?x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>,
           tensor<3xf32>) -> tensor<?x3x8x8xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_FloatTensor:$scale,
                       NN_FloatTensor:$bias, NN_FloatTensor:$mean,
                       NN_FloatTensor:$var,
                       DefaultValuedAttr<F64Attr, "1e-5">:$epsilon);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale `,` $bias `,` $mean `,` $var attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def NN_LayerNormOp : NN_Op<"layer_norm", [Pure, NN_ReductionLike,
    NN_InferShape, AllElementTypesMatch<["input", "scale", "output"]>]> {
  let summary = "layer normalization (ONNX LayerNormalization)";
  let description = [{
    Normalizes `input` over the trailing dimensions `[axis, rank)`:

      `y = (x - mean(x)) / sqrt(var(x) + epsilon) * scale + bias`

    where mean and variance are taken over those dimensions. `axis` lies in
    `[-rank, rank)`. `scale` and the optional `bias` must broadcast
    unidirectionally to the normalized shape `input.shape[axis:]`. The result
    has the shape of `input`.

    ONNX's optional outputs `Mean` and `InvStdDev` (training only) are not
    modelled, nor is `stash_type`: statistics are computed in the element
    type of `input` or wider, as the lowering chooses.

    ```mlir
    %y = nn.layer_norm %x, %gamma, %beta {axis = -1 : i64}
        : (tensor<?x128x768xf32>, tensor<768xf32>, tensor<768xf32>)
        -> tensor<?x128x768xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_FloatTensor:$scale,
                       Optional<NN_FloatTensor>:$bias,
                       DefaultValuedAttr<I64Attr, "-1">:$axis,
                       DefaultValuedAttr<F64Attr, "1e-5">:$epsilon);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale (`,` $bias^)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def NN_InstanceNormOp : NN_Op<"instance_norm", [Pure, NN_ReductionLike,
    NN_InferShape,
    AllElementTypesMatch<["input", "scale", "bias", "output"]>]> {
  let summary = "instance normalization (ONNX InstanceNormalization)";
  let description = [{
    Normalizes `input` of shape `[N, C, D1, ..., Dk]` (rank >= 3) over the
    spatial dimensions `D1..Dk` of each (n, c) instance:

      `y = scale[c] * (x - mean) / sqrt(variance + epsilon) + bias[c]`

    `scale` and `bias` are 1-D tensors of extent `C`. The result has the shape
    of `input`; a dynamic channel extent is refined from the parameters.

    ```mlir
    %y = nn.instance_norm %x, %scale, %bias
        : (tensor<?x3x16x16xf32>, tensor<3xf32>, tensor<3xf32>)
        -> tensor<?x3x16x16xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_FloatTensor:$scale,
                       NN_FloatTensor:$bias,
                       DefaultValuedAttr<F64Attr, "1e-5">:$epsilon);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $scale `,` $bias attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Softmax
//===----------------------------------------------------------------------===//

class NN_SoftmaxBaseOp<string mnemonic, string formula>
    : NN_Op<mnemonic, [Pure, NN_ReductionLike, NN_InferShape,
                       AllElementTypesMatch<["input", "output"]>]> {
  let description = "`y = " # formula # "` along the single dimension `axis` "
      # "(ONNX opset-13 semantics; `axis` in `[-rank, rank)`, default -1). "
      # "The result has the shape of `input`.\n\n```mlir\n%y = nn." # mnemonic
      # " %x {axis = 1 : i64} : tensor<?x10xf32> -> tensor<?x10xf32>\n```";
  let arguments = (ins NN_FloatTensor:$input,
                       DefaultValuedAttr<I64Attr, "-1">:$axis);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def NN_SoftmaxOp
    : NN_SoftmaxBaseOp<"softmax", "exp(x) / sum(exp(x), axis)"> {
  let summary = "softmax along one axis";
}
def NN_LogSoftmaxOp
    : NN_SoftmaxBaseOp<"log_softmax", "x - log(sum(exp(x), axis))"> {
  let summary = "log of softmax along one axis";
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

def NN_ReduceOp : NN_Op<"reduce", [Pure, NN_ReductionLike, NN_InferShape,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "sum, mean, max, min or product over axes (ONNX Reduce*)";
  let description = [{
    Reduces `input` over the dimensions listed in `axes` (each in
    `[-rank, rank)`, no duplicates) with `kind`: `sum`, `mean`, `max`, `min`
    or `prod`. With `keepdims` (the default) each reduced dimension stays with
    extent 1; otherwise it is dropped.

    An empty `axes` (the default) reduces over *all* dimensions. ONNX's
    `noop_with_empty_axes = 1` (empty axes = identity) has no counterpart
    here: the importer forwards the input instead of creating the op.

    `sum`, `max`, `min` and `prod` also accept integer tensors; `mean` is
    float-only.

    ```mlir
    %s = nn.reduce sum %x {axes = array<i64: 1>}
        : tensor<?x8x4xf32> -> tensor<?x1x4xf32>
    %m = nn.reduce max %i {axes = array<i64: -1>, keepdims = false}
        : tensor<4x8xi32> -> tensor<4xi32>
    ```
  }];
  let arguments = (ins NN_ReduceKindAttr:$kind, NN_NumericTensor:$input,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$axes,
                       DefaultValuedAttr<BoolAttr, "true">:$keepdims);
  let results = (outs NN_NumericTensor:$output);
  // The enum attribute prints its own leading space (NN_EnumAttr), hence ``.
  let assemblyFormat = [{
    `` $kind $input attr-dict `:` type($input) `->` type($output)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

class NN_ArgReduceOp<string mnemonic, string which, string onnxName>
    : NN_Op<mnemonic, [Pure, NN_ReductionLike, NN_InferShape]> {
  let summary = "index of the " # which # " element along an axis";
  let description = "Index (as `i64`) of the " # which # " element of `input` "
      # "along `axis` (in `[-rank, rank)`, default 0), as ONNX " # onnxName
      # ". With `keepdims` (default) the reduced dimension stays with extent "
      # "1, otherwise it is dropped. Ties pick the first occurrence, or the "
      # "last with `select_last_index`.\n\n```mlir\n%i = nn." # mnemonic
      # " %x {axis = 1 : i64, keepdims = false} : tensor<?x10xf32> -> "
      # "tensor<?xi64>\n```";
  let arguments = (ins NN_NumericTensor:$input,
                       DefaultValuedAttr<I64Attr, "0">:$axis,
                       DefaultValuedAttr<BoolAttr, "true">:$keepdims,
                       DefaultValuedAttr<BoolAttr, "false">:$select_last_index);
  let results = (outs RankedTensorOf<[I64]>:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def NN_ArgMaxOp : NN_ArgReduceOp<"argmax", "max", "ArgMax">;
def NN_ArgMinOp : NN_ArgReduceOp<"argmin", "min", "ArgMin">;

#endif // NN_NORMALIZATION_OPS_TD
