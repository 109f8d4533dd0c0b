// Conv epilogue groups (conv + bias + residual + activation) computed per
// output tile of the conv's im2col contraction (--tile-conv-groups) give the same numbers as
// numpy with fusion on and off: a batch-2 strided conv (tiles over images),
// a conv with more filters than one tile and 7x7 outputs (tiles over
// filters, columns split after the last whole register tile), and one with
// 16x16 outputs (tiles over output pixels).
// DEFINE: %{inputs} = --input=%t/x1.npy --input=%t/w1.npy --input=%t/b1.npy --input=%t/r1.npy --input=%t/x2.npy --input=%t/w2.npy --input=%t/b2.npy --input=%t/x3.npy --input=%t/w3.npy --input=%t/b3.npy --input=%t/r3.npy
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/fusion_conv_ref.py %t
// RUN: %nn-run %s %{inputs} --output-dir=%t/fused --tile-conv-groups
// RUN: %nn-run %s %{inputs} --output-dir=%t/unfused --no-fusion
// RUN: %python %S/Inputs/fusion_conv_ref.py %t %t/fused %t/unfused | FileCheck %s --check-prefix=CMP
// CMP: fused: 3 outputs match numpy
// CMP: unfused: 3 outputs match numpy
// The default pipeline (conv through nn-cpu-tile-contractions' im2col, the
// epilogue inside the conv's image loop or thread loops) gives the same
// numbers.
// RUN: %nn-run %s %{inputs} --output-dir=%t/default
// RUN: %python %S/Inputs/fusion_conv_ref.py %t %t/default | FileCheck %s --check-prefix=DEFAULT
// DEFAULT: default: 3 outputs match numpy

// With --tile-conv-groups, each group is one kernel (contraction + bias + epilogue in one
// tiled loop nest) next to its zero-padded input copy (fill, insert) and
// its im2col gather (4 kernels each; the second one's 49 columns are split
// after 48 rather than padded, so no extra copy). Unfused,
// each conv adds a bias broadcast, its contraction and one kernel per
// elementwise op.
// RUN: %nn-run %s %{inputs} --stats --tile-conv-groups | FileCheck %s --check-prefix=FUSED
// FUSED: kernels=12 buffers_bytes=
// By default the epilogue is computed in the loops of the conv's output
// tiles: the first conv's image loop, the thread loops of both parts of the
// second one's split contraction, and the third conv's (16 filters, 256
// pixels: 1.2M multiply-adds, no cache tile loop, so its pixels are halved
// for two threads). Each conv also
// keeps its zero-padded input copy (fill, copy) and im2col gather (the
// first one's gather is inside its image loop); its bias is no pass of its
// own but the C tiles' starting value (fold-init).
// RUN: %nn-run %s %{inputs} --stats | FileCheck %s --check-prefix=DEFAULT-STATS
// DEFAULT-STATS: kernels=12 buffers_bytes=
// RUN: %nn-run %s %{inputs} --stats --no-fusion | FileCheck %s --check-prefix=UNFUSED
// UNFUSED: kernels={{(2[0-9]|3[0-9])}} buffers_bytes=
func.func @main(%x1: tensor<2x32x9x9xf32>, %w1: tensor<20x32x3x3xf32>, %b1: tensor<20xf32>, %r1: tensor<2x20x5x5xf32>,
                %x2: tensor<1x32x7x7xf32>, %w2: tensor<128x32x3x3xf32>, %b2: tensor<128xf32>,
                %x3: tensor<1x32x16x16xf32>, %w3: tensor<16x32x3x3xf32>, %b3: tensor<16xf32>, %r3: tensor<1x16x16x16xf32>)
    -> (tensor<2x20x5x5xf32>, tensor<1x128x7x7xf32>, tensor<1x16x16x16xf32>) {
  %c1 = nn.conv %x1, %w1, %b1 {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<2x32x9x9xf32>, tensor<20x32x3x3xf32>, tensor<20xf32>) -> tensor<2x20x5x5xf32>
  %a1 = nn.add %c1, %r1 : (tensor<2x20x5x5xf32>, tensor<2x20x5x5xf32>) -> tensor<2x20x5x5xf32>
  %y1 = nn.relu %a1 : tensor<2x20x5x5xf32>
  %c2 = nn.conv %x2, %w2, %b2 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x32x7x7xf32>, tensor<128x32x3x3xf32>, tensor<128xf32>) -> tensor<1x128x7x7xf32>
  %y2 = nn.relu %c2 : tensor<1x128x7x7xf32>
  %c3 = nn.conv %x3, %w3, %b3 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x32x16x16xf32>, tensor<16x32x3x3xf32>, tensor<16xf32>) -> tensor<1x16x16x16xf32>
  %a3 = nn.add %c3, %r3 : (tensor<1x16x16x16xf32>, tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>
  %y3 = nn.sigmoid %a3 : tensor<1x16x16x16xf32>
  return %y1, %y2, %y3 : tensor<2x20x5x5xf32>, tensor<1x128x7x7xf32>, tensor<1x16x16x16xf32>
}
