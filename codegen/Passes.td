//===- Passes.td - nn lowering passes -----------------------*- tablegen -*-===//

#ifndef NN_CODEGEN_PASSES_TD
#define NN_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertNNToLinalgPass : Pass<"convert-nn-to-linalg", "func::FuncOp"> {
  let summary = "Lower nn ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Every nn op becomes linalg structured ops (generic, named contractions,
    convolutions, pooling), tensor ops (reshape, slices, padding) and scalar
    arith/math inside them, still on tensors. Broadcasting is expressed in
    indexing maps. An op that has no lowering yet is an error at its
    location (which names the ONNX node for imported models).

    Before:
    ```mlir
    %y = nn.relu %x : tensor<4x8xf32>
    ```
    After:
    ```mlir
    %e = tensor.empty() : tensor<4x8xf32>
    %y = linalg.generic {...iterator_types = ["parallel", "parallel"]}
        ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) {
      ^bb0(%a: f32, %o: f32):
        %r = arith.maximumf %a, %cst : f32
        linalg.yield %r : f32
    } -> tensor<4x8xf32>
    ```
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect"
  ];
}

def CpuConvAsMatmulPass : Pass<"nn-cpu-conv-as-matmul", "func::FuncOp"> {
  let summary = "Lower 2-D nn.conv_transpose / nn.conv_weight_grad (groups = "
                "1, static f32) to matmul-shaped linalg (CPU)";
  let description = [{
    Runs before convert-nn-to-linalg. nn.conv_transpose with stride 1,
    dilation 1, no output padding and pads <= K - 1 becomes nn.conv of the
    same input with the filter's channel axes swapped and its taps flipped,
    padded by K - 1 - pad (it then takes the im2col path of
    nn-cpu-tile-contractions). Other dilation-1 nn.conv_transposes are
    computed by sub-pixel phases (ConvTransposePhases.cpp): the outputs with
    ((oh + pad) mod s_h, (ow + pad) mod s_w) fixed are a stride-1
    correlation with that phase's taps of the flipped kernel, one im2col +
    contraction per phase (or one contraction over all taps plus per-phase
    shifted sums when there are few output channels), added into the
    strided output slice; a 1x1 input is one matmul. Constant weights get
    their phase kernels at compile time. Dilated ones become a contraction
    with K = C_in producing columns [N, C_out*KH*KW, H*W], then a gather
    (col2im: every output pixel sums the taps that land on it; the bias is
    the initial value). nn.conv_weight_grad becomes im2col of the padded
    input (a 6-D affine copy collapsed to [(N*OH*OW), C*KH*KW]), dY copied
    to [F, N*OH*OW], and one contraction with K = N*OH*OW. All contractions
    have a single K loop, so nn-cpu-tile-contractions turns them into FMA
    micro-kernels. An op inside an nn.fusion_group (conv_transpose + relu
    epilogue) is rewritten in front of the group, which keeps its
    elementwise rest. Other cases (groups, 1-D/3-D, dynamic shapes) are
    left to convert-nn-to-linalg.
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect"
  ];
}

def CpuWinogradConvPass : Pass<"nn-cpu-winograd-conv", "func::FuncOp"> {
  let summary = "Stride-1 3x3 convolutions with a constant filter as "
                "Winograd F(4x4,3x3) / F(2x2,3x3) (CPU)";
  let description = [{
    Runs right before nn-cpu-tile-contractions. A linalg.conv_2d_nchw_fchw
    on static f32 tensors with a 3x3 constant filter, strides 1 and
    dilations 1 (its input already padded), at least `min-channels` input
    and output channels and an output whose height and width are multiples
    of m, is computed per m x m output tile as Y = AT [U (.) V] A
    (Lavin & Gray): m = 4 (6x6 input tiles, points 0, +-1, +-2, inf) when
    OH and OW are multiples of 4, else m = 2 (4x4 tiles, points 0, +-1,
    inf) when both are even and its filter is at most `max-f2-filter-kib`.
    U = G g GT is computed at compile time in double precision, laid out
    [(m+2)^2, F, C]. The input transform is an scf.forall over (image,
    channel) planes writing V [(m+2)^2, C, N*OH/m*OW/m]: per tile row and
    block of W tiles, each input row is read once as one vector and split
    into its m+2 taps by stride-m shuffles, and the BT rows/columns are
    unrolled vector adds/FMAs with compile-time coefficients (zeros skipped).
    The channel sums are one linalg.batch_matmul (the micro-kernel's batch
    loop is the one threads share). The output transform, an scf.forall over
    (image, filter) planes, applies AT the same way, interleaves each output
    row's m column vectors by a shuffle, and adds the run to the conv's init
    (bias or zeros). As linalg.generic stages LLVM left these transforms
    scalar (strided taps, coefficient loads that might alias).

    Before:
    ```mlir
    %y = linalg.conv_2d_nchw_fchw {strides = dense<1> : tensor<2xi64>, ...}
        ins(%xpad, %cst_filter : tensor<1x64x58x58xf32>, tensor<64x64x3x3xf32>)
        outs(%bias : tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
    ```
    After (m = 4):
    ```mlir
    %u = arith.constant dense_resource<winograd_filter> : tensor<36x64x64xf32>
    %v4 = scf.forall (%n, %c) in (1, 64) ... -> (tensor<6x6x64x196xf32>) {
      ... vector.transfer_read ... : tensor<58x58xf32>, vector<58xf32>
      ... vector.shuffle %row, %row [0, 4, 8, ...] ...
      ... vector.transfer_write ... : vector<6x14xf32>, tensor<6x6x196xf32>
    }
    %v = tensor.collapse_shape %v4 [[0, 1], [2], [3]]
    %m = linalg.batch_matmul ins(%u, %v : tensor<36x64x64xf32>,
        tensor<36x64x196xf32>) outs(%zero : tensor<36x64x196xf32>)
    %y = scf.forall (%n, %f) in (1, 64) shared_outs(%o = %bias) ... {
      ... vector.transfer_read %m_f ... : tensor<36x196xf32>, vector<6x14xf32>
      ... vector.shuffle (interleave) ... arith.addf ... vector.transfer_write
    }
    ```
  }];
  let options = [
    Option<"minChannels", "min-channels", "int64_t", /*default=*/"16",
           "Fewest input and output channels (smaller convs keep im2col)">,
    Option<"minPixels", "min-pixels", "int64_t", /*default=*/"64",
           "Fewest output pixels (N*OH*OW) to transform">,
    Option<"forceTile", "tile", "int64_t", /*default=*/"0",
           "Output tile m (2 or 4; 0 picks 4, else 2, by the output size)">,
    Option<"maxF2FilterKiB", "max-f2-filter-kib", "int64_t",
           /*default=*/"8192",
           "Largest transformed filter (KiB) for F(2x2,3x3). ResNet-18's "
           "14x14 256-channel layer (4 MiB) pays since its 49-tile products "
           "run transposed on filter panels (prefetched): 14.2-14.9 -> "
           "12.5-12.9 ms per inference; at 1 MiB it had measured no gain">,
    Option<"padTiles", "pad-tiles", "bool", /*default=*/"false",
           "Pad the tile count to a multiple of 16 when it would leave a "
           "1-3 column GEMM tail (measured slower at 28x28, equal at 14x14)">,
  ];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect", "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def CpuTileContractionsPass
    : Pass<"nn-cpu-tile-contractions", "func::FuncOp"> {
  let summary = "Cache- and register-tile f32 contractions and vectorize "
                "them into FMA micro-kernels (CPU)";
  let description = [{
    On linalg on tensors, 2-D convolutions (NCHW, groups = 1) first become
    im2col + a batched contraction. Then every statically shaped f32
    contraction with one M, one N and one K dimension (linalg.matmul, batched
    and transposed contractions from nn.matmul / nn.gemm, convolutions)
    becomes:

    1. operands in row-major (k, n) / (m, k) order: a transposed operand is
       materialized once by linalg.transpose, so the micro-kernel streams B
       rows and broadcasts A elements;
    2. padded with zeros so M is a multiple of the register tile's rows and
       N of its columns (padding B also gives it an odd-free row stride, the
       packing that avoids L1 set conflicts at power-of-two sizes);
    3. tiled for the caches (batch 1, M 64, N 256, K 128: a 128x256 B panel
       stays in L2, a 64x128 A panel in L1) and then for registers (8 x 32:
       16 zmm accumulators with AVX-512);
    4. vectorized into vector.contract, lowered to outer products (FMAs), and
       the C tile hoisted out of the K loop as a loop-carried vector.

    With `fold-init`, a C tile's first read of an init that is a
    per-row broadcast (a conv or gemm bias) or a fill is replaced by that
    value computed in registers (InitIntoTiles.cpp), and the broadcast over
    the whole output dies when nothing else reads it. Loops that re-read
    their partial sums (K loops) keep the read.

    With `fuse-epilogues`, the elementwise consumer of a convolution (the
    residual add and activation of a conv group; the bias is the
    contraction's initial value) runs inside the loop that computes the
    convolution's output tiles (per image, or per thread tile), on each tile
    right after its contraction.

    Everything else is left alone and lowers to plain loops later.
  }];
  let options = [
    Option<"registerRows", "register-rows", "int64_t", /*default=*/"8",
           "Rows of the register tile (broadcast A elements per k)">,
    Option<"registerCols", "register-cols", "int64_t", /*default=*/"32",
           "Columns of the register tile (f32 lanes per k)">,
    Option<"fuseEpilogues", "fuse-epilogues", "bool", /*default=*/"true",
           "Compute a convolution's elementwise consumer inside its tile "
           "loop">,
    Option<"foldInit", "fold-init", "bool", /*default=*/"true",
           "Start each C tile from its bias broadcast or fill in registers "
           "instead of reading a pre-written output">,
  ];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect",
    "::mlir::arith::ArithDialect", "::mlir::affine::AffineDialect"
  ];
}

def CpuVectorizeReductionsPass
    : Pass<"nn-cpu-vectorize-reductions", "func::FuncOp"> {
  let summary = "Innermost-loop f32 reductions as vector rows (CPU)";
  let description = [{
    Runs on tensors after nn-cpu-tile-contractions. A static f32
    linalg.generic whose only reduction loop is its innermost one, read
    contiguously by every input that uses it (a softmax's max and sum of
    exponentials, a layer norm's mean and variance), is tiled into rows
    (every parallel loop by 1; the reduction loop by the largest multiple of
    8 up to 256 that divides it), and each row is vectorized: one vector
    read, the body in vector arithmetic, and the reduction combined as a
    tree of 16-lane ops followed by a shuffle tree (the upstream lowering
    gives a chain of one scalar op per element: a float sum is not
    reassociated without fast-math flags). Rows of an op outside any loop
    form an scf.forall (threads share them), inside a loop an scf.for.
    As scalar loops, attention's softmax at seq 128 took half the runtime.
    Rows whose length is no multiple of 8, reductions over an outer loop and
    other element types are left alone.

    Before:
    ```mlir
    %m = linalg.generic {indexing_maps = [(d0, d1) -> (d0, d1), (d0, d1) -> (d0)],
        iterator_types = ["parallel", "reduction"]}
        ins(%x : tensor<32x128xf32>) outs(%init : tensor<32xf32>) {...maximumf...}
    ```
    After:
    ```mlir
    %m = scf.forall (%i) in (32) shared_outs(%o = %init) -> (tensor<32xf32>) {
      %row = vector.transfer_read ... : tensor<1x128xf32>, vector<1x128xf32>
      ... vector.extract_strided_slice / arith.maximumf : vector<16xf32> ...
      ... vector.shuffle, arith.maximumf ...
    }
    ```
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect",
    "::mlir::arith::ArithDialect", "::mlir::affine::AffineDialect"
  ];
}

def CpuVectorizeTransposesPass
    : Pass<"nn-cpu-vectorize-transposes", "func::FuncOp"> {
  let summary = "Transposes that move the innermost dim as 16x16 register "
                "blocks (CPU)";
  let description = [{
    Runs on tensors after nn-cpu-tile-contractions. A static f32
    linalg.transpose whose output's innermost dimension is not the input's
    (attention's K^T: [seq, heads, d] -> [heads, d, seq]), with both
    dimensions that trade places at least 16 long, is tiled into 16x16 blocks
    (an scf.forall, or an scf.for inside a loop): each block is read as 16
    contiguous input rows, transposed in registers (vector.transpose lowered
    to unpack/shuffle sequences) and written as 16 contiguous output rows.
    As a loop nest, LLVM vectorized such a copy with one gather per 16
    elements (half of attention's non-kernel time at seq 128). An extent
    that is not a multiple of 16 (the 49 pixels of MobileNetV2's 7x7
    activations, transposed around its narrow pointwise convs) ends in a
    partial block: every block is then read and written with masks along
    that dimension. Transposes that keep the innermost dimension (row copies
    LLVM vectorizes), sides under 16 and other element types are left
    alone.

    Before:
    ```mlir
    %t = linalg.transpose ins(%k : tensor<128x4x64xf32>)
        outs(%e : tensor<4x64x128xf32>) permutation = [1, 2, 0]
    ```
    After:
    ```mlir
    %t = scf.forall (%h, %i, %j) = (0, 0, 0) to (4, 64, 128) step (1, 16, 16) ... {
      %r = vector.transfer_read %in[...] {permutation_map = (d0, d1, d2) -> (d0, d2)}
          : tensor<16x1x16xf32>, vector<16x16xf32>
      ... vector.shuffle ... (the 16x16 transpose)
      vector.transfer_write %c, %out[...] {permutation_map = (d0, d1, d2) -> (d1, d2)}
    }
    ```
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect",
    "::mlir::arith::ArithDialect", "::mlir::affine::AffineDialect",
    "::mlir::ub::UBDialect"
  ];
}

def FuseLinalgElementwisePass : Pass<"nn-fuse-linalg-elementwise"> {
  let summary = "Elementwise linalg fusion that leaves contractions alone";
  let description = [{
    Fuses chains of elementwise linalg.generic ops into one generic and folds
    reshapes into elementwise generics (upstream's elementwise fusion and
    reshape-by-expansion patterns), but never fuses into, out of, or a
    reshape into a contraction (a named matmul-like op or a generic whose
    body is a multiply-accumulate). Such a fusion would turn a matmul into a
    generic that the contraction tilers no longer recognize (a scaled
    operand, or extra reduction dimensions from a folded reshape), which then
    runs as scalar loops. A producer with several uses is not fused either.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::affine::AffineDialect"];
}

def CpuLowerCopiesPass : Pass<"nn-cpu-lower-copies", "func::FuncOp"> {
  let summary = "Strided memref.copy -> linalg.copy (inline loops)";
  let description = [{
    A memref.copy between buffers that are not both contiguous would become
    a call to the generic `memrefCopy` runtime function, which walks the
    elements one by one through index arithmetic (and is one more symbol the
    AOT runtime must provide). As linalg.copy it lowers to a loop nest that
    LLVM vectorizes. Copies of contiguous buffers stay memref.copy (memcpy).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def CpuPrefetchWeightsPass
    : Pass<"nn-cpu-prefetch-weights", "func::FuncOp"> {
  let summary = "Software prefetch of large constant operands one cache "
                "tile ahead in micro-kernel loops";
  let description = [{
    A model's weights together exceed the last-level cache (ResNet-18's
    45 MB against 32 MiB), so each conv reads its filter from DRAM on every
    inference. A micro-kernel reads a cache tile's slice of the filter in a
    burst (the first register tile) and then from L1; the hardware
    prefetcher does not run ahead across such bursts, and layer 4 of
    ResNet-18 ran 1.5x slower in the model than on its own. Smaller
    filters come from L3 the same way (MobileNetV2's pointwise convs ran
    25-50% slower in the network than alone).

    For every scf.for whose body holds vector.fma ops and has constant
    bounds, each vector.transfer_read of a view of a constant memref.global
    of at least `min-bytes` gets memref.prefetch ops for the element it will
    read one trip of the loop later (the induction variable advanced by
    ub - lb, through clones of the pure index and view ops it depends on):
    with a cache tile loop around the register loop, that is the same
    register tile of the next cache tile. One prefetch per 64-byte line of a
    contiguous vector; the index is clamped into the constant. Runs on
    memrefs after vector transfers are unrolled, before parallel loops are
    outlined (the views still lead to the global).
  }];
  let options = [
    Option<"minBytes", "min-bytes", "int64_t", "256 << 10",
           "Only constants of at least this size: a quarter of L2 or more "
           "does not stay there across the other layers of an inference "
           "(MobileNetV2 4.16 -> 3.93 ms against 1 MiB; DCGAN within noise)">,
    Option<"locality", "locality", "uint32_t", "3",
           "memref.prefetch locality hint (3: all cache levels)">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
}

def CpuApproximateMathPass
    : Pass<"nn-cpu-approximate-math", "func::FuncOp"> {
  let summary = "f32 math.tanh and math.exp -> polynomial approximations, "
                "min/max against constants -> compare + select (CPU)";
  let description = [{
    Runs before the LLVM conversion. math.tanh has no LLVM intrinsic, so it
    became a call of libm's tanhf per element, which LLVM cannot vectorize
    (a DCGAN generator's output layer spent a tenth of its time there). The
    upstream rational approximation (Eigen's, clamped to +-7.9, a few ulp)
    is plain arithmetic the loop vectorizer turns into 16-wide code. math.exp
    likewise (libm's expf per element was a fifth of attention's runtime):
    upstream's range reduction + polynomial, a few ulp; exp(-inf) = 0,
    overflow gives inf, NaN propagates, results below float32's normal range
    flush to 0. Other math ops and other element types are left as they
    are. arith.maximumf / minimumf against a constant other than NaN (ReLU,
    clamp) become an ordered compare + select, one vmaxps / vminps: x86 has
    no instruction for their NaN- and signed-zero-exact semantics, and the
    emulation (max, unordered compare, blend, zero fixup) made a 7x7
    depthwise conv with its ReLU6 epilogue 4.6x slower than without
    (0.063 vs 0.013 ms; now 0.032). NaN still propagates; only the sign of
    a zero result can differ (relu(-0) is -0).
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def CpuOutlineParallelLoopsPass
    : Pass<"nn-cpu-outline-parallel-loops", "ModuleOp"> {
  let summary = "Outline outermost scf.parallel loops into range functions";
  let description = [{
    Each outermost scf.parallel with enough work (at least `min-work` ops,
    counted in 16-lane registers, run by its whole loop nest: a dispatch that
    wakes the pool's workers costs ~10-20 us, so smaller nests run inline; at
    least 2 iterations along some dimension, the first such one is split,
    unless its count is odd and below 8 and a later one is even: an image's
    3 channels would leave one of 2 threads a third of the time idle)
    becomes a call `func.call @__nn_par_<fn>_<k>(%begin, %end, captures...)`
    to a new private function that runs iterations [begin, end) of the first
    dimension. In a function whose outermost loops together do at least
    `large-model-work` ops the threshold is `min-work-large` instead: a
    large model runs parallel loops back to back, so the workers are
    spinning, not asleep, when the next one is published (DCGAN at 2
    threads: 0.54 -> 0.46 ms), while in a small model (an autoencoder of
    30 us) each short parallel loop costs more in moving its inputs and
    results between cores than it saves (0.027 -> 0.030 ms).
    The caller passes the whole range; nn-cpu-dispatch-parallel-loops
    later turns the call into `nnc_parallel_for`, which splits the range
    across the runtime's threads. Buffers only (run after bufferization).
  }];
  let options = [
    Option<"minWork", "min-work", "int64_t", /*default=*/"200000",
           "Smallest loop nest worth a parallel dispatch (dynamic ops, a vector op counting its 16-lane registers)">,
    Option<"largeModelWork", "large-model-work", "int64_t",
           /*default=*/"20000000",
           "Functions whose outermost loops do at least this much work use "
           "min-work-large">,
    Option<"minWorkLarge", "min-work-large", "int64_t", /*default=*/"50000",
           "min-work of a large function">,
  ];
  let statistics = [
    Statistic<"functionWork", "function-work",
              "Work of the largest function's outermost loops">,
  ];
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::arith::ArithDialect"];
}

def CpuDispatchParallelLoopsPass
    : Pass<"nn-cpu-dispatch-parallel-loops", "ModuleOp"> {
  let summary = "Calls of outlined loop bodies -> nnc_parallel_for (LLVM)";
  let description = [{
    On the LLVM dialect: every `llvm.call @__nn_par_*(begin, end, args...)`
    stores `args` into a stack struct, and calls the runtime's
    `nnc_parallel_for(count, @thunk, ctx)`, where the generated thunk
    `(ctx, begin, end)` reloads the arguments and calls the body.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def FoldConstantSlicesPass : Pass<"nn-fold-constant-slices", "func::FuncOp"> {
  let summary = "Static slices of a tensor constant become constants";
  let description = [{
    When every use of a tensor constant (dense or resource) is a static,
    unit-stride tensor.extract_slice, each slice becomes its own resource
    constant and the original goes away (no weight is duplicated). Recurrent
    layers slice each gate's weights out of one stacked constant; as
    constants, the contraction tilers transpose and pad them once at compile
    time instead of repacking a runtime view at every step.
  }];
  let options = [
    Option<"minElements", "min-elements", "int64_t", /*default=*/"64",
           "Smallest constant (elements) to split">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def CpuVectorizeDepthwisePass
    : Pass<"nn-cpu-vectorize-depthwise", "func::FuncOp"> {
  let summary = "Depthwise 2-D convolutions as vectorized output rows";
  let description = [{
    A static f32 linalg.depthwise_conv_2d_nchw_chw (W stride 1 or 2, at most
    7x7 taps) becomes an scf.forall over (image, channel) planes; each output
    row is computed in blocks of 16 (8 for narrow rows) outputs held in a
    vector: the channel's taps are broadcast once per plane, and each tap is
    one vector read of the input row (stride 2: twice as wide, then the even
    lanes by a shuffle) and one FMA. Row ends use masked (out-of-bounds)
    transfers. An input zero-padded by insertion into a zero fill is read
    unpadded: window rows above and below the source are skipped (the rows
    near the plane's top and bottom are emitted one by one), columns left of
    it come from the padding by a shuffle, columns right of it from masked
    reads. A bias broadcast (or fill) as the init becomes the accumulators'
    starting value, and a single in-place elementwise consumer (ReLU6) is
    applied to each row block before it is written: one kernel instead of a
    pad copy, a broadcast, the convolution and an activation pass. Other
    depthwise convolutions are left alone.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::tensor::TensorDialect"];
}

def CpuVectorizePoolingPass
    : Pass<"nn-cpu-vectorize-pooling", "func::FuncOp"> {
  let summary = "2-D max pooling as vectorized output rows";
  let description = [{
    A static f32 linalg.pooling_nchw_max (W stride at most 4, at most 7x7
    taps) becomes an scf.forall over (image, channel) planes; each output row
    is computed in blocks of 16 (8 for narrow rows) outputs held in a vector,
    each tap one contiguous vector read of the input row (stride s: s times
    as wide, every s-th lane picked by a shuffle) and one vector maximum
    (NaN-propagating, like arith.maximumf). Row ends use masked transfers.
    An input padded with -inf is read unpadded, like the depthwise kernel's.
    Other pools are left alone (they lower to loops).
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::tensor::TensorDialect"];
}

def CpuFlattenConstantsPass : Pass<"nn-cpu-flatten-constants", "func::FuncOp"> {
  let summary = "Store large n-D tensor constants as 1-D, viewed by expand_shape";
  let description = [{
    An n-D constant becomes an n-D LLVM global: nested arrays, one uniqued
    LLVM constant per innermost row (millions for a CNN's weights, most of the
    JIT's compile time). As a 1-D constant plus `tensor.expand_shape` (a view
    after bufferization, no copy) it is one flat array. Run right before
    bufferization: canonicalization would fold small dense ones back.
  }];
  let options = [
    Option<"minElements", "min-elements", "int64_t", /*default=*/"64",
           "Smallest constant (elements) to flatten">,
  ];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def LowerFusionGroupsPass : Pass<"nn-lower-fusion-groups", "func::FuncOp"> {
  let summary = "Turn each nn.fusion_group (already lowered to linalg) into one loop nest";
  let description = [{
    Runs after `convert-nn-to-linalg` (and linalg elementwise fusion): the
    region of every `nn.fusion_group` holds linalg/tensor ops. The op that
    produces the yielded value is tiled along its outer parallel dimensions
    and every producer inside the group is fused into the tile loop
    (`scf::tileConsumerAndFuseProducersUsingSCF`): the group becomes one
    `scf.for` nest, marked `nn.fused_kernel`, whose intermediates are
    tile-sized. Tile sizes: a matmul-like contraction keeps M x N tiles of
    64 x 256 (its K loop stays whole, so the tiles can be vectorized); any
    other group tiles its leading dimensions into tiles of whole rows of
    about 4096 elements (outer dims by 1), never a dimension that a
    producer reduces. The group's
    ops then replace the group op. A group with a single structured op is
    only unwrapped. With `im2col-convs`, a static f32 2-D convolution whose
    result only an elementwise epilogue reads becomes im2col + a contraction
    over N x F x OH*OW first (epilogue and bias collapsed to that shape), so
    the group tiles like a matmul group; the im2col gather is never fused
    into the loop (its mod/floordiv map cannot be tiled).

    Before (after convert-nn-to-linalg):
    ```mlir
    %r = nn.fusion_group "epilogue" : tensor<128x512xf32> {
      %f = linalg.fill ... ; %m = linalg.matmul ... ; %e = linalg.generic ...
      nn.yield %e : tensor<128x512xf32>
    }
    ```
    After: `%r = scf.for ... { scf.for ... { fill, matmul, generic on a
    64x256 tile } } {nn.fused_kernel}`.
  }];
  let options = [
    Option<"tile", "tile", "bool", /*default=*/"true",
           "Tile and fuse each group (false: only unwrap the groups, for "
           "targets that map loop nests themselves, e.g. Vulkan)">,
    Option<"im2colConvs", "im2col-convs", "bool", /*default=*/"true",
           "When tiling, a group's 2-D f32 convolution with an elementwise "
           "epilogue becomes im2col + a contraction, tiled with the epilogue "
           "like a matmul group (CPU: the contraction micro-kernel then runs "
           "per tile)">,
  ];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::scf::SCFDialect", "::mlir::arith::ArithDialect"
  ];
}

def CpuUnshareFillsPass : Pass<"nn-cpu-unshare-fills", "func::FuncOp"> {
  let summary = "Give every use of a linalg.fill of a tensor.empty its own "
                "fill";
  let description = [{
    CSE merges identical fills: every zero-padded input of one shape (the
    five 64x58x58 pads of ResNet-18's first stage) and every zero init of
    one batched Winograd product became dests of one shared fill.
    Bufferization then writes the shared fill once and copies it into a
    fresh buffer for every other use (13 MB of memmove per ResNet-18
    inference), and fold-init cannot drop an init that other ops still read.
    A fill with several uses is cloned (with its tensor.empty) before every
    use but the first, so each writes its own buffer in place. Runs before
    the contraction tiling (fold-init then sees single-use inits) and again
    right before bufferization, after the last CSE.
  }];
}

def CpuReadOnlyInputsPass : Pass<"nn-cpu-readonly-inputs", "func::FuncOp"> {
  let summary = "Mark public function arguments bufferization.writable = false";
  let description = [{
    One-shot bufferization may otherwise reuse an argument's buffer for a
    result (e.g. a recurrent op's state written over `initial_h`), so running
    a compiled model would change the caller's input buffers. Public
    functions' tensor arguments are marked read-only; bufferization then
    copies where it must write.
  }];
}

def CpuPlanBuffersPass : Pass<"nn-cpu-plan-buffers", "func::FuncOp"> {
  let summary = "Static memory plan: a function's heap buffers become views "
                "of one arena, reused across disjoint lifetimes";
  let description = [{
    Runs after the buffer deallocation pipeline, which frees every buffer at
    the end of the function. Every static buffer the entry block allocates
    and frees once in that block has a lifetime: the block positions of its
    alloc and of the last op that uses it or a view of it (an op with
    nested regions counts where it stands). Buffers are placed largest
    first at the lowest 64-byte aligned offset of one arena where they
    overlap no placed buffer live at the same time; each memref.alloc
    becomes a memref.view of the arena and its dealloc goes. One malloc and
    one free per call instead of one pair per buffer (ResNet-18: 47), the
    arena is near the size of the largest set of simultaneously live
    buffers (greedy placement, not optimal) rather than their sum, and activations reuse memory that is still in cache.
    The AOT scratch arena shrinks to the plan's size.
  }];
  let options = [
    Option<"minBytes", "min-bytes", "int64_t", "0",
           "Only buffers of at least this many bytes">,
  ];
  let statistics = [
    Statistic<"planned", "planned-buffers", "Buffers placed in the arena">,
    Statistic<"arenaBytes", "arena-bytes", "Bytes of the arenas">,
  ];
}

def CpuStackBuffersPass : Pass<"nn-cpu-stack-buffers", "func::FuncOp"> {
  let summary = "Small intermediate buffers of a function's entry block and "
                "of loop bodies on the stack";
  let description = [{
    After bufferization, every intermediate buffer is a memref.alloc, a
    malloc + free per inference: for a small model (an MLP step of a few
    microseconds, an autoencoder) a visible share of its time. Statically
    shaped allocations in the function's entry block (never inside a loop,
    where an alloca would grow the stack per iteration) that are not
    returned become memref.alloca, largest last, while each is at most
    `max-bytes` and together at most `max-total-bytes` (the caller's thread
    stack holds them; glibc's default is 8 MiB). Runs before the buffer
    deallocation pipeline, which then leaves them alone.

    Static buffers allocated directly in a loop body whose terminator yields
    nothing (a fused kernel's per-tile row statistics, small packed panels)
    were a malloc + free per iteration (a transformer's fused kernels ran
    slower than unfused because of it): they become memref.alloca inside a
    memref.alloca_scope wrapping the body, so each iteration releases its
    stack (a save/restore, no call); the same limits apply per body, and
    each such buffer is at most `max-loop-bytes` (16 KiB): a 49 KiB packed
    panel of ResNet-18's stem conv on the stack of its K loop made LLVM copy
    its rows by memmove calls, and the conv 20% slower.
  }];
  let options = [
    Option<"maxBytes", "max-bytes", "int64_t", /*default=*/"65536",
           "Largest buffer put on the stack">,
    Option<"maxTotalBytes", "max-total-bytes", "int64_t",
           /*default=*/"262144", "Stack bytes per function, at most">,
    Option<"maxLoopBytes", "max-loop-bytes", "int64_t", /*default=*/"16384",
           "Largest buffer put on the stack inside a loop body">,
  ];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

#endif // NN_CODEGEN_PASSES_TD
