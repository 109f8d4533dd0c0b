// Gradient check of the matmul and gemm rules against central finite differences in
// double precision (nn-gradcheck; see tools/nn-gradcheck).
// RUN: %nn-gradcheck %s | FileCheck %s
// CHECK: 10 passed, 0 failed

func.func @matmul(%a: tensor<2x3xf64>, %b: tensor<3x4xf64>) -> tensor<2x4xf64> {
  %y = nn.matmul %a, %b : (tensor<2x3xf64>, tensor<3x4xf64>) -> tensor<2x4xf64>
  return %y : tensor<2x4xf64>
}

func.func @matmul_batch_broadcast(%a: tensor<2x1x2x3xf64>, %b: tensor<3x3x2xf64>) -> tensor<2x3x2x2xf64> {
  %y = nn.matmul %a, %b : (tensor<2x1x2x3xf64>, tensor<3x3x2xf64>) -> tensor<2x3x2x2xf64>
  return %y : tensor<2x3x2x2xf64>
}

func.func @matmul_vec_left(%a: tensor<3xf64>, %b: tensor<2x3x4xf64>) -> tensor<2x4xf64> {
  %y = nn.matmul %a, %b : (tensor<3xf64>, tensor<2x3x4xf64>) -> tensor<2x4xf64>
  return %y : tensor<2x4xf64>
}

func.func @matmul_vec_right(%a: tensor<2x3xf64>, %b: tensor<3xf64>) -> tensor<2xf64> {
  %y = nn.matmul %a, %b : (tensor<2x3xf64>, tensor<3xf64>) -> tensor<2xf64>
  return %y : tensor<2xf64>
}

func.func @matmul_dot(%a: tensor<3xf64>, %b: tensor<3xf64>) -> tensor<f64> {
  %y = nn.matmul %a, %b : (tensor<3xf64>, tensor<3xf64>) -> tensor<f64>
  return %y : tensor<f64>
}

func.func @gemm_00(%a: tensor<2x3xf64>, %b: tensor<3x4xf64>, %c: tensor<4xf64>) -> tensor<2x4xf64> {
  %y = nn.gemm %a, %b, %c {trans_a = false, trans_b = false, alpha = 5.000000e-01 : f64, beta = 2.000000e+00 : f64} : (tensor<2x3xf64>, tensor<3x4xf64>, tensor<4xf64>) -> tensor<2x4xf64>
  return %y : tensor<2x4xf64>
}

func.func @gemm_01(%a: tensor<2x3xf64>, %b: tensor<4x3xf64>, %c: tensor<4xf64>) -> tensor<2x4xf64> {
  %y = nn.gemm %a, %b, %c {trans_a = false, trans_b = true, alpha = 5.000000e-01 : f64, beta = 2.000000e+00 : f64} : (tensor<2x3xf64>, tensor<4x3xf64>, tensor<4xf64>) -> tensor<2x4xf64>
  return %y : tensor<2x4xf64>
}

func.func @gemm_10(%a: tensor<3x2xf64>, %b: tensor<3x4xf64>, %c: tensor<4xf64>) -> tensor<2x4xf64> {
  %y = nn.gemm %a, %b, %c {trans_a = true, trans_b = false, alpha = 5.000000e-01 : f64, beta = 2.000000e+00 : f64} : (tensor<3x2xf64>, tensor<3x4xf64>, tensor<4xf64>) -> tensor<2x4xf64>
  return %y : tensor<2x4xf64>
}

func.func @gemm_11(%a: tensor<3x2xf64>, %b: tensor<4x3xf64>, %c: tensor<4xf64>) -> tensor<2x4xf64> {
  %y = nn.gemm %a, %b, %c {trans_a = true, trans_b = true, alpha = 5.000000e-01 : f64, beta = 2.000000e+00 : f64} : (tensor<3x2xf64>, tensor<4x3xf64>, tensor<4xf64>) -> tensor<2x4xf64>
  return %y : tensor<2x4xf64>
}

func.func @gemm_no_c(%a: tensor<2x3xf64>, %b: tensor<3x4xf64>) -> tensor<2x4xf64> {
  %y = nn.gemm %a, %b : (tensor<2x3xf64>, tensor<3x4xf64>) -> tensor<2x4xf64>
  return %y : tensor<2x4xf64>
}
