//===- CpuFlattenConstants.cpp - n-D constants as flat arrays -------------===//
//
// See CpuFlattenConstantsPass in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUFLATTENCONSTANTSPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

/// The same data as a rank-1 attribute, or null if it cannot be reshaped
/// without copying.
ElementsAttr flatten(ElementsAttr value, RankedTensorType flatType) {
  if (auto dense = dyn_cast<DenseElementsAttr>(value)) {
    return dense.reshape(flatType);
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
    return DenseResourceElementsAttr::get(flatType, resource.getRawHandle());
  }
  return nullptr;
}

struct CpuFlattenConstantsPass
    : nn::impl::CpuFlattenConstantsPassBase<CpuFlattenConstantsPass> {
  using CpuFlattenConstantsPassBase::CpuFlattenConstantsPassBase;

  void runOnOperation() override {
    SmallVector<arith::ConstantOp> constants;
    getOperation().walk([&](arith::ConstantOp cst) {
      auto type = dyn_cast<RankedTensorType>(cst.getType());
      auto value = dyn_cast<ElementsAttr>(cst.getValue());
      if (type && value && type.hasStaticShape() && type.getRank() > 1 &&
          type.getNumElements() >= minElements &&
          !(isa<DenseElementsAttr>(value) &&
            cast<DenseElementsAttr>(value).isSplat())) {
        constants.push_back(cst);
      }
    });
    IRRewriter rewriter(&getContext());
    for (arith::ConstantOp cst : constants) {
      auto type = cast<RankedTensorType>(cst.getType());
      auto flatType =
          RankedTensorType::get({type.getNumElements()}, type.getElementType());
      ElementsAttr flat = flatten(cast<ElementsAttr>(cst.getValue()), flatType);
      if (!flat) {
        continue;
      }
      rewriter.setInsertionPoint(cst);
      Value flatValue = arith::ConstantOp::create(rewriter, cst.getLoc(),
                                                  cast<TypedAttr>(flat));
      SmallVector<ReassociationIndices> all(1);
      for (int64_t d = 0; d < type.getRank(); ++d) {
        all[0].push_back(d);
      }
      rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(cst, type, flatValue,
                                                         all);
    }
  }
};

} // namespace
