//===- nnc.hpp - header-only C++ wrapper over the nnc C API -----*- C++ -*-===//
//
// RAII over include/nnc/nnc.h: nnc::Session owns an nnc_session, nnc::Tensor
// an nn_buffer. Failures throw nnc::Error (status + message) on the caller's
// side of the ABI; the library itself never throws. Link: -lnnc.
//
//   nnc::Session session = nnc::Session::fromFile("model.onnx");
//   std::vector<nnc::Tensor> out = session.run({nnc::Tensor::wrap(x, ...)});
//
// Builder graphs (frontend/GraphBuilder, Layers): define NNC_WITH_MLIR before
// including this header (and link MLIR + NNIR) for Session::fromModule, which
// hands the module's text to nnc_session_create_from_mlir.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_NNC_HPP
#define NNC_NNC_HPP

#include "nnc/nnc.h"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#ifdef NNC_WITH_MLIR
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"
#endif

namespace nnc {

/// A failed call: its status and the library's message.
class Error : public std::runtime_error {
public:
  Error(nn_status status, const std::string &message)
      : std::runtime_error(message), status_(status) {}
  nn_status status() const { return status_; }

private:
  nn_status status_;
};

/// An owned (or wrapped) dense tensor: an nn_buffer released on destruction.
class Tensor {
public:
  Tensor() : buffer_() {}
  /// Takes ownership of `buffer` (released if it owns its data).
  explicit Tensor(const nn_buffer &buffer) : buffer_(buffer) {}
  Tensor(const Tensor &) = delete;
  Tensor &operator=(const Tensor &) = delete;
  Tensor(Tensor &&other) noexcept : buffer_(other.buffer_) {
    other.buffer_ = nn_buffer();
  }
  Tensor &operator=(Tensor &&other) noexcept {
    if (this != &other) {
      nn_buffer_destroy(&buffer_);
      buffer_ = other.buffer_;
      other.buffer_ = nn_buffer();
    }
    return *this;
  }
  ~Tensor() { nn_buffer_destroy(&buffer_); }

  /// A zero-filled, aligned tensor.
  static Tensor create(nn_dtype dtype, const std::vector<int64_t> &shape) {
    Tensor t;
    check(nn_buffer_create(dtype, (int32_t)shape.size(), shape.data(),
                           &t.buffer_),
          "nn_buffer_create");
    return t;
  }
  /// Describes caller-owned `data` (no copy; it must outlive the tensor).
  static Tensor wrap(void *data, nn_dtype dtype,
                     const std::vector<int64_t> &shape) {
    Tensor t;
    check(nn_buffer_wrap(data, dtype, (int32_t)shape.size(), shape.data(),
                         &t.buffer_),
          "nn_buffer_wrap");
    return t;
  }

  template <typename T> T *data() { return static_cast<T *>(buffer_.data); }
  template <typename T> const T *data() const {
    return static_cast<const T *>(buffer_.data);
  }
  nn_dtype dtype() const { return buffer_.dtype; }
  std::vector<int64_t> shape() const {
    return std::vector<int64_t>(buffer_.shape, buffer_.shape + buffer_.rank);
  }
  size_t numElements() const {
    size_t n = 1;
    for (int32_t d = 0; d < buffer_.rank; ++d) {
      n *= (size_t)buffer_.shape[d];
    }
    return n;
  }
  const nn_buffer &buffer() const { return buffer_; }
  nn_buffer &buffer() { return buffer_; }

private:
  static void check(nn_status status, const char *what) {
    if (status != NN_OK) {
      throw Error(status, std::string(what) + ": " + nn_status_string(status));
    }
  }
  nn_buffer buffer_;
};

/// What the model declares for one input or output (-1: dynamic extent).
struct TensorInfo {
  std::string name;
  nn_dtype dtype;
  std::vector<int64_t> shape;
};

/// Session options running on device `device` of `target` (pass their
/// address to Session::fromFile & co.).
inline nnc_options targetOptions(nnc_target target, int32_t device = 0) {
  nnc_options opts;
  nnc_options_init(&opts);
  opts.target = target;
  opts.device = device;
  return opts;
}

/// Number of devices of `target`; throws Error when the target is missing
/// (no Vulkan driver, or libnnc built without Vulkan).
inline int32_t deviceCount(nnc_target target) {
  int32_t count = 0;
  nn_status status = nnc_device_count(target, &count);
  if (status != NN_OK) {
    throw Error(status, nnc_last_error_message());
  }
  return count;
}

/// A loaded model; compiles once per distinct set of input shapes.
class Session {
public:
  static Session fromFile(const std::string &path,
                          const nnc_options *opts = nullptr) {
    nnc_session *s = nullptr;
    nn_status status = nnc_session_create_from_file(path.c_str(), opts, &s);
    if (status != NN_OK) {
      throw Error(status, nnc_last_error_message());
    }
    return Session(s);
  }
  static Session fromMlir(const std::string &text,
                          const nnc_options *opts = nullptr) {
    nnc_session *s = nullptr;
    nn_status status =
        nnc_session_create_from_mlir(text.data(), text.size(), opts, &s);
    if (status != NN_OK) {
      throw Error(status, nnc_last_error_message());
    }
    return Session(s);
  }
#ifdef NNC_WITH_MLIR
  /// A module built in this process (GraphBuilder / Layers): its text is
  /// parsed again inside the library, which has its own MLIRContext.
  static Session fromModule(mlir::ModuleOp module,
                            const nnc_options *opts = nullptr) {
    std::string text;
    llvm::raw_string_ostream os(text);
    module->print(os, mlir::OpPrintingFlags().enableDebugInfo(false));
    os.flush();
    return fromMlir(text, opts);
  }
#endif

