//===- program.h - a compiled model on a Vulkan device ----------*- C++ -*-===//
//
// The runtime's executable: every buffer of a compiled model allocated on
// the device (constants uploaded once), every kernel's pipeline built, and
// the whole inference recorded into one command buffer: upload inputs from
// staging, the dispatches with buffer barriers where one reads or
// overwrites what an earlier one touched, download outputs. run() fills the
// input staging buffers, submits once, waits, and copies the outputs out;
// intermediates never leave the device. Outputs fed back into inputs
// (ProgramDesc::feedback: a training step's new parameters) are copied on
// the device instead, so that state stays there between runs.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_RUNTIME_VULKAN_PROGRAM_H
#define NNC_RUNTIME_VULKAN_PROGRAM_H

#include "runtime/vulkan/commands.h"
#include "runtime/vulkan/memory.h"
#include "runtime/vulkan/pipelines.h"

#include <functional>

namespace nnvk {

/// What to build (the compiler's plan, without MLIR types).
struct ProgramDesc {
  struct Kernel {
    std::string entry;
    std::vector<uint32_t> spirv;
    uint32_t bindings = 0;
  };
  struct Buffer {
    uint64_t bytes = 0;
    /// Constant contents (`bytes` long), never written by kernels.
    bool constant = false;
    std::vector<char> data;
  };
  struct Dispatch {
    uint32_t kernel = 0;
    uint32_t groups[3] = {1, 1, 1};
    std::vector<uint32_t> buffers;
  };
  std::vector<Kernel> kernels;
  std::vector<Buffer> buffers;
  std::vector<Dispatch> dispatches;
  /// Buffer of input i / output i.
  std::vector<uint32_t> inputs, outputs;
  /// Device-resident state (a training step's parameters): for each pair
  /// (output o, input i), output o is copied into input i's buffer at the
  /// end of every run, on the device; input i is then never uploaded by
  /// run() and output o never downloaded (writeInput / readInput move them).
  std::vector<std::pair<uint32_t, uint32_t>> feedback;
};

/// A program ready to run on one device.
class Program {
public:
  /// Checks `desc` against the device's limits and builds everything.
  static nn_status create(Device &device, const ProgramDesc &desc,
                          std::unique_ptr<Program> &out, std::string &error);
  ~Program();
  Program(const Program &) = delete;
  Program &operator=(const Program &) = delete;

  /// One inference: `inputs[i]` holds `inputBytes[i]` bytes for input i;
  /// output i is written to `outputs[i]` (`outputBytes[i]` bytes).
  nn_status run(const std::vector<const void *> &inputs,
                const std::vector<size_t> &inputBytes,
                const std::vector<void *> &outputs,
                const std::vector<size_t> &outputBytes, std::string &error);

  /// Uploads input `i`'s value (`bytes` bytes) now: how a resident input
  /// (ProgramDesc::feedback) gets its first value.
  nn_status writeInput(size_t i, const void *data, size_t bytes,
                       std::string &error);
  /// Downloads input `i`'s current device value (a resident input: the
  /// state the last run fed back).
  nn_status readInput(size_t i, void *data, size_t bytes, std::string &error);

  /// Number of barriers recorded between dispatches.
  size_t barrierCount() const { return barriers; }

private:
  explicit Program(Device &device) : device(device) {}
  nn_status build(const ProgramDesc &desc, std::string &error);
  nn_status uploadConstants(const ProgramDesc &desc, std::string &error);
  /// Records `record` into a one-time command buffer and runs it.
  nn_status runOnce(const std::function<void(VkCommandBuffer)> &record,
                    std::string &error);

  Device &device;
  std::vector<Buffer> buffers, inputStaging, outputStaging;
  std::vector<uint32_t> inputs, outputs;
  /// Inputs fed back on the device / outputs that feed them.
  std::vector<bool> residentInput, residentOutput;
  std::vector<Kernel> kernels;
  PipelineCache cache;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  CommandBuffer commands;
  VkFence fence = VK_NULL_HANDLE;
  size_t barriers = 0;
};

} // namespace nnvk

#endif // NNC_RUNTIME_VULKAN_PROGRAM_H
