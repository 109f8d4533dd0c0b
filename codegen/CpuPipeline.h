//===- CpuPipeline.h - the CPU compilation pipeline -------------*- C++ -*-===//
//
// nn module (func @main on tensors) -> LLVM dialect ready for the JIT: graph
// clean-up, lowering to linalg, elementwise fusion, bufferization with
// caller-provided output buffers, deallocation, loops, LLVM. Registered as
// `nn-cpu-pipeline` so `nn-opt --nn-cpu-pipeline` reproduces what nn-run runs.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_CPUPIPELINE_H
#define NNC_CODEGEN_CPUPIPELINE_H

#include "mlir/Pass/PassManager.h"

namespace mlir {
namespace nn {

/// Knobs of the CPU pipeline (none change the phase order).
struct CpuPipelineOptions {
  /// Fuse producer/consumer linalg elementwise ops before bufferization.
  bool fuseElementwise = true;
  /// Tile f32 contractions and vectorize them into FMA micro-kernels
  /// (nn-cpu-tile-contractions); off gives plain loops.
  bool vectorizeContractions = true;
  /// Run outermost parallel loops on the runtime's thread pool
  /// (nnc_parallel_for, runtime/threadpool.h); off gives serial code.
  bool parallelize = true;
  /// Graph optimization on nn (folding, fusion groups; passes/FusionPipeline
  /// .cpp). nn-run/nnc --no-fusion turn this and fuseElementwise off.
  bool fuseGroups = true;
  /// Tile each fusion group into one loop nest (nn-lower-fusion-groups);
  /// false only unwraps the groups (Vulkan maps loop nests itself).
  bool tileFusionGroups = true;
  /// Tile conv-rooted fusion groups as im2col + contraction tiles with the
  /// epilogue applied per tile (nn-lower-fusion-groups im2col-convs). Off by
  /// default: measured on ResNet-18 (1 thread, CPU clock) it ran 36 ms and
  /// compiled in 9.3 s, against 31 ms and 3.2 s for the conv through
  /// nn-cpu-tile-contractions' own im2col with the epilogue as a second loop.
  bool tileConvGroups = false;
  /// 2-D nn.conv_transpose / nn.conv_weight_grad as contractions plus a
  /// gather / im2col (nn-cpu-conv-as-matmul), for the CPU micro-kernel; the
  /// Vulkan pipeline keeps the direct lowering.
  bool convAsMatmul = true;
};

/// LLVM optimization level of the CPU code (JIT and AOT). Measured (1 thread,
/// CPU clock, interleaved): O2 against O3 ran the autoencoder in 0.033 vs
/// 0.039 ms, DCGAN 0.67 vs 0.78 ms, MobileNetV2 8.7 vs 9.2 ms, ResNet-18 and
/// the rest the same, and compiled in 55-85% of the time (DCGAN 1.9 vs
/// 4.5 s): the micro-kernels are vectorized already, O3's extra loop
/// transformations mostly cost.
constexpr unsigned kLlvmOptLevel = 2;

/// Phases 1-2, shared by every target: nn clean-up, then linalg/tensor/arith/
/// math on tensors with elementwise chains fused.
void buildNNToLinalgPipeline(OpPassManager &pm, const CpuPipelineOptions &opts);

/// Phases 1-4: nn -> linalg on tensors -> bufferized memrefs with the results
/// as out-parameters and deallocations inserted (still linalg on memrefs, the
/// point where nn-run counts kernels and intermediate buffers).
void buildCpuBufferizationPipeline(OpPassManager &pm,
                                   const CpuPipelineOptions &opts);

/// Phase 5: linalg on memrefs -> loops -> LLVM dialect with C wrappers.
void buildCpuLLVMLoweringPipeline(OpPassManager &pm,
                                  const CpuPipelineOptions &opts);

/// The whole CPU pipeline: the two above, in order.
void buildCpuPipeline(OpPassManager &pm, const CpuPipelineOptions &opts);

/// Registers `nn-cpu-pipeline` with the pass registry (for nn-opt).
void registerCpuPipeline();

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_CPUPIPELINE_H
