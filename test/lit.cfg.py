# lit configuration for nnc: FileCheck tests on .mlir files, and the GoogleTest
# binaries under unit/ (one lit test per gtest case).
import os

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
