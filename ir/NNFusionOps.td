//===- NNFusionOps.td - nn.fusion_group and nn.yield -------*- tablegen -*-===//
//
// The ops that make fusion decisions visible in the IR. The fusion passes
// (passes/Fuse*.cpp) move the nn ops that will become one kernel into the
// region of an `nn.fusion_group`; codegen (LowerFusionGroups.cpp) turns each
// group into one loop nest. `nn-opt --nn-fuse` therefore shows exactly what
// will be fused.
//
//===----------------------------------------------------------------------===//

#ifndef NN_FUSION_OPS_TD
#define NN_FUSION_OPS_TD

include "ir/NNBase.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

def NN_FusionGroupOp : NN_Op<"fusion_group", [SingleBlock,
    RecursiveMemoryEffects, RecursivelySpeculatable]> {
  let summary = "ops that are computed as one kernel";
  let description = [{
    The single block of the region holds the nn ops of one fused group, in
    program order; `nn.yield` returns the values that leave the group (they
    become the group's results). Values defined above may be used inside
    (the region is not isolated), so forming a group only moves ops. `kind`
    says which fusion rule formed the group: `elementwise` (a producer-
    consumer chain of elementwise ops), `epilogue` (a contraction and the
    elementwise ops applied to its result), `reduction` (a reduction such as
    softmax or layer_norm with the elementwise ops around it) or `horizontal`
    (independent contractions that share an operand, computed as one).

    ```mlir
    %y = nn.fusion_group "epilogue" : tensor<4x128xf32> {
      %m = nn.matmul %x, %w : (tensor<4x64xf32>, tensor<64x128xf32>) -> tensor<4x128xf32>
      %b = nn.add %m, %bias : (tensor<4x128xf32>, tensor<128xf32>) -> tensor<4x128xf32>
      %r = nn.relu %b : tensor<4x128xf32>
      nn.yield %r : tensor<4x128xf32>
    }
    ```
  }];
  let arguments = (ins StrAttr:$kind);
  let results = (outs Variadic<AnyType>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$kind attr-dict `:` type($results) $body";
  let hasVerifier = 1;
}

def NN_YieldOp : NN_Op<"yield", [Pure, Terminator, ReturnLike,
    HasParent<"FusionGroupOp">]> {
  let summary = "returns the values that leave an nn.fusion_group";
  let description = [{
    Terminates the region of `nn.fusion_group`; its operands become the
    group's results (same number and types).

    ```mlir
    nn.yield %r : tensor<4x128xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
}

#endif // NN_FUSION_OPS_TD
