//===- GpuPasses.td - linalg on memrefs -> gpu -> SPIR-V ----*- tablegen -*-===//
//
// The passes of the Vulkan pipeline (buildVulkanPipeline) that upstream MLIR
// lacks: preparing bufferized linalg for one-kernel-per-op mapping, mapping
// loop nests to gpu.launch, and converting outlined kernels to spirv.module.
//
//===----------------------------------------------------------------------===//

#ifndef NN_CODEGEN_GPUPASSES_TD
#define NN_CODEGEN_GPUPASSES_TD

include "mlir/Pass/PassBase.td"

def GpuPrepareLinalgPass : Pass<"nn-gpu-prepare-linalg", "func::FuncOp"> {
  let summary = "Shape bufferized linalg so every op becomes one GPU kernel";
  let description = [{
    On bufferized linalg (memrefs): `memref.copy` becomes `linalg.copy` (a
    kernel like any other); top-level `scf.for` loops with static bounds that
    contain linalg ops (recurrent layers) are fully unrolled, so the host
    program is straight-line; named ops are generalized and their iteration
    dimensions permuted so that every parallel dimension comes before every
    reduction dimension (the parallel ones then map to GPU threads, each
    thread running its reduction sequentially).

    Before: `linalg.generic {iterator_types = ["reduction", "parallel"]}`
    After:  `linalg.generic {iterator_types = ["parallel", "reduction"]}`
    (indexing maps permuted accordingly). An op without reductions, or whose
    parallel dimensions already come first, is left as it is.

    With `tile-contractions=T`, f32 multiply-add generics (matmuls, batched
    matmuls, and convolutions, conv_transpose and conv weight gradients as
    implicit GEMM: row, column and k loop groups linearized, operands read
    through their affine maps) become a gpu.launch of TxT workgroups that
    stage tiles of both operands in workgroup memory (GpuMatmul.cpp), each
    thread computing up to 8x8 outputs within `workgroup-memory` bytes.
    Depthwise convolutions (no row loop) keep the plain mapping.
    With `workgroup-reductions=T`, a reduction over >= 64 elements becomes
    one workgroup of T threads per output element, combining partial results
    as a tree in workgroup memory (GpuReduction.cpp).
  }];
  let options = [
    Option<"tileContractions", "tile-contractions", "int64_t", "0",
           "Workgroup tile of matmul-like contractions (0: plain loops)">,
    Option<"workgroupMemory", "workgroup-memory", "int64_t", "16384",
           "Bytes of workgroup memory a tiled contraction may use (the "
           "device's maxComputeSharedMemorySize)">,
    Option<"workgroupReductions", "workgroup-reductions", "int64_t", "0",
           "Threads (a power of two) of a workgroup reducing one output "
           "element, for reductions of >= 64 elements (0: one thread each)">
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::gpu::GPUDialect",
                           "::mlir::memref::MemRefDialect"];
}

def GpuMapToLaunchPass : Pass<"nn-gpu-map-to-launch", "func::FuncOp"> {
  let summary = "Turn each top-level loop nest into one gpu.launch";
  let description = [{
    Every top-level `scf.parallel` (lower bounds 0, steps 1, static upper
    bounds) becomes a `gpu.launch` over a 1-D grid: the iteration space is
    linearized, each thread takes index `(k * blocks + block) * size +
    thread`, guarded against the trip count, and delinearizes it; when the
    grid would exceed 65535 workgroups each thread loops (`k`). Any other
    top-level computation (a full reduction as `scf.for`, a scalar store)
    becomes a one-thread `gpu.launch`. Host ops (alloc, dealloc, get_global,
    views, constants) stay.

    Before: `scf.parallel (%i, %j) = (%c0, %c0) to (%c4, %c5) ...`
    After:  `gpu.launch blocks(...) in (%gx = %c1, ...) threads(...) in
    (%tx = %c20, ...) { ... }`
  }];
  let options = [
    Option<"workgroupSize", "workgroup-size", "int64_t", "64",
           "Threads per workgroup of the mapped loop nests">,
    Option<"maxWorkgroups", "max-workgroups", "int64_t", "65535",
           "Most workgroups of a grid (the device's maxComputeWorkGroupCount[0])">
  ];
  let dependentDialects = ["::mlir::gpu::GPUDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect"];
}

def GpuKernelsToSpirvPass : Pass<"nn-gpu-kernels-to-spirv", "ModuleOp"> {
  let summary = "Convert outlined gpu.func kernels to spirv.module";
  let description = [{
    Puts `spirv.target_env` (option `target-env`, a `#spirv.target_env<...>`
    attribute; a conservative Vulkan 1.1 default when empty) on every
    gpu.module, `spirv.entry_point_abi` with the launch's workgroup size on
    every kernel, expands math functions that have no GLSL instruction (erf,
    erfc, ...) into polynomials, then converts a copy of each gpu.module into
    a `spirv.module` beside it (gpu, scf, arith, math, memref, index, ub
    patterns). Memref argument i becomes the storage buffer at descriptor
    set 0, binding i.
  }];
  let options = [
    Option<"targetEnv", "target-env", "std::string", "\"\"",
           "The #spirv.target_env attribute (empty: a conservative default)">
  ];
  let dependentDialects = ["::mlir::spirv::SPIRVDialect"];
}

#endif // NN_CODEGEN_GPUPASSES_TD
