//===- gan.cpp - a DCGAN-style generator/discriminator pair -----*- C++ -*-===//
//
// Trains a tiny DCGAN on 8x8 "bar" images (one bright horizontal pair of
// rows on a dark background) entirely through nnc: the two networks are
// built with the layer API (frontend/Layers.h), each training step is built
// by passes/TrainStep.h and JIT-compiled (codegen/CpuJit.h), and the host
// alternates the two steps with two Adam optimizers, as DCGAN does:
//
//   D step: bce(D([real; G(z)]), [1; 0])    trains D's parameters
//   G step: bce(D(G(z)), 1)                  trains G's; D's are frozen inputs
//
// G: z[8] -> linear 64 -> relu -> [4, 4, 4] -> conv_transpose 4x4/2 -> sigmoid
// D: x[1, 8, 8] -> conv 3x3/2 -> leaky_relu 0.2 -> linear 1 -> sigmoid
//
// Prints `iter <i> d_loss=<..> g_loss=<..> fake_mean=<..>` and, last,
// `real_mean=<..> fake_rows_first=<..> fake_rows_last=<..>`, where fake_rows is
// the mean |row profile of a fake - nearest real row profile| (how far fakes
// are from showing one bright bar; it falls as G learns).
//
//===----------------------------------------------------------------------===//

#include "codegen/CpuJit.h"
#include "frontend/GraphBuilder.h"
#include "frontend/Layers.h"
#include "ir/NNOps.h"
#include "passes/TrainStep.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <random>

using namespace mlir;

namespace {

constexpr int64_t kLatent = 8, kSide = 8;

using Tensors = std::vector<std::vector<float>>;

/// Name -> values of every named f32 constant of `module`.
std::map<std::string, std::vector<float>> namedConstants(ModuleOp module) {
  std::map<std::string, std::vector<float>> out;
  module.walk([&](nn::ConstantOp op) {
    auto name = dyn_cast<NameLoc>(op.getLoc());
    ElementsAttr attr = op.getValue();
    if (!name || !attr.getElementType().isF32()) {
      return;
    }
    std::vector<float> v(attr.getNumElements());
    if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
      llvm::copy(dense.getValues<float>(), v.begin());
    } else if (auto res = dyn_cast<DenseResourceElementsAttr>(attr)) {
      ArrayRef<char> data = res.getRawHandle().getBlob()->getData();
      std::memcpy(v.data(), data.data(), data.size());
    }
    out[name.getName().str()] = std::move(v);
  });
  return out;
}

/// The discriminator on `x` [N, 1, 8, 8]: the probability that x is real.
Value discriminator(nn::Layers &nn, Value x) {
  nn::ConvOptions down;
  down.stride = {2, 2};
  down.padding = {1, 1};
  Value h = nn.leakyRelu(nn.conv2d("d.conv", x, 1, 4, {3, 3}, down), 0.2);
  return nn.sigmoid(nn.linear("d.fc", nn.flatten(h), 4 * 4 * 4, 1));
}

/// The generator on `z` [N, 8]: images [N, 1, 8, 8] in (0, 1).
Value generator(nn::Layers &nn, Value z, int64_t n) {
  Value h = nn.relu(nn.linear("g.fc", z, kLatent, 4 * 4 * 4));
  h = nn.reshape(h, {n, 4, 4, 4});
  nn::ConvOptions up;
  up.stride = {2, 2};
  up.padding = {1, 1};
  return nn.sigmoid(nn.convTranspose2d("g.deconv", h, 4, 1, {4, 4}, up));
}

/// A compiled function of a module, run on host vectors.
struct Compiled {
  std::unique_ptr<nn::CpuExecutable> exe;
  Tensors results;
  bool run(ArrayRef<const void *> inputs, std::string &error) {
    SmallVector<void *> out;
    for (auto &r : results) {
      out.push_back(r.data());
    }
    return succeeded(exe->run(inputs, out, error));
  }
};

FailureOr<Compiled> compile(ModuleOp module, func::FuncOp f,
                            std::string &error) {
  OwningOpRef<ModuleOp> copy = module.clone();
  for (auto g : llvm::make_early_inc_range(copy->getOps<func::FuncOp>())) {
    if (g.getSymName() != f.getSymName()) {
      g.erase();
    }
  }
  copy->lookupSymbol<func::FuncOp>(f.getSymName()).setSymName("main");
  SmallVector<RankedTensorType> types;
  for (Type t : f.getArgumentTypes()) {
    types.push_back(cast<RankedTensorType>(t));
  }
  auto exe = nn::CpuExecutable::compile(*copy, types, {}, error);
  if (failed(exe)) {
    return failure();
  }
  Compiled c{std::move(*exe), {}};
  for (RankedTensorType t : c.exe->getResultTypes()) {
    c.results.emplace_back(t.getNumElements());
  }
  return c;
}

