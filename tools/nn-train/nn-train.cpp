//===- nn-train.cpp - train an ONNX model on this machine -------*- C++ -*-===//
//
// nn-train MODEL.onnx --data=DIR_OR_FILES --loss=cross_entropy|mse|bce
//          --optimizer=sgd|adam [--lr=..] [--epochs=N] [--batch=B]
//          [--target=cpu|vulkan] [--save=trained.onnx] [--plot=curves.svg]
//
// Imports the model, pins its batch dimension to B, builds the training step
// (passes/TrainStep.h: forward + loss + backward + optimizer update) and an
// evaluation function, JIT-compiles both for this CPU and runs the epochs:
// shuffled batches (a trailing partial batch is left out of that epoch), a
// progress bar on stderr, then per epoch the train loss, the test loss and
// (classification) accuracy, macro precision/recall/F1 and the confusion
// matrix. The last line is `final: loss=.. accuracy=.. precision=.. recall=..
// f1=..`. On the CPU, parameters, optimizer state and batch-norm running
// statistics live in host buffers that the step reads and rewrites (two
// sets, swapped after every step); on Vulkan they stay on the device (the
// step's new values are copied into its arguments there) and are read back
// once per epoch for the evaluation and --save. Every failure is
// one `error:` line and exit code 1.
//
//===----------------------------------------------------------------------===//

#include "frontend/onnx/Importer.h"
#include "frontend/onnx/ModelLoader.h"
#include "ir/NNOps.h"
#include "passes/Passes.h"
#include "passes/TrainStep.h"
#include "tools/nn-run/CompiledFunction.h"
#include "tools/nn-train/Batches.h"
#include "tools/nn-train/Dataset.h"
#include "tools/nn-train/OnnxSave.h"
#include "tools/nn-train/Report.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <random>
#include <set>

using namespace mlir;
using namespace nntrain;

namespace {

int reportError(const llvm::Twine &message) {
  llvm::outs().flush();
  llvm::errs() << "error: " << message << "\n";
  return 1;
}

std::string typeString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << type;
  return s;
}

/// Collects the first diagnostic as one line.
struct FirstError {
  explicit FirstError(MLIRContext *ctx)
      : handler(ctx, [this](Diagnostic &diag) {
          if (message.empty()) {
            llvm::raw_string_ostream os(message);
            os << diag.getLocation() << ": " << diag;
          }
          return success();
        }) {}
  std::string message;
  ScopedDiagnosticHandler handler;
};

/// The float32 values of a constant's attribute (dense or resource blob).
bool readConstant(ElementsAttr attr, std::vector<float> &out) {
  if (!attr.getElementType().isF32()) {
    return false;
  }
  out.resize(attr.getNumElements());
  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    llvm::copy(dense.getValues<float>(), out.begin());
    return true;
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob || blob->getData().size() != out.size() * sizeof(float)) {
      return false;
    }
    std::memcpy(out.data(), blob->getData().data(), blob->getData().size());
    return true;
  }
  return false;
}

/// A module holding only `f`, renamed @main (what CpuExecutable compiles).
OwningOpRef<ModuleOp> extractFunction(ModuleOp module, StringRef name) {
  OwningOpRef<ModuleOp> copy = module.clone();
  for (auto f : llvm::make_early_inc_range(copy->getOps<func::FuncOp>())) {
    if (f.getSymName() != name) {
      f.erase();
    }
  }
  copy->lookupSymbol<func::FuncOp>(name).setSymName("main");
  return copy;
}

