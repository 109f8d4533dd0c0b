//===- nn-gradcheck.cpp - autodiff vs central finite differences ---------===//
//
// For every public function of each input file: builds its backward
// function with nnc's autodiff (passes/Autodiff.h), JIT-compiles forward and
// backward for the CPU, and compares the gradient of the scalar
//   L(x) = sum_r <seed_r, f_r(x)>        (random seeds, fixed RNG seed)
// with respect to each differentiated argument against central finite
// differences (L(x + h e) - L(x - h e)) / 2h, accumulated in double
// precision. Functions on f64 give a tight check (h = 1e-5); f32 is looser.
//
// Per function, optional attributes steer it:
//   gc.wrt = array<i64: ...>   arguments to differentiate (default: floats)
//   gc.tol = <f64>             max of |ad - fd| / max(1, |fd|) (default 1e-6
//                              for f64 arguments, 2e-2 otherwise)
// and per argument: gc.lo / gc.hi (f64) the range of the random values
// (floats uniform in [lo, hi), default [-1, 1); integers in [lo, hi),
// default [0, 2)).
//
// `--coverage=REF.mlir` runs nothing: it counts the differentiable nn ops
// (a float operand and a float result; not the `*_grad` kernels) in REF and
// reports how many of them the input files exercise, and how many have a
// gradient rule.
//
//===----------------------------------------------------------------------===//

#include "codegen/CpuJit.h"
#include "ir/NNOps.h"
#include "passes/Autodiff.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstring>
#include <random>

using namespace mlir;

namespace {

/// Host values of one tensor, as doubles.
struct HostTensor {
  RankedTensorType type;
  std::vector<double> values;
  std::vector<char> bytes;

