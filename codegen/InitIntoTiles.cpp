//===- InitIntoTiles.cpp - a contraction's init in registers --------------===//
//
// See InitIntoTiles.h. A read is traced from its tile back to the init
// through the ops tiling leaves between them: tensor.extract_slice (the
// tile), tensor.collapse_shape (a conv's [N, F, OH*OW] view), the tied
// block arguments of scf.for and scf.forall (the carried C), and
// tensor.insert_slice results the read's region lies outside of (the part
// after a split). The row the broadcast varies along is then followed
// forward to the read's vector dimension, its offset summed on the way.
//
//===----------------------------------------------------------------------===//

#include "codegen/InitIntoTiles.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace mlir;

nn::KnownInit nn::knownInit(Value v) {
  if (auto fill = v.getDefiningOp<linalg::FillOp>()) {
    if (fill.hasPureTensorSemantics()) {
      return {fill, {}, 0, fill.getInputs()[0]};
    }
    return {};
  }
  auto g = v.getDefiningOp<linalg::GenericOp>();
  if (!g || !g.hasPureTensorSemantics() || g.getNumDpsInputs() != 1 ||
      g.getNumDpsInits() != 1 || g.getNumReductionLoops() != 0) {
    return {};
  }
  auto yield = cast<linalg::YieldOp>(g.getBody()->getTerminator());
  auto arg = dyn_cast<BlockArgument>(yield.getValues()[0]);
  auto biasType = dyn_cast<RankedTensorType>(g.getInputs()[0].getType());
  SmallVector<AffineMap> maps = g.getIndexingMapsArray();
  if (!arg || arg.getArgNumber() != 0 || !biasType || biasType.getRank() != 1 ||
      maps[0].getNumResults() != 1 || !maps[1].isIdentity()) {
    return {};
  }
  auto d = dyn_cast<AffineDimExpr>(maps[0].getResult(0));
  if (!d) {
    return {};
  }
  return {g, g.getInputs()[0], d.getPosition(), {}};
}

std::optional<int64_t> nn::slicedDim(tensor::ExtractSliceOp slice,
                                     int64_t dim) {
  llvm::SmallBitVector dropped = slice.getDroppedDims();
  if (dropped.test(dim)) {
    return std::nullopt;
  }
  return dim - llvm::count_if(llvm::seq<int64_t>(0, dim),
                              [&](int64_t d) { return dropped.test(d); });
}

std::optional<int64_t> nn::collapsedDim(tensor::CollapseShapeOp collapse,
                                        int64_t dim) {
  ArrayRef<int64_t> src = collapse.getSrcType().getShape();
  for (auto [group, dims] :
       llvm::enumerate(collapse.getReassociationIndices())) {
    if (!llvm::is_contained(dims, dim)) {
      continue;
    }
    if (llvm::any_of(dims,
                     [&](int64_t d) { return d != dim && src[d] != 1; })) {
      return std::nullopt;
    }
    return group;
  }
  return std::nullopt;
}

namespace {

/// Whether `iv` is among the (static or SSA) offsets of `slices`, directly
/// or as an operand of an index computation feeding one.
bool movesWith(Value iv, ArrayRef<tensor::ExtractSliceOp> slices) {
  for (tensor::ExtractSliceOp slice : slices) {
    for (Value off : slice.getOffsets()) {
      if (off == iv) {
        return true;
      }
      if (Operation *def = off.getDefiningOp()) {
        if (llvm::is_contained(def->getOperands(), iv)) {
          return true;
        }
      }
    }
  }
  return false;
}

/// A static box [offset, offset + size) per dimension.
struct Box {
  SmallVector<int64_t> lo, hi;
};

std::optional<Box> staticBox(ArrayRef<OpFoldResult> offsets,
                             ArrayRef<OpFoldResult> sizes) {
  Box box;
  for (auto [o, n] : llvm::zip(offsets, sizes)) {
    std::optional<int64_t> a = getConstantIntValue(o),
                           m = getConstantIntValue(n);
    if (!a || !m) {
      return std::nullopt;
    }
    box.lo.push_back(*a);
    box.hi.push_back(*a + *m);
  }
  return box;
}

/// Whether boxes `x` and `y` do not overlap: apart along some dimension.
bool apart(const Box &x, const Box &y) {
  for (size_t d = 0; d < x.lo.size(); ++d) {
    if (x.hi[d] <= y.lo[d] || y.hi[d] <= x.lo[d]) {
      return true;
    }
  }
  return false;
}

} // namespace