/// Float initializers to train: all except BatchNormalization running
/// statistics (inputs 3 and 4), which the step updates from batch statistics.
std::vector<std::string> trainableInitializers(const onnx::ModelProto &m) {
  std::set<std::string> stats;
  for (const auto &node : m.graph().node()) {
    if (node.op_type() == "BatchNormalization") {
      for (int i = 3; i < std::min(node.input_size(), 5); ++i) {
        stats.insert(node.input(i));
      }
    }
  }
  std::vector<std::string> names;
  for (const auto &init : m.graph().initializer()) {
    if (init.data_type() == onnx::TensorProto::FLOAT && init.dims_size() > 0 &&
        !stats.count(init.name())) {
      names.push_back(init.name());
    }
  }
  return names;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  namespace cl = llvm::cl;
  cl::opt<std::string> modelFile(cl::Positional, cl::desc("<model.onnx>"),
                                 cl::Required);
  cl::opt<std::string> data(
      "data",
      cl::desc("Training data: a directory (MNIST IDX files or "
               "x_train.npy/y_train.npy/x_test.npy/y_test.npy) or "
               "X[,Y[,TEST_X,TEST_Y]] files (.npy or IDX)"),
      cl::Required);
  cl::opt<std::string> lossName("loss", cl::desc("cross_entropy|mse|bce"),
                                cl::Required);
  cl::opt<std::string> optimizer("optimizer", cl::desc("sgd|adam|adamw"),
                                 cl::Required);
  cl::opt<double> lr("lr",
                     cl::desc("Learning rate (default: sgd 0.01, "
                              "adam 0.001)"),
                     cl::init(-1));
  cl::opt<double> momentum("momentum", cl::desc("SGD momentum"), cl::init(0.0));
  cl::opt<bool> nesterov("nesterov", cl::desc("SGD with Nesterov momentum"));
  cl::opt<double> weightDecay("weight-decay", cl::desc("L2 penalty"),
                              cl::init(0.0));
  cl::opt<int> epochs("epochs", cl::desc("Epochs"), cl::init(1));
  cl::opt<int> batch("batch", cl::desc("Batch size"), cl::init(32));
  cl::opt<std::string> target("target", cl::desc("cpu|vulkan"),
                              cl::init("cpu"));
  cl::opt<int> device("device",
                      cl::desc("Vulkan device number (see nn-run "
                               "--list-devices)"),
                      cl::init(0));
  cl::opt<std::string> save("save", cl::desc("Write the trained model here"));
  cl::opt<std::string> plot("plot", cl::desc("Write loss/accuracy curves "
                                             "(SVG) here"));
  cl::opt<unsigned> seed("seed", cl::desc("Shuffling seed"), cl::init(0));
  cl::opt<bool> noShuffle("no-shuffle",
                          cl::desc("Keep the samples in file order (to "
                                   "compare with another framework)"));
  cl::opt<bool> logSteps("log-steps",
                         cl::desc("Print `step <i> loss=<l>` per step"));
  cl::opt<int64_t> limit("limit",
                         cl::desc("Use at most N training and N test samples"),
                         cl::init(0));
  // --help lists this tool's flags only, not every LLVM/MLIR option.
  static cl::OptionCategory toolFlags("nn-train options");
  for (cl::Option *flag : std::initializer_list<cl::Option *>{
           &modelFile, &data, &lossName, &optimizer, &lr, &momentum, &nesterov,
           &weightDecay, &epochs, &batch, &target, &device, &save, &plot, &seed,
           &noShuffle, &logSteps, &limit}) {
    flag->addCategory(toolFlags);
  }
  cl::HideUnrelatedOptions(toolFlags);
  cl::ParseCommandLineOptions(argc, argv, "nn-train: train an ONNX model\n");

  if (target != "cpu" && target != "vulkan") {
    return reportError("--target=" + target + ": expected cpu or vulkan");
  }
  std::optional<nn::TrainLoss> loss = nn::parseTrainLoss(lossName);
  if (!loss) {
    return reportError("--loss=" + lossName +
                       ": expected cross_entropy, mse or bce");
  }
  if (optimizer != "sgd" && optimizer != "adam" && optimizer != "adamw") {
    return reportError("--optimizer=" + optimizer +
                       ": expected sgd, adam or adamw");
  }
  if (epochs < 1 || batch < 1) {
    return reportError("--epochs and --batch must be >= 1");
  }
  double learningRate = lr >= 0 ? (double)lr : optimizer == "sgd" ? 0.01 : 1e-3;

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<nn::NNDialect>();
  MLIRContext context(registry);
  context.loadAllAvailableDialects();

  // The model: one copy kept for --save (the importer moves weights out).
  std::string error;
  onnx::ModelProto proto;
  if (!StringRef(modelFile).ends_with(".onnx")) {
    return reportError(modelFile + ": expected an .onnx model");
  }
  if (failed(nn::onnx_import::loadModel(modelFile, proto, error))) {
    return reportError(error);
  }
  onnx::ModelProto original = proto;
  FailureOr<OwningOpRef<ModuleOp>> imported =
      nn::importOnnxModel(context, proto, modelFile, error);
  if (failed(imported)) {
    return reportError(error);
  }
  ModuleOp module = **imported;
  auto forward = module.lookupSymbol<func::FuncOp>("main");
  if (forward.getNumArguments() != 1) {
    return reportError(modelFile +
                       ": nn-train needs a model with one input "
                       "(the samples), this one has " +
                       Twine(forward.getNumArguments()));
  }

  Dataset dataset;
  if (!readDataset(data, dataset, error)) {
    return reportError(error);
  }
  if (limit > 0) {
    for (Split *s : {&dataset.train, &dataset.test}) {
      int64_t n = std::min<int64_t>(s->count, limit);
      s->x.resize(n * s->sampleSize);
      if (s->hasLabels()) {
        s->labels.resize(n);
      }
      if (s->hasTargets()) {
        s->targets.resize(n * s->targetSize);
      }
      s->count = n;
    }
  }

  // Pin the batch dimension and refine every shape.
  auto inputType = dyn_cast<RankedTensorType>(forward.getArgumentTypes()[0]);
  std::string inputDesc = inputType ? typeString(inputType) : "?";
  if (!inputType || inputType.getRank() < 1 ||
      !inputType.getElementType().isF32()) {
    return reportError("the model input " + inputDesc +
                       " must be a float32 tensor [N, ...]");
  }
  SmallVector<int64_t> pinned(inputType.getShape());
  if (!inputType.isDynamicDim(0) && pinned[0] != batch) {
    return reportError("the model's batch dimension is fixed at " +
                       Twine(pinned[0]) + "; pass --batch=" + Twine(pinned[0]) +
                       " or export it with a dynamic batch");
  }
  pinned[0] = batch;
  if (llvm::any_of(pinned, ShapedType::isDynamic)) {
    return reportError("the model input " + inputDesc +
                       " has dynamic extents besides the batch");
  }
  auto pinnedType = RankedTensorType::get(pinned, inputType.getElementType());
  forward.getArgument(0).setType(pinnedType);
  forward.setType(FunctionType::get(&context, {pinnedType},
                                    forward.getFunctionType().getResults()));
  {
    FirstError diagnostics(&context);
    PassManager pm(&context);
    pm.addNestedPass<func::FuncOp>(nn::createInferShapesPass());
    if (failed(pm.run(module))) {
      return reportError(diagnostics.message);
    }
  }
  auto outputType =
      dyn_cast<RankedTensorType>(forward.getFunctionType().getResult(0));
  if (!outputType || !outputType.hasStaticShape() ||
      !outputType.getElementType().isF32()) {
    return reportError("the model's first output must be a static float32 "
                       "tensor after pinning the batch");
  }
  LossSpec spec{*loss, 0, product(outputType.getShape()) / batch};
  if (*loss == nn::TrainLoss::CrossEntropy) {
    if (outputType.getRank() != 2) {
      return reportError("cross_entropy needs an output of shape [N, C], got " +
                         typeString(outputType));
    }
    spec.classes = outputType.getDimSize(1);
  }
  int64_t inputSize = product(pinned) / batch;
  for (Split *s : {&dataset.train, &dataset.test}) {
    if ((s == &dataset.train || dataset.hasTest) &&
        !checkSplit(*s, spec, inputSize, inputDesc, error)) {
      return reportError(error);
    }
  }
  if (dataset.train.count < batch) {
    return reportError("--batch=" + Twine(batch) + " is larger than the " +
                       Twine(dataset.train.count) + " training samples");
  }
  const Split &testSplit = dataset.hasTest ? dataset.test : dataset.train;

  // Build and compile the training step and the evaluation function.
  nn::TrainStepOptions options;
  options.loss = *loss;
  options.optimizer = optimizer;
  options.lr = learningRate;
  options.momentum = momentum;
  options.nesterov = nesterov;
  options.weightDecay = weightDecay;
  options.params = trainableInitializers(original);
  // Batch normalizations train with batch statistics; ONNX's momentum
  // (default 0.9) blends them into the running ones.
  for (const auto &node : original.graph().node()) {
    if (node.op_type() == "BatchNormalization" && node.input_size() >= 5) {
      double momentum = 0.9;
      for (const auto &attr : node.attribute()) {
        if (attr.name() == "momentum") {
          momentum = attr.f();
        }
      }
      options.batchNormMomenta[node.input(3)] = momentum;
    }
  }
  if (options.params.empty()) {
    return reportError(modelFile + ": no float initializers to train");
  }
  FailureOr<nn::TrainStepInfo> info;
  {
    FirstError diagnostics(&context);
    info = nn::buildTrainStep(forward, options);
    if (failed(info)) {
      return reportError(diagnostics.message);
    }
  }
  size_t numParams = info->paramNames.size();
  std::vector<std::vector<float>> params(numParams);
  for (size_t i = 0; i < numParams; ++i) {
    auto c = cast<nn::ConstantOp>(info->paramConstants[i]);
    if (!readConstant(c.getValue(), params[i])) {
      return reportError("parameter '" + info->paramNames[i] +
                         "' is not a float32 tensor");
    }
  }
  // On Vulkan the step's parameters, optimizer state and running statistics
  // stay on the device: each new value is fed back into its argument there.
  size_t numStats = info->statConstants.size();
  size_t numState = numParams * info->statePerParam;
  bool resident = target == "vulkan";
  std::vector<std::pair<unsigned, unsigned>> feedback;
  {
    unsigned out = 1 + forward.getNumResults(), in = 0;
    for (size_t i = 0; i < numParams + numState; ++i) {
      feedback.push_back({out++, in++});
    }
    in += info->takesStep ? 1 : 0;
    for (size_t i = 0; i < numStats; ++i) {
      feedback.push_back({out++, in++});
    }
  }
  auto compile = [&](func::FuncOp f, nn::Feedback fed)
      -> FailureOr<std::unique_ptr<nn::CompiledFunction>> {
    OwningOpRef<ModuleOp> m = extractFunction(module, f.getSymName());
    SmallVector<RankedTensorType> types;
    for (Type t : f.getArgumentTypes()) {
      types.push_back(cast<RankedTensorType>(t));
    }
    if (target == "vulkan") {
      return nn::compileForVulkanDevice(*m, types, device, fed, error);
    }
    return nn::compileForCpu(*m, types, error);
  };
  auto stepExe = compile(info->step, feedback);
  if (failed(stepExe)) {
    return reportError("compiling the training step: " + error);
  }
  auto evalExe = compile(info->eval, {});
  if (failed(evalExe)) {
    return reportError("compiling the evaluation function: " + error);
  }

  // Host state: parameters and optimizer state, two sets swapped per step.
  // Running statistics of the batch normalizations, fed back like params.
  std::vector<std::vector<float>> bnStats(numStats), nextStats(numStats);
  for (size_t i = 0; i < numStats; ++i) {
    auto c = cast<nn::ConstantOp>(info->statConstants[i]);
    if (!readConstant(c.getValue(), bnStats[i])) {
      return reportError("running statistic '" + info->statNames[i] +
                         "' is not a float32 tensor");
    }
    nextStats[i].resize(bnStats[i].size());
  }
  std::vector<std::vector<float>> state(numState), nextParams(numParams),
      nextState(numState);
  for (size_t i = 0; i < numState; ++i) {
    state[i].assign(params[i % numParams].size(), 0.0f);
    nextState[i] = state[i];
  }
  for (size_t i = 0; i < numParams; ++i) {
    nextParams[i].resize(params[i].size());
  }
  if (resident) {
    // The device's state starts as the host's: unsigned index i of the
    // step's arguments is params, state, then (after `step`) statistics.
    for (auto [k, pair] : llvm::enumerate(feedback)) {
      const std::vector<float> &v = k < numParams ? params[k]
                                    : k < numParams + numState
                                        ? state[k - numParams]
                                        : bnStats[k - numParams - numState];
      if (failed((*stepExe)->writeInput(pair.second, v.data(), error))) {
        return reportError("uploading the training state: " + error);
      }
    }
  }
  ArrayRef<RankedTensorType> stepResults = (*stepExe)->getResultTypes();
  size_t numOutputs = stepResults.size() - 1 - numParams - numState - numStats;
  std::vector<std::vector<float>> outputs(numOutputs);
  for (size_t i = 0; i < numOutputs; ++i) {
    outputs[i].resize(product(stepResults[1 + i].getShape()));
  }
  ArrayRef<RankedTensorType> evalResults = (*evalExe)->getResultTypes();
  std::vector<std::vector<float>> evalOutputs(evalResults.size());
  for (size_t i = 0; i < evalResults.size(); ++i) {
    evalOutputs[i].resize(product(evalResults[i].getShape()));
  }
  std::vector<float> batchX(batch * inputSize), batchTargets;
  std::vector<int64_t> batchLabels;
  float lossValue = 0, stepCount = 0;

  std::mt19937_64 rng(seed);
  std::vector<int64_t> order(dataset.train.count);
  std::iota(order.begin(), order.end(), 0);
  int64_t stepsPerEpoch = dataset.train.count / batch;
  std::vector<double> stepLosses;
  std::vector<EpochStats> history;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    auto start = std::chrono::steady_clock::now();
    if (!noShuffle) {
      std::shuffle(order.begin(), order.end(), rng);
    }
    ProgressBar bar(epoch, epochs, stepsPerEpoch * batch);
    double lossSum = 0;
    for (int64_t s = 0; s < stepsPerEpoch; ++s) {
      fillBatch(spec, dataset.train, &order[s * batch], batch, batch, batchX,
                batchLabels, batchTargets);
      stepCount += 1;
      SmallVector<const void *> in;
      SmallVector<void *> out = {&lossValue};
      for (auto &p : params) {
        in.push_back(p.data());
      }
      for (auto &st : state) {
        in.push_back(st.data());
      }
      if (info->takesStep) {
        in.push_back(&stepCount);
      }
      for (auto &st : bnStats) {
        in.push_back(st.data());
      }
      in.push_back(batchX.data());
      in.push_back(*loss == nn::TrainLoss::CrossEntropy
                       ? (const void *)batchLabels.data()
                       : (const void *)batchTargets.data());
      for (auto &o : outputs) {
        out.push_back(o.data());
      }
      for (auto &p : nextParams) {
        out.push_back(p.data());
      }
      for (auto &st : nextState) {
        out.push_back(st.data());
      }
      for (auto &st : nextStats) {
        out.push_back(st.data());
      }
      if (failed((*stepExe)->run(in, out, error))) {
        return reportError("training step " + Twine(s) + ": " + error);
      }
      if (!std::isfinite(lossValue)) {
        return reportError("the loss diverged to " +
                           Twine(std::to_string(lossValue)) + " at epoch " +
                           Twine(epoch) + ", step " + Twine(s) +
                           "; lower --lr");
      }
      if (!resident) {
        std::swap(params, nextParams);
        std::swap(state, nextState);
        std::swap(bnStats, nextStats);
      }
      lossSum += lossValue;
      stepLosses.push_back(lossValue);
      if (logSteps) {
        std::printf("step %zu loss=%.6f\n", stepLosses.size(), lossValue);
      }
      bar.update((s + 1) * batch, lossSum / (s + 1));
    }
    EpochStats stats;
    stats.trainLoss = lossSum / std::max<int64_t>(stepsPerEpoch, 1);
    bar.finish(stats.trainLoss);

    // The parameters and statistics the epoch ended with (for eval, --save).
    for (size_t k = 0; resident && k < numParams + numState + numStats; ++k) {
      if (k >= numParams && k < numParams + numState) {
        continue; // optimizer state stays on the device
      }
      std::vector<float> &v =
          k < numParams ? params[k] : bnStats[k - numParams - numState];
      if (failed((*stepExe)->readInput(feedback[k].second, v.data(), error))) {
        return reportError("reading the trained parameters: " + error);
      }
    }

    // Evaluate on the test split in batches (the last one zero-padded).
    int64_t classes = *loss == nn::TrainLoss::CrossEntropy ? spec.classes : 2;
    nn_confusion confusion;
    nn_confusion_create(classes, &confusion);
    double testSum = 0;
    std::vector<int64_t> rows(batch);
    for (int64_t first = 0; first < testSplit.count; first += batch) {
      int64_t n = std::min<int64_t>(batch, testSplit.count - first);
      std::iota(rows.begin(), rows.begin() + n, first);
      fillBatch(spec, testSplit, rows.data(), n, batch, batchX, batchLabels,
                batchTargets);
      SmallVector<const void *> in;
      for (auto &p : params) {
        in.push_back(p.data());
      }
      for (auto &st : bnStats) {
        in.push_back(st.data());
      }
      in.push_back(batchX.data());
      SmallVector<void *> out;
      for (auto &o : evalOutputs) {
        out.push_back(o.data());
      }
      if (failed((*evalExe)->run(in, out, error))) {
        return reportError("evaluation: " + error);
      }
      testSum += batchLoss(spec, evalOutputs[0].data(), testSplit, rows.data(),
                           n, &confusion);
    }
    stats.testLoss = testSum / testSplit.count;
    stats.classification = *loss != nn::TrainLoss::Mse;
    stats.metrics = nn_confusion_metrics(&confusion);
    stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    printEpoch(epoch, epochs, stats,
               *loss == nn::TrainLoss::CrossEntropy ? &confusion : nullptr);
    nn_confusion_destroy(&confusion);
    history.push_back(stats);
  }

  if (!plot.empty() &&
      !writePlot(plot, stepLosses, stepsPerEpoch, history, error)) {
    return reportError(error);
  }
  if (!save.empty()) {
    std::map<std::string, std::vector<float>> values;
    for (size_t i = 0; i < numParams; ++i) {
      values[info->paramNames[i]] = params[i];
    }
    for (size_t i = 0; i < numStats; ++i) {
      values[info->statNames[i]] = bnStats[i];
    }
    if (!saveTrainedModel(original, values, save, error)) {
      return reportError(error);
    }
  }
  printFinal(history.back());
  return 0;
}
