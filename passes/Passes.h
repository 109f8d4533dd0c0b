//===- Passes.h - nn -> nn graph passes and named pipelines -----*- C++ -*-===//

#ifndef NNC_PASSES_PASSES_H
#define NNC_PASSES_PASSES_H

#include "ir/NNDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
namespace nn {

#define GEN_PASS_DECL
#include "passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Passes.h.inc"

/// Graph-level clean-up: canonicalize, CSE, refine shapes, canonicalize again.
/// Registered as the named pipeline `nn-simplify`.
void buildSimplifyPipeline(OpPassManager &pm);

/// Registers every named nnc pipeline with the pass registry (for nn-opt).
void registerPipelines();

} // namespace nn
} // namespace mlir

#endif // NNC_PASSES_PASSES_H