bool nn::outside(tensor::ExtractSliceOp slice, tensor::InsertSliceOp insert) {
  std::optional<Box> read =
      staticBox(slice.getMixedOffsets(), slice.getMixedSizes());
  std::optional<Box> written =
      staticBox(insert.getMixedOffsets(), insert.getMixedSizes());
  return read && written && read->lo.size() == written->lo.size() &&
         apart(*read, *written);
}

namespace {

/// The ops from the init (first) down to `read`'s base, or an empty chain.
/// When the slices below a loop-carried tensor move with the loop's
/// induction variable (a tile loop over C), each iteration reads a region no
/// earlier one wrote; otherwise (a K loop re-reading its partial sums) the
/// read sees the init on the loop's first iteration only, and the loop is
/// added to `firstOnly`.
SmallVector<Operation *> traceToInit(vector::TransferReadOp read,
                                     nn::KnownInit &init,
                                     SmallVectorImpl<scf::ForOp> &firstOnly) {
  SmallVector<Operation *> chain;
  SmallVector<tensor::ExtractSliceOp> slices;
  Value cur = read.getBase();
  while (true) {
    if ((init = nn::knownInit(cur)).op) {
      chain.push_back(init.op);
      std::reverse(chain.begin(), chain.end());
      return chain;
    }
    if (auto slice = cur.getDefiningOp<tensor::ExtractSliceOp>()) {
      if (!slice.hasUnitStride()) {
        return {};
      }
      chain.push_back(slice);
      slices.push_back(slice);
      cur = slice.getSource();
    } else if (auto collapse = cur.getDefiningOp<tensor::CollapseShapeOp>()) {
      chain.push_back(collapse);
      cur = collapse.getSrc();
    } else if (auto expand = cur.getDefiningOp<tensor::ExpandShapeOp>()) {
      chain.push_back(expand);
      cur = expand.getSrc();
    } else if (auto insert = cur.getDefiningOp<tensor::InsertSliceOp>()) {
      if (slices.empty() || !isa<tensor::ExtractSliceOp>(chain.back()) ||
          !nn::outside(cast<tensor::ExtractSliceOp>(chain.back()), insert)) {
        return {};
      }
      chain.push_back(insert);
      cur = insert.getDest();
    } else if (auto arg = dyn_cast<BlockArgument>(cur)) {
      Operation *parent = arg.getOwner()->getParentOp();
      if (auto loop = dyn_cast<scf::ForOp>(parent)) {
        OpOperand *tied = loop.getTiedLoopInit(arg);
        if (!tied) {
          return {};
        }
        if (!movesWith(loop.getInductionVar(), slices)) {
          // A K loop: the tile holds the init only on its first iteration.
          firstOnly.push_back(loop);
        }
        chain.push_back(loop);
        cur = tied->get();
      } else if (auto forall = dyn_cast<scf::ForallOp>(parent)) {
        OpOperand *tied = forall.getTiedLoopInit(arg);
        if (!tied || !llvm::any_of(forall.getInductionVars(), [&](Value iv) {
              return movesWith(iv, slices);
            })) {
          return {};
        }
        chain.push_back(forall);
        cur = tied->get();
      } else {
        return {};
      }
    } else {
      return {};
    }
  }
}

/// The value `read` sees, computed from `init` along `chain` (init first).
Value valueAt(RewriterBase &rewriter, vector::TransferReadOp read,
              const nn::KnownInit &init, ArrayRef<Operation *> chain) {
  Location loc = read.getLoc();
  auto vecType = read.getVectorType();
  if (init.splat) {
    if (llvm::any_of(read.getInBoundsValues(), [](bool b) { return !b; })) {
      return {}; // masked lanes would read the padding
    }
    return vector::BroadcastOp::create(rewriter, loc, vecType, init.splat);
  }
  // Follow the bias dimension: the positions it occupies in each tensor on
  // the way, each with the stride of its index in the bias (an expand_shape
  // splits it: a transposed narrow product's [M/lanes, lanes]), and the
  // offsets of the read's region along it (unknown once a slice drops it).
  struct Part {
    int64_t dim, stride;
  };
  SmallVector<Part> parts = {{init.dim, 1}};
  bool dropped = false;
  // The bias index: the sum of these offsets, each times its stride (built
  // as IR only once every check has passed).
  SmallVector<std::pair<OpFoldResult, int64_t>> terms;
  auto term = [&](OpFoldResult o, int64_t stride) {
    terms.push_back({o, stride});
  };
  for (Operation *op : chain.drop_front()) {
    if (dropped) {
      continue;
    }
    if (auto slice = dyn_cast<tensor::ExtractSliceOp>(op)) {
      for (Part &p : parts) {
        term(slice.getMixedOffsets()[p.dim], p.stride);
      }
      SmallVector<std::optional<int64_t>> kept;
      for (Part &p : parts) {
        kept.push_back(nn::slicedDim(slice, p.dim));
      }
      if (llvm::is_contained(kept, std::nullopt)) {
        if (parts.size() != 1) {
          return {}; // part of a split bias index dropped
        }
        dropped = true;
        continue;
      }
      for (auto [p, d] : llvm::zip(parts, kept)) {
        p.dim = *d;
      }
    } else if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(op)) {
      std::optional<int64_t> d = parts.size() == 1
                                     ? nn::collapsedDim(collapse, parts[0].dim)
                                     : std::nullopt;
      if (!d) {
        return {}; // the row index would mix with another dimension
      }
      parts[0].dim = *d;
    } else if (auto expand = dyn_cast<tensor::ExpandShapeOp>(op)) {
      if (parts.size() != 1) {
        return {};
      }
      ArrayRef<int64_t> dst = expand.getResultType().getShape();
      ReassociationIndices dims =
          expand.getReassociationIndices()[parts[0].dim];
      int64_t stride = parts[0].stride;
      parts.clear();
      for (int64_t d : llvm::reverse(dims)) {
        if (ShapedType::isDynamic(dst[d])) {
          return {};
        }
        parts.push_back({d, stride});
        stride *= dst[d];
      }
      std::reverse(parts.begin(), parts.end());
    }
  }
  AffineMap map = read.getPermutationMap();
  std::optional<unsigned> vecDim;
  if (!dropped) {
    for (Part &p : parts) {
      term(read.getIndices()[p.dim], p.stride);
      for (unsigned i = 0; i < map.getNumResults(); ++i) {
        auto d = dyn_cast<AffineDimExpr>(map.getResult(i));
        if (d && d.getPosition() == unsigned(p.dim) &&
            (p.stride == 1 || vecType.getDimSize(i) != 1)) {
          if (p.stride != 1) {
            return {}; // a vector across bias rows that are not adjacent
          }
          vecDim = i;
        }
      }
    }
  }
  SmallVector<bool> inBounds = read.getInBoundsValues();
  for (unsigned i = 0; i < inBounds.size(); ++i) {
    if (!inBounds[i] && (!vecDim || i != *vecDim)) {
      return {};
    }
  }
  Value offset = arith::ConstantIndexOp::create(rewriter, loc, 0);
  for (auto [o, stride] : terms) {
    Value v = getValueOrCreateConstantIndexOp(rewriter, loc, o);
    if (stride != 1) {
      v = arith::MulIOp::create(
          rewriter, loc, v,
          arith::ConstantIndexOp::create(rewriter, loc, stride));
    }
    offset = arith::AddIOp::create(rewriter, loc, offset, v);
  }
  Type f32 = vecType.getElementType();
  if (!vecDim) {
    // One row for the whole vector.
    Value s = tensor::ExtractOp::create(rewriter, loc, init.bias, offset);
    return vector::BroadcastOp::create(rewriter, loc, vecType, s);
  }
  // bias[offset + i] along vector dimension vecDim, broadcast along the
  // others.
  MLIRContext *ctx = rewriter.getContext();
  SmallVector<AffineExpr> results(vecType.getRank(),
                                  getAffineConstantExpr(0, ctx));
  results[*vecDim] = getAffineDimExpr(0, ctx);
  auto perm = AffineMap::get(1, 0, results, ctx);
  SmallVector<bool> biasInBounds(vecType.getRank(), true);
  biasInBounds[*vecDim] = inBounds[*vecDim];
  Value pad = read.getPadding();
  if (pad.getType() != f32) {
    return {};
  }
  return vector::TransferReadOp::create(
      rewriter, loc, vecType, init.bias, ValueRange{offset}, perm, pad,
      /*mask=*/Value(), rewriter.getBoolArrayAttr(biasInBounds));
}

