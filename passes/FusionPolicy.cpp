//===- FusionPolicy.cpp - the one function deciding groups ------*- C++ -*-===//
//-*-===//
//
// In: a block of nn ops. Out: groups of ops (planFusionGroups) that each
// become one nn.fusion_group (outlineFusionGroup) and, after lowering, one
// loop nest. Fusibility comes only from the op traits of ir/NNBase.td
// (ElementwiseLike, ContractionLike, ReductionLike); no op is named here.
//
//===----------------------------------------------------------------------===//

#include "passes/FusionPolicy.h"

#include "mlir/IR/Matchers.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;
using namespace mlir::nn;

StringRef nn::stringifyFusionKind(FusionKind kind) {
  switch (kind) {
  case FusionKind::Elementwise:
    return "elementwise";
  case FusionKind::Epilogue:
    return "epilogue";
  case FusionKind::Reduction:
    return "reduction";
  case FusionKind::Horizontal:
    return "horizontal";
  }
  return "";
}

namespace {
bool isElementwise(Operation *op) {
  return op->hasTrait<ElementwiseLike>() && op->getNumResults() == 1 &&
         op->getNumRegions() == 0;
}

/// The one op that uses every result of `op`, if there is exactly one.
Operation *soleUser(Operation *op) {
  Operation *user = nullptr;
  for (Operation *u : op->getUsers()) {
    if (user && u != user) {
      return nullptr;
    }
    user = u;
  }
  return user;
}

ArrayRef<int64_t> resultShape(Operation *op) {
  return cast<ShapedType>(op->getResult(0).getType()).getShape();
}

/// Two contractions that can be computed as one wider contraction: same op,
/// same attributes and operand types, first operand shared, every other
/// operand a constant.
bool horizontallyCompatible(Operation *a, Operation *b) {
  if (a->getName() != b->getName() ||
      a->getAttrDictionary() != b->getAttrDictionary() ||
      a->getNumOperands() != b->getNumOperands() ||
      a->getOperandTypes() != b->getOperandTypes() ||
      a->getOperand(0) != b->getOperand(0)) {
    return false;
  }
  for (Operation *op : {a, b}) {
    for (Value v : op->getOperands().drop_front()) {
      if (!matchPattern(v, m_Constant())) {
        return false;
      }
    }
  }
  return true;
}
} // namespace

