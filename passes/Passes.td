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

def TrainStepPass : Pass<"nn-train-step", "ModuleOp"> {
  let summary = "Compose forward + loss + backward + optimizer update into "
                "one training-step function";
  let description = [{
    For the function named by `function` (static shapes), builds
    `@<f>_eval(params..., inputs...)` and
    `@<f>_train_step(params..., state..., [step], frozen..., inputs..., target)
       -> (loss, outputs..., new_params..., new_state...)`
    (see passes/TrainStep.h): the trainable constants (floating-point, rank
    >= 1, or those named in `params`) become arguments, the loss is applied
    to the first result, gradients come from each op's GradientOpInterface
    rule and every parameter gets one `nn.sgd_update` / `nn.adam_update`.
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
