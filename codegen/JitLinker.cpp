//===- JitLinker.cpp - compile an LLVM-dialect module on threads ----------===//
//
// The calling thread translates the parts to LLVM IR one after the other
// (MLIR stays on one thread) and queues them; worker threads, each with
// its own TargetMachine, take a part, optimize it and emit an object file.
// Every part lives in its own LLVMContext, so nothing LLVM-side is shared.
// The objects are then linked by RuntimeDyld into one LLJIT. The code is
// position independent: a part reaches another part's symbols through its
// GOT, wherever RuntimeDyld maps each object. See JitLinker.h.
//
//===----------------------------------------------------------------------===//

#include "codegen/JitLinker.h"
#include "codegen/CpuPipeline.h"
#include "codegen/FirstError.h"
#include "codegen/SplitLLVMModule.h"
#include "runtime/threadpool.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ExecutionEngine/JITEventListener.h"
#include "llvm/ExecutionEngine/Orc/CompileUtils.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/RTDyldObjectLinkingLayer.h"
#include "llvm/ExecutionEngine/SectionMemoryManager.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/Threading.h"

#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <thread>

using namespace mlir;
using namespace mlir::nn;

namespace {
/// One part's LLVM IR, in a context of its own.
struct IRPart {
  unsigned index = 0;
  std::unique_ptr<llvm::LLVMContext> context;
  std::unique_ptr<llvm::Module> module;
};

/// The host target: CPU name and features detected, aggressive codegen, FP
/// contraction allowed (FMA), position-independent code.
FailureOr<llvm::orc::JITTargetMachineBuilder>
hostMachineBuilder(std::string &error) {
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder) {
    error = "cannot detect the host CPU: " + toString(builder.takeError());
    return failure();
  }
  builder->setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  builder->getOptions().AllowFPOpFusion = llvm::FPOpFusion::Fast;
  builder->setRelocationModel(llvm::Reloc::PIC_);
  builder->setCodeModel(llvm::CodeModel::Small);
  return std::move(*builder);
}

/// Adds `_mlir_<f>(void **args)` for each externally visible C interface
/// function `f` (`_mlir_ciface_*`): argument i is loaded through args[i], a
/// result (if any) stored through args[#arguments].
void addPackedWrappers(llvm::Module &module) {
  SmallVector<llvm::Function *> interfaces;
  for (llvm::Function &fn : module) {
    if (!fn.isDeclaration() && fn.hasExternalLinkage() &&
        fn.getName().starts_with("_mlir_ciface_")) {
      interfaces.push_back(&fn);
    }
  }
  llvm::LLVMContext &context = module.getContext();
  llvm::IRBuilder<> builder(context);
  for (llvm::Function *fn : interfaces) {
    auto *type = llvm::FunctionType::get(builder.getVoidTy(),
                                         {builder.getPtrTy()}, false);
    auto *packed =
        llvm::Function::Create(type, llvm::GlobalValue::ExternalLinkage,
                               "_mlir_" + fn->getName(), module);
    builder.SetInsertPoint(llvm::BasicBlock::Create(context, "entry", packed));
    auto slot = [&](unsigned i) {
      llvm::Value *address =
          builder.CreateConstGEP1_64(builder.getPtrTy(), packed->getArg(0), i);
      return builder.CreateLoad(builder.getPtrTy(), address);
    };
    SmallVector<llvm::Value *> args;
    for (llvm::Argument &arg : fn->args()) {
      args.push_back(builder.CreateLoad(arg.getType(), slot(arg.getArgNo())));
    }
    llvm::Value *result = builder.CreateCall(fn, args);
    if (!result->getType()->isVoidTy()) {
      builder.CreateStore(result, slot(fn->arg_size()));
    }
    builder.CreateRetVoid();
  }
}

