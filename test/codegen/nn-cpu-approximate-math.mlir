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

// f32 exp, scalar and vector (a softmax row): a clamp, range reduction by
// ln 2 (floor), a polynomial of FMAs and the exponent added by integer
// arithmetic (shift into the exponent bits, bitcast); no libm call.
// CHECK-LABEL: func.func @exp_f32
// CHECK-NOT:   math.exp
// CHECK:       math.floor {{.*}} : f32
// CHECK:       math.fma {{.*}} : f32
// CHECK:       arith.shli {{.*}} : i32
// CHECK:       arith.bitcast {{.*}} : i32 to f32
// CHECK:       math.floor {{.*}} : vector<1x128xf32>
// CHECK:       math.fma {{.*}} : vector<1x128xf32>
// CHECK:       arith.bitcast {{.*}} : vector<1x128xi32> to vector<1x128xf32>
// CHECK-NOT:   math.exp
func.func @exp_f32(%x: f32, %v: vector<1x128xf32>) -> (f32, vector<1x128xf32>) {
  %0 = math.exp %x : f32
  %1 = math.exp %v : vector<1x128xf32>
  return %0, %1 : f32, vector<1x128xf32>
}

// -----

// Must not fire: f64 tanh and exp, and other math ops stay.
// CHECK-LABEL: func.func @not_f32_tanh_exp
// CHECK:       math.tanh %{{.*}} : f64
// CHECK:       math.exp %{{.*}} : f64
// CHECK:       math.log %{{.*}} : f32
// CHECK:       math.exp2 %{{.*}} : f32
func.func @not_f32_tanh_exp(%x: f64, %y: f32) -> (f64, f64, f32, f32) {
  %0 = math.tanh %x : f64
  %1 = math.exp %x : f64
  %2 = math.log %y : f32
  %3 = math.exp2 %y : f32
  return %0, %1, %2, %3 : f64, f64, f32, f32
}

// -----

// ReLU6 (maximumf / minimumf against constants): an ordered compare and a
// select each, which LLVM lowers to one vmaxps / vminps, instead of the
// NaN- and signed-zero-exact sequence (max, unordered compare, blend,
// zero fixup). NaN still propagates: the ordered compare is false for it
// and selects x. A NaN constant and two variables keep the exact ops.
// CHECK-LABEL: func.func @relu6
// CHECK-DAG:   %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// CHECK-DAG:   %[[SIX:.*]] = arith.constant dense<6.000000e+00> : vector<16xf32>
// CHECK:       %[[LT:.*]] = arith.cmpf olt, %arg0, %[[ZERO]] : vector<16xf32>
// CHECK:       %[[LO:.*]] = arith.select %[[LT]], %[[ZERO]], %arg0 : vector<16xi1>, vector<16xf32>
// CHECK:       %[[GT:.*]] = arith.cmpf ogt, %[[LO]], %[[SIX]] : vector<16xf32>
// CHECK:       arith.select %[[GT]], %[[SIX]], %[[LO]] : vector<16xi1>, vector<16xf32>
// CHECK:       arith.maximumf %arg1, %{{.*}} : f32
// CHECK:       arith.minimumf %arg1, %arg2 : f32
func.func @relu6(%v: vector<16xf32>, %x: f32, %y: f32) -> (vector<16xf32>, f32, f32) {
  %zero = arith.constant dense<0.0> : vector<16xf32>
  %six = arith.constant dense<6.0> : vector<16xf32>
  %nan = arith.constant 0x7FC00000 : f32
  %0 = arith.maximumf %v, %zero : vector<16xf32>
  %1 = arith.minimumf %0, %six : vector<16xf32>
  %2 = arith.maximumf %x, %nan : f32
  %3 = arith.minimumf %x, %y : f32
  return %1, %2, %3 : vector<16xf32>, f32, f32
}
