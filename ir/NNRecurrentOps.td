//===- NNRecurrentOps.td - RNN, LSTM and GRU layers -------*- tablegen -*-===//
//
// Whole recurrent layers with ONNX (opset 14) semantics. They are first-class
// ops rather than unrolled loops so that lowerings can pick a sequential
// kernel; fusion treats them as opaque (they carry no fusion trait).
// All three share one base class: the same operands (X, W, R, optional B,
// sequence_lens, initial_h), the same attributes and the same checks
// (ir/Recurrent.cpp); LSTM adds a cell state and peepholes.
//
//===----------------------------------------------------------------------===//

#ifndef NN_RECURRENT_OPS_TD
#define NN_RECURRENT_OPS_TD
include "ir/NNBase.td"
include "ir/NNEnums.td"

// `gates`: G, the number of gate blocks stacked in W and R (rows = G *
// hidden_size per direction); `activationsPerDirection`: how many entries of
// `activations` each direction takes. The `extra*` arguments append the
// LSTM-only operands, attributes, results and their assembly.
class NN_RecurrentOp<string mnemonic, int gates, int activationsPerDirection,
                     dag extraOperands = (ins), dag extraAttributes = (ins),
                     dag extraResults = (outs), string extraFormat = "">
    : NN_Op<mnemonic, [Pure, AttrSizedOperandSegments, NN_InferShape]> {
  let arguments = !con(
      (ins NN_FloatTensor:$x, NN_FloatTensor:$w, NN_FloatTensor:$r,
           Optional<NN_FloatTensor>:$b,
           Optional<NN_IndexTensor>:$sequence_lens,
           Optional<NN_FloatTensor>:$initial_h),
      extraOperands,
      (ins I64Attr:$hidden_size,
           DefaultValuedAttr<NN_RnnDirectionAttr,
                             "::mlir::nn::RnnDirection::forward">:$direction,
           OptionalAttr<StrArrayAttr>:$activations,
           OptionalAttr<DenseF64ArrayAttr>:$activation_alpha,
           OptionalAttr<DenseF64ArrayAttr>:$activation_beta,
           OptionalAttr<F64Attr>:$clip),
      extraAttributes);
  let results = !con((outs NN_FloatTensor:$y, NN_FloatTensor:$y_h),
                     extraResults);
  // Each optional operand is introduced by its own keyword, so any subset
  // round-trips unambiguously.
  let assemblyFormat = "$x `,` $w `,` $r (`bias` `(` $b^ `)`)? "
      "(`sequence_lens` `(` $sequence_lens^ `)`)? "
      "(`initial_h` `(` $initial_h^ `)`)? " # extraFormat #
      " attr-dict `:` functional-type(operands, results)";
  let extraClassDeclaration = [{
    /// G: gate blocks stacked in W and R (rows = G * hidden_size).
    static constexpr int64_t kGates = }] # gates # [{;
    /// Entries of `activations` per direction.
    static constexpr int64_t kActivationsPerDirection = }]
        # activationsPerDirection # [{;
  }];
}

// Shared description text: operands, layout, attributes and results.
defvar NN_RecurrentCommonDoc = [{
    Layout is always ONNX `layout = 0` (sequence-major); the importer
    transposes the inputs and outputs of `layout = 1` models around the op.
    With `D` = 2 for `direction = bidirectional` and 1 otherwise, and `G` the
    number of gates:

    - `x`: `[seq_length, batch_size, input_size]`
    - `w`: `[D, G * hidden_size, input_size]`, `r`: `[D, G * hidden_size,
      hidden_size]`, gate blocks stacked in ONNX order
    - `bias` (optional, default 0): `[D, 2 * G * hidden_size]`, `Wb` then `Rb`
    - `sequence_lens` (optional, i32/i64, default `seq_length`): `[batch_size]`;
      steps past a sequence's length produce zeros in `y` and leave `y_h`
      (and `y_c`) at the last valid step
    - `initial_h` (optional, default 0): `[D, batch_size, hidden_size]`

    All float operands and results share one element type. `hidden_size` must
    be positive and agree with `w`/`r`. `activations` (ONNX names: Relu, Tanh,
    Sigmoid, Affine, LeakyRelu, ThresholdedRelu, ScaledTanh, HardSigmoid, Elu,
    Softsign, Softplus) lists the functions of the forward direction, then
    those of the reverse one. `activation_alpha` / `activation_beta` are
    consumed in order by the activations that take an alpha (Affine,
    LeakyRelu, ThresholdedRelu, ScaledTanh, HardSigmoid, Elu) or a beta
    (Affine, ScaledTanh, HardSigmoid), as ONNX Runtime does; missing values
    take the ONNX defaults. `clip` (> 0) clips gate pre-activations to
    `[-clip, clip]`.

    Results are always all present (users ignore what they do not need):
    `y`: `[seq_length, D, batch_size, hidden_size]`, every hidden state;
    `y_h`: `[D, batch_size, hidden_size]`, the last hidden state.
    A dynamic `seq_length` or `batch_size` infers `?`.
}];

