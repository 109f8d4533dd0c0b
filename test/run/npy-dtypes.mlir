// .npy in and out for every runtime dtype (and a rank-0 array): the model
// returns its inputs, so each output file must equal its input file.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; [np.save('%t/in%%d.npy' %% k, a) for k, a in enumerate([np.arange(6, dtype='f4').reshape(2, 3) / 7, np.array([1e300, -2.5]), np.array([[0.5, -65504], [1e-7, 3]], 'f2'), np.array([-2**62, 5], 'i8'), np.array([-7, 2**31 - 1], 'i4'), np.array([-128, 127, 0], 'i1'), np.array([[True, False, True]]), np.float32(3.5)])]"
// RUN: %nn-run %s --input=%t/in0.npy --input=%t/in1.npy --input=%t/in2.npy --input=%t/in3.npy --input=%t/in4.npy --input=%t/in5.npy --input=%t/in6.npy --input=%t/in7.npy --output-dir=%t
// RUN: %python %S/Inputs/check_npy.py %t/output_0.npy %t/in0.npy %t/output_1.npy %t/in1.npy %t/output_2.npy %t/in2.npy %t/output_3.npy %t/in3.npy %t/output_4.npy %t/in4.npy %t/output_5.npy %t/in5.npy %t/output_6.npy %t/in6.npy %t/output_7.npy %t/in7.npy | FileCheck %s
// CHECK: ok 8
func.func @main(%a: tensor<2x3xf32>, %b: tensor<2xf64>, %c: tensor<2x2xf16>, %d: tensor<2xi64>, %e: tensor<2xi32>, %f: tensor<3xi8>, %g: tensor<1x3xi1>, %h: tensor<f32>) -> (tensor<2x3xf32>, tensor<2xf64>, tensor<2x2xf16>, tensor<2xi64>, tensor<2xi32>, tensor<3xi8>, tensor<1x3xi1>, tensor<f32>) {
  return %a, %b, %c, %d, %e, %f, %g, %h : tensor<2x3xf32>, tensor<2xf64>, tensor<2x2xf16>, tensor<2xi64>, tensor<2xi32>, tensor<3xi8>, tensor<1x3xi1>, tensor<f32>
}
