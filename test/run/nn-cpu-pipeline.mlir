// RUN: %nn-opt %s --nn-cpu-pipeline | FileCheck %s

// The whole CPU pipeline: nn -> fused linalg -> loops -> LLVM dialect. The
// add+relu chain is one loop nest (one fadd, then the relu as an ordered
// compare against 0 and a select, see nn-cpu-approximate-math); the result is an
// out-parameter (no malloc for it), and the C wrapper takes one descriptor
// pointer per input and per output.
// CHECK-NOT: nn.
// CHECK-LABEL: llvm.func @main(
// CHECK-NOT: llvm.call @malloc
// CHECK: %[[SUM:.*]] = llvm.fadd
// CHECK: %[[LT:.*]] = llvm.fcmp "olt" %[[SUM]], %[[ZERO:.*]] : f32
// CHECK: llvm.select %[[LT]], %[[ZERO]], %[[SUM]] : i1, f32
// CHECK-NOT: llvm.fadd
// CHECK: llvm.return
// CHECK: llvm.func @_mlir_ciface_main(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// CHECK-NOT: builtin.unrealized_conversion_cast
func.func @main(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = nn.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = nn.relu %0 : tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}
