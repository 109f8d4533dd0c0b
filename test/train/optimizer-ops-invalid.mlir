// One expected-error per verifier / inference branch of the optimizer ops.
// RUN: %nn-opt %s --split-input-file --verify-diagnostics

func.func @sgd_grad_shape(%p: tensor<4x3xf32>, %g: tensor<3x4xf32>, %v: tensor<4x3xf32>) {
  // expected-error @+2 {{grad of shape [3, 4] must have the shape of param [4, 3]}}
  // expected-error @+1 {{failed to infer returned types}}
  %p1, %v1 = nn.sgd_update %p, %g, %v {lr = 0.1 : f64} : (tensor<4x3xf32>, tensor<3x4xf32>, tensor<4x3xf32>) -> (tensor<4x3xf32>, tensor<4x3xf32>)
  return
}

// -----

func.func @sgd_velocity_shape(%p: tensor<4xf32>, %g: tensor<4xf32>, %v: tensor<5xf32>) {
  // expected-error @+2 {{velocity of shape [5] must have the shape of param [4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %p1, %v1 = nn.sgd_update %p, %g, %v {lr = 0.1 : f64} : (tensor<4xf32>, tensor<4xf32>, tensor<5xf32>) -> (tensor<4xf32>, tensor<5xf32>)
  return
}

// -----

func.func @sgd_element_type(%p: tensor<4xf32>, %g: tensor<4xf64>, %v: tensor<4xf32>) {
  // expected-error @+1 {{all of {param, grad, velocity} have same element type}}
  %p1, %v1 = nn.sgd_update %p, %g, %v {lr = 0.1 : f64} : (tensor<4xf32>, tensor<4xf64>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @sgd_negative_lr(%p: tensor<4xf32>) {
  // expected-error @+1 {{'nn.sgd_update' op lr = -1.000000e-01 must be >= 0}}
  %p1, %v1 = nn.sgd_update %p, %p, %p {lr = -0.1 : f64} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @sgd_negative_momentum(%p: tensor<4xf32>) {
  // expected-error @+1 {{momentum = -5.000000e-01 must be >= 0}}
  %p1, %v1 = nn.sgd_update %p, %p, %p {lr = 0.1 : f64, momentum = -0.5 : f64} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @sgd_negative_decay(%p: tensor<4xf32>) {
  // expected-error @+1 {{weight_decay = -1.000000e+00 must be >= 0}}
  %p1, %v1 = nn.sgd_update %p, %p, %p {lr = 0.1 : f64, weight_decay = -1.0 : f64} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @sgd_nesterov_without_momentum(%p: tensor<4xf32>) {
  // expected-error @+1 {{nesterov requires momentum > 0}}
  %p1, %v1 = nn.sgd_update %p, %p, %p {lr = 0.1 : f64, nesterov = true} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @adam_m_shape(%p: tensor<4xf32>, %m: tensor<2x2xf32>, %t: tensor<f32>) {
  // expected-error @+2 {{m of shape [2, 2] must have the shape of param [4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %a:3 = nn.adam_update %p, %p, %m, %p, %t {lr = 0.1 : f64} : (tensor<4xf32>, tensor<4xf32>, tensor<2x2xf32>, tensor<4xf32>, tensor<f32>) -> (tensor<4xf32>, tensor<2x2xf32>, tensor<4xf32>)
  return
}

// -----

func.func @adam_v_shape(%p: tensor<4xf32>, %v: tensor<3xf32>, %t: tensor<f32>) {
  // expected-error @+2 {{v of shape [3] must have the shape of param [4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %a:3 = nn.adam_update %p, %p, %p, %v, %t {lr = 0.1 : f64} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<3xf32>, tensor<f32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<3xf32>)
  return
}

// -----

func.func @adam_grad_shape(%p: tensor<4xf32>, %g: tensor<1xf32>, %t: tensor<f32>) {
  // expected-error @+2 {{grad of shape [1] must have the shape of param [4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %a:3 = nn.adam_update %p, %g, %p, %p, %t {lr = 0.1 : f64} : (tensor<4xf32>, tensor<1xf32>, tensor<4xf32>, tensor<4xf32>, tensor<f32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @sgd_wrong_result_type(%p: tensor<4xf32>) {
  // expected-error @+2 {{failed to infer returned types}}
  // expected-error @+1 {{inferred type(s) 'tensor<4xf32>', 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<5xf32>', 'tensor<4xf32>'}}
  %p1, %v1 = nn.sgd_update %p, %p, %p {lr = 0.1 : f64} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> (tensor<5xf32>, tensor<4xf32>)
  return
}

// -----

func.func @adam_step_rank(%p: tensor<4xf32>, %t: tensor<1xf32>) {
  // expected-error @+2 {{step must be a rank-0 tensor, got shape [1]}}
  // expected-error @+1 {{failed to infer returned types}}
  %a:3 = nn.adam_update %p, %p, %p, %p, %t {lr = 0.1 : f64} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<1xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @adam_negative_lr(%p: tensor<4xf32>, %t: tensor<f32>) {
  // expected-error @+1 {{lr = -1.000000e+00 must be >= 0}}
  %a:3 = nn.adam_update %p, %p, %p, %p, %t {lr = -1.0 : f64} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<f32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @adam_beta1(%p: tensor<4xf32>, %t: tensor<f32>) {
  // expected-error @+1 {{beta1 = 1.000000e+00 must be in [0, 1)}}
  %a:3 = nn.adam_update %p, %p, %p, %p, %t {lr = 0.1 : f64, beta1 = 1.0 : f64} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<f32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @adam_beta2(%p: tensor<4xf32>, %t: tensor<f32>) {
  // expected-error @+1 {{beta2 = -1.000000e-01 must be in [0, 1)}}
  %a:3 = nn.adam_update %p, %p, %p, %p, %t {lr = 0.1 : f64, beta2 = -0.1 : f64} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<f32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @adam_epsilon(%p: tensor<4xf32>, %t: tensor<f32>) {
  // expected-error @+1 {{epsilon = 0.000000e+00 must be > 0}}
  %a:3 = nn.adam_update %p, %p, %p, %p, %t {lr = 0.1 : f64, epsilon = 0.0 : f64} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<f32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @adam_decay(%p: tensor<4xf32>, %t: tensor<f32>) {
  // expected-error @+1 {{weight_decay = -2.000000e+00 must be >= 0}}
  %a:3 = nn.adam_update %p, %p, %p, %p, %t {lr = 0.1 : f64, weight_decay = -2.0 : f64} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<f32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
  return
}
