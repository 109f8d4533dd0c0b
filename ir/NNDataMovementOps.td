//===- NNDataMovementOps.td - constants, reshapes, layout ops -*- tablegen -*-===//
//
// Ops that create or rearrange tensors without arithmetic on their elements.
// Shape-only ops (reshape, squeeze, unsqueeze) canonicalize to `nn.reshape`.
//
//===----------------------------------------------------------------------===//

#ifndef NN_DATAMOVEMENT_OPS_TD
#define NN_DATAMOVEMENT_OPS_TD

include "ir/NNBase.td"
include "ir/NNEnums.td"
include "ir/NNInterfaces.td"

def NN_ConstantOp : NN_Op<"constant", [ConstantLike, Pure, NN_InferShape]> {
  let summary = "a constant tensor (weights, shapes, scalars)";
  let description = [{
    Materializes `value`, any `ElementsAttr`: `dense<...>` for small tensors,
    `dense_resource<...>` blobs for weights (printing elides them). The result
    type is the attribute's type.

    ```mlir
    %w = nn.constant dense<1.000000e+00> : tensor<4x8xf32>
    %b = nn.constant dense_resource<fc1_bias> : tensor<8xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

def NN_ReshapeOp : NN_Op<"reshape", [Pure, NN_LayoutLike,
    DeclareOpInterfaceMethods<NN_ShapeRefinementOpInterface>,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "reinterpret the shape of a tensor (row-major)";
  let description = [{
    The result type gives the new shape; the element count must be preserved.
    At most one result dimension may be dynamic when the input is static; the
    lowering computes it from the element count.
    Also serves ONNX Flatten, Squeeze and Unsqueeze.

    ```mlir
    %y = nn.reshape %x : tensor<2x3x4xf32> -> tensor<6x4xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Permutations and concatenation
//===----------------------------------------------------------------------===//

def NN_TransposeOp : NN_Op<"transpose", [Pure, NN_LayoutLike, NN_InferShape]> {
  let summary = "permute the dimensions of a tensor (ONNX Transpose)";
  let description = [{
    Result dimension `i` is input dimension `perm[i]`; `perm` is a
    permutation of `[0, rank)`.

    ```mlir
    %y = nn.transpose %x {perm = array<i64: 0, 2, 1>}
        : tensor<?x3x4xf32> -> tensor<?x4x3xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def NN_ConcatOp : NN_Op<"concat", [Pure, NN_LayoutLike, NN_InferShape]> {
  let summary = "join tensors along an axis (ONNX Concat)";
  let description = [{
    All operands have the same rank and element type and equal extents
    except along `axis` (negative counts from the end), where the result
    extent is the sum (dynamic if any operand's is).

    ```mlir
    %y = nn.concat %a, %b {axis = 1 : i64}
        : (tensor<?x3xf32>, tensor<?x5xf32>) -> tensor<?x8xf32>
    ```
  }];
  let arguments = (ins Variadic<NN_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = [{
    $inputs attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Slicing and gathering
//===----------------------------------------------------------------------===//

def NN_SliceOp : NN_Op<"slice", [Pure, NN_LayoutLike, NN_InferShape]> {
  let summary = "strided slice along some axes (ONNX Slice)";
  let description = [{
    For each `axes[i]` (default: the leading `len(starts)` axes, i.e. all
    axes when `len(starts) = rank`) takes the elements `starts[i]`,
    `starts[i] + steps[i]`, ... up to but excluding `ends[i]` (`steps`
    default to 1). Negative starts/ends count from the end and are clamped to
    `[0, dim]` (`[-1, dim - 1]` for a negative step), so sentinels such as
    INT64_MAX mean "to the end". The result extent is
    `max(0, ceil((end - start) / step))`; a dynamic sliced extent gives `?`.

    ```mlir
    %y = nn.slice %x {starts = array<i64: 1>, ends = array<i64: -1>,
                      axes = array<i64: 1>}
        : tensor<?x10xf32> -> tensor<?x8xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$starts,
                       DenseI64ArrayAttr:$ends,
                       OptionalAttr<DenseI64ArrayAttr>:$axes,
                       OptionalAttr<DenseI64ArrayAttr>:$steps);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

def NN_GatherOp : NN_Op<"gather", [Pure, NN_LayoutLike, NN_InferShape]> {
  let summary = "take slices of data along an axis by index (ONNX Gather)";
  let description = [{
    The result shape is `data.shape[:axis] + indices.shape +
    data.shape[axis + 1:]`; negative indices count from the end of `axis`.

    ```mlir
    %y = nn.gather %table, %ids {axis = 0 : i64}
        : (tensor<1000x64xf32>, tensor<?x16xi64>) -> tensor<?x16x64xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$data, NN_IndexTensor:$indices,
                       DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = [{
    $data `,` $indices attr-dict `:` functional-type(operands, results)
  }];
  let hasFolder = 1;
}

def NN_GatherElementsOp : NN_Op<"gather_elements",
    [Pure, NN_LayoutLike, NN_InferShape]> {
  let summary = "pick single elements along an axis (ONNX GatherElements)";
  let description = [{
    `indices` has the rank of `data`; `out[i][j] = data[indices[i][j]][j]`
    for `axis = 0`. The result has the shape of `indices`, whose extents off
    `axis` may not exceed those of `data`.

    ```mlir
    %y = nn.gather_elements %x, %i {axis = 1 : i64}
        : (tensor<4x8xf32>, tensor<4x2xi64>) -> tensor<4x2xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$data, NN_IndexTensor:$indices,
                       DefaultValuedAttr<I64Attr, "0">:$axis);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = [{
    $data `,` $indices attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Padding, broadcasting, tiling
//===----------------------------------------------------------------------===//

def NN_PadOp : NN_Op<"pad", [Pure, NN_LayoutLike, NN_InferShape]> {
  let summary = "pad (or crop, with negative pads) a tensor (ONNX Pad)";
  let description = [{
    `pads` holds `2 * rank` values: all begins, then all ends. A negative pad
    removes elements. `mode` is `constant` (fill with `value`), `reflect`
    (mirror without the edge; each pad must be smaller than its extent) or
    `edge` (repeat the border element).

    ```mlir
    %y = nn.pad %x {pads = array<i64: 0, 1, 0, 1>, mode = #nn<pad reflect>}
        : tensor<?x8xf32> -> tensor<?x10xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$pads,
      DefaultValuedAttr<NN_PadModeAttr, "PadMode::constant">:$mode,
      DefaultValuedAttr<F64Attr, "0.0">:$value);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

def NN_BroadcastOp : NN_Op<"broadcast", [Pure, NN_LayoutLike,
    DeclareOpInterfaceMethods<NN_ShapeRefinementOpInterface>,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "broadcast a tensor to the result shape (ONNX Expand)";
  let description = [{
    The result type gives the target shape (the importer resolves ONNX
    Expand's shape operand); the input shape must broadcast to it exactly
    under NumPy rules: the result rank is at least the input rank and each
    trailing input extent is 1 or the result extent.

    ```mlir
    %y = nn.broadcast %x : tensor<1x8xf32> -> tensor<?x4x8xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def NN_TileOp : NN_Op<"tile", [Pure, NN_LayoutLike, NN_InferShape]> {
  let summary = "repeat a tensor along each axis (ONNX Tile)";
  let description = [{
    `repeats` has one entry >= 1 per dimension; result extent `i` is
    `extent[i] * repeats[i]`.

    ```mlir
    %y = nn.tile %x {repeats = array<i64: 1, 3>}
        : tensor<?x4xf32> -> tensor<?x12xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$repeats);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Shape-only ops (canonicalize to nn.reshape) and split
//===----------------------------------------------------------------------===//

def NN_SqueezeOp : NN_Op<"squeeze", [Pure, NN_LayoutLike, NN_InferShape]> {
  let summary = "remove extent-1 dimensions (ONNX Squeeze)";
  let description = [{
    Removes the dimensions in `axes` (each of extent 1, or dynamic and then
    assumed 1); empty `axes` removes every extent-1 dimension, which needs a
    static input. Canonicalizes to `nn.reshape`.

    ```mlir
    %y = nn.squeeze %x {axes = array<i64: 1>}
        : tensor<?x1x8xf32> -> tensor<?x8xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input,
                       DefaultValuedAttr<DenseI64ArrayAttr, "{}">:$axes);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasCanonicalizer = 1;
  let hasFolder = 1;
}

def NN_UnsqueezeOp : NN_Op<"unsqueeze", [Pure, NN_LayoutLike, NN_InferShape]> {
  let summary = "insert extent-1 dimensions (ONNX Unsqueeze)";
  let description = [{
    `axes` name positions in the result (rank + len(axes); negative counts
    from its end) that get extent 1. Canonicalizes to `nn.reshape`.

    ```mlir
    %y = nn.unsqueeze %x {axes = array<i64: 0, -1>}
        : tensor<?x8xf32> -> tensor<1x?x8x1xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$axes);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasCanonicalizer = 1;
  let hasFolder = 1;
}

def NN_SplitOp : NN_Op<"split", [Pure, NN_LayoutLike, NN_InferShape]> {
  let summary = "split a tensor into pieces along an axis (ONNX Split)";
  let description = [{
    Result `i` takes `sizes[i]` consecutive elements along `axis`; the sizes
    sum to the extent of `axis`.

    ```mlir
    %a, %b = nn.split %x {axis = 1 : i64, sizes = array<i64: 2, 6>}
        : tensor<?x8xf32> -> tensor<?x2xf32>, tensor<?x6xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input, I64Attr:$axis,
                       DenseI64ArrayAttr:$sizes);
  let results = (outs Variadic<NN_Tensor>:$outputs);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($outputs)";
}

//===----------------------------------------------------------------------===//
// Resize and triangular masks
//===----------------------------------------------------------------------===//

def NN_ResizeOp : NN_Op<"resize", [Pure, NN_LayoutLike,
    AllElementTypesMatch<["input", "output"]>]> {
  let summary = "interpolate a tensor to a new shape (ONNX Resize)";
  let description = [{
    The result type gives the output shape (same rank). `mode` chooses
    nearest or linear interpolation; `coordinate_transformation` maps output
    to input coordinates (ONNX's half_pixel, pytorch_half_pixel,
    align_corners, asymmetric, and opset 11's tf_half_pixel_for_nn:
    `x_in = (x_out + 0.5) / scale`); `nearest_mode` rounds them for `nearest`. When
    `scales` (one positive factor per axis) is present, each static output
    extent is `floor(in * scale)`.

    ```mlir
    %y = nn.resize %x {mode = #nn<resize nearest>,
                       scales = array<f64: 1.0, 1.0, 2.0, 2.0>}
        : tensor<?x3x8x8xf32> -> tensor<?x3x16x16xf32>
    ```
  }];
  let arguments = (ins NN_FloatTensor:$input, NN_ResizeModeAttr:$mode,
      DefaultValuedAttr<NN_CoordinateTransformAttr,
                        "CoordinateTransform::half_pixel">:$coordinate_transformation,
      DefaultValuedAttr<NN_NearestModeAttr,
                        "NearestMode::round_prefer_floor">:$nearest_mode,
      OptionalAttr<DenseF64ArrayAttr>:$scales);
  let results = (outs NN_FloatTensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasVerifier = 1;
}

def NN_TriluOp : NN_Op<"trilu", [Pure, NN_LayoutLike, NN_InferShape]> {
  let summary = "keep the upper or lower triangle of matrices (ONNX Trilu)";
  let description = [{
    On the last two dimensions, keeps the elements with `j - i >= k` (upper)
    or `j - i <= k` (lower) and zeroes the rest.

    ```mlir
    %y = nn.trilu %x {upper = false} : tensor<?x4x4xf32> -> tensor<?x4x4xf32>
    ```
  }];
  let arguments = (ins NN_Tensor:$input,
                       DefaultValuedAttr<BoolAttr, "true">:$upper,
                       DefaultValuedAttr<I64Attr, "0">:$k);
  let results = (outs NN_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($output)";
  let hasFolder = 1;
}

#endif // NN_DATAMOVEMENT_OPS_TD
