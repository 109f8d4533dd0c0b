"""patch_spirv.py EXE OUT WORD VALUE: copies the nnc --target=vulkan
executable EXE to OUT (executable) with word WORD of its first embedded
SPIR-V kernel set to VALUE (e.g. 0x0). The kernel is the first SPIR-V magic
number after the embedded model's "NNVK" header (runtime/vulkan/model_io.h);
the header's kernel table holds no checksum, so the runtime hands the
patched words to the driver."""
import os
import struct
import sys

exe, out, word, value = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4], 0)
data = bytearray(open(exe, "rb").read())
header = data.find(b"NNVK" + struct.pack("<I", 1))
if header < 0:
    sys.exit(f"{exe}: no embedded NNVK model")
magic = data.find(struct.pack("<I", 0x07230203), header)
if magic < 0:
    sys.exit(f"{exe}: no SPIR-V kernel after the model header")
at = magic + 4 * word
data[at:at + 4] = struct.pack("<I", value)
with open(out, "wb") as f:
    f.write(data)
os.chmod(out, 0o755)
