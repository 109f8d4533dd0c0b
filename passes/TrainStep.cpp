//===- TrainStep.cpp - forward + loss + backward + update -------*- C++ -*-===//
//
// In: a func.func of nn ops with static shapes whose first result is the
// quantity to train (logits, reconstruction, probability). Out, beside it:
// `@<f>_eval` (trainable constants lifted into leading arguments) and
// `@<f>_train_step` (see TrainStep.h). Gradients come from the autodiff API
// (passes/Autodiff.h: buildVjp over the ops' GradientOpInterface rules); the
// builder names no op of the forward function.
// The `nn-train-step` pass wraps buildTrainStep for nn-opt and lit.
//
//===----------------------------------------------------------------------===//

#include "passes/TrainStep.h"
#include "ir/NNOps.h"
#include "passes/Autodiff.h"
#include "passes/BatchNormTraining.h"
#include "passes/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_TRAINSTEPPASS
#include "passes/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;
using namespace mlir::nn;

std::optional<TrainLoss> nn::parseTrainLoss(StringRef name) {
  return llvm::StringSwitch<std::optional<TrainLoss>>(name)
      .Case("cross_entropy", TrainLoss::CrossEntropy)
      .Case("mse", TrainLoss::Mse)
      .Case("bce", TrainLoss::Bce)
      .Default(std::nullopt);
}

namespace {

/// The name of a constant: its NameLoc (ONNX initializer name), if any.
std::string constantName(Operation *op) {
  if (auto name = dyn_cast<NameLoc>(op->getLoc())) {
    return name.getName().str();
  }
  return "";
}

/// The running statistics of `f`'s batch normalizations that train with
/// batch statistics: both are constants, neither frozen, each used once.
LogicalResult collectStats(func::FuncOp f, const TrainStepOptions &options,
                           SmallVectorImpl<Operation *> &stats) {
  if (!options.batchNormTraining) {
    return success();
  }
  WalkResult r = f.walk([&](BatchNormOp bn) {
    auto mean = bn.getMean().getDefiningOp<ConstantOp>();
    auto var = bn.getVar().getDefiningOp<ConstantOp>();
    if (!mean || !var ||
        llvm::is_contained(options.frozen, constantName(mean)) ||
        llvm::is_contained(options.frozen, constantName(var))) {
      return WalkResult::advance();
    }
    if (!mean->hasOneUse() || !var->hasOneUse() || mean == var) {
      bn.emitError("training needs each batch normalization's running mean "
                   "and variance to be constants of its own (freeze them to "
                   "keep the inference form)");
      return WalkResult::interrupt();
    }
    stats.push_back(mean);
    stats.push_back(var);
    return WalkResult::advance();
  });
  return failure(r.wasInterrupted());
}

/// The trainable and the frozen constants of `f`, in the order they appear
/// (running statistics in `stats` are neither).
void collectParams(func::FuncOp f, const TrainStepOptions &options,
                   ArrayRef<Operation *> stats,
                   SmallVectorImpl<Operation *> &params,
                   SmallVectorImpl<Operation *> &frozen) {
  f.walk([&](ConstantOp op) {
    auto type = cast<RankedTensorType>(op.getType());
    if (!isa<FloatType>(type.getElementType()) || type.getRank() == 0 ||
        llvm::is_contained(stats, op.getOperation())) {
      return;
    }
    std::string name = constantName(op);
    if (llvm::is_contained(options.frozen, name)) {
      frozen.push_back(op);
    } else if (options.params.empty() ||
               llvm::is_contained(options.params, name)) {
      params.push_back(op);
    }
  });
}

/// Reports the first value of `f` whose type is not static.
LogicalResult checkStatic(func::FuncOp f) {
  for (Type t : f.getFunctionType().getInputs()) {
    if (auto rt = dyn_cast<RankedTensorType>(t); !rt || !rt.hasStaticShape()) {
      return f.emitError("training needs static shapes: argument type ")
             << t << " is not static (pin the batch size first)";
    }
  }
  WalkResult r = f.walk([](Operation *op) {
    for (Type t : op->getResultTypes()) {
      auto rt = dyn_cast<RankedTensorType>(t);
      if (rt && !rt.hasStaticShape()) {
        op->emitError("training needs static shapes: result type ")
            << t << " is not static (run nn-infer-shapes after pinning inputs)";
        return WalkResult::interrupt();
      }
    }
    return WalkResult::advance();
  });
  return failure(r.wasInterrupted());
}

/// Clones the body of `f` into `b`'s insertion point with `map` (which binds
/// the lifted constants and the arguments); returns the mapped results.
SmallVector<Value> cloneBody(OpBuilder &b, func::FuncOp f, IRMapping &map) {
  SmallVector<Value> results;
  for (Operation &op : f.getBody().front()) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      for (Value v : ret.getOperands()) {
        results.push_back(map.lookupOrDefault(v));
      }
      break;
    }
    if (op.getNumResults() == 1 && map.contains(op.getResult(0))) {
      continue; // a lifted constant
    }
    b.clone(op, map);
  }
  return results;
}

