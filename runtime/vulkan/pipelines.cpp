//===- pipelines.cpp - compute pipelines and the pipeline cache ----------===//
//
// The workgroup size is the shader's LocalSize execution mode (set by the
// compiler), so no specialization constants are needed.
//
//===----------------------------------------------------------------------===//

#include "runtime/vulkan/pipelines.h"

using namespace nnvk;

nn_status nnvk::createPipelineCache(Device &device, VkPipelineCache &out,
                                    std::string &error) {
  VkPipelineCacheCreateInfo info = {};
  info.sType = VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO;
  VkResult result = vkCreatePipelineCache(device.device, &info, nullptr, &out);
  if (result != VK_SUCCESS) {
    out = VK_NULL_HANDLE;
    error = std::string("vkCreatePipelineCache: ") + resultString(result);
    return NN_RUNTIME_ERROR;
  }
  return NN_OK;
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
