//===- VulkanCompile.cpp - compile an nn module into a VulkanPlan --------===//
//
// The host @main after buildVulkanPipeline is straight-line: memref.alloc
// (intermediate buffers), memref.get_global (constants), views of either
// (same buffer), gpu.launch_func (a dispatch: grid, workgroup, buffers),
// dealloc and constants (ignored). Anything else is reported, not guessed.
//
//===----------------------------------------------------------------------===//

#include "codegen/VulkanCompile.h"
#include "codegen/FirstError.h"
#include "codegen/PinShapes.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SPIRV/IR/SPIRVOps.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/SPIRV/Serialization.h"
#include "llvm/Support/raw_ostream.h"

#include <cstring>

using namespace mlir;
using namespace mlir::nn;

namespace {
std::string locString(Operation *op) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << op->getLoc();
  return s;
}

/// Bytes per element in device memory (booleans take a byte; index is the
/// kernels' 32-bit index type).
std::optional<int64_t> elementBytes(Type type) {
  if (type.isInteger(1)) {
    return 1;
  }
  if (type.isIndex()) {
    return 4;
  }
  if (type.isIntOrFloat() && type.getIntOrFloatBitWidth() % 8 == 0) {
    return type.getIntOrFloatBitWidth() / 8;
  }
  return std::nullopt;
}

/// Buffer size for `type`, rounded up to whole 32-bit words (SPIR-V emulates
/// narrow types in words).
FailureOr<uint64_t> bufferBytes(MemRefType type, std::string &error) {
  std::optional<int64_t> bytes = elementBytes(type.getElementType());
  if (!type.hasStaticShape() || !bytes) {
    error = "vulkan: unsupported buffer type " + typeString(type);
    return failure();
  }
  if (type.getNumElements() >= (int64_t(1) << 31)) {
    error = "vulkan: " + typeString(type) +
            " has 2^31 or more elements; kernels index with 32 bits";
    return failure();
  }
  uint64_t size = type.getNumElements() * *bytes;
  return std::max<uint64_t>(4, (size + 3) / 4 * 4);
}

/// The initial bytes of a memref.global (zeros when uninitialized).
LogicalResult globalBytes(memref::GlobalOp global, uint64_t size,
                          std::vector<char> &data, std::string &error) {
  data.assign(size, 0);
  Attribute init = global.getInitialValue().value_or(Attribute());
  if (!init || isa<UnitAttr>(init)) {
    return success();
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(init)) {
    AsmResourceBlob *blob = resource.getRawHandle().getBlob();
    if (!blob) {
      error = "vulkan: constant @" + global.getSymName().str() + " has no data";
      return failure();
    }
    ArrayRef<char> bytes = blob->getData();
    std::copy_n(bytes.begin(), std::min<size_t>(bytes.size(), size),
                data.begin());
    return success();
  }
  auto dense = dyn_cast<DenseElementsAttr>(init);
  if (!dense) {
    error = "vulkan: constant @" + global.getSymName().str() +
            " has an unsupported initializer";
    return failure();
  }
  Type element = dense.getElementType();
  int64_t count = dense.getNumElements();
  if (element.isInteger(1)) {
    int64_t i = 0;
    for (bool v : dense.getValues<bool>()) {
      data[i++] = v ? 1 : 0;
    }
    return success();
  }
  if (element.isIndex()) {
    int64_t i = 0;
    for (const APInt &v : dense.getValues<APInt>()) {
      int32_t word = (int32_t)v.getSExtValue();
      std::memcpy(data.data() + 4 * i++, &word, 4);
    }
    return success();
  }
  int64_t width = *elementBytes(element);
  ArrayRef<char> raw = dense.getRawData();
  for (int64_t i = 0; i < count; ++i) {
    const char *from = raw.data() + (dense.isSplat() ? 0 : i * width);
    std::copy_n(from, width, data.begin() + i * width);
  }
  return success();
}