  Session(Session &&other) noexcept : s_(other.s_) { other.s_ = nullptr; }
  Session &operator=(Session &&other) noexcept {
    std::swap(s_, other.s_);
    return *this;
  }
  Session(const Session &) = delete;
  Session &operator=(const Session &) = delete;
  ~Session() { nnc_session_destroy(s_); }

  size_t numInputs() const { return nnc_session_num_inputs(s_); }
  size_t numOutputs() const { return nnc_session_num_outputs(s_); }
  TensorInfo input(size_t i) const { return info(nnc_session_input_info, i); }
  TensorInfo output(size_t i) const { return info(nnc_session_output_info, i); }
  size_t numCompiles() const { return nnc_session_num_compiles(s_); }

  /// Runs on `inputs`; the outputs are allocated by the runtime.
  std::vector<Tensor> run(const std::vector<const Tensor *> &inputs) {
    std::vector<nn_buffer> in;
    for (const Tensor *t : inputs) {
      in.push_back(t->buffer());
    }
    std::vector<nn_buffer> out(numOutputs(), nn_buffer());
    check(nnc_session_run(s_, in.data(), in.size(), out.data(), out.size()));
    std::vector<Tensor> result;
    for (const nn_buffer &b : out) {
      result.emplace_back(b);
    }
    return result;
  }
  /// Runs on `inputs`, writing into caller-allocated `outputs` in place.
  void run(const std::vector<const Tensor *> &inputs,
           const std::vector<Tensor *> &outputs) {
    std::vector<nn_buffer> in, out;
    for (const Tensor *t : inputs) {
      in.push_back(t->buffer());
    }
    for (Tensor *t : outputs) {
      out.push_back(t->buffer());
    }
    check(nnc_session_run(s_, in.data(), in.size(), out.data(), out.size()));
    // Zeroed outputs were allocated by the runtime: take them over.
    for (size_t i = 0; i < outputs.size(); ++i) {
      if (!outputs[i]->buffer().data) {
        outputs[i]->buffer() = out[i];
      }
    }
  }

  nnc_session *get() const { return s_; }

private:
  explicit Session(nnc_session *s) : s_(s) {}
  void check(nn_status status) const {
    if (status != NN_OK) {
      throw Error(status, nnc_session_last_error(s_));
    }
  }
  template <typename Fn> TensorInfo info(Fn fn, size_t i) const {
    const char *name = nullptr;
    nn_dtype dtype = NN_F32;
    int32_t rank = 0;
    const int64_t *shape = nullptr;
    check(fn(s_, i, &name, &dtype, &rank, &shape));
    return TensorInfo{name, dtype, std::vector<int64_t>(shape, shape + rank)};
  }
  nnc_session *s_;
};

} // namespace nnc

#endif // NNC_NNC_HPP
