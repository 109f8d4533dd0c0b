//===- program.cpp - a compiled model on a Vulkan device -----------------===//
//
// Build order: validate the plan, buffers (device-local; staging for inputs
// and outputs), constants uploaded through a temporary staging buffer,
// pipelines (shared cache), one descriptor set per dispatch, then the
// recorded inference. Any failure unwinds through the destructor, which
// destroys whatever was created, so nothing leaks on an error path.
//
//===----------------------------------------------------------------------===//

#include "runtime/vulkan/program.h"
#include "runtime/vulkan/sync.h"

#include <cstring>

using namespace nnvk;

namespace {
/// How long one inference may take before it is reported as hung.
constexpr double kRunTimeoutSeconds = 300;
} // namespace

nn_status Program::create(Device &device, const ProgramDesc &desc,
                          std::unique_ptr<Program> &out, std::string &error) {
  std::unique_ptr<Program> program(new Program(device));
  if (nn_status s = program->build(desc, error)) {
    return s;
  }
  out = std::move(program);
  return NN_OK;
}

nn_status Program::build(const ProgramDesc &desc, std::string &error) {
  const DeviceInfo &info = device.info;
  // The plan must fit the device (the compiler respects the limits it was
  // given; a plan built for another device may not).
  for (const ProgramDesc::Kernel &k : desc.kernels) {
    if (k.bindings > info.maxStorageBuffersPerStage) {
      error = "kernel '" + k.entry + "' binds " + std::to_string(k.bindings) +
              " storage buffers; the device allows " +
              std::to_string(info.maxStorageBuffersPerStage);
      return NN_UNSUPPORTED;
    }
  }
  for (const ProgramDesc::Dispatch &d : desc.dispatches) {
    if (d.kernel >= desc.kernels.size() ||
        d.buffers.size() != desc.kernels[d.kernel].bindings) {
      error = "invalid program: a dispatch does not match its kernel";
      return NN_INVALID_ARGUMENT;
    }
    for (int i = 0; i < 3; ++i) {
      if (d.groups[i] > info.maxWorkgroupCount[i]) {
        error = "a dispatch of " + std::to_string(d.groups[i]) +
                " workgroups exceeds the device limit of " +
                std::to_string(info.maxWorkgroupCount[i]);
        return NN_UNSUPPORTED;
      }
    }
    for (uint32_t b : d.buffers) {
      if (b >= desc.buffers.size()) {
        error = "invalid program: a dispatch binds an unknown buffer";
        return NN_INVALID_ARGUMENT;
      }
    }
  }

  for (const ProgramDesc::Buffer &b : desc.buffers) {
    buffers.emplace_back();
    if (nn_status s =
            createBuffer(device, b.bytes, false, buffers.back(), error)) {
      return s;
    }
  }
  inputs = desc.inputs;
  outputs = desc.outputs;
  residentInput.assign(inputs.size(), false);
  residentOutput.assign(outputs.size(), false);
  for (auto [o, i] : desc.feedback) {
    if (o >= outputs.size() || i >= inputs.size() || residentInput[i] ||
        desc.buffers[inputs[i]].bytes != desc.buffers[outputs[o]].bytes) {
      error = "invalid program: a feedback pair does not match an output "
              "and an input of the same size";
      return NN_INVALID_ARGUMENT;
    }
    residentInput[i] = true;
    residentOutput[o] = true;
  }
  for (uint32_t b : inputs) {
    inputStaging.emplace_back();
    if (nn_status s = createBuffer(device, desc.buffers[b].bytes, true,
                                   inputStaging.back(), error)) {
      return s;
    }
  }
  for (uint32_t b : outputs) {
    outputStaging.emplace_back();
    if (nn_status s = createBuffer(device, desc.buffers[b].bytes, true,
                                   outputStaging.back(), error)) {
      return s;
    }
  }
  if (nn_status s = createFence(device, fence, error)) {
    return s;
  }
  if (nn_status s = uploadConstants(desc, error)) {
    return s;
  }

  if (nn_status s = createPipelineCache(device, cache, error)) {
    return s;
  }
  for (const ProgramDesc::Kernel &k : desc.kernels) {
    kernels.emplace_back();
    if (nn_status s = createKernel(device, cache.cache, k.spirv, k.entry,
                                   k.bindings, kernels.back(), error)) {
      return s;
    }
  }
  savePipelineCache(device, cache);

  // One descriptor set per dispatch, written once.
  uint32_t descriptors = 0;
  for (const ProgramDesc::Dispatch &d : desc.dispatches) {
    descriptors += (uint32_t)d.buffers.size();
  }
  std::vector<VkDescriptorSet> sets(desc.dispatches.size());
  if (!desc.dispatches.empty()) {
    VkDescriptorPoolSize size = {VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
                                 std::max(1u, descriptors)};
    VkDescriptorPoolCreateInfo poolInfo = {};
    poolInfo.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
    poolInfo.maxSets = (uint32_t)desc.dispatches.size();
    poolInfo.poolSizeCount = 1;
    poolInfo.pPoolSizes = &size;
    VkResult result =
        vkCreateDescriptorPool(device.device, &poolInfo, nullptr, &pool);
    if (result != VK_SUCCESS) {
      pool = VK_NULL_HANDLE;
      error = std::string("vkCreateDescriptorPool: ") + resultString(result);
      return NN_OUT_OF_MEMORY;
    }
  }
  for (size_t i = 0; i < desc.dispatches.size(); ++i) {
    const ProgramDesc::Dispatch &d = desc.dispatches[i];
    VkDescriptorSetAllocateInfo alloc = {};
    alloc.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
    alloc.descriptorPool = pool;
    alloc.descriptorSetCount = 1;
    alloc.pSetLayouts = &kernels[d.kernel].setLayout;
    VkResult result = vkAllocateDescriptorSets(device.device, &alloc, &sets[i]);
    if (result != VK_SUCCESS) {
      error = std::string("vkAllocateDescriptorSets: ") + resultString(result);
      return NN_OUT_OF_MEMORY;
    }
    std::vector<VkDescriptorBufferInfo> infos(d.buffers.size());
    std::vector<VkWriteDescriptorSet> writes(d.buffers.size());
    for (size_t j = 0; j < d.buffers.size(); ++j) {
      infos[j] = {buffers[d.buffers[j]].buffer, 0, VK_WHOLE_SIZE};
      writes[j] = {};
      writes[j].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
      writes[j].dstSet = sets[i];
      writes[j].dstBinding = (uint32_t)j;
      writes[j].descriptorCount = 1;
      writes[j].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
      writes[j].pBufferInfo = &infos[j];
    }
    vkUpdateDescriptorSets(device.device, (uint32_t)writes.size(),
                           writes.data(), 0, nullptr);
  }

  // Record the inference once.
  if (nn_status s = beginCommands(device, commands, error)) {
    return s;
  }
  VkCommandBuffer cmd = commands.cmd;
  // Resident inputs were written by the previous run's feedback copy (or
  // writeInput): the same barrier makes that transfer visible.
  std::vector<VkBuffer> uploaded;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!residentInput[i]) {
      VkBufferCopy region = {0, 0, inputStaging[i].size};
      vkCmdCopyBuffer(cmd, inputStaging[i].buffer, buffers[inputs[i]].buffer, 1,
                      &region);
    }
    uploaded.push_back(buffers[inputs[i]].buffer);
  }
  recordBufferBarriers(cmd, uploaded, VK_PIPELINE_STAGE_TRANSFER_BIT,
                       VK_ACCESS_TRANSFER_WRITE_BIT,
                       VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                       VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT);
  HazardTracker hazards;
  for (size_t i = 0; i < desc.dispatches.size(); ++i) {
    const ProgramDesc::Dispatch &d = desc.dispatches[i];
    std::vector<VkBuffer> uses;
    for (uint32_t b : d.buffers) {
      if (!desc.buffers[b].constant) {
        uses.push_back(buffers[b].buffer);
      }
    }
    std::vector<VkBuffer> wait = hazards.beforeDispatch(uses);
    if (!wait.empty()) {
      ++barriers;
    }
    recordBufferBarriers(cmd, wait, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                         VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT,
                         VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                         VK_ACCESS_SHADER_READ_BIT |
                             VK_ACCESS_SHADER_WRITE_BIT);
    const Kernel &k = kernels[d.kernel];
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, k.pipeline);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_COMPUTE, k.layout, 0, 1,
                            &sets[i], 0, nullptr);
    vkCmdDispatch(cmd, d.groups[0], d.groups[1], d.groups[2]);
  }
  // Outputs are read by transfers; resident inputs, which the kernels read
  // (or wrote), are overwritten by the feedback copies.
  std::vector<VkBuffer> results;
  for (uint32_t b : outputs) {
    results.push_back(buffers[b].buffer);
  }
  for (auto [o, i] : desc.feedback) {
    results.push_back(buffers[inputs[i]].buffer);
  }
  recordBufferBarriers(cmd, results, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                       VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT,
                       VK_PIPELINE_STAGE_TRANSFER_BIT,
                       VK_ACCESS_TRANSFER_READ_BIT |
                           VK_ACCESS_TRANSFER_WRITE_BIT);
  std::vector<VkBuffer> downloaded;
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (residentOutput[i]) {
      continue;
    }
    VkBufferCopy region = {0, 0, outputStaging[i].size};
    vkCmdCopyBuffer(cmd, buffers[outputs[i]].buffer, outputStaging[i].buffer, 1,
                    &region);
    downloaded.push_back(outputStaging[i].buffer);
  }
  for (auto [o, i] : desc.feedback) {
    if (outputs[o] != inputs[i]) {
      VkBufferCopy region = {0, 0, desc.buffers[inputs[i]].bytes};
      vkCmdCopyBuffer(cmd, buffers[outputs[o]].buffer,
                      buffers[inputs[i]].buffer, 1, &region);
    }
  }
  recordBufferBarriers(cmd, downloaded, VK_PIPELINE_STAGE_TRANSFER_BIT,
                       VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_HOST_BIT,
                       VK_ACCESS_HOST_READ_BIT);
  return endCommands(commands, error);
}

