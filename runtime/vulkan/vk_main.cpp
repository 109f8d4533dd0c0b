//===- vk_main.cpp - main() of Vulkan executables built by nnc --*- C++ -*-===//
//
// `nnc MODEL --target=vulkan -o PROG` links this file with the model's
// serialized plan (model_io.h; symbols nnc_vk_model..nnc_vk_model_end) and
// the Vulkan runtime. Same flags as the CPU executables (aot_main.c):
//
//   PROG [--input=FILE.npy]... [--output-dir=DIR] [--benchmark=N]
//        [--device=N] [--list-devices] [--help]
//
// Inputs bind in order and must match the compiled dtype and shape. Outputs
// go to DIR/output_<i>.npy, else a one-line summary per output is printed.
// --benchmark=N prints `median_ms=<x> min_ms=<y>` over N inferences.
// Every failure is one line `error: ...` on stderr and exit code 1.
//
//===----------------------------------------------------------------------===//

#include "runtime/npy.h"
#include "runtime/vulkan/model_io.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>

extern "C" const char nnc_vk_model[];
extern "C" const char nnc_vk_model_end[];

namespace {
int fail(const char *format, ...) {
  va_list args;
  va_start(args, format);
  std::fputs("error: ", stderr);
  std::vfprintf(stderr, format, args);
  std::fputs("\n", stderr);
  va_end(args);
  return 1;
}

const char *dtypeName(uint32_t dtype) {
  static const char *names[] = {"f32", "f64", "f16", "bf16",
                                "i8",  "i32", "i64", "i1"};
  return dtype < 8 ? names[dtype] : "?";
}

std::string typeString(uint32_t dtype, const int64_t *shape, size_t rank) {
  std::string s = "tensor<";
  for (size_t d = 0; d < rank; ++d) {
    s += std::to_string(shape[d]) + "x";
  }
  return s + dtypeName(dtype) + ">";
}

bool parseCount(const char *text, long min, long *out) {
  char *end;
  errno = 0;
  long value = std::strtol(text, &end, 10);
  if (errno || end == text || *end || value < min || value > 1000000000L) {
    return false;
  }
  *out = value;
  return true;
}

/// mkdir -p
bool makeDirectories(const std::string &path) {
  for (size_t i = 1; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      std::string prefix = path.substr(0, i);
      if (mkdir(prefix.c_str(), 0777) != 0 && errno != EEXIST) {
        return false;
      }
    }
  }
  return true;
}

/// `output_0: tensor<2x10xf32> min=... max=... mean=...` (floats only get
/// statistics; other dtypes print their type).
void printSummary(const nnvk::TensorDesc &t, const nn_buffer &b) {
  std::printf("%s: %s", t.name.c_str(),
              typeString(t.dtype, t.shape.data(), t.shape.size()).c_str());
  if (t.dtype == NN_F32) {
    size_t n = 1;
    for (int64_t d : t.shape) {
      n *= static_cast<size_t>(d);
    }
    const float *x = static_cast<const float *>(b.data);
    double lo = n ? x[0] : 0, hi = lo, sum = 0;
    for (size_t i = 0; i < n; ++i) {
      lo = std::min<double>(lo, x[i]);
      hi = std::max<double>(hi, x[i]);
      sum += x[i];
    }
    std::printf(" min=%g max=%g mean=%g", lo, hi, n ? sum / n : 0.0);
  }
  std::printf("\n");
}

void printUsage(const char *program, const nnvk::ModelDesc &model) {
  std::printf("usage: %s [--input=FILE.npy]... [--output-dir=DIR] "
              "[--benchmark=N] [--device=N] [--list-devices]\n\n"
              "Runs the model compiled into this executable (by nnc "
              "--target=vulkan) on Vulkan device N (default 0). Inputs bind "
              "in order and must match exactly:\n",
              program);
  for (int pass = 0; pass < 2; ++pass) {
    const auto &list = pass ? model.outputs : model.inputs;
    for (size_t i = 0; i < list.size(); ++i) {
      const nnvk::TensorDesc &t = list[i];
      std::printf("  %s %zu: %s %s\n", pass ? "output" : "input", i,
                  t.name.c_str(),
                  typeString(t.dtype, t.shape.data(), t.shape.size()).c_str());
    }
  }
}

int listDevices() {
  std::vector<nnvk::DeviceInfo> devices;
  std::string error;
  if (nnvk::listDevices(devices, error)) {
    return fail("%s", error.c_str());
  }
  for (size_t i = 0; i < devices.size(); ++i) {
    std::printf("device %zu: %s type=%s\n", i, devices[i].name.c_str(),
                devices[i].type.c_str());
  }
  if (devices.empty()) {
    std::printf("no Vulkan devices\n");
  }
  return 0;
}

/// Owns the host buffers of one run.
struct Buffers {
  std::vector<nn_buffer> list;
  ~Buffers() {
    for (nn_buffer &b : list) {
      nn_buffer_destroy(&b);
    }
  }
};

