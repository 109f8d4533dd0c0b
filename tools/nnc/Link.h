//===- Link.h - link compiled models with the nnc runtime -------*- C++ -*-===//
//
// nnc emits one object per model; this turns it into what --emit asks for
// with the system toolchain of the target (cc and objcopy on the host,
// aarch64-linux-gnu-gcc/-objcopy for AArch64) and the static runtime built
// with nnc (build/lib/nnc/<arch>/: libnnc_rt.a, nnc_main.o). Every tool runs
// with a fixed argument list and writes to the path it is given; the caller
// writes to a temporary and renames, so a failure leaves no output behind.
//
//===----------------------------------------------------------------------===//

#ifndef NNC_TOOLS_NNC_LINK_H
#define NNC_TOOLS_NNC_LINK_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace nnc {

/// The programs and runtime files that link for one target architecture.
struct Toolchain {
  std::string arch;
  /// C compiler driver used as the linker (cc, aarch64-linux-gnu-gcc).
  std::string cc;
  /// objcopy of the same binutils.
  std::string objcopy;
  /// libnnc_rt.a and nnc_main.o for `arch`.
  std::string runtimeArchive, mainObject;
  /// Executables link statically (cross targets: runs under qemu-user with
  /// no target sysroot).
  bool linkStatic = false;
};

/// Finds the toolchain and runtime for `arch`; `nncPath` is nnc's own path
/// (the runtime lives in ../lib/nnc/<arch> from its directory).
mlir::FailureOr<Toolchain> findToolchain(llvm::StringRef arch,
                                         llvm::StringRef nncPath,
                                         std::string &error);

/// `main` + model object + runtime -> executable `output`.
mlir::LogicalResult linkExecutable(const Toolchain &tools,
                                   llvm::StringRef object,
                                   llvm::StringRef output,
                                   llvm::StringRef scratchDir,
                                   std::string &error);

/// Model object + the runtime members it uses -> one relocatable object in
/// which only `prefix`_* symbols stay global (so several models link into one
/// program).
mlir::LogicalResult
linkSelfContainedObject(const Toolchain &tools, llvm::StringRef object,
                        llvm::StringRef prefix, llvm::StringRef output,
                        llvm::StringRef scratchDir, std::string &error);

/// A self-contained object (above) -> shared library `output`.
mlir::LogicalResult linkSharedLibrary(const Toolchain &tools,
                                      llvm::StringRef object,
                                      llvm::StringRef output,
                                      llvm::StringRef scratchDir,
                                      std::string &error);

/// Host cc plus the Vulkan executable runtime (../lib/nnc/vulkan from nnc's
/// directory: libnnc_vk_main.a, libnnc_vk.a, libnnc_rt.a) -> `tools` with
/// runtimeArchive naming that directory.
mlir::FailureOr<Toolchain> findVulkanToolchain(llvm::StringRef nncPath,
                                               std::string &error);

/// The serialized model `blob` (embedded through an assembler .incbin as
/// nnc_vk_model..nnc_vk_model_end) + vk_main + the Vulkan runtime ->
/// executable `output` linking libvulkan.so.
mlir::LogicalResult linkVulkanExecutable(const Toolchain &tools,
                                         llvm::StringRef blob,
                                         llvm::StringRef output,
                                         llvm::StringRef scratchDir,
                                         std::string &error);

} // namespace nnc

#endif // NNC_TOOLS_NNC_LINK_H