nn_status Program::uploadConstants(const ProgramDesc &desc,
                                   std::string &error) {
  uint64_t total = 0;
  for (const ProgramDesc::Buffer &b : desc.buffers) {
    total += b.constant ? b.bytes : 0;
  }
  if (!total) {
    return NN_OK;
  }
  Buffer staging;
  CommandBuffer upload;
  nn_status status = createBuffer(device, total, true, staging, error);
  if (!status) {
    status = beginCommands(device, upload, error);
  }
  if (!status) {
    uint64_t offset = 0;
    std::vector<VkBuffer> written;
    for (size_t i = 0; i < desc.buffers.size(); ++i) {
      const ProgramDesc::Buffer &b = desc.buffers[i];
      if (!b.constant) {
        continue;
      }
      std::memcpy((char *)staging.mapped + offset, b.data.data(),
                  std::min<size_t>(b.data.size(), b.bytes));
      VkBufferCopy region = {offset, 0, b.bytes};
      vkCmdCopyBuffer(upload.cmd, staging.buffer, buffers[i].buffer, 1,
                      &region);
      written.push_back(buffers[i].buffer);
      offset += b.bytes;
    }
    recordBufferBarriers(upload.cmd, written, VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_ACCESS_TRANSFER_WRITE_BIT,
                         VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
                         VK_ACCESS_SHADER_READ_BIT);
    status = endCommands(upload, error);
  }
  if (!status) {
    status =
        submitAndWait(device, upload.cmd, fence, kRunTimeoutSeconds, error);
  }
  destroyCommands(device, upload);
  destroyBuffer(device, staging);
  return status;
}

