//===- Link.cpp - link compiled models with the nnc runtime ---------------===//
//
// Runs the target's cc/objcopy (see Link.h). A tool's diagnostics go to a
// file in the scratch directory; on failure its first line becomes the error.
//
//===----------------------------------------------------------------------===//

#include "Link.h"

#include "codegen/AotCompile.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace nnc;

namespace {
/// Runs `program` with `args`; on failure `error` names `what` and quotes
/// the first line the tool printed.
LogicalResult run(StringRef program, ArrayRef<std::string> args,
                  StringRef scratchDir, StringRef what, std::string &error) {
  SmallVector<StringRef> argv = {program};
  for (const std::string &arg : args) {
    argv.push_back(arg);
  }
  SmallString<256> log(scratchDir);
  llvm::sys::path::append(log, "tool.log");
  std::optional<StringRef> redirects[] = {StringRef(""), StringRef(log),
                                          StringRef(log)};
  std::string message;
  int code = llvm::sys::ExecuteAndWait(program, argv, std::nullopt, redirects,
                                       /*SecondsToWait=*/0, 0, &message);
  if (code == 0) {
    return success();
  }
  std::string detail = message;
  if (auto text = llvm::MemoryBuffer::getFile(log)) {
    StringRef rest = (*text)->getBuffer();
    // The first line that says what went wrong, else the first line.
    StringRef first = rest.split('\n').first;
    while (!rest.empty()) {
      auto [line, tail] = rest.split('\n');
      if (line.contains("error") || line.contains("undefined")) {
        first = line;
        break;
      }
      rest = tail;
    }
    if (!first.trim().empty()) {
      detail = first.trim().str();
    }
  }
  error = what.str() + " failed (" + llvm::sys::path::filename(program).str() +
          " exit " + std::to_string(code) + ")" +
          (detail.empty() ? "" : ": " + detail);
  return failure();
}

/// The first of `names` found on PATH, or "".
std::string findProgram(ArrayRef<StringRef> names) {
  for (StringRef name : names) {
    if (auto path = llvm::sys::findProgramByName(name)) {
      return *path;
    }
  }
  return "";
}
} // namespace

FailureOr<Toolchain> nnc::findToolchain(StringRef arch, StringRef nncPath,
                                        std::string &error) {
  Toolchain tools;
  tools.arch = arch.str();
  bool onHost = arch == mlir::nn::hostArch();
  std::string triple = (arch + "-linux-gnu").str();
  if (onHost) {
    tools.cc = findProgram({"cc", "gcc", "clang"});
    tools.objcopy = findProgram({"objcopy", "llvm-objcopy"});
  } else {
    tools.cc = findProgram({triple + "-gcc"});
    tools.objcopy = findProgram({triple + "-objcopy"});
    tools.linkStatic = true;
  }
  if (tools.cc.empty() || tools.objcopy.empty()) {
    error = "linking for " + arch.str() + " needs " +
            (onHost ? std::string("cc and objcopy")
                    : triple + "-gcc and " + triple + "-objcopy") +
            " on PATH" +
            (onHost ? ""
                    : " (Debian: apt-get install gcc-" + triple +
                          " libc6-dev-arm64-cross)");
    return failure();
  }
  SmallString<256> dir = llvm::sys::path::parent_path(nncPath);
  llvm::sys::path::append(dir, "..", "lib", "nnc", arch);
  SmallString<256> archive(dir), main(dir);
  llvm::sys::path::append(archive, "libnnc_rt.a");
  llvm::sys::path::append(main, "nnc_main.o");
  if (!llvm::sys::fs::exists(archive) || !llvm::sys::fs::exists(main)) {
    error = "the " + arch.str() + " runtime is missing (" +
            archive.str().str() + "); build the nnc-runtime-" + arch.str() +
            " target" + (onHost ? "" : " with " + triple + "-gcc installed");
    return failure();
  }
  tools.runtimeArchive = archive.str().str();
  tools.mainObject = main.str().str();
  return tools;
}

