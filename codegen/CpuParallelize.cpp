//===- CpuParallelize.cpp - outermost parallel loops -> thread pool -------===//
//
// Two steps around the LLVM conversion (see Passes.td):
//  1. nn-cpu-outline-parallel-loops (buffers): the body of each outermost
//     scf.parallel becomes a function over a range of its first dimension;
//  2. nn-cpu-dispatch-parallel-loops (LLVM dialect): the call of that function
//     becomes nnc_parallel_for(count, thunk, ctx) of runtime/threadpool.h,
//     with the call's arguments packed into a stack struct. Packing is done
//     on the LLVM dialect because only there every captured value (memref
//     descriptors included) is a plain scalar.
//
//===----------------------------------------------------------------------===//

#include "codegen/Passes.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_CPUOUTLINEPARALLELLOOPSPASS
#define GEN_PASS_DEF_CPUDISPATCHPARALLELLOOPSPASS
#include "codegen/Passes.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kBodyPrefix = "__nn_par_";
constexpr llvm::StringLiteral kRuntimeEntry = "nnc_parallel_for";

/// Static trip count of a loop dimension, if its bounds are constants.
std::optional<int64_t> tripCount(Value lb, Value ub, Value step) {
  std::optional<int64_t> l = getConstantIntValue(lb),
                         u = getConstantIntValue(ub),
                         s = getConstantIntValue(step);
  if (!l || !u || !s || *s <= 0) {
    return std::nullopt;
  }
  return *u <= *l ? 0 : (*u - *l + *s - 1) / *s;
}

/// Trip count of a whole loop (all dimensions of an scf.parallel); 1 for
/// any other op, or a bound that is not constant.
int64_t loopTrips(Operation *op) {
  int64_t n = 1;
  if (auto f = dyn_cast<scf::ForOp>(op)) {
    n = tripCount(f.getLowerBound(), f.getUpperBound(), f.getStep())
            .value_or(1);
  } else if (auto p = dyn_cast<scf::ParallelOp>(op)) {
    for (auto [lb, ub, step] :
         llvm::zip(p.getLowerBound(), p.getUpperBound(), p.getStep())) {
      n *= tripCount(lb, ub, step).value_or(1);
    }
  }
  return std::max<int64_t>(n, 1);
}

/// Work of running `block` once, in rough machine instructions: each op
/// counts the 16-lane registers of its widest vector operand or result (1
/// when scalar), a loop its trip count times its body. Counting ops, not
/// iterations, matters: a contraction's register-tiled nest runs few
/// iterations (64 x 3 x 8 x 9 for a small conv), each a block of vector FMAs.
int64_t blockWork(Block &block) {
  constexpr int64_t kCap = 1LL << 40;
  int64_t work = 0;
  for (Operation &op : block) {
    int64_t lanes = 1;
    for (Type t :
         llvm::concat<Type>(op.getOperandTypes(), op.getResultTypes())) {
      if (auto v = dyn_cast<VectorType>(t)) {
        lanes = std::max<int64_t>(lanes, (v.getNumElements() + 15) / 16);
      }
    }
    int64_t inner = 0;
    for (Region &region : op.getRegions()) {
      for (Block &b : region) {
        inner = std::min(kCap, inner + blockWork(b));
      }
    }
    int64_t trips = loopTrips(&op);
    int64_t opWork =
        std::min<int64_t>(kCap / trips, std::max(inner, lanes)) * trips;
    work = std::min(kCap, work + opWork);
  }
  return work;
}

/// Work of the whole nest under and including `loop` (see blockWork).
int64_t nestWork(scf::ParallelOp loop) {
  int64_t trips = loopTrips(loop);
  return std::min<int64_t>((1LL << 40) / trips, blockWork(*loop.getBody())) *
         trips;
}

/// Iterations from which an odd count splits evenly enough between threads
/// (one range each: 9 iterations on 2 threads leave 5 against 4).
constexpr int64_t kEvenEnough = 8;

/// The dimension of `loop` threads split: the first of more than one
/// iteration (a batch-1 model's loops start with a unit batch dimension),
/// unless its count is odd and below kEvenEnough and a later one is even.
/// The runtime gives each thread one contiguous range, and an image's 3
/// channels kept one of 2 threads waiting a third of the time; split along
/// its output rows instead, ResNet-18's 7x7 stem conv at 2 threads takes
/// 0.59 ms, not 0.60, and 0.72-0.78 ms, not 0.99, when the host puts the
/// vCPUs on cores without a shared cache (the rows are also how the conv's
/// product splits its pixels). None if no dimension has a static count of
/// two or more before the first dynamic one.
std::optional<unsigned> splitDimension(scf::ParallelOp loop) {
  std::optional<unsigned> first;
  int64_t firstCount = 0;
  for (unsigned d = 0; d < loop.getNumLoops(); ++d) {
    std::optional<int64_t> count = tripCount(
        loop.getLowerBound()[d], loop.getUpperBound()[d], loop.getStep()[d]);
    if (!count) {
      break;
    }
    if (*count < 2) {
      continue;
    }
    if (!first) {
      first = d;
      firstCount = *count;
      if (firstCount % 2 == 0 || firstCount >= kEvenEnough) {
        return first;
      }
    } else if (*count % 2 == 0) {
      return d;
    }
  }
  return first;
}

