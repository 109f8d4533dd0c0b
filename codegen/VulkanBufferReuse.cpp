//===- VulkanBufferReuse.cpp - share device buffers between intermediates -===//
//
// In: a VulkanPlan as extractVulkanPlan reads it, one device buffer per
// intermediate alloc. Out: the same plan where intermediates whose lifetimes
// do not overlap share a buffer. A lifetime runs from the first to the last
// dispatch binding the buffer (the host program is straight-line, so plan
// order is execution order); a later tensor may take a buffer once its last
// reader has run, and the runtime's hazard tracker orders that write after
// those reads. Inputs, outputs and constants are never shared, and the
// contents of an intermediate before its first write are undefined anyway
// (memref.alloc semantics), so stale bytes of an earlier tensor are fine.
//
//===----------------------------------------------------------------------===//

#include "codegen/VulkanCompile.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>

using namespace mlir;

void nn::shareIntermediateBuffers(VulkanPlan &plan) {
  size_t count = plan.buffers.size();
  std::vector<int64_t> first(count, -1), last(count, -1);
  for (auto [i, dispatch] : llvm::enumerate(plan.dispatches)) {
    for (uint32_t b : dispatch.buffers) {
      if (first[b] < 0) {
        first[b] = (int64_t)i;
      }
      last[b] = (int64_t)i;
    }
  }
  std::vector<uint32_t> order;
  for (uint32_t b = 0; b < count; ++b) {
    if (plan.buffers[b].kind == VulkanBuffer::Kind::Intermediate &&
        first[b] >= 0) {
      order.push_back(b);
    }
  }
  llvm::sort(order, [&](uint32_t x, uint32_t y) {
    return std::make_pair(first[x], x) < std::make_pair(first[y], y);
  });

  // Greedy in order of first use: the smallest free buffer that is large
  // enough, else the largest free one (grown), else a new one.
  struct Shared {
    uint64_t bytes;
    int64_t busyUntil;
  };
  std::vector<Shared> shared;
  std::vector<int64_t> sharedOf(count, -1);
  for (uint32_t b : order) {
    uint64_t bytes = plan.buffers[b].bytes;
    int64_t fit = -1, largest = -1;
    for (auto [s, buffer] : llvm::enumerate(shared)) {
      if (buffer.busyUntil >= first[b]) {
        continue;
      }
      if (buffer.bytes >= bytes &&
          (fit < 0 || buffer.bytes < shared[fit].bytes)) {
        fit = (int64_t)s;
      }
      if (largest < 0 || buffer.bytes > shared[largest].bytes) {
        largest = (int64_t)s;
      }
    }
    int64_t s = fit >= 0 ? fit : largest;
    if (s < 0) {
      s = (int64_t)shared.size();
      shared.push_back({bytes, last[b]});
    }
    shared[s].bytes = std::max(shared[s].bytes, bytes);
    shared[s].busyUntil = last[b];
    sharedOf[b] = s;
  }

  // Renumber: every other buffer keeps its place in order, the shared ones
  // follow; intermediates no dispatch binds are dropped.
  std::vector<VulkanBuffer> buffers;
  std::vector<uint32_t> renumber(count, 0);
  for (uint32_t b = 0; b < count; ++b) {
    if (plan.buffers[b].kind != VulkanBuffer::Kind::Intermediate) {
      renumber[b] = buffers.size();
      buffers.push_back(std::move(plan.buffers[b]));
    }
  }
  uint32_t base = buffers.size();
  for (const Shared &s : shared) {
    VulkanBuffer buffer;
    buffer.bytes = s.bytes;
    buffers.push_back(std::move(buffer));
  }
  for (uint32_t b = 0; b < count; ++b) {
    if (sharedOf[b] >= 0) {
      renumber[b] = base + (uint32_t)sharedOf[b];
    }
  }
  for (VulkanDispatch &dispatch : plan.dispatches) {
    for (uint32_t &b : dispatch.buffers) {
      b = renumber[b];
    }
  }
  for (uint32_t &b : plan.inputs) {
    b = renumber[b];
  }
  for (uint32_t &b : plan.outputs) {
    b = renumber[b];
  }
  plan.buffers = std::move(buffers);
}
