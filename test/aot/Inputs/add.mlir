// An elementwise add over 1024 floats: the loop LLVM vectorizes for the
// target (NEON on AArch64, AVX on x86-64 CPUs that have it).
func.func @main(%a: tensor<1024xf32>, %b: tensor<1024xf32>) -> tensor<1024xf32> {
  %c = nn.add %a, %b : (tensor<1024xf32>, tensor<1024xf32>) -> tensor<1024xf32>
  return %c : tensor<1024xf32>
}