struct CpuOutlineParallelLoopsPass
    : nn::impl::CpuOutlineParallelLoopsPassBase<CpuOutlineParallelLoopsPass> {
  using CpuOutlineParallelLoopsPassBase::CpuOutlineParallelLoopsPassBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> funcs(module.getOps<func::FuncOp>());
    for (func::FuncOp fn : funcs) {
      if (fn.isExternal() || fn.getName().starts_with(kBodyPrefix)) {
        continue;
      }
      SmallVector<scf::ParallelOp> outermost;
      fn.walk<WalkOrder::PreOrder>([&](scf::ParallelOp loop) {
        outermost.push_back(loop);
        return WalkResult::skip();
      });
      // A large model keeps the pool busy, so smaller loops pay off too
      // (see large-model-work).
      SmallVector<int64_t> work;
      int64_t total = 0;
      for (scf::ParallelOp loop : outermost) {
        work.push_back(nestWork(loop));
        total += work.back();
      }
      functionWork = std::max<int64_t>(functionWork, total);
      int64_t threshold = total >= largeModelWork ? minWorkLarge : minWork;
      unsigned counter = 0;
      for (auto [loop, loopWork] : llvm::zip(outermost, work)) {
        std::optional<unsigned> dim = splitDimension(loop);
        if (!dim || loop.getNumResults() != 0 || loopWork < threshold) {
          continue;
        }
        outline(fn, loop, *dim,
                (kBodyPrefix + fn.getName() + "_" + std::to_string(counter++))
                    .str());
      }
    }
  }

  /// Moves `loop` into a new function `name(begin, end, captures...)` that
  /// runs iterations [begin, end) of its dimension `dim`, and calls it over
  /// that dimension's whole range.
  void outline(func::FuncOp parent, scf::ParallelOp loop, unsigned dim,
               StringRef name) {
    Location loc = loop.getLoc();
    SetVector<Value> captures;
    getUsedValuesDefinedAbove(loop.getRegion(), captures);
    for (Value v : loop->getOperands()) {
      captures.insert(v);
    }
    // Constants are cloned into the body instead of passed: LLVM must see
    // them (a loop whose step is a runtime value is not vectorized, a
    // division by a captured stride stays a real division, register-tile
    // loops of known trip count unroll into straight FMA blocks). Measured
    // alternatives: passing the bounds of every loop costs ResNet-18 20% (and
    // passing only short ones 25%) of its speed; cloning them all costs
    // DCGAN ~1 s of compile time.
    SmallVector<Operation *> constants;
    captures.remove_if([&](Value v) {
      Operation *def = v.getDefiningOp();
      if (def && def->hasTrait<OpTrait::ConstantLike>()) {
        constants.push_back(def);
        return true;
      }
      return false;
    });
    MLIRContext *ctx = &getContext();
    Type index = IndexType::get(ctx);
    SmallVector<Type> argTypes = {index, index};
    for (Value v : captures) {
      argTypes.push_back(v.getType());
    }

    OpBuilder moduleBuilder(parent);
    auto body = func::FuncOp::create(moduleBuilder, loc, name,
                                     FunctionType::get(ctx, argTypes, {}));
    body.setPrivate();
    Block *entry = body.addEntryBlock();
    OpBuilder b = OpBuilder::atBlockBegin(entry);
    IRMapping mapping;
    for (auto [i, v] : llvm::enumerate(captures)) {
      mapping.map(v, entry->getArgument(i + 2));
    }
    for (Operation *c : constants) {
      b.clone(*c, mapping);
    }
    auto clone = cast<scf::ParallelOp>(b.clone(*loop, mapping));
    // Dimension `dim`: lb + begin * step to min(lb + end * step, ub).
    Value lb = clone.getLowerBound()[dim], ub = clone.getUpperBound()[dim],
          step = clone.getStep()[dim];
    b.setInsertionPoint(clone);
    Value lo = arith::AddIOp::create(
        b, loc, lb, arith::MulIOp::create(b, loc, entry->getArgument(0), step));
    Value hi = arith::MinSIOp::create(
        b, loc, ub,
        arith::AddIOp::create(
            b, loc, lb,
            arith::MulIOp::create(b, loc, entry->getArgument(1), step)));
    clone.getLowerBoundMutable().slice(dim, 1).assign(lo);
    clone.getUpperBoundMutable().slice(dim, 1).assign(hi);
    b.setInsertionPointAfter(clone);
    func::ReturnOp::create(b, loc);

    OpBuilder call(loop);
    std::optional<int64_t> count =
        tripCount(loop.getLowerBound()[dim], loop.getUpperBound()[dim],
                  loop.getStep()[dim]);
    SmallVector<Value> args = {
        arith::ConstantIndexOp::create(call, loc, 0),
        arith::ConstantIndexOp::create(call, loc, *count)};
    args.append(captures.begin(), captures.end());
    func::CallOp::create(call, loc, body, args);
    loop.erase();
  }
};