  size_t elementBytes() const {
    return std::max<size_t>(1, (type.getElementTypeBitWidth() + 7) / 8);
  }
  /// Writes `values` into `bytes` in the element type.
  void pack() {
    bytes.assign(values.size() * elementBytes(), 0);
    Type e = type.getElementType();
    for (size_t i = 0; i < values.size(); ++i) {
      char *p = bytes.data() + i * elementBytes();
      double v = values[i];
      if (e.isF64()) {
        std::memcpy(p, &v, 8);
      } else if (e.isF32()) {
        float f = static_cast<float>(v);
        std::memcpy(p, &f, 4);
      } else if (e.isInteger(64)) {
        int64_t x = static_cast<int64_t>(v);
        std::memcpy(p, &x, 8);
      } else if (e.isInteger(32)) {
        int32_t x = static_cast<int32_t>(v);
        std::memcpy(p, &x, 4);
      } else {
        *p = v != 0;
      }
    }
  }
  /// Reads `bytes` back into `values` (float types only).
  void unpack() {
    Type e = type.getElementType();
    for (size_t i = 0; i < values.size(); ++i) {
      const char *p = bytes.data() + i * elementBytes();
      if (e.isF64()) {
        std::memcpy(&values[i], p, 8);
      } else if (e.isF32()) {
        float f;
        std::memcpy(&f, p, 4);
        values[i] = f;
      } else {
        values[i] = 0;
      }
    }
  }
  static HostTensor zeros(RankedTensorType type) {
    HostTensor t{type, std::vector<double>(type.getNumElements(), 0.0), {}};
    t.pack();
    return t;
  }
};

/// A module holding `f` alone as @main, compiled for the CPU.
struct Compiled {
  OwningOpRef<ModuleOp> module;
  std::unique_ptr<nn::CpuExecutable> exe;
};

FailureOr<Compiled> compileAsMain(OwningOpRef<ModuleOp> module,
                                  std::string &error) {
  auto main = module->lookupSymbol<func::FuncOp>("main");
  SmallVector<RankedTensorType> types;
  for (Type t : main.getArgumentTypes()) {
    types.push_back(cast<RankedTensorType>(t));
  }
  auto exe = nn::CpuExecutable::compile(*module, types,
                                        nn::CpuPipelineOptions(), error);
  if (failed(exe)) {
    return failure();
  }
  return Compiled{std::move(module), std::move(*exe)};
}

LogicalResult run(Compiled &c, std::vector<HostTensor> &inputs,
                  std::vector<HostTensor> &outputs, std::string &error) {
  SmallVector<const void *> in;
  for (HostTensor &t : inputs) {
    // Fresh bytes every run: compiled code has been seen to write into an
    // input buffer (the recurrent lowering's initial_h), which would
    // corrupt the next evaluation.
    t.pack();
    in.push_back(t.bytes.data());
  }
  outputs.clear();
  SmallVector<void *> out;
  for (RankedTensorType type : c.exe->getResultTypes()) {
    outputs.push_back(HostTensor::zeros(type));
  }
  for (HostTensor &t : outputs) {
    out.push_back(t.bytes.data());
  }
  if (failed(c.exe->run(in, out, error))) {
    return failure();
  }
  for (HostTensor &t : outputs) {
    t.unpack();
  }
  return success();
}

double attrOr(func::FuncOp f, unsigned arg, StringRef name, double fallback) {
  if (auto a = f.getArgAttrOfType<FloatAttr>(arg, name)) {
    return a.getValueAsDouble();
  }
  return fallback;
}

bool isFloat(Type t) {
  return isa<FloatType>(cast<RankedTensorType>(t).getElementType());
}

/// Checks one function; prints one line; returns false on a mismatch.
bool checkFunction(func::FuncOp f, StringRef file, std::mt19937_64 &rng,
                   std::string &error) {
  MLIRContext *ctx = f.getContext();
  std::string name = f.getSymName().str();
  SmallVector<unsigned> wrt;
  if (auto list = f->getAttrOfType<DenseI64ArrayAttr>("gc.wrt")) {
    for (int64_t i : list.asArrayRef()) {
      wrt.push_back(static_cast<unsigned>(i));
    }
  } else {
    for (auto [i, t] : llvm::enumerate(f.getArgumentTypes())) {
      if (isFloat(t)) {
        wrt.push_back(i);
      }
    }
  }
  bool f64 = llvm::all_of(wrt, [&](unsigned i) {
    return cast<RankedTensorType>(f.getArgumentTypes()[i])
        .getElementType()
        .isF64();
  });
  double tol = 1e-6, h = 1e-5;
  if (!f64) {
    tol = 2e-2;
    h = 1e-2;
  }
  if (auto t = f->getAttrOfType<FloatAttr>("gc.tol")) {
    tol = t.getValueAsDouble();
  }

  // Forward: @main alone. Backward: built beside a copy, then alone.
  auto cloneAs = [&](StringRef as) {
    OwningOpRef<ModuleOp> m = ModuleOp::create(f.getLoc());
    OpBuilder b(ctx);
    b.setInsertionPointToEnd(m->getBody());
    auto copy = cast<func::FuncOp>(b.clone(*f));
    copy.setSymName(as);
    return m;
  };
  FailureOr<Compiled> forward = compileAsMain(cloneAs("main"), error);
  if (failed(forward)) {
    return false;
  }
  OwningOpRef<ModuleOp> bm = cloneAs("forward");
  nn::BackwardOptions options;
  options.name = "main";
  options.returnResults = false;
  if (failed(nn::buildBackward(bm->lookupSymbol<func::FuncOp>("forward"), wrt,
                               options))) {
    error = "@" + name + ": could not build the backward function";
    return false;
  }
  bm->lookupSymbol<func::FuncOp>("forward").erase();
  FailureOr<Compiled> backward = compileAsMain(std::move(bm), error);
  if (failed(backward)) {
    return false;
  }

  // Random inputs and seeds.
  std::vector<HostTensor> inputs;
  for (auto [i, t] : llvm::enumerate(f.getArgumentTypes())) {
    auto type = cast<RankedTensorType>(t);
    bool fl = isFloat(type);
    double lo = attrOr(f, i, "gc.lo", fl ? -1.0 : 0.0);
    double hi = attrOr(f, i, "gc.hi", fl ? 1.0 : 2.0);
    HostTensor x{type, std::vector<double>(type.getNumElements()), {}};
    for (double &v : x.values) {
      double u = std::uniform_real_distribution<double>(lo, hi)(rng);
      v = fl ? u : std::floor(u);
    }
    x.pack();
    inputs.push_back(std::move(x));
  }
  std::vector<HostTensor> seeds;
  for (Type t : f.getResultTypes()) {
    auto type = cast<RankedTensorType>(t);
    HostTensor s = HostTensor::zeros(type);
    if (isFloat(type)) {
      for (double &v : s.values) {
        v = std::uniform_real_distribution<double>(-1.0, 1.0)(rng);
      }
    }
    s.pack();
    seeds.push_back(std::move(s));
  }

  std::vector<HostTensor> bwdInputs = inputs, grads, outs;
  bwdInputs.insert(bwdInputs.end(), seeds.begin(), seeds.end());
  if (failed(run(*backward, bwdInputs, grads, error))) {
    return false;
  }
  auto loss = [&](std::vector<HostTensor> &x, double &l) {
    if (failed(run(*forward, x, outs, error))) {
      return false;
    }
    l = 0;
    for (auto [o, s] : llvm::zip(outs, seeds)) {
      for (size_t k = 0; k < o.values.size(); ++k) {
        l += o.values[k] * s.values[k];
      }
    }
    return true;
  };

  double worst = 0;
  size_t elements = 0;
  for (auto [gi, arg] : llvm::enumerate(wrt)) {
    HostTensor &x = inputs[arg];
    for (size_t k = 0; k < x.values.size(); ++k, ++elements) {
      double saved = x.values[k], plus, minus;
      x.values[k] = saved + h;
      x.pack();
      if (!loss(inputs, plus)) {
        return false;
      }
      x.values[k] = saved - h;
      x.pack();
      if (!loss(inputs, minus)) {
        return false;
      }
      x.values[k] = saved;
      x.pack();
      double fd = (plus - minus) / (2 * h), ad = grads[gi].values[k];
      double err = std::fabs(ad - fd) / std::max(1.0, std::fabs(fd));
      if (!(err <= tol)) {
        llvm::errs() << "error: " << file << ": @" << name
                     << ": gradient of argument #" << arg << ", element " << k
                     << ": autodiff " << ad << ", finite difference " << fd
                     << " (error " << err << " > tolerance " << tol << ")\n";
        return false;
      }
      worst = std::max(worst, err);
    }
  }
  llvm::outs() << "ok @" << name << ": " << wrt.size() << " argument"
               << (wrt.size() == 1 ? "" : "s") << ", " << elements
               << " elements, max error " << llvm::format("%.1e", worst)
               << "\n";
  return true;
}

bool differentiable(Operation *op) {
  auto isFloatTensor = [](Value v) {
    auto t = dyn_cast<RankedTensorType>(v.getType());
    return t && isa<FloatType>(t.getElementType());
  };
  return llvm::any_of(op->getOperands(), isFloatTensor) &&
         llvm::any_of(op->getResults(), isFloatTensor);
}

int coverage(MLIRContext &ctx, StringRef reference,
             std::vector<OwningOpRef<ModuleOp>> &modules) {
  OwningOpRef<ModuleOp> ref = parseSourceFile<ModuleOp>(reference, &ctx);
  if (!ref) {
    llvm::errs() << "error: " << reference << ": cannot parse\n";
    return 1;
  }
  llvm::StringSet<> all, checked;
  // Backward kernels (`*_grad`, NNGradientOps.td) are not counted:
  // second-order derivatives are out of scope. Nor are optimizer updates
  // (`*_update`, NNOptimizerOps.td), which run after the backward pass.
  ref->walk([&](Operation *op) {
    StringRef name = op->getName().getStringRef();
    if (isa<nn::NNDialect>(op->getDialect()) && differentiable(op) &&
        !name.ends_with("_grad") && !name.ends_with("_update")) {
      all.insert(op->getName().getStringRef());
    }
  });
  for (OwningOpRef<ModuleOp> &m : modules) {
    m->walk([&](Operation *op) {
      if (all.contains(op->getName().getStringRef())) {
        checked.insert(op->getName().getStringRef());
      }
    });
  }
  SmallVector<StringRef> names;
  for (auto &e : all) {
    names.push_back(e.getKey());
  }
  llvm::sort(names);
  unsigned withRule = 0;
  std::string unchecked, noRule;
  for (StringRef n : names) {
    auto info = RegisteredOperationName::lookup(n, &ctx);
    if (info && info->hasInterface<nn::GradientOpInterface>()) {
      ++withRule;
    } else {
      noRule += " " + n.str();
    }
    if (!checked.contains(n)) {
      unchecked += " " + n.str();
    }
  }
  llvm::outs() << "coverage: " << checked.size() << " of " << names.size()
               << " differentiable ops checked against finite differences, "
               << withRule << " have a gradient rule\n";
  llvm::outs() << "unchecked:" << (unchecked.empty() ? " none" : unchecked)
               << "\n";
  llvm::outs() << "no rule:" << (noRule.empty() ? " none" : noRule) << "\n";
  return 0;
}
} // namespace

