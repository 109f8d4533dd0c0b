//===- SplitLLVMModule.cpp - split an LLVM-dialect module in parts --------===//
//
// Definitions are grouped (union-find) along direct calls and global
// initializers; declarations (malloc, nnc_parallel_for, libm) join nothing.
// A global goes to the group that refers to it most, except small constants
// with local linkage, which every part that reads them gets a private copy
// of, so LLVM keeps folding loads from them. Groups are then packed onto the
// parts largest first (LPT). See SplitLLVMModule.h.
//
//===----------------------------------------------------------------------===//

#include "codegen/SplitLLVMModule.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/BitVector.h"

#include <algorithm>
#include <numeric>

using namespace mlir;

namespace {
/// Constants up to this size are copied into each part that reads them.
constexpr int64_t kCopiedConstantBytes = 64 * 1024;

/// Emitting a constant costs about as much per this many bytes as
/// compiling one operation (a rough guess; it only balances the parts).
constexpr int64_t kBytesPerOp = 64;

struct UnionFind {
  explicit UnionFind(unsigned n) : parent(n) {
    std::iota(parent.begin(), parent.end(), 0u);
  }
  unsigned find(unsigned x) {
    while (parent[x] != x) {
      x = parent[x] = parent[parent[x]];
    }
    return x;
  }
  void join(unsigned a, unsigned b) { parent[find(a)] = find(b); }
  SmallVector<unsigned> parent;
};

/// True for a function with a body or a global with an initializer.
bool isDefinition(Operation *op) {
  if (auto func = dyn_cast<LLVM::LLVMFuncOp>(op)) {
    return !func.isExternal();
  }
  auto global = cast<LLVM::GlobalOp>(op);
  return global.getValueAttr() || !global.getInitializerRegion().empty();
}

bool isLocal(LLVM::Linkage linkage) {
  return linkage == LLVM::Linkage::Private ||
         linkage == LLVM::Linkage::Internal;
}

/// Bytes of a global's constant value (0 if it has none or it is opaque).
int64_t valueBytes(LLVM::GlobalOp global) {
  auto elements = dyn_cast_or_null<ElementsAttr>(global.getValueAttr());
  if (!elements) {
    return global.getValueAttr() ? 8 : 0;
  }
  Type element = elements.getElementType();
  int64_t bits = element.isIntOrFloat() ? element.getIntOrFloatBitWidth() : 64;
  return elements.getNumElements() * std::max<int64_t>(1, bits / 8);
}

/// A small constant with local linkage, copied into every part reading it.
bool isCopiedConstant(Operation *op) {
  auto global = dyn_cast<LLVM::GlobalOp>(op);
  return global && global.getConstant() && global.getValueAttr() &&
         isLocal(global.getLinkage()) &&
         valueBytes(global) <= kCopiedConstantBytes;
}

/// `op` (a definition) as a declaration, external.
Operation *cloneAsDeclaration(OpBuilder &builder, Operation *op) {
  Operation *decl = builder.insert(op->cloneWithoutRegions());
  if (auto func = dyn_cast<LLVM::LLVMFuncOp>(decl)) {
    func.setLinkage(LLVM::Linkage::External);
    func.setVisibility_(LLVM::Visibility::Default);
    func.removeDsoLocalAttr();
    func.removeComdatAttr();
    return decl;
  }
  auto global = cast<LLVM::GlobalOp>(decl);
  global.removeValueAttr();
  global.setLinkage(LLVM::Linkage::External);
  global.setVisibility_(LLVM::Visibility::Default);
  global.removeDsoLocalAttr();
  global.removeComdatAttr();
  global.removeSectionAttr();
  return decl;
}

/// Makes a definition that other parts refer to visible to them.
void exportDefinition(Operation *op) {
  if (auto func = dyn_cast<LLVM::LLVMFuncOp>(op)) {
    if (isLocal(func.getLinkage())) {
      func.setLinkage(LLVM::Linkage::External);
      func.setVisibility_(LLVM::Visibility::Default);
    }
    return;
  }
  auto global = cast<LLVM::GlobalOp>(op);
  if (isLocal(global.getLinkage())) {
    global.setLinkage(LLVM::Linkage::External);
    global.setVisibility_(LLVM::Visibility::Default);
  }
}
} // namespace

