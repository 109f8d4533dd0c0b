//===- GpuToSpirv.cpp - outlined gpu kernels -> spirv.module ---*- C++ -*-===//
//
// nn-gpu-kernels-to-spirv. In: a module with gpu.module kernels (after
// gpu-kernel-outlining; each gpu.func carries known_block_size). Out: beside
// each gpu.module, a `spirv.module @__spv__<name>` holding the kernel as a
// shader entry point; memref argument i is the storage buffer (set 0,
// binding i). Upstream convert-gpu-to-spirv has no math patterns and needs
// the entry-point ABI set by hand (toolchain.md section 4); this pass does
// both, plus polynomial expansion of math functions GLSL lacks (erf, ...).
//
//===----------------------------------------------------------------------===//

#include "codegen/GpuPasses.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/Conversion/ArithToSPIRV/ArithToSPIRV.h"
#include "mlir/Conversion/ControlFlowToSPIRV/ControlFlowToSPIRV.h"
#include "mlir/Conversion/FuncToSPIRV/FuncToSPIRV.h"
#include "mlir/Conversion/GPUToSPIRV/GPUToSPIRV.h"
#include "mlir/Conversion/IndexToSPIRV/IndexToSPIRV.h"
#include "mlir/Conversion/MathToSPIRV/MathToSPIRV.h"
#include "mlir/Conversion/MemRefToSPIRV/MemRefToSPIRV.h"
#include "mlir/Conversion/SCFToSPIRV/SCFToSPIRV.h"
#include "mlir/Conversion/UBToSPIRV/UBToSPIRV.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/SPIRV/IR/SPIRVOps.h"
#include "mlir/Dialect/SPIRV/IR/TargetAndABI.h"
#include "mlir/Dialect/SPIRV/Transforms/SPIRVConversion.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace nn {
#define GEN_PASS_DEF_GPUKERNELSTOSPIRVPASS
#include "codegen/GpuPasses.h.inc"
} // namespace nn
} // namespace mlir

using namespace mlir;

namespace {
/// Vulkan 1.1 with 64-bit integers (ONNX indices are i64) and the limits
/// every Vulkan device guarantees (128 invocations, 16 KiB shared memory).
constexpr const char *kDefaultTargetEnv =
    "#spirv.target_env<#spirv.vce<v1.3, [Shader, Int64], "
    "[SPV_KHR_storage_buffer_storage_class]>, api=Vulkan, "
    "#spirv.resource_limits<max_compute_shared_memory_size = 16384, "
    "max_compute_workgroup_invocations = 128, "
    "max_compute_workgroup_size = [128, 128, 64]>>";

/// math.powf with the semantics of C's pow from GLSL's Pow, which is
/// undefined for x < 0 and for x == 0 with y <= 0: |x|^y, negated for a
/// negative x and an odd integer y, NaN for a negative x and a fractional y,
/// 0 / inf / 1 for x == 0 and y > 0 / < 0 / == 0, and 1 whenever y == 0.
struct PowFExpansion : OpRewritePattern<math::PowFOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(math::PowFOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<FloatType>(op.getType());
    if (!type || op->hasAttr(kExpanded)) {
      return rewriter.notifyMatchFailure(op, "scalar, not yet expanded");
    }
    Location loc = op.getLoc();
    Value x = op.getLhs(), y = op.getRhs();
    auto constant = [&](const APFloat &v) -> Value {
      return arith::ConstantOp::create(rewriter, loc,
                                       rewriter.getFloatAttr(type, v));
    };
    auto value = [&](double v) {
      bool lost;
      APFloat f(v);
      f.convert(type.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
      return constant(f);
    };
    auto cmp = [&](arith::CmpFPredicate p, Value a, Value b) -> Value {
      return arith::CmpFOp::create(rewriter, loc, p, a, b);
    };
    auto select = [&](Value c, Value a, Value b) -> Value {
      return arith::SelectOp::create(rewriter, loc, c, a, b);
    };
    Value zero = value(0), one = value(1), half = value(0.5);
    Value nan = constant(APFloat::getNaN(type.getFloatSemantics()));
    Value inf = constant(APFloat::getInf(type.getFloatSemantics()));
    Value ax = math::AbsFOp::create(rewriter, loc, x);
    auto magnitude = math::PowFOp::create(rewriter, loc, ax, y);
    magnitude->setAttr(kExpanded, rewriter.getUnitAttr());
    Value isInt = cmp(arith::CmpFPredicate::OEQ,
                      math::FloorOp::create(rewriter, loc, y), y);
    Value halfY = arith::MulFOp::create(rewriter, loc, y, half);
    Value isOdd = arith::AndIOp::create(
        rewriter, loc, isInt,
        cmp(arith::CmpFPredicate::ONE,
            math::FloorOp::create(rewriter, loc, halfY), halfY));
    Value negated = arith::NegFOp::create(rewriter, loc, magnitude);
    Value negative = select(isInt, select(isOdd, negated, magnitude), nan);
    Value result =
        select(cmp(arith::CmpFPredicate::OLT, x, zero), negative, magnitude);
    Value atZero =
        select(cmp(arith::CmpFPredicate::OGT, y, zero), zero,
               select(cmp(arith::CmpFPredicate::OLT, y, zero), inf, one));
    result = select(cmp(arith::CmpFPredicate::OEQ, x, zero), atZero, result);
    result = select(cmp(arith::CmpFPredicate::OEQ, y, zero), one, result);
    rewriter.replaceOp(op, result);
    return success();
  }
  static constexpr const char *kExpanded = "nn.pow_expanded";
};

struct GpuKernelsToSpirvPass
    : nn::impl::GpuKernelsToSpirvPassBase<GpuKernelsToSpirvPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    ModuleOp module = getOperation();
    StringRef text =
        targetEnv.empty() ? StringRef(kDefaultTargetEnv) : StringRef(targetEnv);
    auto env =
        dyn_cast_or_null<spirv::TargetEnvAttr>(parseAttribute(text, context));
    if (!env) {
      module.emitError("vulkan: target-env is not a #spirv.target_env: ")
          << text;
      return signalPassFailure();
    }

