//===- FusionPolicy.h - which nn ops become one kernel ----------*- C++ -*-===//
//
// The single place that decides fusion groups (planFusionGroups) and the
// helper that makes a decision visible as an nn.fusion_group region
// (outlineFusionGroup). The fusion passes are thin drivers over these two.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_PASSES_FUSIONPOLICY_H
#define NNC_PASSES_FUSIONPOLICY_H

#include "ir/NNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace nn {

/// The fusion rules, one per fusion pass (and nn.fusion_group kind).
enum class FusionKind { Elementwise, Epilogue, Reduction, Horizontal };

/// The `kind` string of nn.fusion_group for `kind`.
StringRef stringifyFusionKind(FusionKind kind);

/// Ops of one group, in program order.
struct FusionGroup {
  FusionKind kind;
  SmallVector<Operation *> ops;
};

/// Decides the groups of `kind` among the ops directly in `block` (ops
/// already inside a group are never regrouped). See the cost rule above the
/// definition.
SmallVector<FusionGroup> planFusionGroups(Block &block, FusionKind kind);

/// Moves `group.ops` into a new nn.fusion_group placed at the last op; the
/// group's results are the values that have uses outside the group.
FusionGroupOp outlineFusionGroup(RewriterBase &rewriter,
                                 const FusionGroup &group);

/// Plans and outlines every group of `kind` in `func`.
void fuseGroupsOfKind(func::FuncOp func, FusionKind kind);

} // namespace nn
} // namespace mlir

#endif // NNC_PASSES_FUSIONPOLICY_H
