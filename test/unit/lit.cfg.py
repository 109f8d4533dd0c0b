# GoogleTest binaries: each test case is one lit test.
import os

import lit.formats

config.name = "nnc-unit"
config.test_format = lit.formats.GoogleTest(".", "Tests")
config.test_source_root = os.path.join(config.nn_obj_root, "test", "unit")
config.test_exec_root = config.test_source_root