/// One real image: rows 2k, 2k+1 bright (k random), the rest dark.
void realImage(std::mt19937 &rng, float *out) {
  int k = std::uniform_int_distribution<int>(0, kSide / 2 - 1)(rng);
  std::uniform_real_distribution<float> noise(0.0f, 0.1f);
  for (int r = 0; r < kSide; ++r) {
    for (int c = 0; c < kSide; ++c) {
      out[r * kSide + c] = (r / 2 == k ? 0.9f : 0.0f) + noise(rng);
    }
  }
}

/// Mean distance of each fake's row profile to the nearest real profile.
double rowDistance(const float *fakes, int64_t n) {
  double total = 0;
  for (int64_t i = 0; i < n; ++i) {
    double rows[kSide];
    for (int r = 0; r < kSide; ++r) {
      rows[r] = 0;
      for (int c = 0; c < kSide; ++c) {
        rows[r] += fakes[i * kSide * kSide + r * kSide + c] / kSide;
      }
    }
    double best = INFINITY;
    for (int k = 0; k < kSide / 2; ++k) {
      double d = 0;
      for (int r = 0; r < kSide; ++r) {
        d += std::fabs(rows[r] - (r / 2 == k ? 0.95 : 0.05));
      }
      best = std::min(best, d / kSide);
    }
    total += best;
  }
  return total / n;
}

