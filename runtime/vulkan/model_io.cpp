//===- model_io.cpp - a compiled Vulkan model as bytes --------------------===//
//
// Writer and bounds-checked reader of the format in model_io.h.
//
//===----------------------------------------------------------------------===//

#include "runtime/vulkan/model_io.h"

#include <cstring>

using namespace nnvk;

namespace {
void putU32(std::string &out, uint32_t v) {
  for (int i = 0; i < 4; ++i) {
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
}
void putU64(std::string &out, uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
}
void putString(std::string &out, const std::string &s) {
  putU32(out, static_cast<uint32_t>(s.size()));
  out += s;
}
void putTensors(std::string &out, const std::vector<TensorDesc> &tensors,
                const std::vector<uint32_t> &buffers) {
  putU32(out, static_cast<uint32_t>(tensors.size()));
  for (size_t i = 0; i < tensors.size(); ++i) {
    putU32(out, i < buffers.size() ? buffers[i] : 0);
    putString(out, tensors[i].name);
    putU32(out, tensors[i].dtype);
    putU32(out, static_cast<uint32_t>(tensors[i].shape.size()));
    for (int64_t d : tensors[i].shape) {
      putU64(out, static_cast<uint64_t>(d));
    }
  }
}

/// A cursor that fails (and stays failed) on reading past the end.
struct Reader {
  const unsigned char *p, *end;
  bool ok = true;
  bool need(uint64_t n) {
    if (!ok || n > static_cast<uint64_t>(end - p)) {
      ok = false;
    }
    return ok;
  }
  uint32_t u32() {
    if (!need(4)) {
      return 0;
    }
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      v |= static_cast<uint32_t>(p[i]) << (8 * i);
    }
    p += 4;
    return v;
  }
  uint64_t u64() {
    if (!need(8)) {
      return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) {
      v |= static_cast<uint64_t>(p[i]) << (8 * i);
    }
    p += 8;
    return v;
  }
  std::string string() {
    uint32_t n = u32();
    if (!need(n)) {
      return {};
    }
    std::string s(reinterpret_cast<const char *>(p), n);
    p += n;
    return s;
  }
  /// A count of items of at least `itemBytes` bytes each that must fit.
  uint32_t count(uint64_t itemBytes) {
    uint32_t n = u32();
    need(static_cast<uint64_t>(n) * itemBytes);
    return ok ? n : 0;
  }
};

bool readTensors(Reader &r, std::vector<TensorDesc> &tensors,
                 std::vector<uint32_t> &buffers) {
  uint32_t n = r.count(16);
  for (uint32_t i = 0; i < n && r.ok; ++i) {
    TensorDesc t;
    buffers.push_back(r.u32());
    t.name = r.string();
    t.dtype = r.u32();
    uint32_t rank = r.count(8);
    for (uint32_t d = 0; d < rank && r.ok; ++d) {
      t.shape.push_back(static_cast<int64_t>(r.u64()));
    }
    tensors.push_back(std::move(t));
  }
  return r.ok;
}
} // namespace

std::string nnvk::serializeModel(const ModelDesc &model) {
  const ProgramDesc &p = model.program;
  std::string out = "NNVK";
  putU32(out, kModelFormatVersion);
  putU32(out, static_cast<uint32_t>(p.kernels.size()));
  for (const ProgramDesc::Kernel &k : p.kernels) {
    putString(out, k.entry);
    putU32(out, k.bindings);
    putU32(out, static_cast<uint32_t>(k.spirv.size()));
    for (uint32_t w : k.spirv) {
      putU32(out, w);
    }
  }
  putU32(out, static_cast<uint32_t>(p.buffers.size()));
  for (const ProgramDesc::Buffer &b : p.buffers) {
    putU64(out, b.bytes);
    out.push_back(b.constant ? 1 : 0);
    if (b.constant) {
      // Exactly `bytes` bytes, whatever `data` holds.
      std::string data(b.data.begin(), b.data.end());
      data.resize(b.bytes, '\0');
      out += data;
    }
  }
  putU32(out, static_cast<uint32_t>(p.dispatches.size()));
  for (const ProgramDesc::Dispatch &d : p.dispatches) {
    putU32(out, d.kernel);
    for (uint32_t g : d.groups) {
      putU32(out, g);
    }
    putU32(out, static_cast<uint32_t>(d.buffers.size()));
    for (uint32_t b : d.buffers) {
      putU32(out, b);
    }
  }
  putTensors(out, model.inputs, p.inputs);
  putTensors(out, model.outputs, p.outputs);
  return out;
}

nn_status nnvk::parseModel(const void *data, size_t size, ModelDesc &model,
                           std::string &error) {
  Reader r{static_cast<const unsigned char *>(data),
           static_cast<const unsigned char *>(data) + size};
  model = ModelDesc();
  if (size < 8 || std::memcmp(data, "NNVK", 4) != 0) {
    error = "not a compiled Vulkan model (bad magic)";
    return NN_INVALID_MODEL;
  }
  r.p += 4;
  uint32_t version = r.u32();
  if (version != kModelFormatVersion) {
    error = "compiled Vulkan model format version " + std::to_string(version) +
            " (this runtime reads version " +
            std::to_string(kModelFormatVersion) + ")";
    return NN_INVALID_MODEL;
  }
  ProgramDesc &p = model.program;
  uint32_t kernels = r.count(12);
  for (uint32_t i = 0; i < kernels && r.ok; ++i) {
    ProgramDesc::Kernel k;
    k.entry = r.string();
    k.bindings = r.u32();
    uint32_t words = r.count(4);
    k.spirv.reserve(words);
    for (uint32_t w = 0; w < words && r.ok; ++w) {
      k.spirv.push_back(r.u32());
    }
    p.kernels.push_back(std::move(k));
  }
  uint32_t buffers = r.count(9);
  for (uint32_t i = 0; i < buffers && r.ok; ++i) {
    ProgramDesc::Buffer b;
    b.bytes = r.u64();
    b.constant = r.need(1) && *r.p++ != 0;
    if (b.constant && r.need(b.bytes)) {
      b.data.assign(r.p, r.p + b.bytes);
      r.p += b.bytes;
    }
    p.buffers.push_back(std::move(b));
  }
  uint32_t dispatches = r.count(20);
  for (uint32_t i = 0; i < dispatches && r.ok; ++i) {
    ProgramDesc::Dispatch d;
    d.kernel = r.u32();
    for (uint32_t &g : d.groups) {
      g = r.u32();
    }
    uint32_t n = r.count(4);
    for (uint32_t b = 0; b < n && r.ok; ++b) {
      d.buffers.push_back(r.u32());
    }
    p.dispatches.push_back(std::move(d));
  }
  readTensors(r, model.inputs, p.inputs);
  readTensors(r, model.outputs, p.outputs);
  if (!r.ok || r.p != r.end) {
    error = "the compiled Vulkan model is truncated or corrupt";
    return NN_INVALID_MODEL;
  }
  // Every index must name something that exists.
  for (const ProgramDesc::Dispatch &d : p.dispatches) {
    bool fits = d.kernel < p.kernels.size();
    for (uint32_t b : d.buffers) {
      fits = fits && b < p.buffers.size();
    }
    if (!fits) {
      error = "the compiled Vulkan model has an invalid dispatch";
      return NN_INVALID_MODEL;
    }
  }
  for (const auto *list : {&p.inputs, &p.outputs}) {
    for (uint32_t b : *list) {
      if (b >= p.buffers.size()) {
        error = "the compiled Vulkan model binds a missing buffer";
        return NN_INVALID_MODEL;
      }
    }
  }
  return NN_OK;
}
