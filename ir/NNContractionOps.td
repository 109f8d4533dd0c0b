//===- NNContractionOps.td - matmul, gemm, convolutions -*- tablegen -*-===//
//
// Multiply-accumulate ops with ONNX semantics: NumPy matmul, Gemm, and N-d
// convolution and transposed convolution (1 to 3 spatial dimensions, NCHW
// layout). All carry `NN_ContractionLike`, so fusion may attach an
// elementwise epilogue. Result shapes are inferred (Contractions.cpp); the
// window attributes of the convolutions are checked by the helper shared
// with pooling (WindowAttrs.h).
//
//===----------------------------------------------------------------------===//

#ifndef NN_CONTRACTION_OPS_TD
#define NN_CONTRACTION_OPS_TD

include "ir/NNBase.td"
include "ir/NNEnums.td"

def NN_MatmulOp : NN_Op<"matmul", [Pure, NN_ContractionLike, NN_InferShape,
    AllElementTypesMatch<["lhs", "rhs", "output"]>]> {
  let summary = "matrix product with NumPy semantics (ONNX MatMul)";
  let description = [{
    Multiplies the last two dimensions of `lhs` ([..., M, K]) and `rhs`
    ([..., K, N]); the leading (batch) dimensions broadcast with NumPy rules.
    A 1-D `lhs` [K] is treated as [1, K] and a 1-D `rhs` [K] as [K, 1]; the
    added dimension is removed from the result. The inner extents K must
    agree.

    ```mlir
    %y = nn.matmul %a, %b : (tensor<?x4x8xf32>, tensor<8x16xf32>) -> tensor<?x4x16xf32>
    %v = nn.matmul %m, %x : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$lhs, NN_FloatTensor:$rhs);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
}

def NN_GemmOp : NN_Op<"gemm", [Pure, NN_ContractionLike, NN_InferShape,
    AllElementTypesMatch<["a", "b", "output"]>]> {
  let summary = "alpha * A' * B' + beta * C (ONNX Gemm)";
  let description = [{
    `A'` is `a` ([M, K]) or, with `trans_a`, its transpose; `B'` is `b`
    ([K, N]) or, with `trans_b`, its transpose. The optional `c` broadcasts
    unidirectionally to [M, N]. The result is [M, N].

    ```mlir
    %y = nn.gemm %x, %w, %bias {trans_b = true, alpha = 5.000000e-01 : f64}
        : (tensor<?x64xf32>, tensor<128x64xf32>, tensor<128xf32>) -> tensor<?x128xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$a, NN_FloatTensor:$b,
                       Optional<NN_FloatTensor>:$c,
                       DefaultValuedAttr<BoolAttr, "false">:$trans_a,
                       DefaultValuedAttr<BoolAttr, "false">:$trans_b,
                       DefaultValuedAttr<F64Attr, "1.0">:$alpha,
                       DefaultValuedAttr<F64Attr, "1.0">:$beta);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $a `,` $b (`,` $c^)? attr-dict `:` functional-type(operands, results)
  }];
}

// Window attributes shared by the convolutions: absent means ONNX's default
// (strides and dilations all 1, pads all 0).
class NN_ConvOpBase<string mnemonic>
    : NN_Op<mnemonic, [Pure, NN_ContractionLike, NN_InferShape,
                       AllElementTypesMatch<["input", "weight", "output"]>]> {
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:`
    functional-type(operands, results)
  }];
}

def NN_ConvOp : NN_ConvOpBase<"conv"> {
  let summary = "N-d grouped convolution, NCHW layout (ONNX Conv)";
  let description = [{
    `input` is [N, C, D1..Dk] with k = 1, 2 or 3 spatial dimensions, `weight`
    is [M, C / group, K1..Kk] and the optional `bias` is [M]. The result is
    [N, M, O1..Ok] with

      Oi = floor((Di + pad_begin_i + pad_end_i - dilation_i * (Ki - 1) - 1)
                 / stride_i) + 1.

    `strides` and `dilations` have k entries (default all 1), `pads` has 2k
    (all begins, then all ends; default all 0). `group` splits the channels:
    C and M must both be divisible by it; `group = C` is a depthwise
    convolution.

    ```mlir
    %y = nn.conv %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 3, 3, 3, 3>}
        : (tensor<?x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<?x64x112x112xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_FloatTensor:$weight,
                       Optional<NN_FloatTensor>:$bias,
                       OptionalAttr<DenseI64ArrayAttr>:$strides,
                       OptionalAttr<DenseI64ArrayAttr>:$dilations,
                       OptionalAttr<DenseI64ArrayAttr>:$pads,
                       DefaultValuedAttr<I64Attr, "1">:$group);
}

def NN_ConvTransposeOp : NN_ConvOpBase<"conv_transpose"> {
  let summary = "N-d grouped transposed convolution, NCHW layout "
                "(ONNX ConvTranspose)";
  let description = [{
    The gradient of `nn.conv` with respect to its input. `input` is
    [N, C, D1..Dk] (k = 1, 2 or 3), `weight` is [C, M / group, K1..Kk] and
    the optional `bias` is [M], with M = weight[1] * group output channels.
    The result is [N, M, O1..Ok] with

      Oi = stride_i * (Di - 1) + output_padding_i
           + dilation_i * (Ki - 1) + 1 - pad_begin_i - pad_end_i.

    `strides`, `dilations` and `output_padding` have k entries (defaults 1,
    1, 0), `pads` has 2k (begins, then ends; default 0). Each
    `output_padding` entry must be smaller than its stride or its dilation.

    ```mlir
    %y = nn.conv_transpose %x, %w {strides = array<i64: 2, 2>, output_padding = array<i64: 1, 1>}
        : (tensor<1x16x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x18x18xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_FloatTensor:$weight,
                       Optional<NN_FloatTensor>:$bias,
                       OptionalAttr<DenseI64ArrayAttr>:$strides,
                       OptionalAttr<DenseI64ArrayAttr>:$dilations,
                       OptionalAttr<DenseI64ArrayAttr>:$pads,
                       OptionalAttr<DenseI64ArrayAttr>:$output_padding,
                       DefaultValuedAttr<I64Attr, "1">:$group);
}

#endif // NN_CONTRACTION_OPS_TD
