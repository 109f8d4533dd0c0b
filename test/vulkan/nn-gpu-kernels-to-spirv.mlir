// nn-gpu-kernels-to-spirv: each outlined kernel becomes a spirv.module with
// a GLCompute entry point of the launch's workgroup size; erf (no GLSL
// instruction) is expanded; arguments are storage buffers 0..N-1.
// RUN: %nn-opt %s --pass-pipeline="builtin.module(nn-gpu-kernels-to-spirv,spirv.module(spirv-lower-abi-attrs))" | FileCheck %s
// RUN: not %nn-opt %s --nn-gpu-kernels-to-spirv="target-env=#spirv.vce<v1.0,[Shader],[]>" 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: vulkan: target-env is not a #spirv.target_env

// CHECK: gpu.module @k attributes {spirv.target_env
// CHECK: spirv.module @__spv__k
// CHECK-DAG: spirv.GlobalVariable @{{.*}}_arg_0 bind(0, 0) {{.*}}StorageBuffer
// CHECK-DAG: spirv.GlobalVariable @{{.*}}_arg_1 bind(0, 1) {{.*}}StorageBuffer
// CHECK-NOT: math.erf
// CHECK: spirv.GL.Exp
// CHECK: spirv.EntryPoint "GLCompute" @erf_kernel
// CHECK: spirv.ExecutionMode @erf_kernel "LocalSize", 16, 1, 1
module attributes {gpu.container_module} {
  gpu.module @k {
    gpu.func @erf_kernel(%x: memref<16xf32>, %y: memref<16xf32>) kernel
        attributes {known_block_size = array<i32: 16, 1, 1>} {
      %t = gpu.thread_id x
      %v = memref.load %x[%t] : memref<16xf32>
      %e = math.erf %v : f32
      %w = math.exp %e : f32
      memref.store %w, %y[%t] : memref<16xf32>
      gpu.return
    }
  }
}
