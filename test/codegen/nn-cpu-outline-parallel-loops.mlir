// RUN: %nn-opt %s -split-input-file -nn-cpu-outline-parallel-loops=min-work=64 | FileCheck %s
// RUN: %nn-opt %s -split-input-file -nn-cpu-outline-parallel-loops="min-work=64 large-model-work=4096 min-work-large=8" | FileCheck %s --check-prefix=LARGE

// The outermost scf.parallel becomes a private range function over its first
// dimension, called with the whole range [0, 16); captures become arguments.
// CHECK-LABEL: func.func private @__nn_par_relu_0
// CHECK-SAME:    (%[[B:[a-z0-9]+]]: index, %[[E:[a-z0-9]+]]: index, %[[IN:[a-z0-9]+]]: memref<16x8xf32>, {{.*}})
// CHECK:         arith.muli %[[B]]
// CHECK:         arith.minsi
// CHECK:         scf.parallel
// CHECK:           memref.load %[[IN]]
// CHECK-LABEL: func.func @relu
// CHECK-NOT:     scf.parallel
// CHECK:         call @__nn_par_relu_0(%{{.*}}, %{{.*}}, %arg0,
func.func @relu(%in: memref<16x8xf32>, %out: memref<16x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%c16, %c8) step (%c1, %c1) {
    %v = memref.load %in[%i, %j] : memref<16x8xf32>
    %r = arith.maximumf %v, %zero : f32
    memref.store %r, %out[%i, %j] : memref<16x8xf32>
    scf.reduce
  }
  return
}

// -----

// Must not fire: too little work (2 x 8 < 64). A loop whose first dimension
// has a single iteration is split along its second (see @unit_batch).
// CHECK-LABEL: func.func @small
// CHECK:       scf.parallel
// CHECK-NOT:   scf.parallel
// CHECK:       call @__nn_par_small_0
// In a function doing at least large-model-work (here 16 + 4096 >= 4096),
// loops of min-work-large (8) are dispatched too: both loops go.
// LARGE-LABEL: func.func @small
// LARGE-NOT:   scf.parallel
// LARGE:       call @__nn_par_small_0
// LARGE:       call @__nn_par_small_1
func.func @small(%in: memref<2x8xf32>, %big: memref<1x4096xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c8 = arith.constant 8 : index
  %c4096 = arith.constant 4096 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%i, %j) = (%c0, %c0) to (%c2, %c8) step (%c1, %c1) {
    memref.store %zero, %in[%i, %j] : memref<2x8xf32>
    scf.reduce
  }
  scf.parallel (%i, %j) = (%c0, %c0) to (%c1, %c4096) step (%c1, %c1) {
    memref.store %zero, %big[%i, %j] : memref<1x4096xf32>
    scf.reduce
  }
  return
}

// -----

// Work counts vector lanes: 4 iterations of a 4 x 8-lane body (a register-
// tiled kernel) are 4 * 4 * (8 + 8 + 8) >= 64, though only 16 iterations.
// Constants the body uses are cloned into it, not passed: LLVM must see them
// (here the step, and the division by 2 stays a shift).
// CHECK-LABEL: func.func private @__nn_par_vec_0
// CHECK-SAME:    (%{{[a-z0-9]+}}: index, %{{[a-z0-9]+}}: index, %[[IN:[a-z0-9]+]]: memref<4x32xf32>, %{{[a-z0-9]+}}: memref<4x32xf32>)
// CHECK-DAG:     arith.constant 2 : index
// CHECK-DAG:     arith.constant 8 : index
// CHECK:         arith.divui
// CHECK:         vector.load %[[IN]]
// CHECK-LABEL: func.func @vec
// CHECK:         call @__nn_par_vec_0(%{{.*}}, %{{.*}}, %arg0, %arg1)
func.func @vec(%in: memref<4x32xf32>, %out: memref<4x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %c32 = arith.constant 32 : index
  scf.parallel (%i) = (%c0) to (%c4) step (%c1) {
    scf.for %j = %c0 to %c32 step %c8 {
      %h = arith.divui %j, %c2 : index
      %v = vector.load %in[%i, %h] : memref<4x32xf32>, vector<8xf32>
      %w = arith.addf %v, %v : vector<8xf32>
      vector.store %w, %out[%i, %j] : memref<4x32xf32>, vector<8xf32>
    }
    scf.reduce
  }
  return
}

// -----

// A leading unit dimension (a batch-1 model) is not the one threads split:
// the range function runs [begin, end) of the first dimension with more than
// one iteration, and is called over that dimension's range [0, 16).
// CHECK-LABEL: func.func private @__nn_par_unit_batch_0
// CHECK-SAME:    (%[[B:[a-z0-9]+]]: index, %[[E:[a-z0-9]+]]: index,
// CHECK:         %[[LO:.*]] = arith.addi %{{.*}}, %{{.*}} : index
// CHECK:         %[[HI:.*]] = arith.minsi
// CHECK:         scf.parallel (%{{.*}}, %{{.*}}) = (%{{.*}}, %[[LO]]) to (%{{.*}}, %[[HI]])
// CHECK-LABEL: func.func @unit_batch
// CHECK:         call @__nn_par_unit_batch_0(%c0{{[_0-9]*}}, %c16{{[_0-9]*}}, %arg0)
func.func @unit_batch(%out: memref<1x16x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%n, %i) = (%c0, %c0) to (%c1, %c16) step (%c1, %c1) {
    scf.for %j = %c0 to %c8 step %c1 {
      memref.store %zero, %out[%n, %i, %j] : memref<1x16x8xf32>
    }
    scf.reduce
  }
  return
}

// -----

// Few iterations in an odd count (an image's 3 channels) split unevenly: one
// range per thread gives 2 of 3 to one of 2 threads. A later dimension with an
// even count (32 rows) is split instead; 9 or more iterations split well
// enough as they are.
// CHECK-LABEL: func.func private @__nn_par_odd_channels_0
// CHECK:         scf.parallel (%{{.*}}, %{{.*}}, %{{.*}}) = (%{{.*}}, %{{.*}}, %{{.*}}) to (%c1{{[_0-9]*}}, %c3{{[_0-9]*}}, %{{.*}})
// CHECK-LABEL: func.func private @__nn_par_odd_channels_1
// CHECK:         scf.parallel (%{{.*}}, %{{.*}}) = (%{{.*}}, %{{.*}}) to (%{{.*}}, %c8{{[_0-9]*}})
// CHECK-LABEL: func.func @odd_channels
// CHECK:         call @__nn_par_odd_channels_0(%c0{{[_0-9]*}}, %c32{{[_0-9]*}}, %arg0)
// CHECK:         call @__nn_par_odd_channels_1(%c0{{[_0-9]*}}, %c9{{[_0-9]*}}, %arg1)
func.func @odd_channels(%img: memref<1x3x32x8xf32>, %rows: memref<9x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c8 = arith.constant 8 : index
  %c9 = arith.constant 9 : index
  %c32 = arith.constant 32 : index
  %zero = arith.constant 0.0 : f32
  scf.parallel (%n, %c, %h) = (%c0, %c0, %c0) to (%c1, %c3, %c32) step (%c1, %c1, %c1) {
    scf.for %w = %c0 to %c8 step %c1 {
      memref.store %zero, %img[%n, %c, %h, %w] : memref<1x3x32x8xf32>
    }
    scf.reduce
  }
  scf.parallel (%i, %j) = (%c0, %c0) to (%c9, %c8) step (%c1, %c1) {
    memref.store %zero, %rows[%i, %j] : memref<9x8xf32>
    scf.reduce
  }
  return
}
