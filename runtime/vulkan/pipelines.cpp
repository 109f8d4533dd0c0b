//===- pipelines.cpp - compute pipelines and the pipeline cache ----------===//
//
// The workgroup size is the shader's LocalSize execution mode (set by the
// compiler), so no specialization constants are needed.
//
//===----------------------------------------------------------------------===//

#include "runtime/vulkan/pipelines.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <unistd.h>

using namespace nnvk;

namespace {
/// Larger cache files are ignored (a sanity bound, not a policy).
constexpr size_t kMaxCacheFileBytes = size_t(256) << 20;

/// The cache file of `device`, or "" when persistence is off.
std::string cacheFile(const VkPhysicalDeviceProperties &props) {
  const char *off = std::getenv("NNC_VULKAN_PIPELINE_CACHE");
  if (off && (!std::strcmp(off, "0") || !std::strcmp(off, "off"))) {
    return "";
  }
  std::string dir;
  if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    dir = xdg;
  } else if (const char *home = std::getenv("HOME"); home && *home) {
    dir = std::string(home) + "/.cache";
  } else {
    return "";
  }
  char name[96];
  std::snprintf(name, sizeof(name), "/nnc/vulkan-pipelines-%04x-%04x-",
                props.vendorID, props.deviceID);
  std::string path = dir + name;
  for (uint8_t byte : props.pipelineCacheUUID) {
    char hex[3];
    std::snprintf(hex, sizeof(hex), "%02x", byte);
    path += hex;
  }
  return path + ".bin";
}

/// Whether `data` starts with a version-one cache header for `props`
/// (drivers must reject foreign data themselves; not all do it well).
bool matchesDevice(const std::vector<char> &data,
                   const VkPhysicalDeviceProperties &props) {
  if (data.size() < 16 + VK_UUID_SIZE) {
    return false;
  }
  uint32_t header[4];
  std::memcpy(header, data.data(), sizeof(header));
  return header[0] >= 16 + VK_UUID_SIZE &&
         header[1] == VK_PIPELINE_CACHE_HEADER_VERSION_ONE &&
         header[2] == props.vendorID && header[3] == props.deviceID &&
         std::memcmp(data.data() + 16, props.pipelineCacheUUID, VK_UUID_SIZE) ==
             0;
}
} // namespace

nn_status nnvk::createPipelineCache(Device &device, PipelineCache &out,
                                    std::string &error) {
  out = PipelineCache();
  VkPhysicalDeviceProperties props;
  vkGetPhysicalDeviceProperties(device.physical, &props);
  out.path = cacheFile(props);
  if (!out.path.empty()) {
    std::ifstream file(out.path, std::ios::binary);
    std::error_code ec;
    uintmax_t size = std::filesystem::file_size(out.path, ec);
    if (file && !ec && size <= kMaxCacheFileBytes) {
      out.loaded.assign(std::istreambuf_iterator<char>(file),
                        std::istreambuf_iterator<char>());
    }
    if (!matchesDevice(out.loaded, props)) {
      out.loaded.clear();
    }
  }
  VkPipelineCacheCreateInfo info = {};
  info.sType = VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO;
  info.initialDataSize = out.loaded.size();
  info.pInitialData = out.loaded.empty() ? nullptr : out.loaded.data();
  VkResult result =
      vkCreatePipelineCache(device.device, &info, nullptr, &out.cache);
  if (result != VK_SUCCESS && !out.loaded.empty()) {
    // The driver refused the file's data: start empty, rewrite it later.
    out.loaded.clear();
    info.initialDataSize = 0;
    info.pInitialData = nullptr;
    result = vkCreatePipelineCache(device.device, &info, nullptr, &out.cache);
  }
  if (result != VK_SUCCESS) {
    out.cache = VK_NULL_HANDLE;
    error = std::string("vkCreatePipelineCache: ") + resultString(result);
    return NN_RUNTIME_ERROR;
  }
  return NN_OK;
}

void nnvk::savePipelineCache(Device &device, const PipelineCache &cache) {
  if (cache.path.empty() || !cache.cache) {
    return;
  }
  size_t size = 0;
  if (vkGetPipelineCacheData(device.device, cache.cache, &size, nullptr) !=
          VK_SUCCESS ||
      size == 0 || size > kMaxCacheFileBytes) {
    return;
  }
  std::vector<char> data(size);
  if (vkGetPipelineCacheData(device.device, cache.cache, &size, data.data()) !=
      VK_SUCCESS) {
    return;
  }
  data.resize(size);
  if (data == cache.loaded) {
    return;
  }
  std::filesystem::path path(cache.path);
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::string temp = cache.path + ".tmp" + std::to_string(getpid());
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    file.write(data.data(), (std::streamsize)data.size());
    if (!file.good()) {
      file.close();
      std::filesystem::remove(temp, ec);
      return;
    }
  }
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
  }
}