    SmallVector<gpu::GPUModuleOp> gpuModules;
    module.walk([&](gpu::GPUModuleOp m) { gpuModules.push_back(m); });
    for (gpu::GPUModuleOp gpuModule : gpuModules) {
      gpuModule->setAttr(spirv::getTargetEnvAttrName(), env);
      WalkResult walk = gpuModule.walk([&](gpu::GPUFuncOp func) {
        if (!func.isKernel()) {
          return WalkResult::advance();
        }
        std::optional<ArrayRef<int32_t>> size = func.getKnownBlockSize();
        if (!size || size->size() != 3) {
          func.emitError("vulkan: kernel without a known workgroup size");
          return WalkResult::interrupt();
        }
        func->setAttr(spirv::getEntryPointABIAttrName(),
                      spirv::getEntryPointABIAttr(context, *size));
        return WalkResult::advance();
      });
      if (walk.wasInterrupted()) {
        return signalPassFailure();
      }

      // Math functions without a GLSL.std.450 instruction.
      RewritePatternSet expand(context);
      // ... and arith ops without a SPIR-V instruction (floordivsi, ...).
      arith::populateArithExpandOpsPatterns(expand);
      expand.add<PowFExpansion>(context);
      populatePolynomialApproximateErfPattern(expand);
      populatePolynomialApproximateErfcPattern(expand);
      math::populateExpansionPatterns(
          expand,
          {"tan", "sinh", "cosh", "asinh", "acosh", "atanh", "fpowi", "ctlz"});
      if (failed(applyPatternsGreedily(gpuModule, std::move(expand)))) {
        gpuModule.emitError("vulkan: math expansion did not converge");
        return signalPassFailure();
      }

      // Convert a copy: the launches on the host still name the original.
      OpBuilder builder(gpuModule);
      builder.setInsertionPointAfter(gpuModule);
      Operation *copy = builder.clone(*gpuModule);
      // Default memory space -> StorageBuffer (what Vulkan binds).
      spirv::MemorySpaceToStorageClassConverter memorySpaces(
          spirv::mapMemorySpaceToVulkanStorageClass);
      spirv::convertMemRefTypesAndAttrs(copy, memorySpaces);
      std::unique_ptr<ConversionTarget> target =
          SPIRVConversionTarget::get(env);
      SPIRVConversionOptions options;
      SPIRVTypeConverter converter(env, options);
      RewritePatternSet patterns(context);
      populateGPUToSPIRVPatterns(converter, patterns);
      ScfToSPIRVContext scfContext;
      populateSCFToSPIRVPatterns(converter, scfContext, patterns);
      arith::populateArithToSPIRVPatterns(converter, patterns);
      populateMathToSPIRVPatterns(converter, patterns);
      populateMemRefToSPIRVPatterns(converter, patterns);
      populateFuncToSPIRVPatterns(converter, patterns);
      index::populateIndexToSPIRVPatterns(converter, patterns);
      ub::populateUBToSPIRVConversionPatterns(converter, patterns);
      cf::populateControlFlowToSPIRVPatterns(converter, patterns);
      if (failed(applyFullConversion(copy, *target, std::move(patterns)))) {
        gpuModule.emitError("vulkan: cannot convert this kernel to SPIR-V "
                            "for the target environment ")
            << env;
        return signalPassFailure();
      }
    }
  }
};
} // namespace
