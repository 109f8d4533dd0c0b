//===- AotEntryPoints.cpp - the C entry points of a compiled model --------===//
//
// In: the LLVM dialect the CPU pipeline produces, where `@main` takes one
// expanded memref descriptor (allocated, aligned, offset, sizes, strides) per
// input and then per result (results are caller-allocated out-parameters).
// Out: the same module with `@main` internal (renamed PREFIX_graph, so the
// object never defines a C `main`), its malloc/aligned_alloc/free calls
// routed to the runtime's context arena (nnc_rt_*), and the exported ABI
// documented in the generated header:
//
//   int PREFIX_run(PREFIX_ctx *, const T *in0, ..., T *out0, ...);
//   int PREFIX_run_packed(PREFIX_ctx *, const void *const *, void *const *);
//   int PREFIX_ctx_create(int threads, void *scratch, size_t size,
//                         PREFIX_ctx **out);
//   void PREFIX_ctx_destroy(PREFIX_ctx *);
//   size_t PREFIX_scratch_size(void);
//   const char *PREFIX_signature(void);
//
// Return codes are runtime nn_status values (0 = ok). Since every shape is
// static, the descriptors are built from constants: callers pass bare dense
// row-major pointers.
//
//===----------------------------------------------------------------------===//

#include "codegen/AotCompile.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace mlir::nn;

namespace {
/// Renames symbol `from` to `to` (declaration or definition) with its uses;
/// when `to` exists already, `from`'s uses move to it and `from` goes.
LogicalResult renameSymbol(ModuleOp module, StringRef from, StringRef to) {
  Operation *op = SymbolTable::lookupSymbolIn(module, from);
  if (!op) {
    return success();
  }
  MLIRContext *context = module.getContext();
  if (failed(SymbolTable::replaceAllSymbolUses(StringAttr::get(context, from),
                                               StringAttr::get(context, to),
                                               module))) {
    return failure();
  }
  if (SymbolTable::lookupSymbolIn(module, to)) {
    op->erase();
  } else {
    SymbolTable::setSymbolName(op, to);
  }
  return success();
}

/// Builds the exported functions of one module.
class EntryPointBuilder {
public:
  EntryPointBuilder(ModuleOp module, const AotSignature &signature)
      : module(module), signature(signature), b(module.getContext()),
        loc(module.getLoc()) {
    MLIRContext *context = module.getContext();
    ptrType = LLVM::LLVMPointerType::get(context);
    i1Type = IntegerType::get(context, 1);
    i32Type = IntegerType::get(context, 32);
    i64Type = IntegerType::get(context, 64);
    voidType = LLVM::LLVMVoidType::get(context);
    b.setInsertionPointToEnd(module.getBody());
  }

  LogicalResult build(LLVM::LLVMFuncOp graph, std::string &error);

private:
  std::string name(StringRef suffix) const {
    return signature.prefix + "_" + suffix.str();
  }
  /// An external function, declared once.
  LLVM::LLVMFuncOp declare(StringRef symbol, Type result,
                           ArrayRef<Type> params) {
    if (auto existing = module.lookupSymbol<LLVM::LLVMFuncOp>(symbol)) {
      return existing;
    }
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(module.getBody());
    return LLVM::LLVMFuncOp::create(
        b, loc, symbol, LLVM::LLVMFunctionType::get(result, params));
  }
  /// A new exported function with its entry block as insertion point.
  LLVM::LLVMFuncOp define(StringRef symbol, Type result,
                          ArrayRef<Type> params) {
    b.setInsertionPointToEnd(module.getBody());
    auto fn = LLVM::LLVMFuncOp::create(
        b, loc, symbol, LLVM::LLVMFunctionType::get(result, params));
    b.setInsertionPointToStart(fn.addEntryBlock(b));
    return fn;
  }
  Value constant(Type type, int64_t value) {
    return LLVM::ConstantOp::create(b, loc, type,
                                    b.getIntegerAttr(type, value));
  }
  /// True when any of `pointers` is null.
  Value anyNull(ValueRange pointers) {
    Value null = LLVM::ZeroOp::create(b, loc, ptrType);
    Value any = constant(i1Type, 0);
    for (Value pointer : pointers) {
      Value isNull =
          LLVM::ICmpOp::create(b, loc, LLVM::ICmpPredicate::eq, pointer, null);
      any = LLVM::OrOp::create(b, loc, any, isNull);
    }
    return any;
  }
  /// Returns NN_INVALID_ARGUMENT (1) when `bad`, else continues in a new
  /// block (the insertion point afterwards).
  void returnInvalidIf(Value bad) {
    Region *region = b.getInsertionBlock()->getParent();
    Block *invalid = new Block(), *next = new Block();
    region->push_back(invalid);
    region->push_back(next);
    LLVM::CondBrOp::create(b, loc, bad, invalid, next);
    b.setInsertionPointToStart(invalid);
    LLVM::ReturnOp::create(b, loc, constant(i32Type, 1));
    b.setInsertionPointToStart(next);
  }

