#!/usr/bin/env bash
# Installs what nnc needs to build and test on Debian 12 (as root). Idempotent: packages that are
# already present are skipped, so a warm machine pays only for `dpkg-query`.
set -euo pipefail

PACKAGES=(
  # Toolchain: Debian's LLVM/MLIR 22 (monolithic libMLIR.so), lit/FileCheck, a C++ compiler cache.
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools clang-22
  # Fuzzing (scripts/fuzz.sh): libFuzzer and the sanitizer runtimes for clang-22.
  libclang-rt-22-dev
  cmake ninja-build ccache g++ pkg-config
  # Tests: GoogleTest.
  libgtest-dev
  # ONNX frontend: ONNX's protobuf classes, checker, and the backend test data.
  libonnx-dev libprotobuf-dev protobuf-compiler libonnx-testdata
  # Vulkan backend: loader, headers, lavapipe (software device), validator and validation layers.
  libvulkan-dev mesa-vulkan-drivers spirv-tools vulkan-validationlayers
  # References for tests: PyTorch/ONNX/NumPy for /usr/bin/python3.
  python3-numpy python3-onnx python3-torch python3-torchvision
  # nnc --target=aarch64: cross linker + libc, and qemu to run the result.
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
  # Training demo data (nn-train): Fashion-MNIST in IDX format (.gz: zlib).
  dataset-fashion-mnist zlib1g-dev
  # Benchmark peers (bench/, never tests): oneDNN and OpenBLAS.
  libdnnl-dev libopenblas-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "error: missing packages: ${missing[*]}; run this script as root (or: sudo $0)" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=1200 update -qq
apt-get -o DPkg::Lock::Timeout=1200 install -y -qq --no-install-recommends "${missing[@]}"
