// Gradient check of the elementwise rules: nn-gradcheck compares each function's
// autodiff gradients with central finite differences in double precision
// (gc.lo/gc.hi keep inputs in each op's domain and away from kinks where
// that matters).
// RUN: %nn-gradcheck %s | FileCheck %s
// CHECK: 31 passed, 0 failed

func.func @neg0(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %y = nn.neg %x : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @abs1(%x: tensor<2x3xf64> {gc.lo = 0.1 : f64, gc.hi = 0.9 : f64}) -> tensor<2x3xf64> {
  %c = nn.constant dense<0.45> : tensor<f64>
  %s = nn.sub %x, %c : (tensor<2x3xf64>, tensor<f64>) -> tensor<2x3xf64>
  %y = nn.abs %s : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @exp2(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %y = nn.exp %x : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @log3(%x: tensor<2x3xf64> {gc.lo = 0.5 : f64, gc.hi = 2.0 : f64}) -> tensor<2x3xf64> {
  %y = nn.log %x : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @sqrt4(%x: tensor<2x3xf64> {gc.lo = 0.5 : f64, gc.hi = 2.0 : f64}) -> tensor<2x3xf64> {
  %y = nn.sqrt %x : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @rsqrt5(%x: tensor<2x3xf64> {gc.lo = 0.5 : f64, gc.hi = 2.0 : f64}) -> tensor<2x3xf64> {
  %y = nn.rsqrt %x : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @reciprocal6(%x: tensor<2x3xf64> {gc.lo = 0.5 : f64, gc.hi = 2.0 : f64}) -> tensor<2x3xf64> {
  %y = nn.reciprocal %x : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @tanh7(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %y = nn.tanh %x : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @sigmoid8(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %y = nn.sigmoid %x : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @relu9(%x: tensor<2x3xf64> {gc.lo = 0.1 : f64, gc.hi = 0.9 : f64}) -> tensor<2x3xf64> {
  %c = nn.constant dense<0.45> : tensor<f64>
  %s = nn.sub %x, %c : (tensor<2x3xf64>, tensor<f64>) -> tensor<2x3xf64>
  %y = nn.relu %s : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @erf10(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %y = nn.erf %x : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @softplus11(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %y = nn.softplus %x : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @floor12(%x: tensor<2x3xf64> {gc.lo = 0.1 : f64, gc.hi = 0.9 : f64}) -> tensor<2x3xf64> {
  %c = nn.constant dense<0.45> : tensor<f64>
  %s = nn.sub %x, %c : (tensor<2x3xf64>, tensor<f64>) -> tensor<2x3xf64>
  %y = nn.floor %s : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @ceil13(%x: tensor<2x3xf64> {gc.lo = 0.1 : f64, gc.hi = 0.9 : f64}) -> tensor<2x3xf64> {
  %c = nn.constant dense<0.45> : tensor<f64>
  %s = nn.sub %x, %c : (tensor<2x3xf64>, tensor<f64>) -> tensor<2x3xf64>
  %y = nn.ceil %s : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @leaky_relu14(%x: tensor<2x3xf64> {gc.lo = 0.1 : f64, gc.hi = 0.9 : f64}) -> tensor<2x3xf64> {
  %c = nn.constant dense<0.45> : tensor<f64>
  %s = nn.sub %x, %c : (tensor<2x3xf64>, tensor<f64>) -> tensor<2x3xf64>
  %y = nn.leaky_relu %s {alpha = 2.000000e-01 : f64} : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @elu15(%x: tensor<2x3xf64> {gc.lo = 0.1 : f64, gc.hi = 0.9 : f64}) -> tensor<2x3xf64> {
  %c = nn.constant dense<0.45> : tensor<f64>
  %s = nn.sub %x, %c : (tensor<2x3xf64>, tensor<f64>) -> tensor<2x3xf64>
  %y = nn.elu %s : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @selu16(%x: tensor<2x3xf64> {gc.lo = 0.1 : f64, gc.hi = 0.9 : f64}) -> tensor<2x3xf64> {
  %c = nn.constant dense<0.45> : tensor<f64>
  %s = nn.sub %x, %c : (tensor<2x3xf64>, tensor<f64>) -> tensor<2x3xf64>
  %y = nn.selu %s : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @gelu17(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %y = nn.gelu %x : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @gelu18(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %y = nn.gelu %x {approximation = #nn<gelu tanh>} : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @clamp19(%x: tensor<2x3xf64> {gc.lo = 0.1 : f64, gc.hi = 0.9 : f64}) -> tensor<2x3xf64> {
  %c = nn.constant dense<0.45> : tensor<f64>
  %s = nn.sub %x, %c : (tensor<2x3xf64>, tensor<f64>) -> tensor<2x3xf64>
  %y = nn.clamp %s {max = 5.000000e-01 : f64, min = -5.000000e-01 : f64} : tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

// Broadcasting both ways: [2, 1] against [3].
func.func @add(%a: tensor<2x1xf64>, %b: tensor<3xf64>) -> tensor<2x3xf64> {
  %y = nn.add %a, %b : (tensor<2x1xf64>, tensor<3xf64>) -> tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

// Broadcasting both ways: [2, 1] against [3].
func.func @sub(%a: tensor<2x1xf64>, %b: tensor<3xf64>) -> tensor<2x3xf64> {
  %y = nn.sub %a, %b : (tensor<2x1xf64>, tensor<3xf64>) -> tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

// Broadcasting both ways: [2, 1] against [3].
func.func @mul(%a: tensor<2x1xf64>, %b: tensor<3xf64>) -> tensor<2x3xf64> {
  %y = nn.mul %a, %b : (tensor<2x1xf64>, tensor<3xf64>) -> tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

// Broadcasting both ways: [2, 1] against [3].
func.func @div(%a: tensor<2x1xf64>, %b: tensor<3xf64> {gc.lo = 0.5 : f64, gc.hi = 2.0 : f64}) -> tensor<2x3xf64> {
  %y = nn.div %a, %b : (tensor<2x1xf64>, tensor<3xf64>) -> tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

// Broadcasting both ways: [2, 1] against [3].
func.func @pow(%a: tensor<2x1xf64> {gc.lo = 0.5 : f64, gc.hi = 2.0 : f64}, %b: tensor<3xf64>) -> tensor<2x3xf64> {
  %y = nn.pow %a, %b : (tensor<2x1xf64>, tensor<3xf64>) -> tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

// Broadcasting both ways: [2, 1] against [3].
func.func @max(%a: tensor<2x1xf64>, %b: tensor<3xf64>) -> tensor<2x3xf64> {
  %y = nn.max %a, %b : (tensor<2x1xf64>, tensor<3xf64>) -> tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

// Broadcasting both ways: [2, 1] against [3].
func.func @min(%a: tensor<2x1xf64>, %b: tensor<3xf64>) -> tensor<2x3xf64> {
  %y = nn.min %a, %b : (tensor<2x1xf64>, tensor<3xf64>) -> tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

func.func @prelu(%x: tensor<2x3x2xf64>, %s: tensor<3x1xf64>) -> tensor<2x3x2xf64> {
  %y = nn.prelu %x, %s : (tensor<2x3x2xf64>, tensor<3x1xf64>) -> tensor<2x3x2xf64>
  return %y : tensor<2x3x2xf64>
}

// The condition is a mask: no gradient; both branches broadcast.
func.func @select(%c: tensor<2x1xi1>, %a: tensor<3xf64>, %b: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %y = nn.select %c, %a, %b : (tensor<2x1xi1>, tensor<3xf64>, tensor<2x3xf64>) -> tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}

// Through f32 and back: f32 rounding of x +- h (about 6e-8 / 2h) bounds the
// finite-difference agreement.
func.func @cast(%x: tensor<2x3xf64>) -> tensor<2x3xf64> attributes {gc.tol = 1.0e-2 : f64} {
  %y = nn.cast %x : tensor<2x3xf64> -> tensor<2x3xf32>
  %z = nn.cast %y : tensor<2x3xf32> -> tensor<2x3xf64>
  %w = nn.mul %z, %x : (tensor<2x3xf64>, tensor<2x3xf64>) -> tensor<2x3xf64>
  return %w : tensor<2x3xf64>
}

// Fan-out and a chain: y = exp(x) * sigmoid(x) + x.
func.func @chain(%x: tensor<2x3xf64>) -> tensor<2x3xf64> {
  %e = nn.exp %x : tensor<2x3xf64>
  %s = nn.sigmoid %x : tensor<2x3xf64>
  %p = nn.mul %e, %s : (tensor<2x3xf64>, tensor<2x3xf64>) -> tensor<2x3xf64>
  %y = nn.add %p, %x : (tensor<2x3xf64>, tensor<2x3xf64>) -> tensor<2x3xf64>
  return %y : tensor<2x3xf64>
}
