//===- NNPoolingOps.td - windowed and global pooling -*- tablegen -*-===//
//
// Max and average pooling with ONNX semantics over [N, C, D1..Dk] inputs
// (NCHW layout, k = 1, 2 or 3 spatial dimensions), and their global forms
// that reduce every spatial dimension to 1. All carry `NN_ReductionLike`.
// Result shapes are inferred (Pooling.cpp); the window attributes are checked
// by the helper shared with the convolutions (WindowAttrs.h).
//
//===----------------------------------------------------------------------===//

#ifndef NN_POOLING_OPS_TD
#define NN_POOLING_OPS_TD

include "ir/NNBase.td"
include "ir/NNEnums.td"

class NN_PoolOpBase<string mnemonic>
    : NN_Op<mnemonic, [Pure, NN_ReductionLike, NN_InferShape,
                       SameOperandsAndResultElementType]> {
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def NN_MaxPoolOp : NN_PoolOpBase<"max_pool"> {
  let summary = "max pooling over a sliding window (ONNX MaxPool)";
  let description = [{
    Takes the maximum of each window of extent `kernel_shape` (k entries)
    over the spatial dimensions of `input` [N, C, D1..Dk]; padding never
    wins. The result is [N, C, O1..Ok] with

      Oi = floor_or_ceil((Di + pad_begin_i + pad_end_i
                          - dilation_i * (Ki - 1) - 1) / stride_i) + 1

    (`ceil_mode` picks ceil; a last window that starts in the end padding is
    dropped). `strides` and `dilations` have k entries (default all 1),
    `pads` has 2k (begins, then ends; default all 0), each pad smaller than
    its kernel extent.

    ```mlir
    %y = nn.max_pool %x {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>,
                         pads = array<i64: 1, 1, 1, 1>}
        : tensor<?x64x112x112xf32> -> tensor<?x64x56x56xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input,
                       DenseI64ArrayAttr:$kernel_shape,
                       OptionalAttr<DenseI64ArrayAttr>:$strides,
                       OptionalAttr<DenseI64ArrayAttr>:$dilations,
                       OptionalAttr<DenseI64ArrayAttr>:$pads,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode);
}

def NN_MaxPoolIndicesOp : NN_Op<"max_pool_indices",
    [Pure, NN_ReductionLike, NN_InferShape]> {
  let summary = "where each max-pooling maximum came from (ONNX MaxPool's "
                "Indices output)";
  let description = [{
    For the same window attributes as `nn.max_pool`, gives for each output
    element the position of its maximum in the input, flattened over the
    whole input [N, C, D1..Dk] (row-major; `column_major` flattens the
    spatial dimensions column-major as ONNX's `storage_order = 1` does).
    Padding never wins; ties pick the first position in window order. The
    result has `nn.max_pool`'s shape and element type i64.

    ```mlir
    %i = nn.max_pool_indices %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
        : tensor<1x3x8x8xf32> -> tensor<1x3x4x4xi64>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input,
                       DenseI64ArrayAttr:$kernel_shape,
                       OptionalAttr<DenseI64ArrayAttr>:$strides,
                       OptionalAttr<DenseI64ArrayAttr>:$dilations,
                       OptionalAttr<DenseI64ArrayAttr>:$pads,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode,
                       DefaultValuedAttr<BoolAttr, "false">:$column_major);
  let results = (outs RankedTensorOf<[I64]>:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
}

def NN_AvgPoolOp : NN_PoolOpBase<"avg_pool"> {
  let summary = "average pooling over a sliding window (ONNX AveragePool)";
  let description = [{
    Averages each window of extent `kernel_shape` over the spatial
    dimensions of `input` [N, C, D1..Dk]. With `count_include_pad` the
    divisor is the full kernel size, padding included; otherwise it counts
    only the input elements in the window. Output extents, `strides`, `pads`
    and `ceil_mode` are as for `nn.max_pool`.

    ```mlir
    %y = nn.avg_pool %x {kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}
        : tensor<1x16x8x8xf32> -> tensor<1x16x4x4xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input,
                       DenseI64ArrayAttr:$kernel_shape,
                       OptionalAttr<DenseI64ArrayAttr>:$strides,
                       OptionalAttr<DenseI64ArrayAttr>:$pads,
                       DefaultValuedAttr<BoolAttr, "false">:$ceil_mode,
                       DefaultValuedAttr<BoolAttr, "false">:$count_include_pad);
}

class NN_GlobalPoolOp<string mnemonic, string what>
    : NN_PoolOpBase<mnemonic> {
  let summary = "global " # what # " pooling over all spatial dimensions";
  let description = "Takes the " # what # " over every spatial dimension of "
      # "`input` [N, C, D1..Dk] (k >= 1); the result keeps the rank: "
      # "[N, C, 1..1].\n\n```mlir\n%y = nn." # mnemonic
      # " %x : tensor<?x512x7x7xf32> -> tensor<?x512x1x1xf32>\n```";
  let arguments = (ins NN_FloatTensor:$input);
}

def NN_GlobalMaxPoolOp : NN_GlobalPoolOp<"global_max_pool", "maximum">;
def NN_GlobalAvgPoolOp : NN_GlobalPoolOp<"global_avg_pool", "average">;

#endif // NN_POOLING_OPS_TD