int fail(const std::string &message) {
  llvm::errs() << "error: " << message << "\n";
  return 1;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::cl::opt<int> iterations("iterations", llvm::cl::init(200));
  llvm::cl::opt<int> batch("batch", llvm::cl::init(16));
  llvm::cl::opt<double> lr("lr", llvm::cl::init(0.01));
  llvm::cl::opt<unsigned> seed("seed", llvm::cl::init(0));
  llvm::cl::opt<int> every("print-every", llvm::cl::init(10));
  llvm::cl::ParseCommandLineOptions(argc, argv, "nnc example: a tiny GAN\n");
  int64_t n = batch;

  DialectRegistry registry;
  registerAllDialects(registry);
  registry.insert<nn::NNDialect>();
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  std::string error;
  std::string diagnostic;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    if (diagnostic.empty()) {
      llvm::raw_string_ostream os(diagnostic);
      os << d.getLocation() << ": " << d;
    }
    return success();
  });

  // D alone on a batch of 2n (n real, n fake).
  nn::GraphBuilder dBuilder(context, "disc");
  nn::Layers dLayers(dBuilder, seed);
  Value x = dBuilder.input("x", {2 * n, 1, kSide, kSide});
  FailureOr<OwningOpRef<ModuleOp>> dModule =
      dBuilder.finish({discriminator(dLayers, x)});
  if (failed(dModule)) {
    return fail(dBuilder.error().str());
  }
  std::map<std::string, std::vector<float>> dInit = namedConstants(**dModule);

  // D(G(z)) with D's initial weights; also returns G(z).
  nn::GraphBuilder gBuilder(context, "gan");
  nn::Layers gLayers(gBuilder, seed + 1);
  for (auto &[name, values] : dInit) {
    gLayers.setParameter(name, values);
  }
  Value z = gBuilder.input("z", {n, kLatent});
  Value fake = generator(gLayers, z, n);
  FailureOr<OwningOpRef<ModuleOp>> gModule =
      gBuilder.finish({discriminator(gLayers, fake), fake});
  if (failed(gModule)) {
    return fail(gBuilder.error().str());
  }

  // Two training steps, two Adam optimizers (DCGAN's beta1 = 0.5).
  nn::TrainStepOptions dOptions;
  dOptions.loss = nn::TrainLoss::Bce;
  dOptions.optimizer = "adam";
  dOptions.lr = lr;
  dOptions.beta1 = 0.5;
  nn::TrainStepOptions gOptions = dOptions;
  for (auto &[name, values] : dInit) {
    gOptions.frozen.push_back(name);
  }
  for (auto &[name, values] : namedConstants(**gModule)) {
    if (!dInit.count(name)) {
      gOptions.params.push_back(name);
    }
  }
  auto dInfo = nn::buildTrainStep(
      (*dModule)->lookupSymbol<func::FuncOp>("disc"), dOptions);
  auto gInfo = nn::buildTrainStep((*gModule)->lookupSymbol<func::FuncOp>("gan"),
                                  gOptions);
  if (failed(dInfo) || failed(gInfo)) {
    return fail(diagnostic);
  }
  auto dStep = compile(**dModule, dInfo->step, error);
  auto gStep = compile(**gModule, gInfo->step, error);
  auto gEval = succeeded(gStep) ? compile(**gModule, gInfo->eval, error)
                                : FailureOr<Compiled>(failure());
  if (failed(dStep) || failed(gStep) || failed(gEval)) {
    return fail(error.empty() ? diagnostic : error);
  }

  // Host state: parameters by name, Adam moments, step counters.
  std::map<std::string, std::vector<float>> values = namedConstants(**gModule);
  auto stateFor = [&](ArrayRef<std::string> names) {
    Tensors s;
    for (int k = 0; k < 2; ++k) {
      for (const std::string &name : names) {
        s.emplace_back(values[name].size(), 0.0f);
      }
    }
    return s;
  };
  Tensors dState = stateFor(dInfo->paramNames);
  Tensors gState = stateFor(gInfo->paramNames);
  float dCount = 0, gCount = 0;

  std::mt19937 rng(seed);
  std::normal_distribution<float> normal;
  std::vector<float> zs(n * kLatent), images(2 * n * kSide * kSide),
      dTargets(2 * n), gTargets(n, 1.0f);
  std::fill(dTargets.begin(), dTargets.begin() + n, 1.0f);
  int64_t pixels = kSide * kSide;
  double realMean = 0, firstRows = 0, lastRows = 0;
  for (int it = 1; it <= iterations; ++it) {
    // Fakes from the current G.
    for (float &v : zs) {
      v = normal(rng);
    }
    SmallVector<const void *> in;
    for (const std::string &name : gInfo->paramNames) {
      in.push_back(values[name].data());
    }
    for (const std::string &name : gInfo->frozenNames) {
      in.push_back(values[name].data());
    }
    in.push_back(zs.data());
    if (!gEval->run(in, error)) {
      return fail(error);
    }
    const std::vector<float> &fakes = gEval->results[1];
    double fakeMean = 0;
    for (float v : fakes) {
      fakeMean += v / fakes.size();
    }
    double rows = rowDistance(fakes.data(), n);
    if (it == 1) {
      firstRows = rows;
    }
    lastRows = rows;
    for (int64_t i = 0; i < n; ++i) {
      realImage(rng, &images[i * pixels]);
    }
    std::copy(fakes.begin(), fakes.end(), images.begin() + n * pixels);
    if (it == 1) {
      for (int64_t i = 0; i < n * pixels; ++i) {
        realMean += images[i] / (n * pixels);
      }
    }

    // D step on [real; fake].
    auto step = [&](Compiled &c, const nn::TrainStepInfo &info, Tensors &state,
                    float &count, const void *input, const void *target,
                    float &loss) {
      count += 1;
      SmallVector<const void *> args;
      for (const std::string &name : info.paramNames) {
        args.push_back(values[name].data());
      }
      for (auto &s : state) {
        args.push_back(s.data());
      }
      args.push_back(&count);
      for (const std::string &name : info.frozenNames) {
        args.push_back(values[name].data());
      }
      args.push_back(input);
      args.push_back(target);
      if (!c.run(args, error)) {
        return false;
      }
      // Results: loss, outputs..., new params..., new state...
      size_t p = info.paramNames.size();
      size_t first = c.results.size() - p - state.size();
      loss = c.results[0][0];
      for (size_t i = 0; i < p; ++i) {
        values[info.paramNames[i]] = c.results[first + i];
      }
      for (size_t i = 0; i < state.size(); ++i) {
        state[i] = c.results[first + p + i];
      }
      return true;
    };
    float dLoss = 0, gLoss = 0;
    if (!step(*dStep, *dInfo, dState, dCount, images.data(), dTargets.data(),
              dLoss) ||
        !step(*gStep, *gInfo, gState, gCount, zs.data(), gTargets.data(),
              gLoss)) {
      return fail(error);
    }
    if (it == 1 || it % every == 0 || it == iterations) {
      std::printf("iter %d d_loss=%.4f g_loss=%.4f fake_mean=%.4f\n", it, dLoss,
                  gLoss, fakeMean);
    }
  }
  std::printf("real_mean=%.4f fake_rows_first=%.4f fake_rows_last=%.4f\n",
              realMean, firstRows, lastRows);
  return 0;
}
