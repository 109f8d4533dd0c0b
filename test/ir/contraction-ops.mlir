// RUN: %nn-opt %s | %nn-opt | FileCheck %s
// RUN: %nn-opt %s --nn-infer-shapes | FileCheck %s --check-prefix=INFER

// Round trip: every op with each attribute and optional-operand form. The
// INFER cases declare dynamic result types and check what inference derives.

//===----------------------------------------------------------------------===//
// nn.matmul
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @matmul_2d
// CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
func.func @matmul_2d(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %0 = nn.matmul %a, %b : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// CHECK-LABEL: func.func @matmul_batched
// CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<?x4x8xf32>, tensor<8x16xf32>) -> tensor<?x4x16xf32>
// CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<2x1x4x8xf16>, tensor<3x8x5xf16>) -> tensor<2x3x4x5xf16>
func.func @matmul_batched(%a: tensor<?x4x8xf32>, %b: tensor<8x16xf32>,
                          %c: tensor<2x1x4x8xf16>, %d: tensor<3x8x5xf16>)
    -> (tensor<?x4x16xf32>, tensor<2x3x4x5xf16>) {
  %0 = nn.matmul %a, %b : (tensor<?x4x8xf32>, tensor<8x16xf32>) -> tensor<?x4x16xf32>
  %1 = nn.matmul %c, %d : (tensor<2x1x4x8xf16>, tensor<3x8x5xf16>) -> tensor<2x3x4x5xf16>
  return %0, %1 : tensor<?x4x16xf32>, tensor<2x3x4x5xf16>
}

// CHECK-LABEL: func.func @matmul_vectors
// CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<8xf32>, tensor<2x8x16xf32>) -> tensor<2x16xf32>
// CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4xf32>
// CHECK: nn.matmul %{{.*}}, %{{.*}} : (tensor<8xf32>, tensor<8xf32>) -> tensor<f32>
func.func @matmul_vectors(%v: tensor<8xf32>, %m: tensor<4x8xf32>,
                          %b: tensor<2x8x16xf32>)
    -> (tensor<2x16xf32>, tensor<4xf32>, tensor<f32>) {
  %0 = nn.matmul %v, %b : (tensor<8xf32>, tensor<2x8x16xf32>) -> tensor<2x16xf32>
  %1 = nn.matmul %m, %v : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4xf32>
  %2 = nn.matmul %v, %v : (tensor<8xf32>, tensor<8xf32>) -> tensor<f32>
  return %0, %1, %2 : tensor<2x16xf32>, tensor<4xf32>, tensor<f32>
}

// A dynamic K agrees with any static K; a dynamic batch broadcast against
// a static batch > 1 is pinned to it.
// INFER-LABEL: func.func @infer_matmul
// INFER: nn.matmul {{.*}} -> tensor<4x16xf32>
// INFER: nn.matmul {{.*}} -> tensor<3x?x4x5xf32>
// INFER: nn.matmul {{.*}} -> tensor<?x4xf32>
func.func @infer_matmul(%a: tensor<4x?xf32>, %b: tensor<?x16xf32>,
                        %c: tensor<?x?x4x8xf32>, %d: tensor<3x1x8x5xf32>,
                        %e: tensor<?x4x8xf32>, %v: tensor<8xf32>)
    -> (tensor<?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?xf32>) {
  %0 = nn.matmul %a, %b : (tensor<4x?xf32>, tensor<?x16xf32>) -> tensor<?x?xf32>
  %1 = nn.matmul %c, %d : (tensor<?x?x4x8xf32>, tensor<3x1x8x5xf32>) -> tensor<?x?x?x?xf32>
  %2 = nn.matmul %e, %v : (tensor<?x4x8xf32>, tensor<8xf32>) -> tensor<?x?xf32>
  return %0, %1, %2 : tensor<?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?xf32>
}

//===----------------------------------------------------------------------===//
// nn.gemm
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @gemm
// CHECK: nn.gemm %{{.*}}, %{{.*}} : (tensor<?x64xf32>, tensor<64x128xf32>) -> tensor<?x128xf32>
// CHECK: nn.gemm %{{.*}}, %{{.*}}, %{{.*}} {alpha = 5.000000e-01 : f64, beta = 2.000000e+00 : f64, trans_b = true} : (tensor<?x64xf32>, tensor<128x64xf32>, tensor<128xf32>) -> tensor<?x128xf32>
// CHECK: nn.gemm %{{.*}}, %{{.*}}, %{{.*}} {trans_a = true} : (tensor<64x4xf32>, tensor<64x128xf32>, tensor<4x1xf32>) -> tensor<4x128xf32>
// CHECK: nn.gemm %{{.*}}, %{{.*}}, %{{.*}} {trans_a = true, trans_b = true} : (tensor<64x4xf32>, tensor<128x64xf32>, tensor<f32>) -> tensor<4x128xf32>
func.func @gemm(%x: tensor<?x64xf32>, %w: tensor<64x128xf32>,
                %wt: tensor<128x64xf32>, %bias: tensor<128xf32>,
                %xt: tensor<64x4xf32>, %col: tensor<4x1xf32>,
                %s: tensor<f32>) {
  %0 = nn.gemm %x, %w : (tensor<?x64xf32>, tensor<64x128xf32>) -> tensor<?x128xf32>
  %1 = nn.gemm %x, %wt, %bias {trans_b = true, alpha = 0.5, beta = 2.0}
      : (tensor<?x64xf32>, tensor<128x64xf32>, tensor<128xf32>) -> tensor<?x128xf32>
  %2 = nn.gemm %xt, %w, %col {trans_a = true}
      : (tensor<64x4xf32>, tensor<64x128xf32>, tensor<4x1xf32>) -> tensor<4x128xf32>
  %3 = nn.gemm %xt, %wt, %s {trans_a = true, trans_b = true}
      : (tensor<64x4xf32>, tensor<128x64xf32>, tensor<f32>) -> tensor<4x128xf32>
  return
}

// A static extent of c other than 1 pins a dynamic M.
// INFER-LABEL: func.func @infer_gemm
// INFER: nn.gemm {{.*}} -> tensor<?x128xf32>
// INFER: nn.gemm {{.*}} -> tensor<3x128xf32>
func.func @infer_gemm(%x: tensor<?x64xf32>, %w: tensor<64x128xf32>,
                      %c: tensor<3x1xf32>)
    -> (tensor<?x?xf32>, tensor<?x?xf32>) {
  %0 = nn.gemm %x, %w : (tensor<?x64xf32>, tensor<64x128xf32>) -> tensor<?x?xf32>
  %1 = nn.gemm %x, %w, %c : (tensor<?x64xf32>, tensor<64x128xf32>, tensor<3x1xf32>) -> tensor<?x?xf32>
  return %0, %1 : tensor<?x?xf32>, tensor<?x?xf32>
}

//===----------------------------------------------------------------------===//
// nn.conv
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @conv_2d
// CHECK: nn.conv %{{.*}}, %{{.*}}, %{{.*}} {pads = array<i64: 3, 3, 3, 3>, strides = array<i64: 2, 2>} : (tensor<?x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<?x64x112x112xf32>
func.func @conv_2d(%x: tensor<?x3x224x224xf32>, %w: tensor<64x3x7x7xf32>,
                   %b: tensor<64xf32>) -> tensor<?x64x112x112xf32> {
  %0 = nn.conv %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 3, 3, 3, 3>}
      : (tensor<?x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<?x64x112x112xf32>
  return %0 : tensor<?x64x112x112xf32>
}

// CHECK-LABEL: func.func @conv_1d_3d
// CHECK: nn.conv %{{.*}}, %{{.*}} : (tensor<1x4x10xf32>, tensor<8x4x3xf32>) -> tensor<1x8x8xf32>
// CHECK: nn.conv %{{.*}}, %{{.*}} {pads = array<i64: 1, 1, 1, 1, 1, 1>, strides = array<i64: 2, 2, 2>} : (tensor<2x4x8x8x8xf16>, tensor<16x4x3x3x3xf16>) -> tensor<2x16x4x4x4xf16>
func.func @conv_1d_3d(%x1: tensor<1x4x10xf32>, %w1: tensor<8x4x3xf32>,
                      %x3: tensor<2x4x8x8x8xf16>, %w3: tensor<16x4x3x3x3xf16>) {
  %0 = nn.conv %x1, %w1 : (tensor<1x4x10xf32>, tensor<8x4x3xf32>) -> tensor<1x8x8xf32>
  %1 = nn.conv %x3, %w3 {strides = array<i64: 2, 2, 2>, pads = array<i64: 1, 1, 1, 1, 1, 1>}
      : (tensor<2x4x8x8x8xf16>, tensor<16x4x3x3x3xf16>) -> tensor<2x16x4x4x4xf16>
  return
}

// CHECK-LABEL: func.func @conv_grouped
// CHECK: nn.conv %{{.*}}, %{{.*}} {group = 32 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<?x32x56x56xf32>, tensor<32x1x3x3xf32>) -> tensor<?x32x56x56xf32>
// CHECK: nn.conv %{{.*}}, %{{.*}}, %{{.*}} {dilations = array<i64: 2, 2>, group = 4 : i64, strides = array<i64: 1, 1>} : (tensor<1x8x32x32xf32>, tensor<16x2x3x3xf32>, tensor<16xf32>) -> tensor<1x16x28x28xf32>
func.func @conv_grouped(%x: tensor<?x32x56x56xf32>, %dw: tensor<32x1x3x3xf32>,
                        %y: tensor<1x8x32x32xf32>, %gw: tensor<16x2x3x3xf32>,
                        %b: tensor<16xf32>) {
  // Depthwise: group = C.
  %0 = nn.conv %x, %dw {group = 32 : i64, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<?x32x56x56xf32>, tensor<32x1x3x3xf32>) -> tensor<?x32x56x56xf32>
  %1 = nn.conv %y, %gw, %b {group = 4 : i64, dilations = array<i64: 2, 2>, strides = array<i64: 1, 1>}
      : (tensor<1x8x32x32xf32>, tensor<16x2x3x3xf32>, tensor<16xf32>) -> tensor<1x16x28x28xf32>
  return
}

// Dynamic batch and spatial extents stay dynamic; a dynamic kernel gives a
// dynamic extent; a static bias pins a dynamic M.
// INFER-LABEL: func.func @infer_conv
// INFER: nn.conv {{.*}} -> tensor<?x8x?x6xf32>
// INFER: nn.conv {{.*}} -> tensor<1x8x?x6xf32>
func.func @infer_conv(%x: tensor<?x3x?x8xf32>, %w: tensor<8x3x3x3xf32>,
                      %y: tensor<1x3x8x8xf32>, %dw: tensor<?x3x?x3xf32>,
                      %b: tensor<8xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %0 = nn.conv %x, %w : (tensor<?x3x?x8xf32>, tensor<8x3x3x3xf32>) -> tensor<?x?x?x?xf32>
  %1 = nn.conv %y, %dw, %b : (tensor<1x3x8x8xf32>, tensor<?x3x?x3xf32>, tensor<8xf32>) -> tensor<?x?x?x?xf32>
  return %0, %1 : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}

//===----------------------------------------------------------------------===//
// nn.conv_transpose
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @conv_transpose
// CHECK: nn.conv_transpose %{{.*}}, %{{.*}} {output_padding = array<i64: 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x16x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x18x18xf32>
// CHECK: nn.conv_transpose %{{.*}}, %{{.*}}, %{{.*}} {group = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<6xf32>) -> tensor<1x6x9x9xf32>
// CHECK: nn.conv_transpose %{{.*}}, %{{.*}} {dilations = array<i64: 2>} : (tensor<?x2x7xf16>, tensor<2x4x3xf16>) -> tensor<?x4x11xf16>
func.func @conv_transpose(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x3x3xf32>,
                          %y: tensor<1x4x5x5xf32>, %gw: tensor<4x3x3x3xf32>,
                          %b: tensor<6xf32>, %z: tensor<?x2x7xf16>,
                          %w1: tensor<2x4x3xf16>) {
  %0 = nn.conv_transpose %x, %w {strides = array<i64: 2, 2>, output_padding = array<i64: 1, 1>}
      : (tensor<1x16x8x8xf32>, tensor<16x8x3x3xf32>) -> tensor<1x8x18x18xf32>
  %1 = nn.conv_transpose %y, %gw, %b {group = 2 : i64, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}
      : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<6xf32>) -> tensor<1x6x9x9xf32>
  %2 = nn.conv_transpose %z, %w1 {dilations = array<i64: 2>}
      : (tensor<?x2x7xf16>, tensor<2x4x3xf16>) -> tensor<?x4x11xf16>
  return
}

// INFER-LABEL: func.func @infer_conv_transpose
// INFER: nn.conv_transpose {{.*}} -> tensor<?x4x?x6xf32>
// INFER: nn.conv_transpose {{.*}} -> tensor<1x?x6x6xf32>
func.func @infer_conv_transpose(%x: tensor<?x2x?x4xf32>, %w: tensor<2x2x3x3xf32>,
                                %y: tensor<1x2x4x4xf32>, %dw: tensor<2x?x3x3xf32>)
    -> (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>) {
  %0 = nn.conv_transpose %x, %w {group = 2 : i64} : (tensor<?x2x?x4xf32>, tensor<2x2x3x3xf32>) -> tensor<?x?x?x?xf32>
  %1 = nn.conv_transpose %y, %dw : (tensor<1x2x4x4xf32>, tensor<2x?x3x3xf32>) -> tensor<?x?x?x?xf32>
  return %0, %1 : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>
}
