//===- VulkanPipeline.cpp - the Vulkan (SPIR-V) compilation pipeline -----===//
//
// In: a module whose func @main takes and returns static tensors of nn ops.
// Out: @main on memrefs (inputs, then one out-parameter per result) holding
// only allocs, memref.global reads, views and gpu.launch_func ops; each
// kernel's gpu.module has a serializable `spirv.module @__spv__<kernel>`
// beside it. VulkanPlan.cpp turns that into buffers and dispatches. The
// recipe and its pitfalls are in toolchain.md section 4.
//
//===----------------------------------------------------------------------===//

#include "codegen/VulkanPipeline.h"
#include "codegen/GpuPasses.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Dialect/SPIRV/IR/SPIRVOps.h"
#include "mlir/Dialect/SPIRV/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

std::string nn::spirvTargetEnv(const VulkanTargetInfo &info) {
  std::string caps = "Shader", exts = "SPV_KHR_storage_buffer_storage_class";
  if (info.int64) {
    caps += ", Int64";
  }
  if (info.float64) {
    caps += ", Float64";
  }
  if (info.int16) {
    caps += ", Int16";
  }
  if (info.int8) {
    caps += ", Int8, StorageBuffer8BitAccess";
    exts += ", SPV_KHR_8bit_storage";
  }
  return "#spirv.target_env<#spirv.vce<v1.3, [" + caps + "], [" + exts +
         "]>, api=Vulkan, #spirv.resource_limits<"
         "max_compute_shared_memory_size = " +
         std::to_string(info.maxSharedMemoryBytes) +
         ", max_compute_workgroup_invocations = " +
         std::to_string(info.maxWorkgroupInvocations) +
         ", max_compute_workgroup_size = [" +
         std::to_string(info.maxWorkgroupSize[0]) + ", " +
         std::to_string(info.maxWorkgroupSize[1]) + ", " +
         std::to_string(info.maxWorkgroupSize[2]) +
         "], subgroup_size = " + std::to_string(info.subgroupSize) + ">>";
}

void nn::buildVulkanPipeline(OpPassManager &pm,
                             const VulkanPipelineOptions &opts) {
  // 1-2. nn clean-up, nn -> linalg on tensors, elementwise fusion.
  buildNNToLinalgPipeline(pm, opts.linalg);

  // 3. Tensors -> memrefs (identity layouts at the boundary); results become
  //    out-parameters. No deallocation: the plan owns every device buffer.
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  bufferization::BufferResultsToOutParamsPassOptions outParams;
  outParams.hoistStaticAllocs = true;
  outParams.modifyPublicFunctions = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  pm.addPass(createCanonicalizerPass());

  // 4. One kernel per linalg op: copies as linalg.copy, host loops unrolled,
  //    matmul-like ops and convolutions (implicit GEMM) as shared-memory
  //    tiled kernels, long reductions as workgroup reductions, parallel
  //    dimensions outermost; then parallel loops whose memory accesses go
  //    straight to the underlying buffers (no views in kernels).
  GpuPrepareLinalgPassOptions prepare;
  prepare.tileContractions =
      opts.tileContractions
          ? (opts.target.maxWorkgroupInvocations >= 256 ? 16 : 8)
          : 0;
  prepare.workgroupMemory = opts.target.maxSharedMemoryBytes;
  prepare.workgroupReductions =
      opts.workgroupReductions
          ? std::min<int64_t>(64, opts.target.maxWorkgroupInvocations)
          : 0;
  pm.addNestedPass<func::FuncOp>(createGpuPrepareLinalgPass(prepare));
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
  pm.addNestedPass<func::FuncOp>(memref::createFoldMemRefAliasOpsPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createCanonicalizerPass());

  // 5. Each top-level loop nest -> one gpu.launch (1-D grid-stride); inner
  //    parallel loops become sequential; outline the kernels.
  GpuMapToLaunchPassOptions map;
  map.workgroupSize =
      std::min(opts.workgroupSize, opts.target.maxWorkgroupInvocations);
  map.maxWorkgroups = opts.target.maxWorkgroupCount[0];
  pm.addNestedPass<func::FuncOp>(createGpuMapToLaunchPass(map));
  pm.addPass(createParallelForToNestedForsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createGpuLaunchSinkIndexComputationsPass());
  pm.addPass(createGpuKernelOutliningPass());

  // 6. Kernels -> SPIR-V for the device; lay out the interface for Vulkan
  //    and deduce each module's minimal version/capabilities.
  GpuKernelsToSpirvPassOptions spirv;
  spirv.targetEnv = spirvTargetEnv(opts.target);
  pm.addPass(createGpuKernelsToSpirvPass(spirv));
  OpPassManager &spv = pm.nest<spirv::ModuleOp>();
  spv.addPass(spirv::createSPIRVLowerABIAttributesPass());
  spv.addPass(spirv::createSPIRVUpdateVCEPass());
  spv.addPass(createCanonicalizerPass());
}

void nn::registerVulkanPipeline() {
  registerGpuPasses();
  PassPipelineRegistration<>(
      "nn-vulkan-pipeline",
      "nn -> host @main of gpu.launch_func + one spirv.module per kernel "
      "(what nn-run --target=vulkan compiles, default target environment)",
      [](OpPassManager &pm) {
        buildVulkanPipeline(pm, VulkanPipelineOptions());
      });
}
