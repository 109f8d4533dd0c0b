//===- Passes.td - nn -> nn graph passes --------------------*- tablegen -*-===//

#ifndef NN_PASSES_TD
#define NN_PASSES_TD

include "mlir/Pass/PassBase.td"

def InferShapesPass : Pass<"nn-infer-shapes", "func::FuncOp"> {
  let summary = "Refine result types to the most static shapes inference allows";
  let description = [{
    Re-runs result-type inference (`InferTypeOpInterface`) over the function
    in order, replacing each result type by the meet of its declared and
    inferred types (a dimension is static if either says so), then updates
    the function's result types to what it returns. Uses that cannot absorb
    a refined type (ops outside the nn dialect) see a `tensor.cast` back to
    the old type. Typical use: after the inputs of an imported model were
    given static shapes.

    Before:
    ```mlir
    func.func @f(%a: tensor<2x3xf32>) -> tensor<?x3xf32> {
      %0 = nn.relu %a : tensor<2x3xf32>
      %1 = nn.add %0, %a : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<?x3xf32>
      return %1 : tensor<?x3xf32>
    }
    ```
    After: `%1` has type `tensor<2x3xf32>`, and so does `@f`'s result.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

//===----------------------------------------------------------------------===//
// Folding: graph rewrites that remove work before fusion.
//===----------------------------------------------------------------------===//

def FoldConstantsPass : Pass<"nn-fold-constants", "func::FuncOp"> {
  let summary = "Fold constant subgraphs (shape computations), then CSE and DCE";
  let description = [{
    Evaluates every op whose operands are constants through the ops' folders
    (shape arithmetic: gather, concat, slice, cast, squeeze/unsqueeze,
    elementwise math, reshape of constants; results up to the folding budget
    of ir/ConstantFolding.h), merges identical ops (CSE) and erases ops whose
    results are unused (DCE). Canonicalization patterns are not applied.

    Before:
    ```mlir
    %s = nn.constant dense<[2, 3, 4]> : tensor<3xi64>
    %i = nn.constant dense<0> : tensor<i64>
    %n = nn.gather %s, %i : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
    %u = nn.unsqueeze %n {axes = array<i64: 0>} : tensor<i64> -> tensor<1xi64>
    %m = nn.constant dense<-1> : tensor<1xi64>
    %c = nn.concat %u, %m {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
    ```
    After: `%c = nn.constant dense<[2, -1]> : tensor<2xi64>`.
  }];
}

def FoldBatchNormPass : Pass<"nn-fold-batchnorm", "func::FuncOp"> {
  let summary = "Fold inference batch_norm into the preceding conv / linear layer";
  let description = [{
    `nn.batch_norm` of the only result of a `nn.conv`, `nn.conv_transpose`,
    `nn.gemm` or `nn.matmul` + `nn.add` with constant f32 weights, bias and
    statistics is folded into the contraction: with
    `s = scale / sqrt(var + eps)` and `t = bias - mean * s`, the weight is
    scaled by `s` per output channel and the bias becomes `b * s + t`.

    Before:
    ```mlir
    %c = nn.conv %x, %w, %b : (...) -> tensor<1x4x6x6xf32>
    %y = nn.batch_norm %c, %scale, %shift, %mean, %var : (...) -> tensor<1x4x6x6xf32>
    ```
    After: `%y = nn.conv %x, %w2, %b2` with new constants `%w2`, `%b2`.
  }];
}

def FoldLayoutPass : Pass<"nn-fold-layout", "func::FuncOp"> {
  let summary = "Fold transposes and reshapes, sinking them below elementwise ops";
  let description = [{
    Composes transpose(transpose) and reshape(reshape), drops identity
    transposes, and sinks a layout op (transpose, reshape, squeeze, ...)
    below the elementwise op that alone uses it (for a binary op, when both
    operands come from the same layout op on same-typed inputs), so layout
    ops meet and cancel and elementwise ops meet to fuse.

    Before:
    ```mlir
    %t = nn.transpose %x {perm = array<i64: 1, 0>} : tensor<4x8xf32> -> tensor<8x4xf32>
    %r = nn.relu %t : tensor<8x4xf32>
    %u = nn.transpose %r {perm = array<i64: 1, 0>} : tensor<8x4xf32> -> tensor<4x8xf32>
    ```
    After: `%u = nn.relu %x : tensor<4x8xf32>`.
  }];
}

//===----------------------------------------------------------------------===//
// Fusion: each pass forms nn.fusion_group regions with one rule of the
// policy in FusionPolicy.cpp (planFusionGroups).
//===----------------------------------------------------------------------===//

def FuseElementwisePass : Pass<"nn-fuse-elementwise", "func::FuncOp"> {
  let summary = "Group producer-consumer chains of elementwise ops";
  let description = [{
    Chains (and trees) of `ElementwiseLike` ops whose intermediates have no
    other use become one `nn.fusion_group "elementwise"`; producers may
    broadcast into their consumers.

    Before:
    ```mlir
    %a = nn.add %x, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
    %r = nn.relu %a : tensor<4x8xf32>
    ```
    After:
    ```mlir
    %r = nn.fusion_group "elementwise" : tensor<4x8xf32> {
      %a = nn.add %x, %b : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4x8xf32>
      %0 = nn.relu %a : tensor<4x8xf32>
      nn.yield %0 : tensor<4x8xf32>
    }
    ```
  }];
}

def FuseEpiloguePass : Pass<"nn-fuse-epilogue", "func::FuncOp"> {
  let summary = "Group a contraction with its elementwise epilogue";
  let description = [{
    A `ContractionLike` op (matmul, gemm, conv) and the chain of
    `ElementwiseLike` ops applied to its result alone (bias, activation,
    residual add) become one `nn.fusion_group "epilogue"`, computed on the
    accumulator tile.

    Before:
    ```mlir
    %m = nn.matmul %x, %w : (tensor<4x64xf32>, tensor<64x128xf32>) -> tensor<4x128xf32>
    %r = nn.relu %m : tensor<4x128xf32>
    ```
    After: both ops inside one `nn.fusion_group "epilogue"` yielding `%r`.
  }];
}

def FuseReductionsPass : Pass<"nn-fuse-reductions", "func::FuncOp"> {
  let summary = "Group each reduction with the elementwise ops around it";
  let description = [{
    Every `ReductionLike` op (softmax, log_softmax, layer_norm, the losses,
    reduce) becomes one `nn.fusion_group "reduction"` together with the
    elementwise producers of its input and the elementwise chain after it,
    so its several passes over a row run in one loop nest.

    Before:
    ```mlir
    %s = nn.softmax %x {axis = -1 : i64} : tensor<4x8xf32>
    ```
    After:
    ```mlir
    %s = nn.fusion_group "reduction" : tensor<4x8xf32> {
      %0 = nn.softmax %x {axis = -1 : i64} : tensor<4x8xf32>
      nn.yield %0 : tensor<4x8xf32>
    }
    ```
  }];
}

def FuseHorizontalPass : Pass<"nn-fuse-horizontal", "func::FuncOp"> {
  let summary = "Compute independent matmuls that share an input as one";
  let description = [{
    Matmuls with the same input and constant 2-D weights of the same type
    (attention's Q/K/V projections) become one matmul by the concatenated
    weight, whose result is sliced back, inside one
    `nn.fusion_group "horizontal"`.

    Before:
    ```mlir
    %q = nn.matmul %x, %wq : (tensor<4x16xf32>, tensor<16x16xf32>) -> tensor<4x16xf32>
    %k = nn.matmul %x, %wk : (tensor<4x16xf32>, tensor<16x16xf32>) -> tensor<4x16xf32>
    ```
    After:
    ```mlir
    %q, %k = nn.fusion_group "horizontal" : tensor<4x16xf32>, tensor<4x16xf32> {
      %w = nn.constant dense<...> : tensor<16x32xf32>
      %m = nn.matmul %x, %w : (tensor<4x16xf32>, tensor<16x32xf32>) -> tensor<4x32xf32>
      %0 = nn.slice %m ... -> tensor<4x16xf32>
      %1 = nn.slice %m ... -> tensor<4x16xf32>
      nn.yield %0, %1 : tensor<4x16xf32>, tensor<4x16xf32>
    }
    ```
  }];
}

def TrainStepPass : Pass<"nn-train-step", "ModuleOp"> {
  let summary = "Compose forward + loss + backward + optimizer update into "
                "one training-step function";
  let description = [{
    For the function named by `function` (static shapes), builds
    `@<f>_eval(params..., frozen..., stats..., inputs...)` and
    `@<f>_train_step(params..., state..., [step], frozen..., stats...,
                     inputs..., target)
       -> (loss, outputs..., new_params..., new_state..., new_stats...)`
    (see passes/TrainStep.h): the trainable constants (floating-point, rank
    >= 1, or those named in `params`) become arguments, the loss is applied
    to the first result, gradients come from each op's GradientOpInterface
    rule and every parameter gets one `nn.sgd_update` / `nn.adam_update`.
    `stats` are the running mean/variance constants of each `nn.batch_norm`:
    in the step it normalizes with batch statistics and the updated running
    ones are returned (passes/BatchNormTraining.h).
    A module without that function is left unchanged.

    Before:
    ```mlir
    func.func @main(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
      %w = nn.constant dense<...> : tensor<3x2xf32>
      %y = nn.matmul %x, %w : ...
      return %y : tensor<4x2xf32>
    }
    ```
    After (`loss=mse optimizer=sgd`), beside `@main`:
    ```mlir
    func.func @main_train_step(%w: tensor<3x2xf32>, %v: tensor<3x2xf32>,
        %x: tensor<4x3xf32>, %t: tensor<4x2xf32>)
        -> (tensor<f32>, tensor<4x2xf32>, tensor<3x2xf32>, tensor<3x2xf32>)
    ```
  }];
  let options = [
    Option<"function", "function", "std::string", /*default=*/"\"main\"",
           "The forward function to train">,
    Option<"loss", "loss", "std::string", /*default=*/"\"cross_entropy\"",
           "cross_entropy | mse | bce (applied to the first result)">,
    Option<"optimizer", "optimizer", "std::string", /*default=*/"\"sgd\"",
           "sgd | adam | adamw">,
    Option<"lr", "lr", "double", /*default=*/"0.01", "Learning rate">,
    Option<"momentum", "momentum", "double", /*default=*/"0.0",
           "SGD momentum">,
    Option<"nesterov", "nesterov", "bool", /*default=*/"false",
           "SGD with Nesterov momentum">,
    Option<"weightDecay", "weight-decay", "double", /*default=*/"0.0",
           "L2 penalty (decoupled for adamw)">,
    ListOption<"params", "params", "std::string",
               "Names (NameLoc) of the constants to train; default: all "
               "floating-point constants of rank >= 1">,
    ListOption<"frozen", "frozen", "std::string",
               "Names of constants passed as arguments but not trained">,
    Option<"batchNormTraining", "batch-norm-training", "bool",
           /*default=*/"true",
           "Batch norms with constant statistics use batch statistics and "
           "update the running ones (false: inference form)">,
    Option<"batchNormMomentum", "batch-norm-momentum", "double",
           /*default=*/"0.9",
           "ONNX momentum of the running statistics' update">,
  ];
}

def AutodiffPass : Pass<"nn-autodiff", "ModuleOp"> {
  let summary = "Build the backward (vector-Jacobian product) function of a "
                "forward function";
  let description = [{
    For the function `func` (default `main`) adds a function `name` (default
    `<func>_grad`) that computes the forward results and the gradients of
    the arguments listed in `wrt` (default: every float argument):

      (forward args..., one seed cotangent per forward result)
          -> (forward results..., gradient per wrt argument)

    With `seed-ones` the seed arguments are left out and every result is
    seeded with ones (the gradient of a scalar loss); with
    `return-results=false` only the gradients are returned. The rules come
    from `GradientOpInterface` (ir/gradients/); the pass names no op. Ops on
    the path from a wrt argument to a result that have no rule are an error
    naming the op. Shapes must be static (pin them first, e.g. with the
    CPU JIT's input types or `nn-infer-shapes`).

    Before:
    ```mlir
    func.func @main(%x: tensor<3xf32>) -> tensor<3xf32> {
      %y = nn.mul %x, %x : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
      return %y : tensor<3xf32>
    }
    ```
    After `--nn-autodiff`, besides `@main`:
    ```mlir
    func.func @main_grad(%x: tensor<3xf32>, %seed: tensor<3xf32>)
        -> (tensor<3xf32>, tensor<3xf32>) {
      %y = nn.mul %x, %x ...
      %0 = nn.mul %seed, %x ...
      %1 = nn.mul %seed, %x ...
      %2 = nn.add %0, %1 ...      // fan-out: both uses of %x accumulate
      return %y, %2 : tensor<3xf32>, tensor<3xf32>
    }
    ```
  }];
  let options = [
    Option<"func", "func", "std::string", "\"main\"",
           "The forward function">,
    ListOption<"wrt", "wrt", "unsigned",
               "Argument indices to differentiate (default: all float ones)">,
    Option<"name", "name", "std::string", "\"\"",
           "Name of the backward function (default: <func>_grad)">,
    Option<"returnResults", "return-results", "bool", "true",
           "Return the forward results before the gradients">,
    Option<"seedOnes", "seed-ones", "bool", "false",
           "Seed every result with ones instead of taking seed arguments">,
  ];
  let dependentDialects = ["::mlir::nn::NNDialect"];
}

#endif // NN_PASSES_TD