// The cost rule. A fused group runs as one kernel: its intermediates live in
// registers or in a tile-sized buffer instead of full tensors written to and
// re-read from memory. An op joins a group only when that removes a whole
// intermediate tensor, and never when a contraction or a reduction would be
// recomputed:
//  1. Locality: every use of a joining op's result is inside the group, so
//     only the group's last value leaves it and nothing is computed twice.
//  2. Per rule (traits from ir/NNBase.td):
//     - elementwise: ElementwiseLike ops, grown from the last op of a chain up
//       through its producers (chains of any length, trees included). A
//       producer may be smaller than its consumer (it broadcasts): redoing an
//       elementwise op per broadcast element is cheaper than a round trip of
//       the tensor through memory.
//     - epilogue: a ContractionLike op and the chain of ElementwiseLike ops
//       that each use the previous result alone and keep the contraction's
//       shape (bias, activation, residual add): they run on the accumulator
//       tile. Producers of a contraction never join: a tiled contraction
//       would recompute them once per tile.
//     - reduction: a ReductionLike op (softmax, log_softmax, norms, losses,
//       reduce), the ElementwiseLike producers of its first operand with that
//       operand's shape (read once per reduced row) and the single-user
//       ElementwiseLike chain after it with its result's shape.
//     - horizontal: ContractionLike ops of the same op, attributes and types
//       that share their first operand and whose other operands are
//       constants: one wider contraction reads the shared operand once.
//  3. A group has at least two ops, except a reduction group: one reduction
//     lowers to several loop nests (max, sum, normalize) that grouping makes
//     one.
SmallVector<FusionGroup> nn::planFusionGroups(Block &block, FusionKind kind) {
  SmallVector<FusionGroup> groups;
  DenseSet<Operation *> taken;
  auto free = [&](Operation *op) {
    return op && op->getBlock() == &block && !taken.contains(op);
  };
  // Extends `ops` downwards with the single-user elementwise chain that keeps
  // the shape of `ops.back()`.
  auto growConsumers = [&](SmallVectorImpl<Operation *> &ops) {
    for (Operation *user = soleUser(ops.back());
         free(user) && isElementwise(user) &&
         resultShape(user) == resultShape(ops.back());
         user = soleUser(user)) {
      ops.push_back(user);
    }
  };
  auto emit = [&](SmallVector<Operation *> ops) {
    llvm::sort(
        ops, [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
    for (Operation *op : ops) {
      taken.insert(op);
    }
    groups.push_back({kind, std::move(ops)});
  };

  switch (kind) {
  case FusionKind::Elementwise: {
    // Roots are visited last-first so each group starts at a chain's end.
    for (Operation &root : llvm::reverse(block)) {
      if (!free(&root) || !isElementwise(&root)) {
        continue;
      }
      SmallVector<Operation *> ops{&root};
      llvm::SetVector<Operation *> members;
      members.insert(&root);
      for (size_t i = 0; i < ops.size(); ++i) {
        for (Value operand : ops[i]->getOperands()) {
          Operation *producer = operand.getDefiningOp();
          if (!free(producer) || members.contains(producer) ||
              !isElementwise(producer) ||
              !llvm::all_of(producer->getUsers(), [&](Operation *u) {
                return members.contains(u);
              })) {
            continue;
          }
          members.insert(producer);
          ops.push_back(producer);
        }
      }
      if (ops.size() > 1) {
        emit(std::move(ops));
      }
    }
    break;
  }
  case FusionKind::Epilogue:
    for (Operation &op : block) {
      if (!free(&op) || !op.hasTrait<ContractionLike>() ||
          op.getNumResults() != 1) {
        continue;
      }
      SmallVector<Operation *> ops{&op};
      growConsumers(ops);
      if (ops.size() > 1) {
        emit(std::move(ops));
      }
    }
    break;
  case FusionKind::Reduction:
    for (Operation &op : block) {
      if (!free(&op) || !op.hasTrait<ReductionLike>() ||
          op.getNumResults() != 1 || op.getNumOperands() == 0) {
        continue;
      }
      SmallVector<Operation *> ops{&op};
      Value input = op.getOperand(0);
      auto inputShape = cast<ShapedType>(input.getType()).getShape();
      // Producers of the reduced operand, breadth-first.
      for (size_t i = 0; i < ops.size(); ++i) {
        for (Value operand : ops[i]->getOperands()) {
          Operation *producer = operand.getDefiningOp();
          if (i > 0 || operand == input) {
            if (free(producer) && !llvm::is_contained(ops, producer) &&
                isElementwise(producer) &&
                resultShape(producer) == inputShape &&
                llvm::all_of(producer->getUsers(), [&](Operation *u) {
                  return llvm::is_contained(ops, u);
                })) {
              ops.push_back(producer);
            }
          }
        }
      }
      // The consumers start from the reduction itself, not a producer.
      SmallVector<Operation *> chain{&op};
      growConsumers(chain);
      ops.append(chain.begin() + 1, chain.end());
      emit(std::move(ops));
    }
    break;
  case FusionKind::Horizontal:
    for (Operation &op : block) {
      if (!free(&op) || !op.hasTrait<ContractionLike>() ||
          op.getNumResults() != 1 || op.getNumOperands() < 2) {
        continue;
      }
      SmallVector<Operation *> ops{&op};
      for (Operation *other : op.getOperand(0).getUsers()) {
        if (other != &op && free(other) && !llvm::is_contained(ops, other) &&
            horizontallyCompatible(&op, other)) {
          ops.push_back(other);
        }
      }
      if (ops.size() > 1) {
        emit(std::move(ops));
      }
    }
    break;
  }
  return groups;
}

FusionGroupOp nn::outlineFusionGroup(RewriterBase &rewriter,
                                     const FusionGroup &group) {
  DenseSet<Operation *> members(group.ops.begin(), group.ops.end());
  SmallVector<Value> escaping;
  for (Operation *op : group.ops) {
    for (Value result : op->getResults()) {
      if (llvm::any_of(result.getUsers(), [&](Operation *user) {
            return !members.contains(user);
          })) {
        escaping.push_back(result);
      }
    }
  }
  Operation *last = group.ops.back();
  rewriter.setInsertionPointAfter(last);
  auto fused = FusionGroupOp::create(
      rewriter, last->getLoc(), ValueRange(escaping).getTypes(),
      rewriter.getStringAttr(stringifyFusionKind(group.kind)));
  Block *body = rewriter.createBlock(&fused.getBody());
  for (Operation *op : group.ops) {
    rewriter.moveOpBefore(op, body, body->end());
  }
  rewriter.setInsertionPointToEnd(body);
  YieldOp::create(rewriter, last->getLoc(), escaping);
  for (auto [value, result] : llvm::zip(escaping, fused.getResults())) {
    rewriter.replaceUsesWithIf(value, result, [&](OpOperand &use) {
      return use.getOwner()->getParentOp() != fused;
    });
  }
  return fused;
}

void nn::fuseGroupsOfKind(func::FuncOp func, FusionKind kind) {
  IRRewriter rewriter(func.getContext());
  for (Block &block : func.getBody()) {
    for (const FusionGroup &group : planFusionGroups(block, kind)) {
      outlineFusionGroup(rewriter, group);
    }
  }
}
