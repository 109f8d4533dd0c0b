//===- WindowAttrs.cpp - conv and pool window attributes --------*- C++ -*-===//

#include "ir/WindowAttrs.h"
#include "ir/ShapeUtils.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

FailureOr<int64_t> nn::getSpatialRank(std::optional<Location> loc,
                                      StringRef what, ArrayRef<int64_t> shape) {
  int64_t rank = shape.size();
  if (rank < 3 || rank > 5) {
    return emitOptionalError(
        loc, what, " of shape ", formatShape(shape),
        " must have rank 3, 4 or 5 ([N, C, D1..Dk] with 1 to 3 spatial "
        "dimensions), got rank ",
        rank);
  }
  return rank - 2;
}

namespace {

/// Checks that the attribute `name`, when present, has `size` entries (with
/// `meaning` explaining the count) that are all >= `min`.
LogicalResult checkWindowList(std::optional<Location> loc, StringRef name,
                              std::optional<ArrayRef<int64_t>> values,
                              size_t size, StringRef meaning, int64_t min) {
  if (!values) {
    return success();
  }
  if (values->size() != size) {
    return emitOptionalError(loc, name, " must have ", size, " entries (",
                             meaning, "), got ", values->size());
  }
  for (auto [i, v] : llvm::enumerate(*values)) {
    if (v < min) {
      return emitOptionalError(loc, name, "[", i, "] = ", v,
                               " must be >= ", min);
    }
  }
  return success();
}

/// Entry `i` of an optional attribute, or `dflt` when it is absent.
int64_t entryOr(std::optional<ArrayRef<int64_t>> values, size_t i,
                int64_t dflt) {
  return values ? (*values)[i] : dflt;
}

} // namespace

LogicalResult nn::inferWindowExtents(std::optional<Location> loc,
                                     ArrayRef<int64_t> spatialIn,
                                     const WindowSpec &spec,
                                     SmallVectorImpl<int64_t> &spatialOut) {
  size_t k = spatialIn.size();
  std::string perDim = "one per spatial dimension";
  std::string beginsEnds =
      std::to_string(k) + " begins, then " + std::to_string(k) + " ends";
  if (spec.kernel.size() != k) {
    return emitOptionalError(loc, spec.kernelName, " must have ", k,
                             " entries (", perDim, "), got ",
                             spec.kernel.size());
  }
  if (failed(checkWindowList(loc, "strides", spec.strides, k, perDim, 1)) ||
      failed(checkWindowList(loc, "dilations", spec.dilations, k, perDim, 1)) ||
      failed(checkWindowList(loc, "pads", spec.pads, 2 * k, beginsEnds, 0)) ||
      failed(checkWindowList(loc, "output_padding", spec.outputPadding, k,
                             perDim, 0))) {
    return failure();
  }

  for (size_t i = 0; i < k; ++i) {
    int64_t in = spatialIn[i];
    int64_t kernel = spec.kernel[i];
    int64_t stride = entryOr(spec.strides, i, 1);
    int64_t dilation = entryOr(spec.dilations, i, 1);
    int64_t padBegin = entryOr(spec.pads, i, 0);
    int64_t padEnd = entryOr(spec.pads, k + i, 0);
    int64_t outPad = entryOr(spec.outputPadding, i, 0);

    // ONNX/PyTorch: the extra output must lie within one stride or one
    // dilation step, otherwise it is not the gradient of any conv.
    if (outPad >= stride && outPad >= dilation) {
      return emitOptionalError(loc, "output_padding[", i, "] = ", outPad,
                               " must be smaller than the stride (", stride,
                               ") or the dilation (", dilation, ")");
    }
    if (ShapedType::isDynamic(kernel)) {
      spatialOut.push_back(ShapedType::kDynamic);
      continue;
    }
    if (kernel < 1) {
      return emitOptionalError(loc, spec.kernelName, " has kernel extent ",
                               kernel, " at spatial dimension ", i,
                               "; it must be >= 1");
    }
    if (spec.padsBelowKernel && (padBegin >= kernel || padEnd >= kernel)) {
      return emitOptionalError(
          loc, "pads (", padBegin, ", ", padEnd, ") of spatial dimension ", i,
          " must be smaller than the kernel extent ", kernel);
    }
    if (ShapedType::isDynamic(in)) {
      spatialOut.push_back(ShapedType::kDynamic);
      continue;
    }

    int64_t window = dilation * (kernel - 1) + 1;
    if (spec.transposed) {
      int64_t out = stride * (in - 1) + outPad + window - padBegin - padEnd;
      if (out < 1) {
        return emitOptionalError(loc, "output extent of spatial dimension ", i,
                                 " would be ", out, ": pads (", padBegin, ", ",
                                 padEnd, ") remove more than the ",
                                 "transposed window produces from extent ", in);
      }
      spatialOut.push_back(out);
      continue;
    }
    int64_t out = slidingWindowExtent(in, kernel, stride, dilation, padBegin,
                                      padEnd, spec.ceilMode);
    if (out < 1) {
      return emitOptionalError(
          loc, "window of extent ", window, " (kernel ", kernel, ", dilation ",
          dilation, ") does not fit spatial dimension ", i, " of extent ", in,
          " with pads (", padBegin, ", ", padEnd, ")");
    }
    spatialOut.push_back(out);
  }
  return success();
}
