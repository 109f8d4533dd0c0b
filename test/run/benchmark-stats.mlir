// --benchmark prints exactly one line; --stats counts loop nests and
// intermediate buffers; without --output-dir each output is summarized.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/x.npy', np.array([[1, -2, 3], [-4, 5, -6]], 'f4'))"
// RUN: %nn-run %s --input=%t/x.npy --benchmark=5 | FileCheck %s --check-prefix=BENCH
// BENCH: {{^}}compile_ms={{[0-9.]+}} median_ms={{[0-9.]+}} min_ms={{[0-9.]+}} threads={{[0-9]+$}}
// BENCH-NOT: {{.}}
// RUN: %nn-run %s --input=%t/x.npy --benchmark=3 | count 1

// The exp(relu(x)) chain fuses into one kernel writing the first output; the
// second output (x * 2 + exp(...)) reads it: two kernels, no intermediate.
// RUN: %nn-run %s --input=%t/x.npy --stats --threads=2 | FileCheck %s --check-prefix=STATS
// STATS: kernels=2 buffers_bytes=0

// RUN: %nn-run %s --input=%t/x.npy | FileCheck %s --check-prefix=SUMMARY
// SUMMARY: output_0: tensor<2x3xf32> [2.71828, 1, 20.0855, 1, 148.413, 1] min=1 max=148.413
// SUMMARY: output_1: tensor<2x3xf32> [4.71828, -3, 26.0855, -7, 158.413, -11]
func.func @main(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %r = nn.relu %x : tensor<2x3xf32>
  %e = nn.exp %r : tensor<2x3xf32>
  %t = nn.add %x, %x : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %y = nn.add %t, %e : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %e, %y : tensor<2x3xf32>, tensor<2x3xf32>
}
