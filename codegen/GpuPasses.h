//===- GpuPasses.h - passes of the Vulkan pipeline --------------*- C++ -*-===//
//
// Declarations of the GPU/SPIR-V passes in GpuPasses.td (nn-gpu-*), used by
// buildVulkanPipeline and registered in nn-opt.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_GPUPASSES_H
#define NNC_CODEGEN_GPUPASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SPIRV/IR/SPIRVDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
namespace nn {

#define GEN_PASS_DECL
#include "codegen/GpuPasses.h.inc"

#define GEN_PASS_REGISTRATION
#include "codegen/GpuPasses.h.inc"

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_GPUPASSES_H