def NN_RnnOp : NN_RecurrentOp<"rnn", /*gates=*/1, /*activations=*/1> {
  let summary = "simple recurrent layer (ONNX RNN)";
  let description = !strconcat([{
    `Ht = f(Xt * W^T + Ht-1 * R^T + Wb + Rb)`, `f` defaulting to Tanh.
  }], NN_RecurrentCommonDoc, [{
    Example (bidirectional, dynamic batch):

    ```mlir
    %y, %y_h = nn.rnn %x, %w, %r bias(%b) initial_h(%h0)
        {direction = #nn<direction bidirectional>, hidden_size = 8 : i64}
        : (tensor<5x?x4xf32>, tensor<2x8x4xf32>, tensor<2x8x8xf32>,
           tensor<2x16xf32>, tensor<2x?x8xf32>)
        -> (tensor<5x2x?x8xf32>, tensor<2x?x8xf32>)
    ```
  }]);
}

def NN_GruOp : NN_RecurrentOp<"gru", /*gates=*/3, /*activations=*/2,
    (ins), (ins DefaultValuedAttr<BoolAttr, "false">:$linear_before_reset)> {
  let summary = "gated recurrent unit layer (ONNX GRU)";
  let description = !strconcat([{
    Gate order in `w`/`r`/`bias` is update, reset, hidden (`z, r, h`):

    ```
    zt = f(Xt * Wz^T + Ht-1 * Rz^T + Wbz + Rbz)
    rt = f(Xt * Wr^T + Ht-1 * Rr^T + Wbr + Rbr)
    ht = g(Xt * Wh^T + (rt . Ht-1) * Rh^T + Rbh + Wbh)   # linear_before_reset = false
    ht = g(Xt * Wh^T + rt . (Ht-1 * Rh^T + Rbh) + Wbh)   # linear_before_reset = true
    Ht = (1 - zt) . ht + zt . Ht-1
    ```

    with `f` = Sigmoid and `g` = Tanh by default.
  }], NN_RecurrentCommonDoc, [{
    Example:

    ```mlir
    %y, %y_h = nn.gru %x, %w, %r bias(%b)
        {hidden_size = 8 : i64, linear_before_reset = true}
        : (tensor<5x3x4xf32>, tensor<1x24x4xf32>, tensor<1x24x8xf32>,
           tensor<1x48xf32>) -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>)
    ```
  }]);
}

def NN_LstmOp : NN_RecurrentOp<"lstm", /*gates=*/4, /*activations=*/3,
    (ins Optional<NN_FloatTensor>:$initial_c, Optional<NN_FloatTensor>:$p),
    (ins DefaultValuedAttr<BoolAttr, "false">:$input_forget),
    (outs NN_FloatTensor:$y_c),
    "(`initial_c` `(` $initial_c^ `)`)? (`peepholes` `(` $p^ `)`)?"> {
  let summary = "long short-term memory layer (ONNX LSTM)";
  let description = !strconcat([{
    Gate order in `w`/`r`/`bias` is input, output, forget, cell
    (`i, o, f, c`); `peepholes` (ONNX `P`, optional, default 0) are
    `[D, 3 * hidden_size]` in order `i, o, f`:

    ```
    it = f(Xt * Wi^T + Ht-1 * Ri^T + Pi . Ct-1 + Wbi + Rbi)
    ft = f(Xt * Wf^T + Ht-1 * Rf^T + Pf . Ct-1 + Wbf + Rbf)
    ct = g(Xt * Wc^T + Ht-1 * Rc^T + Wbc + Rbc)
    Ct = ft . Ct-1 + it . ct
    ot = f(Xt * Wo^T + Ht-1 * Ro^T + Po . Ct + Wbo + Rbo)
    Ht = ot . h(Ct)
    ```

    with `f` = Sigmoid, `g` = `h` = Tanh by default. `input_forget` couples
    the input and forget gates (`ft = 1 - it`). `initial_c` (optional,
    default 0) is `[D, batch_size, hidden_size]`, and the extra result
    `y_c` (same shape as `y_h`) is the last cell state.
  }], NN_RecurrentCommonDoc, [{
    Example:

    ```mlir
    %y, %y_h, %y_c = nn.lstm %x, %w, %r bias(%b) initial_h(%h0)
        initial_c(%c0) peepholes(%p) {hidden_size = 8 : i64}
        : (tensor<5x3x4xf32>, tensor<1x32x4xf32>, tensor<1x32x8xf32>,
           tensor<1x64xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>,
           tensor<1x24xf32>)
        -> (tensor<5x1x3x8xf32>, tensor<1x3x8xf32>, tensor<1x3x8xf32>)
    ```
  }]);
}

#endif // NN_RECURRENT_OPS_TD
