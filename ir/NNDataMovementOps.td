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

#endif // NN_DATAMOVEMENT_OPS_TD
