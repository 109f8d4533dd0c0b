//===- cnn_builder.cpp - build a small CNN in C++ ---------------*- C++ -*-===//
//
// `nn-example-cnn [--seed N]`: builds an MNIST-sized classifier with the layer
// API (frontend/Layers.h) and prints its nn module on stdout:
//
//   x [?, 1, 28, 28]
//   conv1 (1 -> 8, 3x3, pad 1) -> bn1 -> relu -> max_pool 2x2   [?, 8, 14, 14]
//   conv2 (8 -> 16, 3x3, pad 1) -> bn2 -> relu -> max_pool 2x2  [?, 16, 7, 7]
//   flatten -> fc (784 -> 10) -> softmax                        [?, 10]
//
// Weights are initialized deterministically from the seed (Kaiming-uniform);
// bn1's statistics are given explicitly to show `setParameter`. Any error is
// one line `error: ...` on stderr and exit code 1.
//
//===----------------------------------------------------------------------===//

#include "frontend/GraphBuilder.h"
#include "frontend/Layers.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::cl::opt<uint64_t> seed(
      "seed", llvm::cl::desc("Seed of the weight initialization"),
      llvm::cl::init(0));
  llvm::cl::ParseCommandLineOptions(argc, argv, "nn example: a small CNN\n");

  MLIRContext context;
  nn::GraphBuilder g(context, "cnn");
  nn::Layers nn(g, seed);

  // Trained statistics would come from a checkpoint; these show the format.
  nn.setParameter("bn1.running_mean",
                  {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f});
  nn.setParameter("bn1.running_var", {1, 2, 1, 2, 1, 2, 1, 2});

  nn::ConvOptions same;
  same.padding = {1, 1};
  Value x = g.input("x", {ShapedType::kDynamic, 1, 28, 28});
  Value h = nn.conv2d("conv1", x, 1, 8, {3, 3}, same);
  h = nn.maxPool(nn.relu(nn.batchNorm("bn1", h, 8)), {2, 2});
  h = nn.conv2d("conv2", h, 8, 16, {3, 3}, same);
  h = nn.maxPool(nn.relu(nn.batchNorm("bn2", h, 16)), {2, 2});
  Value logits = nn.linear("fc", nn.flatten(h), 16 * 7 * 7, 10);
  Value probs = nn.softmax(logits, /*axis=*/1);

  FailureOr<OwningOpRef<ModuleOp>> module = g.finish({probs});
  if (failed(module)) {
    llvm::errs() << "error: " << g.error() << "\n";
    return 1;
  }
  (*module)->print(llvm::outs());
  llvm::outs() << "\n";
  return 0;
}