/// The loss of `output` against `target`, a rank-0 tensor.
Value buildLoss(OpBuilder &b, Location loc, TrainLoss loss, Value output,
                Value target) {
  switch (loss) {
  case TrainLoss::CrossEntropy:
    return SoftmaxCrossEntropyOp::create(b, loc, output, target, Value(),
                                         LossReduction::mean, IntegerAttr());
  case TrainLoss::Mse:
    return MseOp::create(b, loc, output, target, LossReduction::mean);
  case TrainLoss::Bce:
    return BceOp::create(b, loc, output, target, Value(), LossReduction::mean,
                         false);
  }
  llvm_unreachable("unknown loss");
}

/// The target type for `output` under `loss`.
Type targetType(TrainLoss loss, RankedTensorType output) {
  if (loss != TrainLoss::CrossEntropy) {
    return output;
  }
  SmallVector<int64_t> shape(output.getShape());
  shape.erase(shape.begin() + 1);
  return RankedTensorType::get(shape,
                               IntegerType::get(output.getContext(), 64));
}

} // namespace

FailureOr<TrainStepInfo> nn::buildTrainStep(func::FuncOp forward,
                                            const TrainStepOptions &options) {
  MLIRContext *ctx = forward.getContext();
  Location loc = forward.getLoc();
  if (options.optimizer != "sgd" && options.optimizer != "adam" &&
      options.optimizer != "adamw") {
    return forward.emitError("unknown optimizer '")
           << options.optimizer << "' (expected sgd, adam or adamw)";
  }
  if (failed(checkStatic(forward))) {
    return failure();
  }
  FunctionType fType = forward.getFunctionType();
  if (fType.getNumResults() == 0) {
    return forward.emitError("a function without results cannot be trained");
  }
  auto output = cast<RankedTensorType>(fType.getResult(0));
  if (options.loss == TrainLoss::CrossEntropy && output.getRank() < 2) {
    return forward.emitError("cross_entropy needs scores of rank >= 2 ([N, "
                             "C, ...]); the first result is ")
           << output;
  }

  TrainStepInfo info;
  if (failed(collectStats(forward, options, info.statConstants))) {
    return failure();
  }
  collectParams(forward, options, info.statConstants, info.paramConstants,
                info.frozenConstants);
  if (info.paramConstants.empty()) {
    return forward.emitError("no trainable parameters (no floating-point "
                             "constant of rank >= 1 matches)");
  }
  SmallVector<Type> paramTypes;
  for (auto [i, op] : llvm::enumerate(info.paramConstants)) {
    std::string name = constantName(op);
    info.paramNames.push_back(name.empty() ? "param_" + std::to_string(i)
                                           : name);
    paramTypes.push_back(op->getResult(0).getType());
  }
  SmallVector<Type> frozenTypes;
  for (auto [i, op] : llvm::enumerate(info.frozenConstants)) {
    std::string name = constantName(op);
    info.frozenNames.push_back(name.empty() ? "frozen_" + std::to_string(i)
                                            : name);
    frozenTypes.push_back(op->getResult(0).getType());
  }
  SmallVector<Type> statTypes;
  for (auto [i, op] : llvm::enumerate(info.statConstants)) {
    std::string name = constantName(op);
    info.statNames.push_back(name.empty() ? "stat_" + std::to_string(i) : name);
    statTypes.push_back(op->getResult(0).getType());
  }
  bool adam = options.optimizer != "sgd";
  info.statePerParam = adam ? 2 : 1;
  info.takesStep = adam;

  OpBuilder b(ctx);
  b.setInsertionPointAfter(forward);
  auto stepTensor = RankedTensorType::get({}, b.getF32Type());

  // @<f>_eval(params..., frozen..., stats..., inputs...) -> outputs.
  SmallVector<Type> evalInputs(paramTypes);
  llvm::append_range(evalInputs, frozenTypes);
  llvm::append_range(evalInputs, statTypes);
  llvm::append_range(evalInputs, fType.getInputs());
  auto eval = func::FuncOp::create(
      b, loc, (forward.getSymName() + "_eval").str(),
      FunctionType::get(ctx, evalInputs, fType.getResults()));
  {
    OpBuilder::InsertionGuard guard(b);
    Block *entry = eval.addEntryBlock();
    b.setInsertionPointToStart(entry);
    IRMapping map;
    for (auto [i, op] : llvm::enumerate(info.paramConstants)) {
      map.map(op->getResult(0), entry->getArgument(i));
    }
    for (auto [i, op] : llvm::enumerate(info.frozenConstants)) {
      map.map(op->getResult(0), entry->getArgument(paramTypes.size() + i));
    }
    for (auto [i, op] : llvm::enumerate(info.statConstants)) {
      map.map(op->getResult(0),
              entry->getArgument(paramTypes.size() + frozenTypes.size() + i));
    }
    size_t firstInput =
        paramTypes.size() + frozenTypes.size() + statTypes.size();
    for (auto [i, arg] : llvm::enumerate(forward.getArguments())) {
      map.map(arg, entry->getArgument(firstInput + i));
    }
    func::ReturnOp::create(b, loc, cloneBody(b, forward, map));
  }
  info.eval = eval;

  // @<f>_train_step(params..., state..., [step], frozen..., stats...,
  //                 inputs..., target).
  size_t numParams = paramTypes.size();
  SmallVector<Type> stepInputs(paramTypes);
  for (unsigned s = 0; s < info.statePerParam; ++s) {
    llvm::append_range(stepInputs, paramTypes);
  }
  if (adam) {
    stepInputs.push_back(stepTensor);
  }
  size_t firstFrozen = stepInputs.size();
  llvm::append_range(stepInputs, frozenTypes);
  size_t firstStat = stepInputs.size();
  llvm::append_range(stepInputs, statTypes);
  size_t firstInput = stepInputs.size();
  llvm::append_range(stepInputs, fType.getInputs());
  stepInputs.push_back(targetType(options.loss, output));
  b.setInsertionPointAfter(eval);
  auto step =
      func::FuncOp::create(b, loc, (forward.getSymName() + "_train_step").str(),
                           FunctionType::get(ctx, stepInputs, {}));
  Block *entry = step.addEntryBlock();
  b.setInsertionPointToStart(entry);
  IRMapping map;
  SmallVector<Value> params;
  for (auto [i, op] : llvm::enumerate(info.paramConstants)) {
    map.map(op->getResult(0), entry->getArgument(i));
    params.push_back(entry->getArgument(i));
  }
  for (auto [i, op] : llvm::enumerate(info.frozenConstants)) {
    map.map(op->getResult(0), entry->getArgument(firstFrozen + i));
  }
  for (auto [i, op] : llvm::enumerate(info.statConstants)) {
    map.map(op->getResult(0), entry->getArgument(firstStat + i));
  }
  for (auto [i, arg] : llvm::enumerate(forward.getArguments())) {
    map.map(arg, entry->getArgument(firstInput + i));
  }
  SmallVector<Value> outputs = cloneBody(b, forward, map);
  // Batch normalizations with running statistics use the batch's.
  SmallVector<Value> newStats(statTypes.size());
  for (auto bn : llvm::to_vector(entry->getOps<BatchNormOp>())) {
    auto arg = dyn_cast<BlockArgument>(bn.getMean());
    if (!arg || arg.getOwner() != entry || arg.getArgNumber() < firstStat ||
        arg.getArgNumber() >= firstStat + statTypes.size()) {
      continue;
    }
    size_t i = arg.getArgNumber() - firstStat;
    auto it = options.batchNormMomenta.find(info.statNames[i]);
    double momentum = it != options.batchNormMomenta.end()
                          ? it->second
                          : options.batchNormMomentum;
    std::tie(newStats[i], newStats[i + 1]) =
        useBatchStatistics(b, bn, momentum);
  }
  Value loss =
      buildLoss(b, loc, options.loss, outputs[0], entry->getArguments().back());
  // The backward sweep goes before a provisional return that keeps the
  // forward results: buildVjp may rewrite ops (recurrent layers) in place,
  // so they are read back from it afterwards.
  SmallVector<Value> kept = {loss};
  llvm::append_range(kept, outputs);
  auto provisional = func::ReturnOp::create(b, loc, kept);
  b.setInsertionPoint(provisional);
  auto lossType = cast<RankedTensorType>(loss.getType());
  Value seed = ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(lossType,
                             b.getFloatAttr(lossType.getElementType(), 1.0)));
  FailureOr<SmallVector<Value>> grads =
      buildVjp(b, ValueRange{loss}, ValueRange{seed}, params);
  if (failed(grads)) {
    step.erase();
    eval.erase();
    return failure();
  }
  SmallVector<Value> results(provisional.getOperands());
  provisional.erase();
  b.setInsertionPointToEnd(entry);
  SmallVector<Value> newParams, newState(numParams * info.statePerParam);
  for (size_t i = 0; i < numParams; ++i) {
    Value p = params[i];
    Value g = (*grads)[i];
    if (!g) {
      // The loss does not depend on this parameter: its gradient is zero.
      g = ConstantOp::create(
          b, loc,
          DenseElementsAttr::get(
              cast<ShapedType>(p.getType()),
              b.getFloatAttr(getElementTypeOrSelf(p.getType()), 0.0)));
    }
    Value s0 = entry->getArgument(numParams + i);
    if (adam) {
      Value s1 = entry->getArgument(2 * numParams + i);
      auto op = AdamUpdateOp::create(
          b, p.getLoc(), p, g, s0, s1, entry->getArgument(3 * numParams),
          b.getF64FloatAttr(options.lr), b.getF64FloatAttr(options.beta1),
          b.getF64FloatAttr(options.beta2), b.getF64FloatAttr(options.epsilon),
          b.getF64FloatAttr(options.weightDecay),
          b.getBoolAttr(options.optimizer == "adamw"));
      newParams.push_back(op.getNewParam());
      newState[i] = op.getNewM();
      newState[numParams + i] = op.getNewV();
    } else {
      auto op = SgdUpdateOp::create(b, p.getLoc(), p, g, s0,
                                    b.getF64FloatAttr(options.lr),
                                    b.getF64FloatAttr(options.momentum),
                                    b.getF64FloatAttr(options.weightDecay),
                                    b.getBoolAttr(options.nesterov));
      newParams.push_back(op.getNewParam());
      newState[i] = op.getNewVelocity();
    }
  }
  llvm::append_range(results, newParams);
  llvm::append_range(results, newState);
  llvm::append_range(results, newStats);
  func::ReturnOp::create(b, loc, results);
  // Rules build every operand's gradient; drop those nothing uses (the
  // inputs', the constants').
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(*entry))) {
    if (isOpTriviallyDead(&op)) {
      op.erase();
    }
  }
  step.setFunctionType(
      FunctionType::get(ctx, stepInputs, ValueRange(results).getTypes()));
  SmallVector<Attribute> names;
  for (const std::string &n : info.paramNames) {
    names.push_back(b.getStringAttr(n));
  }
  step->setAttr("nn.params", b.getArrayAttr(names));
  if (failed(mlir::verify(step))) {
    return failure();
  }
  info.step = step;
  return info;
}

namespace {
struct TrainStepPass : nn::impl::TrainStepPassBase<TrainStepPass> {
  using TrainStepPassBase::TrainStepPassBase;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto forward = module.lookupSymbol<func::FuncOp>(function);
    if (!forward) {
      // Nothing to train in this module: leave it unchanged.
      return;
    }
    TrainStepOptions options;
    std::optional<TrainLoss> parsed = parseTrainLoss(loss);
    if (!parsed) {
      module.emitError("unknown loss '")
          << loss << "' (expected cross_entropy, mse or bce)";
      return signalPassFailure();
    }
    options.loss = *parsed;
    options.optimizer = optimizer;
    options.lr = lr;
    options.momentum = momentum;
    options.nesterov = nesterov;
    options.weightDecay = weightDecay;
    options.params.assign(params.begin(), params.end());
    options.frozen.assign(frozen.begin(), frozen.end());
    options.batchNormTraining = batchNormTraining;
    options.batchNormMomentum = batchNormMomentum;
    if (failed(buildTrainStep(forward, options))) {
      signalPassFailure();
    }
  }
};
} // namespace