void nnvk::destroyPipelineCache(Device &device, PipelineCache &cache) {
  if (cache.cache) {
    vkDestroyPipelineCache(device.device, cache.cache, nullptr);
  }
  cache = PipelineCache();
}

nn_status nnvk::createKernel(Device &device, VkPipelineCache cache,
                             const std::vector<uint32_t> &words,
                             const std::string &entry, uint32_t bindings,
                             Kernel &out, std::string &error) {
  out = Kernel();
  out.bindings = bindings;
  auto fail = [&](const char *what, VkResult result, nn_status status) {
    destroyKernel(device, out);
    error =
        "kernel '" + entry + "': " + what + " failed: " + resultString(result);
    if (status == NN_INVALID_MODEL) {
      error += " (a corrupt or unsupported kernel: check the SPIR-V with "
               "spirv-val, e.g. from nnc --emit=spirv, or recompile the model)";
    }
    return status;
  };
  if (words.empty() || words[0] != 0x07230203) {
    error = "kernel '" + entry + "': not a SPIR-V binary";
    return NN_INVALID_MODEL;
  }
  VkShaderModuleCreateInfo shader = {};
  shader.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
  shader.codeSize = words.size() * sizeof(uint32_t);
  shader.pCode = words.data();
  VkResult result =
      vkCreateShaderModule(device.device, &shader, nullptr, &out.module);
  if (result != VK_SUCCESS) {
    out.module = VK_NULL_HANDLE;
    return fail("vkCreateShaderModule (the driver rejected the shader)", result,
                NN_INVALID_MODEL);
  }
  std::vector<VkDescriptorSetLayoutBinding> slots(bindings);
  for (uint32_t i = 0; i < bindings; ++i) {
    slots[i] = {};
    slots[i].binding = i;
    slots[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    slots[i].descriptorCount = 1;
    slots[i].stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
  }
  VkDescriptorSetLayoutCreateInfo set = {};
  set.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
  set.bindingCount = bindings;
  set.pBindings = slots.data();
  result =
      vkCreateDescriptorSetLayout(device.device, &set, nullptr, &out.setLayout);
  if (result != VK_SUCCESS) {
    out.setLayout = VK_NULL_HANDLE;
    return fail("vkCreateDescriptorSetLayout", result, NN_RUNTIME_ERROR);
  }
  VkPipelineLayoutCreateInfo layout = {};
  layout.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
  layout.setLayoutCount = 1;
  layout.pSetLayouts = &out.setLayout;
  result = vkCreatePipelineLayout(device.device, &layout, nullptr, &out.layout);
  if (result != VK_SUCCESS) {
    out.layout = VK_NULL_HANDLE;
    return fail("vkCreatePipelineLayout", result, NN_RUNTIME_ERROR);
  }
  VkComputePipelineCreateInfo pipeline = {};
  pipeline.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO;
  pipeline.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  pipeline.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
  pipeline.stage.module = out.module;
  pipeline.stage.pName = entry.c_str();
  pipeline.layout = out.layout;
  result = vkCreateComputePipelines(device.device, cache, 1, &pipeline, nullptr,
                                    &out.pipeline);
  if (result != VK_SUCCESS) {
    out.pipeline = VK_NULL_HANDLE;
    return fail("vkCreateComputePipelines (the driver rejected the shader)",
                result, NN_INVALID_MODEL);
  }
  return NN_OK;
}

void nnvk::destroyKernel(Device &device, Kernel &kernel) {
  if (kernel.pipeline) {
    vkDestroyPipeline(device.device, kernel.pipeline, nullptr);
  }
  if (kernel.layout) {
    vkDestroyPipelineLayout(device.device, kernel.layout, nullptr);
  }
  if (kernel.setLayout) {
    vkDestroyDescriptorSetLayout(device.device, kernel.setLayout, nullptr);
  }
  if (kernel.module) {
    vkDestroyShaderModule(device.device, kernel.module, nullptr);
  }
  kernel = Kernel();
}
