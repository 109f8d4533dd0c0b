// RUN: %nn-opt %s -split-input-file -nn-cpu-approximate-math | FileCheck %s

// f32 tanh, scalar (a loop body after linalg lowering) and vector: plain
// arithmetic (the rational approximation: a clamp, FMAs, one division), no
// math.tanh left for the libm lowering.
// CHECK-LABEL: func.func @tanh_f32
// CHECK-NOT:   math.tanh
// CHECK:       math.fma
// CHECK:       arith.divf {{.*}} : f32
// CHECK:       math.fma {{.*}} : vector<16xf32>
// CHECK:       arith.divf {{.*}} : vector<16xf32>
// CHECK-NOT:   math.tanh
func.func @tanh_f32(%x: f32, %v: vector<16xf32>) -> (f32, vector<16xf32>) {
  %0 = math.tanh %x : f32
  %1 = math.tanh %v : vector<16xf32>
  return %0, %1 : f32, vector<16xf32>
}

// -----

// Must not fire: f64 tanh and other math ops stay.
// CHECK-LABEL: func.func @not_f32_tanh
// CHECK:       math.tanh %{{.*}} : f64
// CHECK:       math.exp %{{.*}} : f32
func.func @not_f32_tanh(%x: f64, %y: f32) -> (f64, f32) {
  %0 = math.tanh %x : f64
  %1 = math.exp %y : f32
  return %0, %1 : f64, f32
}
