//===- NNDialect.cpp - nn dialect registration and generated code -*- C++
//-*-===//
//
// The one translation unit that instantiates the ODS-generated op, enum,
// attribute and interface definitions. Hand-written op methods live in the
// family files (Elementwise.cpp, Contractions.cpp, ...).
//
//===----------------------------------------------------------------------===//

#include "ir/NNOps.h"
#include "ir/gradients/GradientBuilder.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::nn;

#include "ir/NNDialect.cpp.inc"
#include "ir/NNEnums.cpp.inc"
#include "ir/NNInterfaces.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "ir/NNAttrs.cpp.inc"

#define GET_OP_CLASSES
#include "ir/NNOps.cpp.inc"

void NNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "ir/NNOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "ir/NNAttrs.cpp.inc"
      >();
  // Gradient rules are external models kept beside the ops (ir/gradients/).
  attachGradientRules(*getContext());
}

Operation *NNDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                          Type type, Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type) {
    return nullptr;
  }
  return ConstantOp::create(builder, loc, type, elements);
}
