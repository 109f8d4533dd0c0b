//===- CpuJit.cpp - compile and run an nn module on the host CPU -*- C++
//-*-===//
//
// After the CPU pipeline, `_mlir_ciface_main` takes one pointer per argument
// to a ranked memref descriptor {allocated, aligned, offset, sizes[r],
// strides[r]}: inputs first, then the out-parameters for the results. The
// descriptors are built once, at compile time, from the static types; a run
// only patches the data pointers.
//
//===----------------------------------------------------------------------===//

#include "codegen/CpuJit.h"
#include "codegen/FirstError.h"
#include "codegen/JitLinker.h"
#include "codegen/PinShapes.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace mlir;
using namespace mlir::nn;

namespace {
/// Static byte size of `type`, or 0 if dynamic.
int64_t staticBytes(MemRefType type) {
  if (!type.hasStaticShape()) {
    return 0;
  }
  unsigned bits = type.getElementTypeBitWidth();
  return type.getNumElements() * std::max<int64_t>(1, (bits + 7) / 8);
}

/// Counts kernels (structured ops and copies, and a fused group's loop nest
/// -- marked `nn.fused_kernel` by nn-lower-fusion-groups -- as one) and
/// intermediate allocation bytes of a bufferized module.
/// True when `op` or anything nested in it is a structured op or a copy.
bool containsStructuredOps(Operation *op) {
  return op
      ->walk([](Operation *inner) {
        return isa<linalg::LinalgOp, memref::CopyOp>(inner)
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

/// Kernels (loop nests) in `block`: a structured op or copy is one; a
/// parallel loop (a fused group, a thread-tiled micro-kernel) is one; a
/// sequential loop is one when it is itself a kernel's loop nest (no
/// structured ops inside, e.g. a vectorized micro-kernel), else (a
/// recurrent op's time loop) the kernels of its body count.
int64_t countKernels(Block &block) {
  int64_t kernels = 0;
  for (Operation &op : block) {
    if (isa<linalg::LinalgOp, memref::CopyOp, scf::ForallOp, scf::ParallelOp>(
            op) ||
        op.hasAttr("nn.fused_kernel")) {
      ++kernels;
    } else if (isa<LoopLikeOpInterface>(op) || op.getNumRegions() > 0) {
      if (isa<LoopLikeOpInterface>(op) && !containsStructuredOps(&op)) {
        ++kernels;
        continue;
      }
      for (Region &region : op.getRegions()) {
        for (Block &inner : region) {
          kernels += countKernels(inner);
        }
      }
    }
  }
  return kernels;
}

CpuCompileStats collectStats(ModuleOp module) {
  CpuCompileStats stats;
  for (auto fn : module.getOps<func::FuncOp>()) {
    if (!fn.isExternal()) {
      stats.kernels += countKernels(fn.getBody().front());
    }
  }
  module.walk([&](Operation *op) {
    if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
      stats.bufferBytes += staticBytes(alloc.getType());
    } else if (auto alloca = dyn_cast<memref::AllocaOp>(op)) {
      stats.bufferBytes += staticBytes(alloca.getType());
    }
  });
  return stats;
}

/// A ranked memref descriptor as 64-bit words: two pointers, the offset,
/// then `rank` sizes and `rank` row-major strides.
SmallVector<int64_t> makeDescriptor(RankedTensorType type) {
  int64_t rank = type.getRank();
  SmallVector<int64_t> words(3 + 2 * rank, 0);
  int64_t stride = 1;
  for (int64_t i = rank - 1; i >= 0; --i) {
    words[3 + i] = type.getDimSize(i);
    words[3 + rank + i] = stride;
    stride *= type.getDimSize(i);
  }
  return words;
}

/// Compiled code mallocs and frees its intermediate buffers on every run.
/// glibc serves large blocks with mmap and returns them with munmap, so
/// each run page-faults every buffer in again (a fifth of a CNN training
/// step): keep freed blocks in the heap instead, once per process.
void keepFreedBuffersMapped() {
#if defined(__GLIBC__)
  static bool done = [] {
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    return true;
  }();
  (void)done;
#endif
}
} // namespace

CpuExecutable::~CpuExecutable() = default;

FailureOr<std::unique_ptr<CpuExecutable>>
CpuExecutable::compile(ModuleOp module, ArrayRef<RankedTensorType> inputTypes,
                       const CpuPipelineOptions &options, std::string &error,
                       CpuCompileStats *stats) {
  keepFreedBuffersMapped();
  MLIRContext *context = module.getContext();
  // The pipeline relies on external interface models (tiling, bufferization,
  // LLVM translation) whatever context the caller built.
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  context->appendDialectRegistry(registry);
  auto executable = std::unique_ptr<CpuExecutable>(new CpuExecutable());
  executable->inputTypes.assign(inputTypes.begin(), inputTypes.end());
  if (failed(
          pinMainShapes(module, inputTypes, executable->resultTypes, error))) {
    return failure();
  }
  {
    FirstError diagnostics(context);
    // Lower in two halves so the bufferized program can be measured.
    PassManager bufferize(context);
    buildCpuBufferizationPipeline(bufferize, options);
    if (failed(bufferize.run(module))) {
      error = diagnostics.take("the CPU pipeline failed");
      return failure();
    }
    if (stats) {
      *stats = collectStats(module);
    }
    PassManager lower(context);
    buildCpuLLVMLoweringPipeline(lower, options);
    if (failed(lower.run(module))) {
      error = diagnostics.take("lowering to LLVM failed");
      return failure();
    }
  }

  FailureOr<std::unique_ptr<JitProgram>> program = JitProgram::compile(
      module, {"_mlir_ciface_main"}, jitCompileThreads(), error);
  if (failed(program)) {
    error = "JIT compilation failed: " + error;
    return failure();
  }
  executable->program = std::move(*program);
  auto entry = executable->program->lookupPacked("_mlir_ciface_main", error);
  if (failed(entry)) {
    return failure();
  }
  executable->entry = *entry;
  return executable;
}

LogicalResult CpuExecutable::run(ArrayRef<const void *> inputs,
                                 ArrayRef<void *> outputs, std::string &error) {
  if (inputs.size() != inputTypes.size() ||
      outputs.size() != resultTypes.size()) {
    error = "expected " + std::to_string(inputTypes.size()) + " inputs and " +
            std::to_string(resultTypes.size()) + " outputs";
    return failure();
  }
  // One descriptor per argument, pointing at the caller's data.
  SmallVector<SmallVector<int64_t>> descriptors;
  SmallVector<void *> data;
  for (auto [type, pointer] : llvm::zip(inputTypes, inputs)) {
    descriptors.push_back(makeDescriptor(type));
    data.push_back(const_cast<void *>(pointer));
  }
  for (auto [type, pointer] : llvm::zip(resultTypes, outputs)) {
    descriptors.push_back(makeDescriptor(type));
    data.push_back(pointer);
  }
  SmallVector<void *> descriptorPointers, args;
  for (auto [words, pointer] : llvm::zip(descriptors, data)) {
    std::memcpy(&words[0], &pointer, sizeof(void *));
    std::memcpy(&words[1], &pointer, sizeof(void *));
    descriptorPointers.push_back(words.data());
  }
  for (void *&pointer : descriptorPointers) {
    args.push_back(&pointer);
  }
  entry(args.data());
  return success();
}
