//===- CpuPlanBuffers.cpp - one arena for a function's buffers ------------===//
//
// See CpuPlanBuffersPass in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUPLANBUFFERSPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

constexpr int64_t kAlignment = 64;

/// A heap buffer of the entry block, live from its alloc to its last use
/// (block positions), and where it goes in the arena.
struct Buffer {
  memref::AllocOp alloc;
  memref::DeallocOp dealloc;
  int64_t begin, end;
  int64_t bytes, offset = -1;
};

bool liveTogether(const Buffer &a, const Buffer &b) {
  return !(a.end < b.begin || b.end < a.begin);
}

bool overlaps(const Buffer &a, const Buffer &b) {
  bool spaceApart =
      a.offset + a.bytes <= b.offset || b.offset + b.bytes <= a.offset;
  return liveTogether(a, b) && !spaceApart;
}

/// Offsets for `buffers`, largest first, each at the lowest 64-byte aligned
/// offset where it overlaps no placed buffer that is live at the same time
/// (greedy by size, as in TFLite's and IREE's planners). Returns the arena
/// size.
int64_t place(MutableArrayRef<Buffer> buffers) {
  SmallVector<Buffer *> order;
  for (Buffer &b : buffers) {
    order.push_back(&b);
  }
  llvm::stable_sort(order,
                    [](Buffer *a, Buffer *b) { return a->bytes > b->bytes; });
  int64_t total = 0;
  SmallVector<Buffer *> placed;
  for (Buffer *b : order) {
    // Candidate offsets: 0 and the end of every placed buffer live with b.
    SmallVector<int64_t> candidates = {0};
    for (Buffer *p : placed) {
      if (liveTogether(*p, *b)) {
        candidates.push_back(static_cast<int64_t>(
            llvm::alignTo(p->offset + p->bytes, kAlignment)));
      }
    }
    llvm::sort(candidates);
    for (int64_t offset : candidates) {
      b->offset = offset;
      if (llvm::none_of(placed, [&](Buffer *p) { return overlaps(*p, *b); })) {
        break;
      }
    }
    placed.push_back(b);
    total = std::max(total, b->offset + b->bytes);
  }
  return static_cast<int64_t>(llvm::alignTo(total, kAlignment));
}

/// The block position of the last op of `entry` that uses `alloc` or a view
/// of it (its dealloc aside). None if an alias may escape the views this
/// follows (a memref yielded, selected or returned).
std::optional<int64_t> lastUse(memref::AllocOp alloc, Block &entry,
                               const DenseMap<Operation *, int64_t> &position) {
  int64_t last = position.lookup(alloc);
  SmallVector<Value> work = {alloc.getResult()};
  while (!work.empty()) {
    Value v = work.pop_back_val();
    for (Operation *user : v.getUsers()) {
      if (isa<memref::DeallocOp>(user)) {
        continue;
      }
      if (auto view = dyn_cast<ViewLikeOpInterface>(user);
          view && view.getViewSource() == v) {
        llvm::append_range(work, user->getResults());
      } else if (user->hasTrait<OpTrait::IsTerminator>() ||
                 llvm::any_of(user->getResultTypes(),
                              [](Type t) { return isa<BaseMemRefType>(t); })) {
        return std::nullopt;
      }
      Operation *at = entry.findAncestorOpInBlock(*user);
      if (!at) {
        return std::nullopt;
      }
      last = std::max(last, position.lookup(at));
    }
  }
  return last;
}

struct CpuPlanBuffersPass
    : nn::impl::CpuPlanBuffersPassBase<CpuPlanBuffersPass> {
  using Base::Base;

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal()) {
      return;
    }
    Block &entry = func.getBody().front();
    DenseMap<Operation *, int64_t> position;
    int64_t index = 0;
    for (Operation &op : entry) {
      position[&op] = index++;
    }
    SmallVector<Buffer> buffers;
    for (auto alloc : entry.getOps<memref::AllocOp>()) {
      MemRefType type = alloc.getType();
      if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
          !type.getElementType().isIntOrFloat() || type.getMemorySpace() ||
          !alloc.getSymbolOperands().empty()) {
        continue;
      }
      // Exactly one dealloc, in the entry block (the deallocation pipeline
      // frees it at the end of the function, whatever its last use).
      memref::DeallocOp dealloc;
      int deallocs = 0;
      for (Operation *user : alloc->getUsers()) {
        if (auto d = dyn_cast<memref::DeallocOp>(user)) {
          ++deallocs;
          dealloc = d;
        }
      }
      if (deallocs != 1 || dealloc->getBlock() != &entry) {
        continue;
      }
      int64_t bytes = type.getNumElements() *
                      llvm::divideCeil(type.getElementTypeBitWidth(), 8);
      if (bytes < static_cast<int64_t>(minBytes)) {
        continue;
      }
      std::optional<int64_t> end = lastUse(alloc, entry, position);
      if (!end) {
        continue;
      }
      buffers.push_back(
          {alloc, dealloc, position[alloc], *end,
           static_cast<int64_t>(llvm::alignTo(bytes, kAlignment))});
    }
    if (buffers.size() < 2) {
      return;
    }
    int64_t total = place(buffers);

    // One arena, allocated where the first buffer was and freed where the
    // last one was; every buffer a view of it.
    auto first = llvm::min_element(
        buffers, [](auto &a, auto &b) { return a.begin < b.begin; });
    auto last = llvm::max_element(buffers, [&](auto &a, auto &b) {
      return position[a.dealloc] < position[b.dealloc];
    });
    OpBuilder b(first->alloc);
    Location loc = func.getLoc();
    auto arenaType = MemRefType::get({total}, b.getI8Type());
    Value arena = memref::AllocOp::create(b, loc, arenaType,
                                          b.getI64IntegerAttr(kAlignment));
    b.setInsertionPointAfter(last->dealloc);
    memref::DeallocOp::create(b, loc, arena);
    for (Buffer &buffer : buffers) {
      b.setInsertionPoint(buffer.alloc);
      Value offset = arith::ConstantIndexOp::create(b, loc, buffer.offset);
      Value view = memref::ViewOp::create(b, loc, buffer.alloc.getType(), arena,
                                          offset, ValueRange{});
      buffer.alloc.replaceAllUsesWith(view);
      buffer.dealloc.erase();
      buffer.alloc.erase();
    }
    planned += buffers.size();
    arenaBytes += total;
  }
};

} // namespace