SmallVector<OwningOpRef<ModuleOp>> nn::splitLLVMModule(ModuleOp module,
                                                       unsigned maxParts) {
  SmallVector<OwningOpRef<ModuleOp>> parts;
  if (maxParts < 2) {
    return parts;
  }
  SmallVector<Operation *> ops;
  DenseMap<StringAttr, unsigned> index;
  for (Operation &op : module.getBody()->getOperations()) {
    if (!isa<LLVM::LLVMFuncOp, LLVM::GlobalOp>(op)) {
      return parts;
    }
    index[SymbolTable::getSymbolName(&op)] = ops.size();
    ops.push_back(&op);
  }
  unsigned n = ops.size();
  UnionFind groups(n);
  SmallVector<SmallVector<unsigned>> uses(n);
  SmallVector<int64_t> cost(n, 0);
  for (unsigned i = 0; i < n; ++i) {
    bool defined = isDefinition(ops[i]);
    if (auto global = dyn_cast<LLVM::GlobalOp>(ops[i])) {
      cost[i] = valueBytes(global) / kBytesPerOp;
    }
    ops[i]->walk([&](Operation *inner) {
      ++cost[i];
      bool ties = isa<LLVM::CallOp, LLVM::InvokeOp>(inner) ||
                  isa<LLVM::GlobalOp>(ops[i]);
      inner->getAttrDictionary().walk([&](SymbolRefAttr ref) {
        auto it = index.find(ref.getRootReference());
        if (it == index.end() || it->second == i) {
          return;
        }
        unsigned j = it->second;
        uses[i].push_back(j);
        if (ties && defined && isDefinition(ops[j]) &&
            !isCopiedConstant(ops[j])) {
          groups.join(i, j);
        }
      });
    });
  }

  // A function belongs to its group. A global alone in its group (no
  // initializer references) joins the group that reads it most; a copied
  // constant or a declaration belongs to none.
  SmallVector<unsigned> groupSize(n, 0);
  for (unsigned i = 0; i < n; ++i) {
    ++groupSize[groups.find(i)];
  }
  SmallVector<int> owner(n, -1);
  for (unsigned i = 0; i < n; ++i) {
    if (isDefinition(ops[i]) && !isCopiedConstant(ops[i]) &&
        (isa<LLVM::LLVMFuncOp>(ops[i]) || groupSize[groups.find(i)] > 1)) {
      owner[i] = groups.find(i);
    }
  }
  DenseMap<unsigned, DenseMap<int, int64_t>> readers;
  for (unsigned i = 0; i < n; ++i) {
    if (owner[i] < 0) {
      continue;
    }
    for (unsigned j : uses[i]) {
      ++readers[j][owner[i]];
    }
  }
  for (unsigned i = 0; i < n; ++i) {
    if (owner[i] >= 0 || !isDefinition(ops[i]) || isCopiedConstant(ops[i])) {
      continue;
    }
    int best = groups.find(i);
    int64_t bestCount = 0;
    for (auto [group, count] : readers[i]) {
      if (count > bestCount || (count == bestCount && group < best)) {
        best = group;
        bestCount = count;
      }
    }
    owner[i] = best;
  }

  // Pack the groups onto parts, largest first.
  DenseMap<int, int64_t> groupCost;
  for (unsigned i = 0; i < n; ++i) {
    if (owner[i] >= 0) {
      groupCost[owner[i]] += cost[i];
    }
  }
  if (groupCost.size() < 2) {
    return parts;
  }
  SmallVector<std::pair<int64_t, int>> order;
  for (auto [group, total] : groupCost) {
    order.push_back({total, group});
  }
  llvm::sort(order, [](auto a, auto b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  unsigned numParts = std::min<unsigned>(maxParts, order.size());
  SmallVector<int64_t> load(numParts, 0);
  DenseMap<int, unsigned> partOfGroup;
  for (auto [total, group] : order) {
    unsigned lightest =
        std::min_element(load.begin(), load.end()) - load.begin();
    partOfGroup[group] = lightest;
    load[lightest] += total;
  }
  SmallVector<int> partOf(n, -1);
  for (unsigned i = 0; i < n; ++i) {
    if (owner[i] >= 0) {
      partOf[i] = partOfGroup[owner[i]];
    }
  }
  llvm::BitVector exported(n);
  for (unsigned i = 0; i < n; ++i) {
    for (unsigned j : uses[i]) {
      if (partOf[i] >= 0 && partOf[j] >= 0 && partOf[i] != partOf[j]) {
        exported.set(j);
      }
    }
  }

  MLIRContext *context = module.getContext();
  for (unsigned p = 0; p < numParts; ++p) {
    // What the part refers to: the uses of its definitions and of the
    // constants copied into it (transitively: a copy may refer to more).
    llvm::BitVector needed(n);
    SmallVector<unsigned> worklist;
    for (unsigned i = 0; i < n; ++i) {
      if (partOf[i] == (int)p) {
        worklist.push_back(i);
      }
    }
    while (!worklist.empty()) {
      unsigned i = worklist.pop_back_val();
      for (unsigned j : uses[i]) {
        if (!needed.test(j)) {
          needed.set(j);
          if (isCopiedConstant(ops[j])) {
            worklist.push_back(j);
          }
        }
      }
    }
    OpBuilder builder(context);
    OwningOpRef<ModuleOp> part = ModuleOp::create(module.getLoc());
    (*part)->setAttrs(module->getAttrDictionary());
    builder.setInsertionPointToEnd(part->getBody());
    for (unsigned i = 0; i < n; ++i) {
      bool copied = isCopiedConstant(ops[i]) && needed.test(i);
      if (partOf[i] == (int)p || copied ||
          (needed.test(i) && !isDefinition(ops[i]))) {
        Operation *clone = builder.clone(*ops[i]);
        if (exported.test(i)) {
          exportDefinition(clone);
        }
      } else if (needed.test(i)) {
        cloneAsDeclaration(builder, ops[i]);
      }
    }
    parts.push_back(std::move(part));
  }
  return parts;
}