struct CpuDispatchParallelLoopsPass
    : nn::impl::CpuDispatchParallelLoopsPassBase<CpuDispatchParallelLoopsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<LLVM::CallOp> calls;
    module.walk([&](LLVM::CallOp call) {
      std::optional<StringRef> callee = call.getCallee();
      if (callee && callee->starts_with(kBodyPrefix) &&
          call.getNumOperands() >= 2) {
        calls.push_back(call);
      }
    });
    if (calls.empty()) {
      return;
    }
    MLIRContext *ctx = &getContext();
    auto ptr = LLVM::LLVMPointerType::get(ctx);
    auto i64 = IntegerType::get(ctx, 64);
    auto voidTy = LLVM::LLVMVoidType::get(ctx);
    OpBuilder b(ctx);
    b.setInsertionPointToEnd(module.getBody());
    auto runtime = module.lookupSymbol<LLVM::LLVMFuncOp>(kRuntimeEntry);
    if (!runtime) {
      runtime = LLVM::LLVMFuncOp::create(
          b, module.getLoc(), kRuntimeEntry,
          LLVM::LLVMFunctionType::get(voidTy, {i64, ptr, ptr}));
    }

    for (LLVM::CallOp call : calls) {
      Location loc = call.getLoc();
      StringRef callee = *call.getCallee();
      SmallVector<Value> fields(call.getOperands().drop_front(2));
      SmallVector<Type> fieldTypes;
      for (Value v : fields) {
        fieldTypes.push_back(v.getType());
      }
      auto ctxType = LLVM::LLVMStructType::getLiteral(ctx, fieldTypes);

      // thunk(ctx, begin, end) { callee(begin, end, ctx->fields...) }
      std::string thunkName = (callee + "_thunk").str();
      auto thunk = module.lookupSymbol<LLVM::LLVMFuncOp>(thunkName);
      if (!thunk) {
        b.setInsertionPointToEnd(module.getBody());
        thunk = LLVM::LLVMFuncOp::create(
            b, loc, thunkName,
            LLVM::LLVMFunctionType::get(voidTy, {ptr, i64, i64}));
        thunk.setLinkage(LLVM::Linkage::Internal);
        Block *entry = thunk.addEntryBlock(b);
        b.setInsertionPointToStart(entry);
        SmallVector<Value> args = {entry->getArgument(1),
                                   entry->getArgument(2)};
        for (auto [i, type] : llvm::enumerate(fieldTypes)) {
          Value addr = LLVM::GEPOp::create(
              b, loc, ptr, ctxType, entry->getArgument(0),
              ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
          args.push_back(LLVM::LoadOp::create(b, loc, type, addr));
        }
        LLVM::CallOp::create(b, loc, TypeRange{}, callee, args);
        LLVM::ReturnOp::create(b, loc, ValueRange{});
      }

      // In the caller: the struct lives in the entry block's frame.
      auto caller = call->getParentOfType<LLVM::LLVMFuncOp>();
      b.setInsertionPointToStart(&caller.getBody().front());
      Value one = LLVM::ConstantOp::create(b, loc, i64, 1);
      Value ctxPtr = LLVM::AllocaOp::create(b, loc, ptr, ctxType, one);
      b.setInsertionPoint(call);
      for (auto [i, v] : llvm::enumerate(fields)) {
        Value addr = LLVM::GEPOp::create(
            b, loc, ptr, ctxType, ctxPtr,
            ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(i)});
        LLVM::StoreOp::create(b, loc, v, addr);
      }
      Value count =
          LLVM::SubOp::create(b, loc, call.getOperand(1), call.getOperand(0));
      Value fn = LLVM::AddressOfOp::create(b, loc, thunk);
      LLVM::CallOp::create(b, loc, runtime, ValueRange{count, fn, ctxPtr});
      call.erase();
    }
  }
};

} // namespace
