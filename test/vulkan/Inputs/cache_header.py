"""cache_header.py DIR: checks that DIR holds exactly one Vulkan pipeline
cache file whose header (VkPipelineCacheHeaderVersionOne: u32 header size
>= 32, u32 version, u32 vendor id, u32 device id, u8 uuid[16]) matches its
name, vulkan-pipelines-<vendor>-<device>-<uuid>.bin. Prints
`1 file, header version V` or the problem (exit 1)."""
import glob
import os
import struct
import sys

files = glob.glob(os.path.join(sys.argv[1], "*"))
if len(files) != 1:
    sys.exit(f"expected one file, found {files}")
data = open(files[0], "rb").read()
if len(data) < 32:
    sys.exit(f"{files[0]}: {len(data)} bytes, shorter than a header")
size, version, vendor, device = struct.unpack_from("<4I", data)
name = f"vulkan-pipelines-{vendor:04x}-{device:04x}-{data[16:32].hex()}.bin"
if size < 32 or os.path.basename(files[0]) != name:
    sys.exit(f"{files[0]}: header (size {size}) names {name}")
print(f"1 file, header version {version}")