/// Optimizes `part` and emits its object file into `object`; returns an
/// error message, empty on success.
std::string compilePart(IRPart &part, llvm::TargetMachine &machine,
                        std::unique_ptr<llvm::MemoryBuffer> &object) {
  llvm::Module &module = *part.module;
  module.setDataLayout(machine.createDataLayout());
  module.setTargetTriple(machine.getTargetTriple());
  addPackedWrappers(module);
  if (llvm::Error err =
          makeOptimizingTransformer(kLlvmOptLevel,
                                    /*sizeLevel=*/0, &machine)(&module)) {
    return "LLVM optimization failed: " + toString(std::move(err));
  }
  llvm::orc::SimpleCompiler compiler(machine);
  auto compiled = compiler(module);
  if (!compiled) {
    return "code generation failed: " + toString(compiled.takeError());
  }
  object = std::move(*compiled);
  return "";
}

/// Translates `module` into a fresh LLVMContext; on failure `error` holds
/// the first diagnostic.
FailureOr<IRPart> translatePart(ModuleOp module, unsigned index,
                                std::string &error) {
  IRPart part;
  part.index = index;
  part.context = std::make_unique<llvm::LLVMContext>();
  FirstError diagnostics(module.getContext());
  part.module = translateModuleToLLVMIR(module, *part.context,
                                        "nnc_part_" + std::to_string(index));
  if (!part.module) {
    error = diagnostics.take("translation to LLVM IR failed");
    return failure();
  }
  return part;
}

/// A JIT whose objects RuntimeDyld links (as mlir::ExecutionEngine does),
/// with the perf (else Intel) listener when NNC_PERF_JIT is set.
llvm::Expected<std::unique_ptr<llvm::orc::LLJIT>>
createJit(llvm::orc::JITTargetMachineBuilder builder) {
  llvm::JITEventListener *listener = nullptr;
  if (std::getenv("NNC_PERF_JIT")) {
    listener = llvm::JITEventListener::createPerfJITEventListener();
    if (!listener) {
      listener = llvm::JITEventListener::createIntelJITEventListener();
    }
  }
  return llvm::orc::LLJITBuilder()
      .setJITTargetMachineBuilder(std::move(builder))
      .setObjectLinkingLayerCreator(
          [listener](llvm::orc::ExecutionSession &session)
              -> llvm::Expected<std::unique_ptr<llvm::orc::ObjectLayer>> {
            auto layer = std::make_unique<llvm::orc::RTDyldObjectLinkingLayer>(
                session, [](const llvm::MemoryBuffer &) {
                  return std::make_unique<llvm::SectionMemoryManager>();
                });
            if (listener) {
              layer->registerJITEventListener(*listener);
            }
            return layer;
          })
      .create();
}
} // namespace

unsigned nn::jitCompileThreads() {
  if (const char *value = std::getenv("NNC_JIT_THREADS")) {
    unsigned threads = 0;
    if (!StringRef(value).getAsInteger(10, threads) && threads >= 1) {
      return std::min(threads, 64u);
    }
  }
  // The CPUs this process may run on (its affinity mask), not the host's.
  return std::clamp(llvm::hardware_concurrency().compute_thread_count(), 1u,
                    8u);
}

JitProgram::~JitProgram() = default;