int run(int argc, char **argv) {
  nnvk::ModelDesc model;
  std::string error;
  if (nnvk::parseModel(nnc_vk_model,
                       static_cast<size_t>(nnc_vk_model_end - nnc_vk_model),
                       model, error)) {
    return fail("the embedded model is unreadable: %s", error.c_str());
  }
  std::vector<const char *> inputs;
  const char *outputDir = nullptr;
  long benchmark = 0, device = 0;
  for (int i = 1; i < argc; ++i) {
    const char *arg = argv[i];
    if (std::strncmp(arg, "--", 2) == 0) {
      ++arg; // accept -flag and --flag alike
    }
    if (std::strncmp(arg, "-input=", 7) == 0) {
      inputs.push_back(arg + 7);
    } else if (std::strncmp(arg, "-output-dir=", 12) == 0) {
      outputDir = arg + 12;
    } else if (std::strncmp(arg, "-benchmark=", 11) == 0) {
      if (!parseCount(arg + 11, 1, &benchmark)) {
        return fail("%s: expected a positive integer", argv[i]);
      }
    } else if (std::strncmp(arg, "-device=", 8) == 0) {
      if (!parseCount(arg + 8, 0, &device)) {
        return fail("%s: expected a device number (0, 1, ...; see "
                    "--list-devices)",
                    argv[i]);
      }
    } else if (std::strcmp(arg, "-list-devices") == 0) {
      return listDevices();
    } else if (std::strcmp(arg, "-help") == 0 || std::strcmp(arg, "-h") == 0) {
      printUsage(argv[0], model);
      return 0;
    } else {
      return fail("unknown argument '%s' (see --help)", argv[i]);
    }
  }
  if (inputs.size() != model.inputs.size()) {
    return fail("the model takes %zu input%s, got %zu --input file%s (see "
                "--help)",
                model.inputs.size(), model.inputs.size() == 1 ? "" : "s",
                inputs.size(), inputs.size() == 1 ? "" : "s");
  }

  Buffers in, out;
  std::vector<const void *> inData;
  std::vector<size_t> inBytes, outBytes;
  std::vector<void *> outData;
  char reason[512];
  for (size_t i = 0; i < inputs.size(); ++i) {
    const nnvk::TensorDesc &t = model.inputs[i];
    nn_buffer b;
    if (nn_npy_read(inputs[i], &b, reason, sizeof(reason)) != NN_OK) {
      return fail("%s", reason);
    }
    in.list.push_back(b);
    bool fits = b.dtype == static_cast<nn_dtype>(t.dtype) &&
                b.rank == static_cast<int32_t>(t.shape.size());
    for (size_t d = 0; fits && d < t.shape.size(); ++d) {
      fits = b.shape[d] == t.shape[d];
    }
    if (!fits) {
      return fail("input %zu ('%s') from %s is %s; the model expects %s", i,
                  t.name.c_str(), inputs[i],
                  typeString(b.dtype, b.shape, b.rank).c_str(),
                  typeString(t.dtype, t.shape.data(), t.shape.size()).c_str());
    }
    size_t bytes = 0;
    nn_buffer_byte_size(b.dtype, b.rank, b.shape, &bytes);
    inData.push_back(b.data);
    inBytes.push_back(bytes);
  }
  for (size_t i = 0; i < model.outputs.size(); ++i) {
    const nnvk::TensorDesc &t = model.outputs[i];
    nn_buffer b;
    size_t bytes = 0;
    if (nn_buffer_byte_size(static_cast<nn_dtype>(t.dtype),
                            static_cast<int32_t>(t.shape.size()),
                            t.shape.data(), &bytes) != NN_OK ||
        nn_buffer_create(static_cast<nn_dtype>(t.dtype),
                         static_cast<int32_t>(t.shape.size()), t.shape.data(),
                         &b) != NN_OK) {
      return fail("cannot allocate output %zu ('%s')", i, t.name.c_str());
    }
    out.list.push_back(b);
    outData.push_back(b.data);
    outBytes.push_back(bytes);
  }

  std::unique_ptr<nnvk::Device> dev;
  if (nnvk::Device::create(static_cast<int>(device), dev, error)) {
    return fail("%s", error.c_str());
  }
  std::vector<double> times;
  {
    std::unique_ptr<nnvk::Program> program;
    if (nnvk::Program::create(*dev, model.program, program, error)) {
      return fail("%s", error.c_str());
    }
    long runs = benchmark > 0 ? benchmark : 1;
    for (long r = 0; r < runs; ++r) {
      auto start = std::chrono::steady_clock::now();
      if (program->run(inData, inBytes, outData, outBytes, error)) {
        return fail("the model failed: %s", error.c_str());
      }
      times.push_back(std::chrono::duration<double, std::milli>(
                          std::chrono::steady_clock::now() - start)
                          .count());
    }
  } // the program before the device it lives on

  if (outputDir) {
    if (!makeDirectories(outputDir)) {
      return fail("%s: cannot create the directory: %s", outputDir,
                  std::strerror(errno));
    }
    for (size_t i = 0; i < out.list.size(); ++i) {
      std::string path =
          std::string(outputDir) + "/output_" + std::to_string(i) + ".npy";
      if (nn_npy_write(path.c_str(), &out.list[i], reason, sizeof(reason)) !=
          NN_OK) {
        return fail("%s", reason);
      }
    }
  } else if (!benchmark) {
    for (size_t i = 0; i < out.list.size(); ++i) {
      printSummary(model.outputs[i], out.list[i]);
    }
  }
  if (benchmark) {
    std::sort(times.begin(), times.end());
    size_t n = times.size();
    double median =
        n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
    std::printf("median_ms=%.3f min_ms=%.3f\n", median, times[0]);
  }
  return 0;
}
} // namespace

int main(int argc, char **argv) { return run(argc, argv); }
