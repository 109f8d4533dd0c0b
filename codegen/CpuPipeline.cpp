//===- CpuPipeline.cpp - the CPU compilation pipeline -----------*- C++ -*-===//
//
// In: a module whose func @main takes and returns tensors of nn ops. Out: the
// LLVM dialect, where `_mlir_ciface_main(in descriptors..., out
// descriptors...)` returns nothing and writes every result into a buffer the
// caller allocated. The naive loop lowering of toolchain.md section 2; tiling
// and vectorization come later, as extra phases here.
//
//===----------------------------------------------------------------------===//

#include "codegen/CpuPipeline.h"
#include "codegen/Passes.h"
#include "passes/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/LLVMIR/Transforms/RequestCWrappers.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void nn::buildNNToLinalgPipeline(OpPassManager &pm,
                                 const CpuPipelineOptions &opts) {
  // 1. Graph clean-up on nn: canonicalize, CSE, static shapes.
  buildSimplifyPipeline(pm);
  // 1b. [fusion] Folding and nn.fusion_group formation (nn-fuse).
  if (opts.fuseGroups) {
    buildFusionPipeline(pm);
  }

  // 2. nn -> linalg/tensor/arith/math on tensors; fuse elementwise chains so
  //    each becomes one loop nest, then drop what fusion left dead.
  if (opts.convAsMatmul && opts.vectorizeContractions) {
    pm.addNestedPass<func::FuncOp>(createCpuConvAsMatmulPass());
  }
  pm.addNestedPass<func::FuncOp>(createConvertNNToLinalgPass());
  if (opts.fuseElementwise) {
    pm.addPass(createFuseLinalgElementwisePass());
  }
  // [fusion] Each nn.fusion_group -> one tiled loop nest.
  LowerFusionGroupsPassOptions groups;
  groups.tile = opts.tileFusionGroups;
  // Conv groups as im2col + contraction tiles need the contraction
  // micro-kernel, and are opt-in (CpuPipelineOptions::tileConvGroups).
  groups.im2colConvs = opts.tileConvGroups && opts.vectorizeContractions;
  pm.addNestedPass<func::FuncOp>(createLowerFusionGroupsPass(groups));
  pm.addPass(createCSEPass());
  pm.addPass(createCanonicalizerPass());
}

void nn::buildCpuBufferizationPipeline(OpPassManager &pm,
                                       const CpuPipelineOptions &opts) {
  buildNNToLinalgPipeline(pm, opts);

  // 2b. Contractions -> cache/register tiles around an FMA micro-kernel, on
  //     tensors (hoisting the C tile needs tensors, toolchain.md section 2).
  if (opts.vectorizeContractions) {
    pm.addNestedPass<func::FuncOp>(createFoldConstantSlicesPass());
    // Stride-1 3x3 convs with constant filters: Winograd.
    pm.addNestedPass<func::FuncOp>(createCpuWinogradConvPass());
    // [fusion] A conv's epilogue runs in the conv's tile loop, its bias
    // starts the C tiles (fold-init).
    // Each product's zero init its own (fold-init then drops it).
    pm.addNestedPass<func::FuncOp>(createCpuUnshareFillsPass());
    CpuTileContractionsPassOptions tiling;
    tiling.fuseEpilogues = opts.fuseGroups;
    tiling.foldInit = opts.fuseGroups;
    pm.addNestedPass<func::FuncOp>(createCpuTileContractionsPass(tiling));
    pm.addNestedPass<func::FuncOp>(createCpuVectorizeDepthwisePass());
    pm.addNestedPass<func::FuncOp>(createCpuVectorizePoolingPass());
    // Row reductions (softmax, layer norm) as vector rows.
    pm.addNestedPass<func::FuncOp>(createCpuVectorizeReductionsPass());
    // Transposes that move the innermost dim (attention's K^T) as blocks.
    pm.addNestedPass<func::FuncOp>(createCpuVectorizeTransposesPass());
    pm.addPass(createCanonicalizerPass());
    pm.addPass(createCSEPass());
  }

  // 3. Tensors -> memrefs across function boundaries (identity layouts, so
  //    the caller passes plain dense descriptors); results become
  //    out-parameters the caller allocates (an allocation that is returned is
  //    replaced by the out-parameter itself, no copy).
  pm.addNestedPass<func::FuncOp>(createCpuFlattenConstantsPass());
  pm.addNestedPass<func::FuncOp>(createCpuReadOnlyInputsPass());
  // Each pad its own zero fill, written in place (CSE merged them).
  pm.addNestedPass<func::FuncOp>(createCpuUnshareFillsPass());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  // Folds only (no patterns, no region simplification): a returned
  // expand_shape(collapse_shape(alloc)) -- a conv group tiled on its
  // collapsed N x F x OH*OW result -- becomes the alloc, which the next pass
  // then replaces by the caller's buffer instead of copying into it.
  GreedyRewriteConfig foldOnly;
  foldOnly.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
  pm.addNestedPass<func::FuncOp>(
      createCanonicalizerPass(foldOnly, {}, {"nn-fold-only"}));
  bufferization::BufferResultsToOutParamsPassOptions outParams;
  outParams.hoistStaticAllocs = true;
  outParams.modifyPublicFunctions = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  // CSE before canonicalize: otherwise copies between identical subviews
  // survive as memrefCopy calls (toolchain.md section 2).
  pm.addPass(createCSEPass());
  pm.addPass(createCanonicalizerPass());

  // 4. Small intermediate buffers on the stack (no malloc per inference);
  //    free the others (ownership-based deallocation).
  pm.addNestedPass<func::FuncOp>(createCpuStackBuffersPass());
  bufferization::buildBufferDeallocationPipeline(pm);
  // 4b. The remaining heap buffers of each function: one arena, reused.
  pm.addNestedPass<func::FuncOp>(createCpuPlanBuffersPass());
}