FailureOr<std::unique_ptr<JitProgram>>
JitProgram::compile(ModuleOp module, ArrayRef<StringRef> entries,
                    unsigned threads, std::string &error) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  MLIRContext *context = module.getContext();
  registerBuiltinDialectTranslation(*context);
  registerLLVMDialectTranslation(*context);
  FailureOr<llvm::orc::JITTargetMachineBuilder> builder =
      hostMachineBuilder(error);
  if (failed(builder)) {
    return failure();
  }

  // Only the entries stay visible: an outlined loop body is then reached
  // from its thunk alone (inlined there) and its C wrapper dies.
  for (auto fn : module.getOps<LLVM::LLVMFuncOp>()) {
    if (!fn.isExternal() && !llvm::is_contained(entries, fn.getSymName())) {
      fn.setLinkage(LLVM::Linkage::Internal);
    }
  }
  // Twice as many parts as threads balances uneven parts (@main is big).
  threads = std::max(threads, 1u);
  SmallVector<OwningOpRef<ModuleOp>> split =
      splitLLVMModule(module, threads > 1 ? 2 * threads : 1);
  SmallVector<ModuleOp> parts;
  if (split.empty()) {
    parts.push_back(module);
  }
  for (OwningOpRef<ModuleOp> &part : split) {
    parts.push_back(*part);
  }
  unsigned numThreads = std::min<unsigned>(threads, parts.size());
  SmallVector<std::unique_ptr<llvm::TargetMachine>> machines;
  for (unsigned t = 0; t < numThreads; ++t) {
    auto machine = builder->createTargetMachine();
    if (!machine) {
      error =
          "cannot create the target machine: " + toString(machine.takeError());
      return failure();
    }
    machines.push_back(std::move(*machine));
  }

  SmallVector<std::unique_ptr<llvm::MemoryBuffer>> objects(parts.size());
  SmallVector<std::string> errors(parts.size());
  std::string translateError;
  if (numThreads == 1) {
    for (auto [index, part] : llvm::enumerate(parts)) {
      FailureOr<IRPart> ir = translatePart(part, index, translateError);
      if (failed(ir)) {
        break;
      }
      errors[index] = compilePart(*ir, *machines[0], objects[index]);
    }
  } else {
    std::mutex mutex;
    std::condition_variable ready;
    std::deque<IRPart> queue;
    bool done = false;
    auto work = [&](unsigned t) {
      while (true) {
        IRPart part;
        {
          std::unique_lock<std::mutex> lock(mutex);
          ready.wait(lock, [&] { return done || !queue.empty(); });
          if (queue.empty()) {
            return;
          }
          part = std::move(queue.front());
          queue.pop_front();
        }
        errors[part.index] =
            compilePart(part, *machines[t], objects[part.index]);
      }
    };
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < numThreads; ++t) {
      workers.emplace_back(work, t);
    }
    for (auto [index, part] : llvm::enumerate(parts)) {
      FailureOr<IRPart> ir = translatePart(part, index, translateError);
      if (failed(ir)) {
        break;
      }
      std::lock_guard<std::mutex> lock(mutex);
      queue.push_back(std::move(*ir));
      ready.notify_one();
    }
    {
      std::lock_guard<std::mutex> lock(mutex);
      done = true;
    }
    ready.notify_all();
    for (std::thread &worker : workers) {
      worker.join();
    }
  }
  if (!translateError.empty()) {
    error = translateError;
    return failure();
  }
  for (std::string &message : errors) {
    if (!message.empty()) {
      error = message;
      return failure();
    }
  }

  auto jit = createJit(*builder);
  if (!jit) {
    error = "cannot create the JIT: " + toString(jit.takeError());
    return failure();
  }
  auto program = std::unique_ptr<JitProgram>(new JitProgram());
  program->jit = std::move(*jit);
  for (std::unique_ptr<llvm::MemoryBuffer> &object : objects) {
    if (llvm::Error err = program->jit->addObjectFile(std::move(object))) {
      error = "JIT: " + toString(std::move(err));
      return failure();
    }
  }
  // Parallel loops call the runtime's thread pool, linked into this process
  // (not necessarily exported from it).
  llvm::orc::JITDylib &main = program->jit->getMainJITDylib();
  llvm::orc::MangleAndInterner mangle(main.getExecutionSession(),
                                      program->jit->getDataLayout());
  llvm::orc::SymbolMap symbols;
  symbols[mangle("nnc_parallel_for")] = {
      llvm::orc::ExecutorAddr::fromPtr(&nnc_parallel_for),
      llvm::JITSymbolFlags::Exported};
  if (llvm::Error err = main.define(absoluteSymbols(std::move(symbols)))) {
    error = "JIT: " + toString(std::move(err));
    return failure();
  }
  return program;
}

FailureOr<void (*)(void **)> JitProgram::lookupPacked(StringRef name,
                                                      std::string &error) {
  auto symbol = jit->lookup("_mlir_" + name.str());
  if (!symbol) {
    error = "JIT: " + toString(symbol.takeError());
    return failure();
  }
  return symbol->toPtr<void (*)(void **)>();
}