  void buildRun(LLVM::LLVMFuncOp graph);
  void buildRunPacked(LLVM::LLVMFuncOp run);
  void buildContextFunctions();
  void buildSignature();

  ModuleOp module;
  const AotSignature &signature;
  OpBuilder b;
  Location loc;
  Type ptrType, i1Type, i32Type, i64Type, voidType;
};

void EntryPointBuilder::buildRun(LLVM::LLVMFuncOp graph) {
  size_t count = signature.inputs.size() + signature.outputs.size();
  SmallVector<Type> params(1 + count, ptrType);
  LLVM::LLVMFuncOp run = define(name("run"), i32Type, params);
  ValueRange args = run.getArguments();
  Value ctx = args.front();
  ValueRange data = args.drop_front();
  returnInvalidIf(anyNull(data));

  // nnc_rt_begin(ctx) makes the context's arena current; pass its status on.
  LLVM::LLVMFuncOp begin = declare("nnc_rt_begin", i32Type, {ptrType});
  LLVM::LLVMFuncOp end = declare("nnc_rt_end", voidType, {ptrType});
  Value status =
      LLVM::CallOp::create(b, loc, begin, ValueRange{ctx}).getResult();
  Region *region = b.getInsertionBlock()->getParent();
  Block *body = new Block(), *failed = new Block();
  region->push_back(body);
  region->push_back(failed);
  Value ok = LLVM::ICmpOp::create(b, loc, LLVM::ICmpPredicate::eq, status,
                                  constant(i32Type, 0));
  LLVM::CondBrOp::create(b, loc, ok, body, failed);
  b.setInsertionPointToStart(failed);
  LLVM::ReturnOp::create(b, loc, status);

  // One dense row-major descriptor per tensor, from the static shapes.
  b.setInsertionPointToStart(body);
  SmallVector<Value> graphArgs;
  auto addDescriptor = [&](Value pointer, RankedTensorType type) {
    graphArgs.append({pointer, pointer, constant(i64Type, 0)});
    SmallVector<int64_t> strides(type.getRank(), 1);
    for (int64_t d = type.getRank() - 2; d >= 0; --d) {
      strides[d] = strides[d + 1] * type.getDimSize(d + 1);
    }
    for (int64_t extent : type.getShape()) {
      graphArgs.push_back(constant(i64Type, extent));
    }
    for (int64_t stride : strides) {
      graphArgs.push_back(constant(i64Type, stride));
    }
  };
  size_t k = 0;
  for (const AotTensor &tensor : signature.inputs) {
    addDescriptor(data[k++], tensor.type);
  }
  for (const AotTensor &tensor : signature.outputs) {
    addDescriptor(data[k++], tensor.type);
  }
  LLVM::CallOp::create(b, loc, graph, graphArgs);
  LLVM::CallOp::create(b, loc, end, ValueRange{ctx});
  LLVM::ReturnOp::create(b, loc, constant(i32Type, 0));
}

void EntryPointBuilder::buildRunPacked(LLVM::LLVMFuncOp run) {
  LLVM::LLVMFuncOp packed =
      define(name("run_packed"), i32Type, {ptrType, ptrType, ptrType});
  Value ctx = packed.getArgument(0);
  returnInvalidIf(anyNull(packed.getArguments().drop_front()));
  SmallVector<Value> args = {ctx};
  auto load = [&](Value array, size_t count) {
    for (size_t i = 0; i < count; ++i) {
      Value address = LLVM::GEPOp::create(b, loc, ptrType, ptrType, array,
                                          ArrayRef<LLVM::GEPArg>{(int32_t)i});
      args.push_back(LLVM::LoadOp::create(b, loc, ptrType, address));
    }
  };
  load(packed.getArgument(1), signature.inputs.size());
  load(packed.getArgument(2), signature.outputs.size());
  Value status = LLVM::CallOp::create(b, loc, run, args).getResult();
  LLVM::ReturnOp::create(b, loc, status);
}

void EntryPointBuilder::buildContextFunctions() {
  LLVM::LLVMFuncOp create =
      declare("nnc_rt_ctx_create", i32Type,
              {i32Type, ptrType, i64Type, i64Type, ptrType});
  LLVM::LLVMFuncOp fn =
      define(name("ctx_create"), i32Type, {i32Type, ptrType, i64Type, ptrType});
  Value status =
      LLVM::CallOp::create(b, loc, create,
                           ValueRange{fn.getArgument(0), fn.getArgument(1),
                                      fn.getArgument(2),
                                      constant(i64Type, signature.scratchBytes),
                                      fn.getArgument(3)})
          .getResult();
  LLVM::ReturnOp::create(b, loc, status);

  LLVM::LLVMFuncOp destroy = declare("nnc_rt_ctx_destroy", voidType, {ptrType});
  fn = define(name("ctx_destroy"), voidType, {ptrType});
  LLVM::CallOp::create(b, loc, destroy, ValueRange{fn.getArgument(0)});
  LLVM::ReturnOp::create(b, loc, ValueRange());

  define(name("scratch_size"), i64Type, {});
  LLVM::ReturnOp::create(b, loc, constant(i64Type, signature.scratchBytes));
}

void EntryPointBuilder::buildSignature() {
  std::string text = signatureText(signature);
  text.push_back('\0');
  b.setInsertionPointToEnd(module.getBody());
  auto type = LLVM::LLVMArrayType::get(IntegerType::get(b.getContext(), 8),
                                       text.size());
  auto global = LLVM::GlobalOp::create(
      b, loc, type, /*isConstant=*/true, LLVM::Linkage::Internal,
      name("signature_text"), b.getStringAttr(text));
  define(name("signature"), ptrType, {});
  LLVM::ReturnOp::create(b, loc,
                         LLVM::AddressOfOp::create(b, loc, global).getResult());
}

LogicalResult EntryPointBuilder::build(LLVM::LLVMFuncOp graph,
                                       std::string &error) {
  for (StringRef suffix : {"run", "run_packed", "ctx_create", "ctx_destroy",
                           "scratch_size", "signature", "signature_text"}) {
    if (module.lookupSymbol(name(suffix))) {
      error = "the model already defines the symbol " + name(suffix) +
              "; pick another --name";
      return failure();
    }
  }
  // @main's parameters: one expanded descriptor per tensor, nothing returned.
  size_t expected = 0;
  for (const AotTensor &tensor : signature.inputs) {
    expected += 3 + 2 * tensor.type.getRank();
  }
  for (const AotTensor &tensor : signature.outputs) {
    expected += 3 + 2 * tensor.type.getRank();
  }
  LLVM::LLVMFunctionType graphType = graph.getFunctionType();
  if (graphType.getNumParams() != expected ||
      !isa<LLVM::LLVMVoidType>(graphType.getReturnType())) {
    error = "unexpected signature of the lowered @main (" +
            std::to_string(graphType.getNumParams()) + " parameters, " +
            std::to_string(expected) + " expected)";
    return failure();
  }
  buildRun(graph);
  buildRunPacked(module.lookupSymbol<LLVM::LLVMFuncOp>(name("run")));
  buildContextFunctions();
  buildSignature();
  return success();
}
} // namespace

