//===- SplitLLVMModule.h - split an LLVM-dialect module in parts -*- C++
//-*-===//
//
// Splits a module in the LLVM dialect into parts that LLVM can optimize and
// compile independently (on several threads) and a linker can join again:
// every function or global is defined in exactly one part and declared in
// the parts that refer to it. Functions joined by direct calls stay in one
// part (so inlining across them still happens); a function only referred to
// by its address (a parallel loop body handed to nnc_parallel_for) may land
// elsewhere.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_SPLITLLVMMODULE_H
#define NNC_CODEGEN_SPLITLLVMMODULE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace mlir {
namespace nn {

/// Splits `module` (LLVM dialect only: llvm.func and llvm.mlir.global at the
/// top level) into at most `maxParts` new modules of about equal size
/// (counted in operations), created in `module`'s context; `module` is left
/// unchanged. Symbols with private or internal linkage that one part defines
/// and another uses become external. Returns no parts when the module cannot
/// be split (other top-level operations, fewer than two independent groups,
/// `maxParts` < 2): the caller then compiles `module` whole.
SmallVector<OwningOpRef<ModuleOp>> splitLLVMModule(ModuleOp module,
                                                   unsigned maxParts);

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_SPLITLLVMMODULE_H
