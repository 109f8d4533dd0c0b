//===- NNCanonicalize.td - declarative peephole rewrites -*- tablegen -*-===//
//
// Pure peepholes as DRR patterns, each with its algebraic identity. The C++
// hooks registering them are in Canonicalize.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef NN_CANONICALIZE_TD
#define NN_CANONICALIZE_TD

include "mlir/IR/PatternBase.td"
include "ir/NNOps.td"

// neg(neg(x)) = x
def NegNeg : Pat<(NN_NegOp (NN_NegOp $x)), (replaceWithValue $x)>;

// relu(relu(x)) = relu(x)
def ReluRelu : Pat<(NN_ReluOp (NN_ReluOp:$inner $x)), (replaceWithValue $inner)>;

// not(not(x)) = x
def NotNot : Pat<(NN_NotOp (NN_NotOp $x)), (replaceWithValue $x)>;

// reshape(reshape(x)) = reshape(x)
def ReshapeReshape : Pat<(NN_ReshapeOp (NN_ReshapeOp $x)), (NN_ReshapeOp $x)>;

#endif // NN_CANONICALIZE_TD