nn_status Program::run(const std::vector<const void *> &inputData,
                       const std::vector<size_t> &inputBytes,
                       const std::vector<void *> &outputData,
                       const std::vector<size_t> &outputBytes,
                       std::string &error) {
  if (inputData.size() != inputs.size() ||
      outputData.size() != outputs.size() ||
      inputBytes.size() != inputs.size() ||
      outputBytes.size() != outputs.size()) {
    error = "expected " + std::to_string(inputs.size()) + " inputs and " +
            std::to_string(outputs.size()) + " outputs";
    return NN_INVALID_ARGUMENT;
  }
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (residentInput[i]) {
      continue; // on the device already
    }
    if (inputBytes[i] > inputStaging[i].size) {
      error = "input " + std::to_string(i) + " is larger than its buffer";
      return NN_INVALID_ARGUMENT;
    }
    std::memcpy(inputStaging[i].mapped, inputData[i], inputBytes[i]);
  }
  if (nn_status s = submitAndWait(device, commands.cmd, fence,
                                  kRunTimeoutSeconds, error)) {
    return s;
  }
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (!residentOutput[i]) {
      std::memcpy(outputData[i], outputStaging[i].mapped,
                  std::min<size_t>(outputBytes[i], outputStaging[i].size));
    }
  }
  return NN_OK;
}

