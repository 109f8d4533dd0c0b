//===- PlaneLoop.h - one task per (image, channel) plane -------*- C++ -*-===//
//
// The scf.forall the CPU window kernels (depthwise convs, pools) and the
// Winograd transforms share: one iteration per plane of an N x C x H x W
// tensor, whose shared output the body fills plane by plane.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_CODEGEN_PLANELOOP_H
#define NNC_CODEGEN_PLANELOOP_H

#include "mlir/Dialect/SCF/IR/SCF.h"

namespace mlir {
namespace nn {

/// scf.forall (n, c) in (images, channels) with `init` as its one shared
/// output; the body is built before its terminator.
inline scf::ForallOp createPlaneLoop(OpBuilder &b, Location loc, int64_t images,
                                     int64_t channels, Value init) {
  SmallVector<OpFoldResult> lbs(2, b.getIndexAttr(0));
  SmallVector<OpFoldResult> ubs = {b.getIndexAttr(images),
                                   b.getIndexAttr(channels)};
  SmallVector<OpFoldResult> steps(2, b.getIndexAttr(1));
  return scf::ForallOp::create(b, loc, lbs, ubs, steps, ValueRange{init},
                               std::nullopt);
}

} // namespace nn
} // namespace mlir

#endif // NNC_CODEGEN_PLANELOOP_H