/// The spirv.module converted from gpu.module `name`.
spirv::ModuleOp findSpirvModule(ModuleOp module, StringRef name) {
  spirv::ModuleOp found;
  module.walk([&](spirv::ModuleOp spv) {
    std::optional<StringRef> symbol = spv.getName();
    if (symbol && symbol->ends_with(name) &&
        (symbol->size() == name.size() ||
         symbol->drop_back(name.size()).ends_with("_"))) {
      found = spv;
    }
  });
  return found;
}
} // namespace

LogicalResult nn::extractVulkanPlan(ModuleOp module, VulkanPlan &plan,
                                    std::string &error) {
  auto main = module.lookupSymbol<func::FuncOp>("main");
  if (!main || main.isExternal()) {
    error = "vulkan: the module has no function @main with a body";
    return failure();
  }
  plan = VulkanPlan();
  DenseMap<Value, uint32_t> bufferOf;
  llvm::StringMap<uint32_t> globalBuffer, kernelIndex;
  auto addBuffer = [&](Value value, VulkanBuffer::Kind kind,
                       int index) -> LogicalResult {
    auto type = dyn_cast<MemRefType>(value.getType());
    if (!type) {
      error = "vulkan: @main has a non-buffer value of type " +
              typeString(value.getType());
      return failure();
    }
    FailureOr<uint64_t> bytes = bufferBytes(type, error);
    if (failed(bytes)) {
      return failure();
    }
    VulkanBuffer buffer;
    buffer.kind = kind;
    buffer.index = index;
    buffer.bytes = *bytes;
    bufferOf[value] = plan.buffers.size();
    plan.buffers.push_back(std::move(buffer));
    return success();
  };

  // Arguments: the inputs, then one out-parameter per result.
  unsigned numResults = 0;
  if (auto count = main->getAttrOfType<IntegerAttr>("nn.num_outputs")) {
    numResults = count.getInt();
  }
  unsigned numInputs = main.getNumArguments() - numResults;
  for (BlockArgument arg : main.getArguments()) {
    bool isInput = arg.getArgNumber() < numInputs;
    int index = isInput ? arg.getArgNumber() : arg.getArgNumber() - numInputs;
    if (failed(addBuffer(arg,
                         isInput ? VulkanBuffer::Kind::Input
                                 : VulkanBuffer::Kind::Output,
                         index))) {
      return failure();
    }
    (isInput ? plan.inputs : plan.outputs).push_back(bufferOf[arg]);
  }

  for (Operation &op : main.getBody().front()) {
    if (isa<memref::AllocOp, memref::AllocaOp>(op)) {
      if (failed(addBuffer(op.getResult(0), VulkanBuffer::Kind::Intermediate,
                           -1))) {
        return failure();
      }
      continue;
    }
    if (auto get = dyn_cast<memref::GetGlobalOp>(op)) {
      auto it = globalBuffer.find(get.getName());
      if (it != globalBuffer.end()) {
        bufferOf[get.getResult()] = it->second;
        continue;
      }
      auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
          get, get.getNameAttr());
      if (!global || failed(addBuffer(get.getResult(),
                                      VulkanBuffer::Kind::Constant, -1))) {
        if (error.empty()) {
          error = "vulkan: missing constant @" + get.getName().str();
        }
        return failure();
      }
      VulkanBuffer &buffer = plan.buffers[bufferOf[get.getResult()]];
      if (failed(globalBytes(global, buffer.bytes, buffer.data, error))) {
        return failure();
      }
      globalBuffer[get.getName()] = bufferOf[get.getResult()];
      continue;
    }
    if (auto view = dyn_cast<ViewLikeOpInterface>(op)) {
      // A view that starts at the buffer's start (reshapes, casts) is the
      // buffer itself; one with an offset would need a sub-range binding.
      auto offsetView = dyn_cast<OffsetSizeAndStrideOpInterface>(op);
      bool zeroOffset = true;
      if (offsetView) {
        for (OpFoldResult offset : offsetView.getMixedOffsets()) {
          std::optional<int64_t> v = getConstantIntValue(offset);
          zeroOffset &= v && *v == 0;
        }
      }
      auto source = bufferOf.find(view.getViewSource());
      if (source != bufferOf.end() && zeroOffset) {
        bufferOf[op.getResult(0)] = source->second;
      }
      continue;
    }
    if (auto launch = dyn_cast<gpu::LaunchFuncOp>(op)) {
      StringRef moduleName = launch.getKernelModuleName().getValue();
      StringRef kernelName = launch.getKernelName().getValue();
      std::string key = (moduleName + "::" + kernelName).str();
      auto known = kernelIndex.find(key);
      uint32_t kernelId;
      if (known == kernelIndex.end()) {
        spirv::ModuleOp spv = findSpirvModule(module, moduleName);
        if (!spv) {
          error = "vulkan: no SPIR-V module for kernel " + key;
          return failure();
        }
        VulkanKernel kernel;
        kernel.entry = kernelName.str();
        SmallVector<uint32_t> words;
        if (failed(spirv::serialize(spv, words))) {
          error = "vulkan: cannot serialize the SPIR-V of kernel " + key;
          return failure();
        }
        kernel.spirv.assign(words.begin(), words.end());
        kernel.bindings = launch.getNumKernelOperands();
        gpu::KernelDim3 block = launch.getBlockSizeOperandValues();
        Value sizes[3] = {block.x, block.y, block.z};
        for (int d = 0; d < 3; ++d) {
          std::optional<int64_t> v = getConstantIntValue(sizes[d]);
          if (!v) {
            error = "vulkan: kernel " + key + " has a dynamic workgroup size";
            return failure();
          }
          kernel.workgroupSize[d] = *v;
        }
        kernelId = plan.kernels.size();
        kernelIndex[key] = kernelId;
        plan.kernels.push_back(std::move(kernel));
      } else {
        kernelId = known->second;
      }
      VulkanDispatch dispatch;
      dispatch.kernel = kernelId;
      gpu::KernelDim3 grid = launch.getGridSizeOperandValues();
      Value sizes[3] = {grid.x, grid.y, grid.z};
      for (int d = 0; d < 3; ++d) {
        std::optional<int64_t> v = getConstantIntValue(sizes[d]);
        if (!v) {
          error = "vulkan: kernel " + key + " has a dynamic grid";
          return failure();
        }
        dispatch.groups[d] = *v;
      }
      for (Value operand : launch.getKernelOperands()) {
        auto it = bufferOf.find(operand);
        if (it == bufferOf.end()) {
          error = locString(launch) + ": vulkan: kernel " + key + " takes a " +
                  typeString(operand.getType()) +
                  " that is not a whole device buffer";
          return failure();
        }
        dispatch.buffers.push_back(it->second);
      }
      plan.dispatches.push_back(std::move(dispatch));
      continue;
    }
    if (isa<memref::DeallocOp, arith::ConstantOp, func::ReturnOp>(op)) {
      continue;
    }
    error = locString(&op) + ": vulkan: unsupported host operation '" +
            op.getName().getStringRef().str() + "'";
    return failure();
  }
  return success();
}

LogicalResult
nn::compileForVulkan(ModuleOp module, ArrayRef<RankedTensorType> inputTypes,
                     const VulkanPipelineOptions &options, VulkanPlan &plan,
                     SmallVectorImpl<RankedTensorType> &resultTypes,
                     std::string &error) {
  MLIRContext *context = module.getContext();
  if (failed(pinMainShapes(module, inputTypes, resultTypes, error))) {
    return failure();
  }
  auto main = module.lookupSymbol<func::FuncOp>("main");
  FirstError diagnostics(context);
  main->setAttr(
      "nn.num_outputs",
      IntegerAttr::get(IntegerType::get(context, 64), resultTypes.size()));
  PassManager pm(context);
  buildVulkanPipeline(pm, options);
  if (failed(pm.run(module))) {
    error = diagnostics.take("the Vulkan pipeline failed");
    return failure();
  }
  if (failed(extractVulkanPlan(module, plan, error))) {
    return failure();
  }
  if (options.shareBuffers) {
    shareIntermediateBuffers(plan);
  }
  return success();
}
