//===- NNOptimizerOps.td - parameter updates of optimizers -*- tablegen -*-===//
//
// One op per optimizer: it takes a parameter, its gradient and the
// optimizer's state for that parameter and returns the updated parameter and
// state (value semantics; the training step returns them and the host feeds
// them back, so storage is reused in place). Hyper-parameters are attributes
// with PyTorch's defaults and meaning (torch.optim.SGD / Adam / AdamW);
// Optimizers.cpp checks their ranges and that every tensor has the
// parameter's shape.
//
//===----------------------------------------------------------------------===//

#ifndef NN_OPTIMIZER_OPS_TD
#define NN_OPTIMIZER_OPS_TD

include "ir/NNBase.td"

def NN_SgdUpdateOp : NN_Op<"sgd_update", [Pure, NN_InferShape,
    AllElementTypesMatch<["param", "grad", "velocity"]>]> {
  let summary = "one SGD step with momentum, Nesterov and weight decay";
  let description = [{
    PyTorch's `torch.optim.SGD` (dampening 0) on one parameter `p` with
    gradient `g` and momentum buffer `v` (zeros before the first step):

    ```
    g' = g + weight_decay * p
    v' = momentum * v + g'
    d  = nesterov ? g' + momentum * v' : (momentum != 0 ? v' : g')
    p' = p - lr * d
    ```

    `grad` and `velocity` have the shape of `param`; results are `(p', v')`.
    With `momentum = 0` the velocity result is `g'` (unused by later steps).
    Constraints: `lr >= 0`, `momentum >= 0`, `weight_decay >= 0`, and
    `nesterov` requires `momentum > 0`.

    ```mlir
    %p1, %v1 = nn.sgd_update %p, %g, %v {lr = 0.1 : f64, momentum = 0.9 : f64,
        nesterov = true}
        : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<4x3xf32>)
          -> (tensor<4x3xf32>, tensor<4x3xf32>)
    ```
  }];
  let arguments = (ins NN_FloatTensor:$param, NN_FloatTensor:$grad,
      NN_FloatTensor:$velocity,
      F64Attr:$lr,
      DefaultValuedAttr<F64Attr, "0.0">:$momentum,
      DefaultValuedAttr<F64Attr, "0.0">:$weight_decay,
      DefaultValuedAttr<BoolAttr, "false">:$nesterov);
  let results = (outs NN_FloatTensor:$new_param,
                      NN_FloatTensor:$new_velocity);
  let assemblyFormat = [{
    $param `,` $grad `,` $velocity attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def NN_AdamUpdateOp : NN_Op<"adam_update", [Pure, NN_InferShape,
    AllElementTypesMatch<["param", "grad", "m", "v", "step"]>]> {
  let summary = "one Adam / AdamW step with bias correction";
  let description = [{
    PyTorch's `torch.optim.Adam` (`decoupled = false`) and `AdamW`
    (`decoupled = true`) on one parameter `p` with gradient `g`, first and
    second moments `m`, `v` (zeros before the first step) and the 1-based
    step number `t` (`step`, a rank-0 tensor):

    ```
    Adam:  g' = g + weight_decay * p          AdamW: p = p * (1 - lr * weight_decay)
    m' = beta1 * m + (1 - beta1) * g'
    v' = beta2 * v + (1 - beta2) * g'^2
    p' = p - lr / (1 - beta1^t) * m' / (sqrt(v') / sqrt(1 - beta2^t) + epsilon)
    ```

    Results are `(p', m', v')`. Constraints: `lr >= 0`, `0 <= beta1, beta2 < 1`,
    `epsilon > 0`, `weight_decay >= 0`.

    ```mlir
    %p1, %m1, %v1 = nn.adam_update %p, %g, %m, %v, %t {lr = 1.0e-3 : f64}
        : (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>,
           tensor<f32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>)
    ```
  }];
  let arguments = (ins NN_FloatTensor:$param, NN_FloatTensor:$grad,
      NN_FloatTensor:$m, NN_FloatTensor:$v, NN_FloatTensor:$step,
      F64Attr:$lr,
      DefaultValuedAttr<F64Attr, "0.9">:$beta1,
      DefaultValuedAttr<F64Attr, "0.999">:$beta2,
      DefaultValuedAttr<F64Attr, "1.0e-8">:$epsilon,
      DefaultValuedAttr<F64Attr, "0.0">:$weight_decay,
      DefaultValuedAttr<BoolAttr, "false">:$decoupled);
  let results = (outs NN_FloatTensor:$new_param, NN_FloatTensor:$new_m,
                      NN_FloatTensor:$new_v);
  let assemblyFormat = [{
    $param `,` $grad `,` $m `,` $v `,` $step attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // NN_OPTIMIZER_OPS_TD
