// Every failure is one `error:` line and exit status 1.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/ok.npy', np.zeros((2, 3), 'f4')); np.save('%t/wide.npy', np.zeros((2, 4), 'f4')); np.save('%t/int.npy', np.zeros((2, 3), 'i4')); np.save('%t/u2.npy', np.zeros(3, 'u2')); open('%t/junk.npy', 'w').write('junk'); np.save('%t/b.npy', np.zeros(3, 'f4'))"

// RUN: not %nn-run %s --input=%t/ok.npy 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: error: the model takes 2 inputs (input_0: tensor<?x3xf32>, input_1: tensor<3xf32>), got 1 --input file

// RUN: not %nn-run %s --input=%t/wide.npy --input=%t/ok.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: error: input 0 ('input_0') from {{.*}}wide.npy is tensor<2x4xf32>; the model expects input_0: tensor<?x3xf32>, input_1: tensor<3xf32>

// RUN: not %nn-run %s --input=%t/int.npy --input=%t/ok.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: error: input 0 ('input_0') from {{.*}}int.npy is tensor<2x3xi32>

// RUN: not %nn-run %s --input=%t/u2.npy --input=%t/ok.npy 2>&1 | FileCheck %s --check-prefix=NPYTYPE
// NPYTYPE: error: {{.*}}u2.npy: unsupported dtype '<u2'

// RUN: not %nn-run %s --input=%t/junk.npy --input=%t/ok.npy 2>&1 | FileCheck %s --check-prefix=JUNK
// JUNK: error: {{.*}}junk.npy: not a .npy file

// RUN: not %nn-run %s --input=%t/missing.npy --input=%t/ok.npy 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: {{.*}}missing.npy: cannot open

// RUN: not %nn-run %s --target=vulkan --device=99 --input=%t/ok.npy --input=%t/b.npy 2>&1 | FileCheck %s --check-prefix=VULKAN
// VULKAN: error: {{no Vulkan device 99 \(there are [0-9]+; see nn-run --list-devices\)|no usable Vulkan driver|no Vulkan device found|nn-run was built without Vulkan}}

// RUN: not %nn-run %t/nothing.mlir 2>&1 | FileCheck %s --check-prefix=MODEL
// MODEL: error:

// RUN: not %nn-run %t/ok.npy 2>&1 | FileCheck %s --check-prefix=KIND
// KIND: error: {{.*}}ok.npy: expected a .onnx or .mlir model

// No `error:` line is followed by anything else.
// RUN: not %nn-run %s --input=%t/ok.npy 2>&1 | count 1
func.func @main(%a: tensor<?x3xf32>, %b: tensor<3xf32>) -> tensor<?x3xf32> {
  %0 = nn.sub %a, %b : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}
