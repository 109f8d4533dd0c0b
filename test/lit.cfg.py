# lit configuration for nnc: FileCheck tests on .mlir files, and the GoogleTest
# binaries under unit/ (one lit test per gtest case).
import os
import subprocess

import lit.formats

config.name = "nnc"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.nn_obj_root, "test")
config.excludes = ["CMakeLists.txt", "README.md", "lit.cfg.py", "lit.site.cfg.py", "Inputs"]

tool_dir = os.path.join(config.nn_obj_root, "bin")
config.environment["PATH"] = os.pathsep.join(
    [tool_dir, config.llvm_tools_dir, config.environment.get("PATH", "")]
)
config.substitutions.append(("%nn-opt", os.path.join(tool_dir, "nn-opt")))
config.substitutions.append(("%nn_src_root", config.nn_src_root))
config.substitutions.append(("%nn_obj_root", config.nn_obj_root))
config.substitutions.append(("%nnc", os.path.join(tool_dir, "nnc")))
config.substitutions.append(("%nn-run", os.path.join(tool_dir, "nn-run")))
config.substitutions.append(("%nn-train", os.path.join(tool_dir, "nn-train")))
config.substitutions.append(("%nn-gradcheck", os.path.join(tool_dir, "nn-gradcheck")))

# The ONNX backend test data (Debian's libonnx-testdata); tests that import
# it say `REQUIRES: onnx-testdata`.
onnx_data = "/usr/share/libonnx-testdata/data"
config.substitutions.append(("%onnx_data", onnx_data))
if os.path.isdir(onnx_data):
    config.available_features.add("onnx-testdata")
# Python with the onnx package, to write malformed models on the fly.
config.substitutions.append(("%python", "/usr/bin/python3"))
# PyTorch for /usr/bin/python3, to export the models of scripts/check-models.sh;
# tests that export them say `REQUIRES: torch`.
if subprocess.run(["/usr/bin/python3", "-c", "import torch"], capture_output=True).returncode == 0:
    config.available_features.add("torch")
# nnc --target=aarch64: the cross-built runtime (needs gcc-aarch64-linux-gnu at
# configure time) and qemu-user to run the executables; tests that run AArch64
# code say `REQUIRES: aarch64-qemu`.
import shutil
if shutil.which("qemu-aarch64") and os.path.exists(
    os.path.join(config.nn_obj_root, "lib", "nnc", "aarch64", "libnnc_rt.a")
):
    config.available_features.add("aarch64-qemu")

# A Vulkan device (lavapipe counts): nn-run lists at least one. Tests that
# run on one say `REQUIRES: vulkan` and are skipped, not failed, without.
nn_run = os.path.join(tool_dir, "nn-run")
if os.path.exists(nn_run):
    listing = subprocess.run([nn_run, "--list-devices"], capture_output=True, text=True)
    if listing.returncode == 0 and listing.stdout.startswith("device "):
        config.available_features.add("vulkan")

# Training tests need the gradient rules and the nn-autodiff pass.
if subprocess.run([os.path.join(tool_dir, "nn-opt"), "--help"], capture_output=True,
                  text=True).stdout.find("nn-autodiff") >= 0:
    config.available_features.add("autodiff")