void nn::buildCpuLLVMLoweringPipeline(OpPassManager &pm,
                                      const CpuPipelineOptions &opts) {
  // 5a. Structured ops -> scf loop nests, vector transfers -> loads/stores;
  //     C-callable wrappers for @main.
  pm.addNestedPass<func::FuncOp>(createCpuLowerCopiesPass());
  // tanh as arithmetic LLVM vectorizes (not a libm call per element).
  pm.addNestedPass<func::FuncOp>(createCpuApproximateMathPass());
  // Unrolled, n-D transfers need no stack temporaries (inside a parallel
  // loop body those would be allocated per iteration).
  pm.addPass(createConvertVectorToSCFPass(
      VectorTransferToSCFOptions().enableFullUnroll()));
  // Filters larger than L2 are read from DRAM at every inference: the next
  // cache tile's slice is prefetched while the current one is multiplied.
  pm.addNestedPass<func::FuncOp>(createCpuPrefetchWeightsPass());
  if (opts.parallelize) {
    // Parallel dimensions become scf.parallel; the outermost ones with
    // enough work run on the runtime's thread pool.
    pm.addNestedPass<func::FuncOp>(createForallToParallelLoopPass());
    pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
    pm.addPass(createCpuOutlineParallelLoopsPass());
  } else {
    pm.addNestedPass<func::FuncOp>(createForallToForLoopPass());
    pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  }
  pm.addNestedPass<func::FuncOp>(LLVM::createLLVMRequestCWrappersPass());

  // 5b. Memref metadata and affine index math -> plain arith; loops -> cf.
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());

  // 5c. Everything -> LLVM dialect. Math ops without an LLVM intrinsic (erf,
  //     ...) become libm calls, which the JIT resolves from the process.
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  if (opts.parallelize) {
    pm.addPass(createCpuDispatchParallelLoopsPass());
  }
  pm.addPass(createReconcileUnrealizedCastsPass());
}

void nn::buildCpuPipeline(OpPassManager &pm, const CpuPipelineOptions &opts) {
  buildCpuBufferizationPipeline(pm, opts);
  buildCpuLLVMLoweringPipeline(pm, opts);
}

void nn::registerCpuPipeline() {
  PassPipelineRegistration<>(
      "nn-cpu-pipeline",
      "nn -> LLVM dialect for the CPU JIT (what nn-run compiles)",
      [](OpPassManager &pm) { buildCpuPipeline(pm, CpuPipelineOptions()); });
}
