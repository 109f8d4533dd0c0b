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

/// Iterations of the whole nest under and including `loop` (loops with
/// unknown bounds count once).
int64_t nestWork(scf::ParallelOp loop) {
  int64_t work = 1;
  auto mul = [&](std::optional<int64_t> n) {
    if (n) {
      work = std::min<int64_t>(work * std::max<int64_t>(*n, 1), 1LL << 40);
    }
  };
  for (auto [lb, ub, step] :
       llvm::zip(loop.getLowerBound(), loop.getUpperBound(), loop.getStep())) {
    mul(tripCount(lb, ub, step));
  }
  int64_t inner = 0;
  loop.getBody()->walk([&](Operation *op) {
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
    inner = std::max(inner, n);
  });
  return work * std::max<int64_t>(inner, 1);
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
      unsigned counter = 0;
      for (scf::ParallelOp loop : outermost) {
        std::optional<int64_t> count =
            tripCount(loop.getLowerBound()[0], loop.getUpperBound()[0],
                      loop.getStep()[0]);
        if (!count || *count < 2 || loop.getNumResults() != 0 ||
            nestWork(loop) < minWork) {
          continue;
        }
        outline(fn, loop,
                (kBodyPrefix + fn.getName() + "_" + std::to_string(counter++))
                    .str());
      }
    }
  }

  /// Moves `loop` into a new function `name(begin, end, captures...)` that
  /// runs iterations [begin, end) of its first dimension, and calls it over
  /// the whole range.
  void outline(func::FuncOp parent, scf::ParallelOp loop, StringRef name) {
    Location loc = loop.getLoc();
    SetVector<Value> captures;
    getUsedValuesDefinedAbove(loop.getRegion(), captures);
    for (Value v : loop->getOperands()) {
      captures.insert(v);
    }
    // Constant loop steps are cloned into the body instead of passed: LLVM
    // does not vectorize a loop whose step is a runtime value (copies ran
    // scalar). Bounds stay arguments: known trip counts made LLVM fully
    // unroll the loop nests, seconds of compile time for no speed.
    llvm::SetVector<Value> steps;
    loop.walk([&](Operation *op) {
      if (auto p = dyn_cast<scf::ParallelOp>(op)) {
        steps.insert_range(p.getStep());
      } else if (auto f = dyn_cast<scf::ForOp>(op)) {
        steps.insert(f.getStep());
      }
    });
    SmallVector<Operation *> constants;
    captures.remove_if([&](Value v) {
      Operation *def = v.getDefiningOp();
      if (def && def->hasTrait<OpTrait::ConstantLike>() && steps.contains(v)) {
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
    // First dimension: lb + begin * step to min(lb + end * step, ub).
    Value lb = clone.getLowerBound()[0], ub = clone.getUpperBound()[0],
          step = clone.getStep()[0];
    b.setInsertionPoint(clone);
    Value lo = arith::AddIOp::create(
        b, loc, lb, arith::MulIOp::create(b, loc, entry->getArgument(0), step));
    Value hi = arith::MinSIOp::create(
        b, loc, ub,
        arith::AddIOp::create(
            b, loc, lb,
            arith::MulIOp::create(b, loc, entry->getArgument(1), step)));
    clone.getLowerBoundMutable().slice(0, 1).assign(lo);
    clone.getUpperBoundMutable().slice(0, 1).assign(hi);
    b.setInsertionPointAfter(clone);
    func::ReturnOp::create(b, loc);

    OpBuilder call(loop);
    std::optional<int64_t> count = tripCount(
        loop.getLowerBound()[0], loop.getUpperBound()[0], loop.getStep()[0]);
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
