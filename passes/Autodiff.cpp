//===- Autodiff.cpp - reverse-mode autodiff over GradientOpInterface -----===//
//
// In: a function of nn ops on static shapes. Out: the same module plus a
// backward function (buildBackward), or a reverse sweep appended to a block
// (buildVjp). The sweep visits the active ops (on a path from a wrt value to
// an output, through float values) in reverse order, asks each for its
// vector-Jacobian products through GradientOpInterface and accumulates them
// per value. It names no op.
//
//===----------------------------------------------------------------------===//

#include "passes/Autodiff.h"
#include "ir/NNOps.h"
#include "passes/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_AUTODIFFPASS
#include "passes/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;
using namespace mlir::nn;

namespace {

bool isFloatTensor(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  return type && isa<FloatType>(type.getElementType());
}

bool isStatic(Type t) {
  auto type = dyn_cast<RankedTensorType>(t);
  return type && type.hasStaticShape();
}

/// The ops of `block` before `end` that lie on a path from `wrt` to
/// `outputs` through float values, last first; `varied` gets every float
/// value that depends on `wrt`.
SmallVector<Operation *> findActiveOps(Block *block, Block::iterator end,
                                       ValueRange wrt, ValueRange outputs,
                                       DenseSet<Value> &varied) {
  varied.clear();
  for (Value v : wrt) {
    if (isFloatTensor(v)) {
      varied.insert(v);
    }
  }
  SmallVector<Operation *> ops;
  for (Operation &op : llvm::make_range(block->begin(), end)) {
    if (llvm::any_of(op.getOperands(),
                     [&](Value v) { return varied.contains(v); })) {
      for (Value r : op.getResults()) {
        if (isFloatTensor(r)) {
          varied.insert(r);
        }
      }
    }
    ops.push_back(&op);
  }
  DenseSet<Value> useful(outputs.begin(), outputs.end());
  SmallVector<Operation *> active;
  for (Operation *op : llvm::reverse(ops)) {
    if (llvm::none_of(op->getResults(), [&](Value r) {
          return useful.contains(r) && varied.contains(r);
        })) {
      continue;
    }
    active.push_back(op);
    useful.insert(op->operand_begin(), op->operand_end());
  }
  return active;
}

/// Rewrites active ops that offer a decomposition (recurrent layers) into
/// ops with rules; updates `outputs` if they were results of such ops.
/// Returns true if anything changed.
bool decomposeActiveOps(ArrayRef<Operation *> active,
                        SmallVectorImpl<Value> &outputs) {
  bool changed = false;
  for (Operation *op : active) {
    auto rule = dyn_cast<GradientOpInterface>(op);
    if (!rule) {
      continue;
    }
    OpBuilder b(op);
    SmallVector<Value> replacements;
    if (failed(rule.decomposeForGradient(b, replacements))) {
      continue;
    }
    for (Value &out : outputs) {
      if (auto r = dyn_cast<OpResult>(out); r && r.getOwner() == op) {
        out = replacements[r.getResultNumber()];
      }
    }
    op->replaceAllUsesWith(replacements);
    op->erase();
    changed = true;
  }
  return changed;
}

std::string typeString(Type t) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << t;
  return s;
}
} // namespace

FailureOr<SmallVector<Value>> nn::buildVjp(OpBuilder &builder,
                                           ValueRange outputValues,
                                           ValueRange cotangents,
                                           ValueRange wrt) {
  Block *block = builder.getInsertionBlock();
  Block::iterator end = builder.getInsertionPoint();
  SmallVector<Value> outputs(outputValues);
  DenseSet<Value> varied;
  SmallVector<Operation *> active;
  // Decompositions may expose further ops that decompose; a few rounds
  // settle (each round removes at least one op).
  for (int round = 0; round < 8; ++round) {
    active = findActiveOps(block, end, wrt, outputs, varied);
    if (!decomposeActiveOps(active, outputs)) {
      break;
    }
  }

  DenseMap<Value, Value> grads;
  auto accumulate = [&](Value v, Value g) {
    Value &slot = grads[v];
    slot = slot ? AddOp::create(builder, v.getLoc(), slot, g).getResult() : g;
  };
  for (auto [out, seed] : llvm::zip(outputs, cotangents)) {
    if (varied.contains(out)) {
      accumulate(out, seed);
    }
  }

  for (Operation *op : active) {
    SmallVector<Value> resultGrads;
    for (Value r : op->getResults()) {
      resultGrads.push_back(grads.lookup(r));
    }
    if (llvm::all_of(resultGrads, [](Value g) { return !g; })) {
      continue;
    }
    for (Value v : llvm::concat<Value>(op->getOperands(), op->getResults())) {
      if (varied.contains(v) && !isStatic(v.getType())) {
        return op->emitError("autodiff needs static shapes, but '")
               << op->getName() << "' has a value of type " << v.getType()
               << "; pin the input shapes first";
      }
    }
    auto rule = dyn_cast<GradientOpInterface>(op);
    if (!rule) {
      return op->emitError("no gradient rule for '")
             << op->getName()
             << "'; it lies on a differentiated path (make its inputs "
                "constant or add a rule in ir/gradients/)";
    }
    SmallVector<Value> operandGrads;
    if (failed(rule.buildGradients(builder, resultGrads, operandGrads))) {
      return failure();
    }
    if (operandGrads.size() != op->getNumOperands()) {
      return op->emitError("gradient rule of '")
             << op->getName() << "' returned " << operandGrads.size()
             << " gradients for " << op->getNumOperands() << " operands";
    }
    for (auto [i, operand] : llvm::enumerate(op->getOperands())) {
      Value g = operandGrads[i];
      if (!g || !varied.contains(operand)) {
        continue;
      }
      if (g.getType() != operand.getType()) {
        return op->emitError("gradient rule of '")
               << op->getName() << "' built a " << typeString(g.getType())
               << " gradient for operand #" << i << " of type "
               << operand.getType();
      }
      accumulate(operand, g);
    }
  }

  SmallVector<Value> result;
  for (Value v : wrt) {
    Value g = grads.lookup(v);
    if (!g) {
      auto type = cast<RankedTensorType>(v.getType());
      g = ConstantOp::create(
          builder, v.getLoc(), type,
          DenseElementsAttr::get(type, ArrayRef<Attribute>{builder.getZeroAttr(
                                           type.getElementType())}));
    }
    result.push_back(g);
  }
  return result;
}