LogicalResult nn::addEntryPoints(ModuleOp module, const AotSignature &signature,
                                 std::string &error) {
  // Everything the pipeline defined becomes internal: only the entry points
  // are exported, and LLVM drops what they do not reach (the C wrapper
  // `_mlir_ciface_main`).
  for (auto fn : module.getOps<LLVM::LLVMFuncOp>()) {
    if (!fn.isExternal()) {
      fn.setLinkage(LLVM::Linkage::Internal);
    }
  }
  std::string graphName = signature.prefix + "_graph";
  if (module.lookupSymbol(graphName) ||
      failed(renameSymbol(module, "main", graphName))) {
    error = "cannot rename @main to " + graphName + "; pick another --name";
    return failure();
  }
  auto graph = module.lookupSymbol<LLVM::LLVMFuncOp>(graphName);
  if (!graph || graph.isExternal()) {
    error = "the lowered module has no @main (was it lowered to LLVM?)";
    return failure();
  }
  // Heap buffers come from the context's arena (runtime/aot_context.h),
  // whichever allocation functions finalize-memref-to-llvm was set to call.
  static const std::pair<StringRef, StringRef> allocators[] = {
      {"malloc", "nnc_rt_alloc"},
      {"aligned_alloc", "nnc_rt_aligned_alloc"},
      {"free", "nnc_rt_free"},
      {"_mlir_memref_to_llvm_alloc", "nnc_rt_alloc"},
      {"_mlir_memref_to_llvm_aligned_alloc", "nnc_rt_aligned_alloc"},
      {"_mlir_memref_to_llvm_free", "nnc_rt_free"}};
  for (auto [from, to] : allocators) {
    if (failed(renameSymbol(module, from, to))) {
      error = "cannot route the model's allocations to the runtime";
      return failure();
    }
  }
  return EntryPointBuilder(module, signature).build(graph, error);
}
