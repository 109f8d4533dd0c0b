//===- jit_host.cpp - run a model through the nnc C++ wrapper ---*- C++ -*-===//
//
// `nnc-jit-host-cpp MODEL(.onnx|.mlir) [EXTENT...]` or
// `nnc-jit-host-cpp --builder [EXTENT...]`: loads the model (or builds
// relu(x * [1, -2, 3, -4]) with x: f32[?x4] through GraphBuilder/Layers and
// hands it over with nnc::Session::fromModule), prints its inputs, and runs
// it once per EXTENT (default: 2), every dynamic extent set to EXTENT and
// element k of input j set to ((k + j) % 7 - 3) * 0.5. Runs with the same
// shapes reuse one compile; the last line is `compiles=<N>`. Any failure:
// `error: <message>` on stderr, exit 1.
//
//===----------------------------------------------------------------------===//

#define NNC_WITH_MLIR
#include "nnc/nnc.hpp"

#include "frontend/GraphBuilder.h"
#include "frontend/Layers.h"
#include "ir/NNOps.h"

#include "mlir/IR/MLIRContext.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

namespace {

std::string typeString(nn_dtype dtype, const std::vector<int64_t> &shape) {
  static const char *names[] = {"f32", "f64", "f16", "bf16",
                                "i8",  "i32", "i64", "bool"};
  std::string s = (unsigned)dtype < 8 ? names[dtype] : "?";
  s += "[";
  for (size_t d = 0; d < shape.size(); ++d) {
    s += (d ? "x" : "") +
         (shape[d] < 0 ? std::string("?") : std::to_string(shape[d]));
  }
  return s + "]";
}

nnc::Session buildGraph() {
  mlir::MLIRContext context;
  mlir::nn::GraphBuilder g(context);
  mlir::nn::Layers layers(g, /*seed=*/0);
  mlir::Value x = g.input("x", {mlir::ShapedType::kDynamic, 4});
  mlir::Value scale = g.constant({1, -2, 3, -4}, {4});
  mlir::Value y = layers.relu(g.op<mlir::nn::MulOp>({x, scale}));
  auto module = g.finish({y});
  if (mlir::failed(module)) {
    throw nnc::Error(NN_INVALID_MODEL, g.error().str());
  }
  return nnc::Session::fromModule(**module);
}

template <typename T> void fill(nnc::Tensor &t, size_t j) {
  for (size_t k = 0; k < t.numElements(); ++k) {
    t.data<T>()[k] = static_cast<T>((long)((k + j) % 7) - 3);
  }
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0]
              << " MODEL(.onnx|.mlir)|--builder [EXTENT...]\n";
    return 1;
  }
  std::vector<int64_t> extents;
  for (int i = 2; i < argc; ++i) {
    extents.push_back(std::atoll(argv[i]));
  }
  if (extents.empty()) {
    extents.push_back(2);
  }
  try {
    std::string model = argv[1];
    nnc::Session session =
        model == "--builder" ? buildGraph() : nnc::Session::fromFile(model);
    for (size_t i = 0; i < session.numInputs(); ++i) {
      nnc::TensorInfo info = session.input(i);
      std::cout << "input " << i << " '" << info.name
                << "': " << typeString(info.dtype, info.shape) << "\n";
    }
    for (int64_t extent : extents) {
      std::vector<nnc::Tensor> inputs;
      std::vector<const nnc::Tensor *> refs;
      for (size_t i = 0; i < session.numInputs(); ++i) {
        nnc::TensorInfo info = session.input(i);
        for (int64_t &d : info.shape) {
          d = d < 0 ? extent : d;
        }
        inputs.push_back(nnc::Tensor::create(info.dtype, info.shape));
        nnc::Tensor &t = inputs.back();
        if (info.dtype == NN_F32) {
          fill<float>(t, i);
          for (size_t k = 0; k < t.numElements(); ++k) {
            t.data<float>()[k] *= 0.5f;
          }
        } else if (info.dtype == NN_I64) {
          fill<int64_t>(t, i);
        } else if (info.dtype == NN_I32) {
          fill<int32_t>(t, i);
        }
      }
      for (const nnc::Tensor &t : inputs) {
        refs.push_back(&t);
      }
      std::vector<nnc::Tensor> outputs = session.run(refs);
      for (size_t i = 0; i < outputs.size(); ++i) {
        const nnc::Tensor &out = outputs[i];
        std::cout << "extent " << extent << ": " << session.output(i).name
                  << " " << typeString(out.dtype(), out.shape()) << " =";
        for (size_t k = 0; k < out.numElements() && k < 16; ++k) {
          if (out.dtype() == NN_F32) {
            std::printf(" %g", out.data<float>()[k] + 0.0f); // -0 as 0
          } else if (out.dtype() == NN_I64) {
            std::printf(" %lld", (long long)out.data<int64_t>()[k]);
          }
        }
        std::fflush(stdout);
        std::cout << (out.numElements() > 16 ? " ..." : "") << "\n";
      }
    }
    std::cout << "compiles=" << session.numCompiles() << "\n";
  } catch (const nnc::Error &e) {
    std::cerr << "error: " << nn_status_string(e.status()) << ": " << e.what()
              << "\n";
    return 1;
  }
  return 0;
}