FailureOr<func::FuncOp> nn::buildBackward(func::FuncOp forward,
                                          ArrayRef<unsigned> wrtArgs,
                                          const BackwardOptions &options) {
  if (!forward.getBody().hasOneBlock()) {
    return forward.emitError("autodiff needs a function with one block");
  }
  FunctionType type = forward.getFunctionType();
  for (Type t : llvm::concat<const Type>(type.getInputs(), type.getResults())) {
    if (!isStatic(t)) {
      return forward.emitError("autodiff needs static tensor shapes, but '@")
             << forward.getSymName() << "' has " << t
             << "; pin the input shapes first";
    }
  }
  for (unsigned i : wrtArgs) {
    if (i >= type.getNumInputs() || !isFloatTensor(forward.getArgument(i))) {
      return forward.emitError("cannot differentiate '@")
             << forward.getSymName() << "' with respect to argument " << i
             << ": not a float tensor argument";
    }
  }

  // The backward function starts as a clone of the forward one.
  OpBuilder builder(forward);
  builder.setInsertionPointAfter(forward);
  std::string name = options.name.empty()
                         ? (forward.getSymName() + "_grad").str()
                         : options.name;
  SmallVector<Type> inputs(type.getInputs());
  if (options.seedArguments) {
    inputs.append(type.getResults().begin(), type.getResults().end());
  }
  auto backward = func::FuncOp::create(builder, forward.getLoc(), name,
                                       builder.getFunctionType(inputs, {}));
  Block *body = backward.addEntryBlock();
  IRMapping map;
  map.map(forward.getArguments(),
          body->getArguments().take_front(type.getNumInputs()));
  builder.setInsertionPointToEnd(body);
  Operation *terminator = forward.getBody().front().getTerminator();
  for (Operation &op : forward.getBody().front().without_terminator()) {
    builder.clone(op, map);
  }
  // Return the forward results first: uses in the terminator follow any
  // in-place decomposition; the backward ops go before it.
  auto ret = func::ReturnOp::create(
      builder, terminator->getLoc(),
      llvm::map_to_vector(terminator->getOperands(),
                          [&](Value v) { return map.lookup(v); }));
  builder.setInsertionPoint(ret);

  SmallVector<Value> seeds, wrt;
  for (auto [i, t] : llvm::enumerate(type.getResults())) {
    if (options.seedArguments) {
      seeds.push_back(body->getArgument(type.getNumInputs() + i));
    } else {
      auto tensor = cast<RankedTensorType>(t);
      seeds.push_back(ConstantOp::create(
          builder, forward.getLoc(), tensor,
          DenseElementsAttr::get(tensor, ArrayRef<Attribute>{builder.getOneAttr(
                                             tensor.getElementType())})));
    }
  }
  for (unsigned i : wrtArgs) {
    wrt.push_back(body->getArgument(i));
  }
  FailureOr<SmallVector<Value>> grads =
      buildVjp(builder, ret.getOperands(), seeds, wrt);
  if (failed(grads)) {
    backward.erase();
    return failure();
  }
  SmallVector<Value> returned;
  if (options.returnResults) {
    returned.append(ret.getOperands().begin(), ret.getOperands().end());
  }
  returned.append(*grads);
  ret->setOperands(returned);
  backward.setType(
      builder.getFunctionType(inputs, ValueRange(returned).getTypes()));

  // Drop what the gradients did not need (rules build all partials).
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(*body))) {
    if (isOpTriviallyDead(&op)) {
      op.erase();
    }
  }
  if (failed(verify(backward))) {
    backward.erase();
    return failure();
  }
  return backward;
}

namespace {
struct AutodiffPass : nn::impl::AutodiffPassBase<AutodiffPass> {
  using AutodiffPassBase::AutodiffPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto forward = module.lookupSymbol<func::FuncOp>(func);
    if (!forward) {
      module.emitError("nn-autodiff: no function '@")
          << func << "' to differentiate";
      return signalPassFailure();
    }
    SmallVector<unsigned> args(wrt.begin(), wrt.end());
    if (args.empty()) {
      for (BlockArgument arg : forward.getArguments()) {
        if (isFloatTensor(arg)) {
          args.push_back(arg.getArgNumber());
        }
      }
    }
    BackwardOptions options;
    options.name = name;
    options.returnResults = returnResults;
    options.seedArguments = !seedOnes;
    if (module.lookupSymbol(options.name.empty() ? func + "_grad"
                                                 : options.name)) {
      module.emitError("nn-autodiff: a function named '@")
          << (options.name.empty() ? func + "_grad" : options.name)
          << "' already exists; pick another name=";
      return signalPassFailure();
    }
    if (failed(buildBackward(forward, args, options))) {
      signalPassFailure();
    }
  }
};
} // namespace
