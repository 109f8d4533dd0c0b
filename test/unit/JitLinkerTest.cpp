//===- JitLinkerTest.cpp - the JIT's split, multi-threaded back end -------===//
//
// splitLLVMModule defines every symbol in exactly one part (small constants
// copied), keeps direct callers and callees together, and exports what
// another part refers to; JitProgram runs the same module compiled whole on
// one thread and split on several, with the values the math gives.
//
//===----------------------------------------------------------------------===//

#include "codegen/JitLinker.h"
#include "codegen/SplitLLVMModule.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "gtest/gtest.h"

#include <map>

using namespace mlir;

namespace {

// @main(out) runs two loop bodies through nnc_parallel_for, passing `out`
// as their context: @body_a writes out[i] = small[i % 2] * big[i] for i in
// [0, 4), @body_b (through @helper, a direct call) out[4 + i] = (10 * i + 1)
// * small[0]. `big` (80 KB) is shared between parts, `small` copied.
constexpr const char *kModule = R"mlir(
module {
  llvm.func @nnc_parallel_for(i64, !llvm.ptr, !llvm.ptr)
  llvm.mlir.global private constant @small(dense<[1.0, 2.0]> : tensor<2xf32>) : !llvm.array<2 x f32>
  llvm.mlir.global private constant @big(dense<3.0> : tensor<20000xf32>) : !llvm.array<20000 x f32>
  llvm.func internal @body_a(%ctx: !llvm.ptr, %begin: i64, %end: i64) {
    %c1 = llvm.mlir.constant(1 : i64) : i64
    %c2 = llvm.mlir.constant(2 : i64) : i64
    %small = llvm.mlir.addressof @small : !llvm.ptr
    %big = llvm.mlir.addressof @big : !llvm.ptr
    llvm.br ^loop(%begin : i64)
  ^loop(%i: i64):
    %done = llvm.icmp "sge" %i, %end : i64
    llvm.cond_br %done, ^exit, ^body
  ^body:
    %is = llvm.urem %i, %c2 : i64
    %ps = llvm.getelementptr %small[0, %is] : (!llvm.ptr, i64) -> !llvm.ptr, !llvm.array<2 x f32>
    %s = llvm.load %ps : !llvm.ptr -> f32
    %pb = llvm.getelementptr %big[0, %i] : (!llvm.ptr, i64) -> !llvm.ptr, !llvm.array<20000 x f32>
    %b = llvm.load %pb : !llvm.ptr -> f32
    %v = llvm.fmul %s, %b : f32
    %po = llvm.getelementptr %ctx[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    llvm.store %v, %po : f32, !llvm.ptr
    %next = llvm.add %i, %c1 : i64
    llvm.br ^loop(%next : i64)
  ^exit:
    llvm.return
  }
  llvm.func internal @helper(%i: i64) -> f32 {
    %c10 = llvm.mlir.constant(10 : i64) : i64
    %c1 = llvm.mlir.constant(1 : i64) : i64
    %m = llvm.mul %i, %c10 : i64
    %a = llvm.add %m, %c1 : i64
    %f = llvm.sitofp %a : i64 to f32
    llvm.return %f : f32
  }
  llvm.func internal @body_b(%ctx: !llvm.ptr, %begin: i64, %end: i64) {
    %c1 = llvm.mlir.constant(1 : i64) : i64
    %c4 = llvm.mlir.constant(4 : i64) : i64
    %small = llvm.mlir.addressof @small : !llvm.ptr
    llvm.br ^loop(%begin : i64)
  ^loop(%i: i64):
    %done = llvm.icmp "sge" %i, %end : i64
    llvm.cond_br %done, ^exit, ^body
  ^body:
    %h = llvm.call @helper(%i) : (i64) -> f32
    %s = llvm.load %small : !llvm.ptr -> f32
    %v = llvm.fmul %h, %s : f32
    %j = llvm.add %i, %c4 : i64
    %po = llvm.getelementptr %ctx[%j] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    llvm.store %v, %po : f32, !llvm.ptr
    %next = llvm.add %i, %c1 : i64
    llvm.br ^loop(%next : i64)
  ^exit:
    llvm.return
  }
  llvm.func @_mlir_ciface_main(%out: !llvm.ptr) {
    %c4 = llvm.mlir.constant(4 : i64) : i64
    %a = llvm.mlir.addressof @body_a : !llvm.ptr
    %b = llvm.mlir.addressof @body_b : !llvm.ptr
    llvm.call @nnc_parallel_for(%c4, %a, %out) : (i64, !llvm.ptr, !llvm.ptr) -> ()
    llvm.call @nnc_parallel_for(%c4, %b, %out) : (i64, !llvm.ptr, !llvm.ptr) -> ()
    llvm.return
  }
}
)mlir";

OwningOpRef<ModuleOp> parse(MLIRContext &context) {
  context.loadDialect<LLVM::LLVMDialect>();
  return parseSourceString<ModuleOp>(kModule, &context);
}

TEST(SplitLLVMModule, EverySymbolDefinedOnceAndCallsStayTogether) {
  MLIRContext context;
  OwningOpRef<ModuleOp> module = parse(context);
  ASSERT_TRUE(module);
  SmallVector<OwningOpRef<ModuleOp>> parts = nn::splitLLVMModule(*module, 4);
  // Three groups: @_mlir_ciface_main, @body_a, @body_b + @helper.
  ASSERT_EQ(parts.size(), 3u);
  std::map<std::string, int> definedIn;
  std::map<std::string, int> definitions;
  for (auto [index, part] : llvm::enumerate(parts)) {
    part->walk([&](Operation *op) {
      bool defined = false;
      if (auto func = dyn_cast<LLVM::LLVMFuncOp>(op)) {
        defined = !func.isExternal();
      } else if (auto global = dyn_cast<LLVM::GlobalOp>(op)) {
        defined = static_cast<bool>(global.getValueAttr());
      } else {
        return;
      }
      if (defined) {
        std::string name = SymbolTable::getSymbolName(op).str();
        ++definitions[name];
        definedIn[name] = index;
      }
    });
  }
  EXPECT_EQ(definitions["_mlir_ciface_main"], 1);
  EXPECT_EQ(definitions["body_a"], 1);
  EXPECT_EQ(definitions["body_b"], 1);
  EXPECT_EQ(definitions["helper"], 1);
  EXPECT_EQ(definitions["big"], 1);
  EXPECT_EQ(definitions["small"], 2); // copied into both bodies' parts
  EXPECT_EQ(definitions["nnc_parallel_for"], 0);
  EXPECT_EQ(definedIn["body_b"], definedIn["helper"]);
  EXPECT_NE(definedIn["body_a"], definedIn["_mlir_ciface_main"]);
  // @body_a is referred to from @main's part: external there, declared in
  // @main's part; @helper stays internal.
  ModuleOp bodyPart = *parts[definedIn["body_a"]];
  ModuleOp mainPart = *parts[definedIn["_mlir_ciface_main"]];
  auto bodyA = bodyPart.lookupSymbol<LLVM::LLVMFuncOp>("body_a");
  EXPECT_EQ(bodyA.getLinkage(), LLVM::Linkage::External);
  auto declA = mainPart.lookupSymbol<LLVM::LLVMFuncOp>("body_a");
  ASSERT_TRUE(declA);
  EXPECT_TRUE(declA.isExternal());
  auto helper =
      parts[definedIn["helper"]]->lookupSymbol<LLVM::LLVMFuncOp>("helper");
  EXPECT_EQ(helper.getLinkage(), LLVM::Linkage::Internal);
  // The input is unchanged.
  EXPECT_EQ(module->lookupSymbol<LLVM::LLVMFuncOp>("body_a").getLinkage(),
            LLVM::Linkage::Internal);
}

TEST(SplitLLVMModule, OnePartOrOneGroupIsNoSplit) {
  MLIRContext context;
  OwningOpRef<ModuleOp> module = parse(context);
  ASSERT_TRUE(module);
  EXPECT_TRUE(nn::splitLLVMModule(*module, 1).empty());
  OwningOpRef<ModuleOp> single =
      parseSourceString<ModuleOp>("llvm.func @f() { llvm.return }", &context);
  ASSERT_TRUE(single);
  EXPECT_TRUE(nn::splitLLVMModule(*single, 4).empty());
}

TEST(JitProgram, SameValuesOnOneAndSeveralThreads) {
  for (unsigned threads : {1u, 2u, 3u, 8u}) {
    MLIRContext context;
    OwningOpRef<ModuleOp> module = parse(context);
    ASSERT_TRUE(module);
    std::string error;
    auto program =
        nn::JitProgram::compile(*module, {"_mlir_ciface_main"}, threads, error);
    ASSERT_TRUE(succeeded(program)) << threads << " threads: " << error;
    auto entry = (*program)->lookupPacked("_mlir_ciface_main", error);
    ASSERT_TRUE(succeeded(entry)) << error;
    float out[8] = {0};
    void *outPointer = out;
    void *args[] = {&outPointer};
    (*entry)(args);
    const float expected[8] = {3, 6, 3, 6, 1, 11, 21, 31};
    for (int i = 0; i < 8; ++i) {
      EXPECT_EQ(out[i], expected[i]) << threads << " threads, element " << i;
    }
  }
}

TEST(JitProgram, UnknownEntryIsAnError) {
  MLIRContext context;
  OwningOpRef<ModuleOp> module = parse(context);
  ASSERT_TRUE(module);
  std::string error;
  auto program =
      nn::JitProgram::compile(*module, {"_mlir_ciface_main"}, 2, error);
  ASSERT_TRUE(succeeded(program)) << error;
  auto entry = (*program)->lookupPacked("_mlir_ciface_nothing", error);
  EXPECT_TRUE(failed(entry));
  EXPECT_NE(error.find("_mlir__mlir_ciface_nothing"), std::string::npos)
      << error;
}

} // namespace