int main(int argc, char **argv) {
  std::vector<std::string> files;
  std::string reference;
  uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    StringRef a = argv[i];
    if (a.consume_front("--coverage=")) {
      reference = a.str();
    } else if (a.consume_front("--seed=")) {
      if (a.getAsInteger(10, seed)) {
        llvm::errs() << "error: --seed expects an integer\n";
        return 1;
      }
    } else if (a.starts_with("-")) {
      llvm::errs() << "error: unknown option " << a
                   << "\nusage: nn-gradcheck FILE.mlir... [--seed=N] "
                      "[--coverage=REF.mlir]\n";
      return 1;
    } else {
      files.push_back(a.str());
    }
  }
  if (files.empty()) {
    llvm::errs() << "usage: nn-gradcheck FILE.mlir... [--seed=N] "
                    "[--coverage=REF.mlir]\n";
    return 1;
  }
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registry.insert<nn::NNDialect>();
  MLIRContext ctx(registry);
  ctx.loadDialect<nn::NNDialect, func::FuncDialect>();

  std::vector<OwningOpRef<ModuleOp>> modules;
  for (const std::string &file : files) {
    modules.push_back(parseSourceFile<ModuleOp>(file, &ctx));
    if (!modules.back()) {
      llvm::errs() << "error: " << file << ": cannot parse\n";
      return 1;
    }
  }
  if (!reference.empty()) {
    return coverage(ctx, reference, modules);
  }
  int failures = 0, passes = 0;
  std::mt19937_64 rng(seed);
  for (auto [file, module] : llvm::zip(files, modules)) {
    for (auto f : module->getOps<func::FuncOp>()) {
      if (f.isPrivate() || f.isExternal()) {
        continue;
      }
      std::string error;
      if (checkFunction(f, file, rng, error)) {
        ++passes;
        continue;
      }
      ++failures;
      if (!error.empty()) {
        llvm::errs() << "error: " << file << ": @" << f.getSymName() << ": "
                     << error << "\n";
      }
    }
  }
  llvm::outs() << passes << " passed, " << failures << " failed\n";
  return failures ? 1 : 0;
}