nn_status Program::runOnce(const std::function<void(VkCommandBuffer)> &record,
                           std::string &error) {
  CommandBuffer once;
  nn_status status = beginCommands(device, once, error);
  if (!status) {
    record(once.cmd);
    status = endCommands(once, error);
  }
  if (!status) {
    status = submitAndWait(device, once.cmd, fence, kRunTimeoutSeconds, error);
  }
  destroyCommands(device, once);
  return status;
}

nn_status Program::writeInput(size_t i, const void *data, size_t bytes,
                              std::string &error) {
  if (i >= inputs.size() || bytes > inputStaging[i].size) {
    error = "input " + std::to_string(i) + " does not exist or is too large";
    return NN_INVALID_ARGUMENT;
  }
  std::memcpy(inputStaging[i].mapped, data, bytes);
  VkBuffer target = buffers[inputs[i]].buffer;
  return runOnce(
      [&](VkCommandBuffer cmd) {
        // After whatever ran last (kernels reading it, a feedback copy).
        recordBufferBarriers(
            cmd, {target},
            VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT |
                VK_PIPELINE_STAGE_TRANSFER_BIT,
            VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT,
            VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT);
        VkBufferCopy region = {0, 0, bytes};
        vkCmdCopyBuffer(cmd, inputStaging[i].buffer, target, 1, &region);
        recordBufferBarriers(
            cmd, {target}, VK_PIPELINE_STAGE_TRANSFER_BIT,
            VK_ACCESS_TRANSFER_WRITE_BIT, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT,
            VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT);
      },
      error);
}

nn_status Program::readInput(size_t i, void *data, size_t bytes,
                             std::string &error) {
  if (i >= inputs.size() || bytes > inputStaging[i].size) {
    error = "input " + std::to_string(i) + " does not exist or is too large";
    return NN_INVALID_ARGUMENT;
  }
  VkBuffer source = buffers[inputs[i]].buffer;
  VkBuffer staging = inputStaging[i].buffer;
  if (nn_status s = runOnce(
          [&](VkCommandBuffer cmd) {
            recordBufferBarriers(
                cmd, {source},
                VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT |
                    VK_PIPELINE_STAGE_TRANSFER_BIT,
                VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT,
                VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_READ_BIT);
            VkBufferCopy region = {0, 0, bytes};
            vkCmdCopyBuffer(cmd, source, staging, 1, &region);
            recordBufferBarriers(cmd, {staging}, VK_PIPELINE_STAGE_TRANSFER_BIT,
                                 VK_ACCESS_TRANSFER_WRITE_BIT,
                                 VK_PIPELINE_STAGE_HOST_BIT,
                                 VK_ACCESS_HOST_READ_BIT);
          },
          error)) {
    return s;
  }
  std::memcpy(data, inputStaging[i].mapped, bytes);
  return NN_OK;
}

Program::~Program() {
  if (device.device) {
    vkDeviceWaitIdle(device.device);
  }
  destroyCommands(device, commands);
  if (fence) {
    vkDestroyFence(device.device, fence, nullptr);
  }
  if (pool) {
    vkDestroyDescriptorPool(device.device, pool, nullptr);
  }
  for (Kernel &k : kernels) {
    destroyKernel(device, k);
  }
  destroyPipelineCache(device, cache);
  for (std::vector<Buffer> *list : {&buffers, &inputStaging, &outputStaging}) {
    for (Buffer &b : *list) {
      destroyBuffer(device, b);
    }
  }
}
