// nn-vulkan-pipeline: what nn-run --target=vulkan compiles (default target
// environment). The host @main keeps only buffers and launches; every
// kernel has a SPIR-V module beside it.
// RUN: %nn-opt %s --nn-vulkan-pipeline | FileCheck %s

// CHECK-LABEL: func.func @main
// CHECK-SAME: (%{{.*}}: memref<4x8xf32>, %{{.*}}: memref<8x5xf32>, %{{.*}}: memref<5xf32>, %{{.*}}: memref<4x5xf32>)
// CHECK-NOT: linalg.
// CHECK-NOT: scf.
// CHECK: gpu.launch_func
// CHECK: return
// CHECK: spirv.module
// CHECK: spirv.EntryPoint "GLCompute"
func.func @main(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>, %c: tensor<5xf32>) -> tensor<4x5xf32> {
  %0 = nn.matmul %a, %b : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
  %1 = nn.add %0, %c : (tensor<4x5xf32>, tensor<5xf32>) -> tensor<4x5xf32>
  %2 = nn.softmax %1 {axis = 0 : i64} : tensor<4x5xf32> -> tensor<4x5xf32>
  return %2 : tensor<4x5xf32>
}