/// Whether pairwise disjoint `boxes` fill a tensor of `shape`: their volumes
/// sum to its volume.
bool covers(ArrayRef<Box> boxes, ArrayRef<int64_t> shape) {
  for (size_t i = 0; i < boxes.size(); ++i) {
    for (size_t j = i + 1; j < boxes.size(); ++j) {
      if (!apart(boxes[i], boxes[j])) {
        return false;
      }
    }
  }
  int64_t volume = 0, total = 1;
  for (const Box &b : boxes) {
    int64_t v = 1;
    for (size_t d = 0; d < shape.size(); ++d) {
      v *= b.hi[d] - b.lo[d];
    }
    volume += v;
  }
  for (int64_t n : shape) {
    total *= n;
  }
  return volume == total;
}

/// Whether the data of `init`'s result is read nowhere but where it is
/// overwritten first: every value carrying it reaches only tile slices,
/// loop-carried arguments, inserts into it, whole-tile writes and loop
/// yields (a tiled contraction's loops write every element they return).
/// Other uses are allowed once static inserts (the parts of a split
/// contraction) have filled the whole tensor.
bool onlyOverwritten(Value result,
                     const llvm::SmallPtrSetImpl<Operation *> &guarded) {
  SmallVector<std::pair<Value, SmallVector<Box>>> work = {{result, {}}};
  while (!work.empty()) {
    auto [v, written] = work.pop_back_val();
    auto type = dyn_cast<RankedTensorType>(v.getType());
    if (!type || !type.hasStaticShape()) {
      return false;
    }
    if (!written.empty() && covers(written, type.getShape())) {
      continue; // every element overwritten: no use can see the init
    }
    for (OpOperand &use : v.getUses()) {
      Operation *user = use.getOwner();
      if (auto slice = dyn_cast<tensor::ExtractSliceOp>(user)) {
        work.push_back({slice.getResult(), {}});
      } else if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(user)) {
        work.push_back({collapse.getResult(), {}});
      } else if (auto expand = dyn_cast<tensor::ExpandShapeOp>(user)) {
        work.push_back({expand.getResult(), {}});
      } else if (auto loop = dyn_cast<scf::ForOp>(user)) {
        BlockArgument arg = loop.getTiedLoopRegionIterArg(&use);
        if (!arg) {
          return false;
        }
        work.push_back({arg, {}});
      } else if (auto forall = dyn_cast<scf::ForallOp>(user)) {
        BlockArgument arg = forall.getTiedBlockArgument(&use);
        if (!arg) {
          return false;
        }
        work.push_back({arg, {}});
      } else if (auto insert = dyn_cast<tensor::InsertSliceOp>(user)) {
        if (use.get() != insert.getDest()) {
          return false;
        }
        SmallVector<Box> boxes = written;
        if (std::optional<Box> box =
                staticBox(insert.getMixedOffsets(), insert.getMixedSizes())) {
          boxes.push_back(*box);
        }
        work.push_back({insert.getResult(), boxes});
      } else if (auto pinsert = dyn_cast<tensor::ParallelInsertSliceOp>(user)) {
        if (use.get() != pinsert.getDest()) {
          return false;
        }
      } else if (auto write = dyn_cast<vector::TransferWriteOp>(user)) {
        bool whole =
            use.get() == write.getBase() &&
            type.getShape() == write.getVectorType().getShape() &&
            llvm::all_of(write.getInBoundsValues(), [](bool b) { return b; }) &&
            llvm::all_of(write.getIndices(),
                         [](Value i) { return isConstantIntValue(i, 0); });
        if (!whole) {
          return false;
        }
      } else if (guarded.contains(user)) {
        // A K tile's read whose first-iteration value is selected away.
      } else if (!isa<scf::YieldOp>(user) &&
                 !(written.size() && covers(written, type.getShape()))) {
        return false;
      }
    }
  }
  return true;
}