LogicalResult nnc::linkExecutable(const Toolchain &tools, StringRef object,
                                  StringRef output, StringRef scratchDir,
                                  std::string &error) {
  std::vector<std::string> args = {"-o", output.str()};
  if (tools.linkStatic) {
    args.push_back("-static");
  }
  args.insert(args.end(), {tools.mainObject, object.str(), tools.runtimeArchive,
                           "-lm", "-lpthread"});
  return run(tools.cc, args, scratchDir, "linking the executable", error);
}

LogicalResult nnc::linkSelfContainedObject(const Toolchain &tools,
                                           StringRef object, StringRef prefix,
                                           StringRef output,
                                           StringRef scratchDir,
                                           std::string &error) {
  // A relocatable link pulls in exactly the runtime members the model uses.
  SmallString<256> merged(scratchDir);
  llvm::sys::path::append(merged, "merged.o");
  if (failed(run(tools.cc,
                 {"-r", "-nostdlib", "-o", merged.str().str(), object.str(),
                  tools.runtimeArchive},
                 scratchDir, "linking the runtime into the object", error))) {
    return failure();
  }
  return run(tools.objcopy,
             {"--wildcard", "--keep-global-symbol=" + prefix.str() + "_*",
              merged.str().str(), output.str()},
             scratchDir, "hiding the runtime symbols", error);
}

LogicalResult nnc::linkSharedLibrary(const Toolchain &tools, StringRef object,
                                     StringRef output, StringRef scratchDir,
                                     std::string &error) {
  return run(tools.cc,
             {"-shared", "-o", output.str(), object.str(), "-lm", "-lpthread"},
             scratchDir, "linking the shared library", error);
}

FailureOr<Toolchain> nnc::findVulkanToolchain(StringRef nncPath,
                                              std::string &error) {
  Toolchain tools;
  tools.arch = "vulkan";
  tools.cc = findProgram({"cc", "gcc", "clang"});
  if (tools.cc.empty()) {
    error = "linking a Vulkan executable needs cc on PATH";
    return failure();
  }
  SmallString<256> dir = llvm::sys::path::parent_path(nncPath);
  llvm::sys::path::append(dir, "..", "lib", "nnc", "vulkan");
  for (StringRef name : {"libnnc_vk_main.a", "libnnc_vk.a", "libnnc_rt.a"}) {
    SmallString<256> file(dir);
    llvm::sys::path::append(file, name);
    if (!llvm::sys::fs::exists(file)) {
      error = "the Vulkan runtime is missing (" + file.str().str() +
              "); build the nnc-runtime-vulkan target (needs libvulkan-dev)";
      return failure();
    }
  }
  tools.runtimeArchive = dir.str().str();
  return tools;
}

LogicalResult nnc::linkVulkanExecutable(const Toolchain &tools, StringRef blob,
                                        StringRef output, StringRef scratchDir,
                                        std::string &error) {
  if (blob.contains('"') || blob.contains('\\') || blob.contains('\n')) {
    error = "the scratch path " + blob.str() + " cannot be embedded";
    return failure();
  }
  SmallString<256> assembly(scratchDir);
  llvm::sys::path::append(assembly, "model_blob.s");
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(assembly, ec);
    if (ec) {
      error = "cannot write " + assembly.str().str() + ": " + ec.message();
      return failure();
    }
    os << "  .section .rodata\n"
       << "  .balign 16\n"
       << "  .globl nnc_vk_model\n"
       << "nnc_vk_model:\n"
       << "  .incbin \"" << blob << "\"\n"
       << "  .globl nnc_vk_model_end\n"
       << "nnc_vk_model_end:\n"
       << "  .section .note.GNU-stack,\"\",@progbits\n";
  }
  auto lib = [&](StringRef name) {
    SmallString<256> file(tools.runtimeArchive);
    llvm::sys::path::append(file, name);
    return file.str().str();
  };
  return run(tools.cc,
             {"-o", output.str(), assembly.str().str(), lib("libnnc_vk_main.a"),
              lib("libnnc_vk.a"), lib("libnnc_rt.a"), "-lvulkan", "-lstdc++",
              "-lm", "-lpthread"},
             scratchDir, "linking the Vulkan executable", error);
}
