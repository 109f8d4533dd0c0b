//===- NNGradientOps.td - kernels of backward passes -----*- tablegen -*-===//
//
// Ops that only backward passes need, created by the gradient rules
// (ir/gradients/): the weight gradient of a convolution, the input gradients
// of windowed pooling, and the scatter-add adjoint of gather. Result types
// are explicit (the forward input's or weight's type); verifiers check them
// against the operands and window attributes. Lowered in
// codegen/LowerGradientOps.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef NN_GRADIENT_OPS_TD
#define NN_GRADIENT_OPS_TD

include "ir/NNBase.td"

def NN_ConvWeightGradOp : NN_Op<"conv_weight_grad", [Pure,
    AllElementTypesMatch<["input", "output_grad", "output"]>]> {
  let summary = "gradient of nn.conv with respect to its weight";
  let description = [{
    For `nn.conv` with these window attributes, input `input` [N, C, D...]
    and output gradient `output_grad` [N, M, O...], the weight gradient
    [M, C / group, K...] (K from the result type):

      dW[m, c, r] = sum over n, o of output_grad[n, m, o]
                    * input[n, g(m) * C/group + c, o * stride + r * dilation
                            - pad_begin]   (0 outside the input)

    O must be the convolution's output extent for D and K.

    ```mlir
    %dw = nn.conv_weight_grad %x, %dy {pads = array<i64: 1, 1, 1, 1>}
        : (tensor<8x3x5x5xf32>, tensor<8x4x5x5xf32>) -> tensor<4x3x3x3xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_FloatTensor:$output_grad,
                       OptionalAttr<DenseI64ArrayAttr>:$strides,
                       OptionalAttr<DenseI64ArrayAttr>:$dilations,
                       OptionalAttr<DenseI64ArrayAttr>:$pads,
                       DefaultValuedAttr<I64Attr, "1">:$group);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $output_grad attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def NN_MaxPoolGradOp : NN_Op<"max_pool_grad", [Pure,
    AllElementTypesMatch<["output_grad", "output"]>]> {
  let summary = "gradient of nn.max_pool: each window's gradient goes to "
                "its maximum";
  let description = [{
    `indices` is `nn.max_pool_indices` of the forward input (row-major flat
    positions); the result has the forward input's type [N, C, D...] and
    holds, at each position, the sum of `output_grad` over the windows whose
    maximum it was. Window attributes are the forward op's.

    ```mlir
    %dx = nn.max_pool_grad %dy, %i {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
        : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xi64>) -> tensor<1x3x8x8xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$output_grad,
                       RankedTensorOf<[I64]>:$indices,
                       DenseI64ArrayAttr:$kernel_shape,
                       OptionalAttr<DenseI64ArrayAttr>:$strides,
                       OptionalAttr<DenseI64ArrayAttr>:$dilations,
                       OptionalAttr<DenseI64ArrayAttr>:$pads);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $output_grad `,` $indices attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def NN_AvgPoolGradOp : NN_Op<"avg_pool_grad", [Pure,
    AllElementTypesMatch<["output_grad", "output"]>]> {
  let summary = "gradient of nn.avg_pool: each window's gradient spread "
                "over its counted positions";
  let description = [{
    The result has the forward input's type [N, C, D...]; each position
    receives, from every window that covers it, that window's gradient
    divided by the window's divisor (as `nn.avg_pool` counts it, with the
    same `count_include_pad`). Padding positions receive nothing.

    ```mlir
    %dx = nn.avg_pool_grad %dy {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
        : tensor<1x16x4x4xf32> -> tensor<1x16x8x8xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$output_grad,
                       DenseI64ArrayAttr:$kernel_shape,
                       OptionalAttr<DenseI64ArrayAttr>:$strides,
                       OptionalAttr<DenseI64ArrayAttr>:$pads,
                       DefaultValuedAttr<BoolAttr, "false">:$count_include_pad);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $output_grad attr-dict `:` type($output_grad) `->` type($output)
  }];
  let hasVerifier = 1;
}

def NN_GatherGradOp : NN_Op<"gather_grad", [Pure,
    AllElementTypesMatch<["output_grad", "output"]>]> {
  let summary = "gradient of nn.gather with respect to data (scatter-add)";
  let description = [{
    The result has the type of the forward `data` [pre..., A, post...];
    `output_grad` has the forward result's shape [pre..., I..., post...].
    Each slice of `output_grad` is added to the slice of `data` its index
    (negative counts from the end) selected, so repeated indices accumulate.

    ```mlir
    %dt = nn.gather_grad %dy, %ids {axis = 0 : i64}
        : (tensor<4x16x64xf32>, tensor<4x16xi64>) -> tensor<1000x64xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$output_grad, NN_IndexTensor:$indices,
                       DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $output_grad `,` $indices attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // NN_GRADIENT_OPS_TD