/// Whether `read` loads a micro-kernel's accumulators: its value starts the
/// K loop's carried vector, or is the accumulator of a contraction or FMA.
bool isAccumulatorRead(vector::TransferReadOp read) {
  if (!read->hasOneUse()) {
    return false;
  }
  OpOperand &use = *read->getUses().begin();
  Operation *user = use.getOwner();
  if (auto loop = dyn_cast<scf::ForOp>(user)) {
    return loop.getTiedLoopRegionIterArg(&use) != nullptr;
  }
  if (auto contract = dyn_cast<vector::ContractionOp>(user)) {
    return use.get() == contract.getAcc();
  }
  if (auto fma = dyn_cast<vector::FMAOp>(user)) {
    return use.get() == fma.getAcc();
  }
  return false;
}

} // namespace

unsigned nn::foldInitIntoTiles(RewriterBase &rewriter, Operation *root) {
  SmallVector<vector::TransferReadOp> reads;
  root->walk([&](vector::TransferReadOp read) {
    if (isa<RankedTensorType>(read.getBase().getType()) && !read.getMask() &&
        isAccumulatorRead(read)) {
      reads.push_back(read);
    }
  });
  unsigned replaced = 0;
  llvm::SetVector<Operation *> inits;
  llvm::SmallPtrSet<Operation *, 16> guarded;
  for (vector::TransferReadOp read : reads) {
    nn::KnownInit init;
    SmallVector<scf::ForOp> firstOnly;
    SmallVector<Operation *> chain = traceToInit(read, init, firstOnly);
    if (chain.empty()) {
      continue;
    }
    Location loc = read.getLoc();
    rewriter.setInsertionPoint(read);
    if (firstOnly.empty()) {
      Value v = valueAt(rewriter, read, init, chain);
      if (!v) {
        continue;
      }
      rewriter.replaceOp(read, v);
    } else {
      // Later K tiles read the partial sums: the init on the first only.
      Value first;
      for (scf::ForOp loop : firstOnly) {
        Value eq =
            arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::eq,
                                  loop.getInductionVar(), loop.getLowerBound());
        first = first ? arith::AndIOp::create(rewriter, loc, first, eq) : eq;
      }
      auto branch = scf::IfOp::create(rewriter, loc,
                                      TypeRange{read.getVectorType()}, first,
                                      /*withElseRegion=*/true);
      rewriter.setInsertionPointToStart(branch.thenBlock());
      Value v = valueAt(rewriter, read, init, chain);
      if (!v) {
        rewriter.eraseOp(branch);
        continue;
      }
      scf::YieldOp::create(rewriter, loc, v);
      rewriter.setInsertionPointToStart(branch.elseBlock());
      Operation *sums = rewriter.clone(*read);
      scf::YieldOp::create(rewriter, loc, sums->getResult(0));
      rewriter.replaceOp(read, branch.getResults());
      guarded.insert(sums);
    }
    inits.insert(init.op);
    ++replaced;
  }
  for (Operation *op : inits) {
    auto dps = cast<DestinationStyleOpInterface>(op);
    Value empty = dps.getDpsInits()[0];
    if (empty.getDefiningOp<tensor::EmptyOp>() &&
        onlyOverwritten(op->getResult(0), guarded)) {
      rewriter.replaceAllUsesWith(op->getResult(0), empty);
      rewriter.eraseOp(op);
    }
  }
  return replaced;
}
