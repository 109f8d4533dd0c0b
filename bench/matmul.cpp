//===- matmul.cpp - f32 matmul: nnc vs oneDNN vs OpenBLAS -----------------===//
//
// `nn-bench-matmul [--sizes=MxNxK,...] [--reps=N] [--rounds=R]
// [--clock=wall|cpu]`: for each
// size, JIT-compiles an `nn.matmul` through the real CPU pipeline, checks its
// result against oneDNN's, then times the three libraries interleaved
// (nnc, oneDNN dnnl_sgemm, OpenBLAS cblas_sgemm: one round runs each once,
// R rounds), and prints GFLOP/s medians, the spread (min..max) and the ratio
// to the best peer. Single-threaded unless the environment says otherwise
// (DNNL/OpenBLAS read OMP_NUM_THREADS / OPENBLAS_NUM_THREADS).
// Run it through bench/matmul.sh, which pins the environment.
//
//===----------------------------------------------------------------------===//

#include "codegen/CpuJit.h"
#include "ir/NNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <cblas.h>
#include <dnnl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>
#include <vector>

using namespace mlir;

namespace {

struct Size {
  int64_t m, n, k;
};

/// Wall time, or with --clock=cpu this thread's CPU time: on a shared,
/// oversubscribed machine the CPU clock does not count the time the thread
/// waited for a core (valid for single-threaded runs only).
bool useCpuClock = false;

double nowMs() {
  if (useCpuClock) {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
  }
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct Stats {
  double median, lo, hi;
};

Stats summarize(std::vector<double> gflops) {
  std::sort(gflops.begin(), gflops.end());
  return {gflops[gflops.size() / 2], gflops.front(), gflops.back()};
}

std::string matmulModule(const Size &s) {
  std::string a =
      "tensor<" + std::to_string(s.m) + "x" + std::to_string(s.k) + "xf32>";
  std::string b =
      "tensor<" + std::to_string(s.k) + "x" + std::to_string(s.n) + "xf32>";
  std::string c =
      "tensor<" + std::to_string(s.m) + "x" + std::to_string(s.n) + "xf32>";
  return "func.func @main(%a: " + a + ", %b: " + b + ") -> " + c +
         " {\n  %c = nn.matmul %a, %b : (" + a + ", " + b + ") -> " + c +
         "\n  return %c : " + c + "\n}\n";
}

int benchOne(MLIRContext &context, const Size &s, int reps, int rounds) {
  std::vector<float> a(s.m * s.k), b(s.k * s.n), ours(s.m * s.n),
      ref(s.m * s.n);
  std::mt19937 rng(42);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  for (float &x : a) {
    x = dist(rng);
  }
  for (float &x : b) {
    x = dist(rng);
  }

  OwningOpRef<ModuleOp> module =
      parseSourceString<ModuleOp>(matmulModule(s), &context);
  if (!module) {
    llvm::errs() << "error: cannot parse the benchmark module\n";
    return 1;
  }
  std::string error;
  SmallVector<RankedTensorType> inputTypes = {
      RankedTensorType::get({s.m, s.k}, Float32Type::get(&context)),
      RankedTensorType::get({s.k, s.n}, Float32Type::get(&context))};
  double t0 = nowMs();
  auto exe = nn::CpuExecutable::compile(*module, inputTypes,
                                        nn::CpuPipelineOptions(), error);
  double compileMs = nowMs() - t0;
  if (failed(exe)) {
    llvm::errs() << "error: " << error << "\n";
    return 1;
  }
  auto runOurs = [&] {
    if (failed((*exe)->run({a.data(), b.data()}, {ours.data()}, error))) {
      llvm::errs() << "error: " << error << "\n";
      std::exit(1);
    }
  };
  auto runDnnl = [&] {
    dnnl_sgemm('N', 'N', s.m, s.n, s.k, 1.0f, a.data(), s.k, b.data(), s.n,
               0.0f, ref.data(), s.n);
  };
  auto runBlas = [&] {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, s.m, s.n, s.k, 1.0f,
                a.data(), s.k, b.data(), s.n, 0.0f, ref.data(), s.n);
  };

  // Correctness first: ours against oneDNN (tolerance scaled by K).
  runOurs();
  runDnnl();
  double maxErr = 0;
  for (size_t i = 0; i < ours.size(); ++i) {
    maxErr = std::max(maxErr, (double)std::fabs(ours[i] - ref[i]));
  }
  if (maxErr > 1e-5 * s.k) {
    llvm::errs() << "error: " << s.m << "x" << s.n << "x" << s.k
                 << ": nnc differs from oneDNN by " << maxErr << "\n";
    return 1;
  }

  double flop = 2.0 * s.m * s.n * s.k;
  std::vector<double> gOurs, gDnnl, gBlas;
  auto time = [&](auto &&fn, std::vector<double> &out) {
    double start = nowMs();
    for (int r = 0; r < reps; ++r) {
      fn();
    }
    out.push_back(flop * reps / ((nowMs() - start) * 1e6));
  };
  runBlas(); // warm-up
  for (int round = 0; round < rounds; ++round) {
    time(runOurs, gOurs);
    time(runDnnl, gDnnl);
    time(runBlas, gBlas);
  }
  Stats o = summarize(gOurs), d = summarize(gDnnl), bl = summarize(gBlas);
  double best = std::max(d.median, bl.median);
  std::printf("%5lldx%5lldx%5lld  %7.1f (%5.1f..%5.1f)  %7.1f (%5.1f..%5.1f)"
              "  %7.1f (%5.1f..%5.1f)  %6.2f  %8.1f\n",
              (long long)s.m, (long long)s.n, (long long)s.k, o.median, o.lo,
              o.hi, d.median, d.lo, d.hi, bl.median, bl.lo, bl.hi,
              o.median / best, compileMs);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  std::vector<Size> sizes = {{256, 256, 256},    {512, 512, 512},
                             {1024, 1024, 1024}, {2048, 2048, 2048},
                             {384, 1000, 768},   {1, 1000, 512}};
  int reps = 0, rounds = 7;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg(argv[i]);
    if (arg.consume_front("--sizes=")) {
      sizes.clear();
      SmallVector<llvm::StringRef> parts;
      arg.split(parts, ',');
      for (llvm::StringRef p : parts) {
        SmallVector<llvm::StringRef> d;
        p.split(d, 'x');
        Size s{};
        if (d.size() != 3 || d[0].getAsInteger(10, s.m) ||
            d[1].getAsInteger(10, s.n) || d[2].getAsInteger(10, s.k) ||
            s.m < 1 || s.n < 1 || s.k < 1) {
          llvm::errs() << "error: --sizes expects MxNxK[,MxNxK...], got '" << p
                       << "'\n";
          return 1;
        }
        sizes.push_back(s);
      }
    } else if (arg.consume_front("--clock=")) {
      if (arg != "cpu" && arg != "wall") {
        llvm::errs() << "error: --clock expects cpu or wall\n";
        return 1;
      }
      useCpuClock = arg == "cpu";
    } else if (arg.consume_front("--reps=")) {
      if (arg.getAsInteger(10, reps) || reps < 1) {
        llvm::errs() << "error: --reps expects a positive integer\n";
        return 1;
      }
    } else if (arg.consume_front("--rounds=")) {
      if (arg.getAsInteger(10, rounds) || rounds < 1) {
        llvm::errs() << "error: --rounds expects a positive integer\n";
        return 1;
      }
    } else {
      llvm::errs() << "error: unknown argument '" << arg
                   << "'; usage: nn-bench-matmul [--sizes=MxNxK,...] "
                      "[--reps=N] [--rounds=R]\n";
      return 1;
    }
  }

  MLIRContext context;
  context.loadDialect<nn::NNDialect, func::FuncDialect>();
  std::printf("GFLOP/s, median (min..max) of %d interleaved rounds, %s clock\n",
              rounds, useCpuClock ? "thread CPU" : "wall");
  std::printf("%-19s  %-21s  %-21s  %-21s  %6s  %8s\n", "MxNxK", "nnc",
              "oneDNN", "OpenBLAS", "ratio", "compile");
  for (const Size &s : sizes) {
    // Aim for ~50 ms per timed batch.
    int r =
        reps ? reps : std::max(1, (int)(5e9 / (2.0 * s.m * s.n * s.k) / 20));
    if (benchOne(context, s, r, rounds)) {
      return 1;
    }
  }
  std::printf("ratio = nnc / best peer (medians); compile = nnc JIT ms\n");
  return 0;
}
