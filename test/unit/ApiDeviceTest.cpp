//===- ApiDeviceTest.cpp - target and device selection in the host API ----===//
//
// nnc_options.target/device and nnc_device_count: bad choices are a status
// plus a message at session creation; a session on a Vulkan device runs the
// model and matches the arithmetic. The Vulkan cases skip (not fail) where
// no Vulkan device exists.
//
//===----------------------------------------------------------------------===//

#include "nnc/nnc.h"
#include "nnc/nnc.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>

namespace {

// relu(x * y) with a dynamic batch; x: f32[?x3], y: f32[3].
const char *kModel = R"mlir(
func.func @main(%x: tensor<?x3xf32>, %y: tensor<3xf32>) -> tensor<?x3xf32> {
  %0 = nn.mul %x, %y : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  %1 = nn.relu %0 : tensor<?x3xf32>
  return %1 : tensor<?x3xf32>
}
)mlir";

nn_status create(const nnc_options &opts, nnc_session **s) {
  return nnc_session_create_from_mlir(kModel, strlen(kModel), &opts, s);
}

/// Vulkan devices, or -1 when the target is missing.
int32_t vulkanDevices() {
  int32_t count = 0;
  return nnc_device_count(NNC_TARGET_VULKAN, &count) == NN_OK ? count : -1;
}

TEST(ApiDeviceTest, DeviceCount) {
  int32_t count = -1;
  EXPECT_EQ(nnc_device_count(NNC_TARGET_CPU, &count), NN_OK);
  EXPECT_EQ(count, 1);
  EXPECT_EQ(nnc_device_count(7, &count), NN_INVALID_ARGUMENT);
  EXPECT_NE(std::string(nnc_last_error_message()).find("unknown target 7"),
            std::string::npos);
  EXPECT_EQ(nnc_device_count(NNC_TARGET_CPU, nullptr), NN_INVALID_ARGUMENT);
  nn_status status = nnc_device_count(NNC_TARGET_VULKAN, &count);
  EXPECT_TRUE(status == NN_OK || status == NN_UNSUPPORTED);
  if (status != NN_OK) {
    EXPECT_STRNE(nnc_last_error_message(), "");
  }
}

TEST(ApiDeviceTest, BadChoices) {
  nnc_options opts;
  ASSERT_EQ(nnc_options_init(&opts), NN_OK);
  EXPECT_EQ(opts.target, NNC_TARGET_CPU);
  EXPECT_EQ(opts.device, 0);
  nnc_session *s = reinterpret_cast<nnc_session *>(0x1);
  opts.target = 9;
  EXPECT_EQ(create(opts, &s), NN_INVALID_ARGUMENT);
  EXPECT_EQ(s, nullptr);
  EXPECT_NE(std::string(nnc_last_error_message()).find("unknown target 9"),
            std::string::npos);
  opts.target = NNC_TARGET_CPU;
  opts.device = 1;
  EXPECT_EQ(create(opts, &s), NN_INVALID_ARGUMENT);
  EXPECT_NE(std::string(nnc_last_error_message()).find("NNC_TARGET_VULKAN"),
            std::string::npos);
  opts.target = NNC_TARGET_VULKAN;
  opts.device = -1;
  EXPECT_EQ(create(opts, &s), NN_INVALID_ARGUMENT);
  int32_t devices = vulkanDevices();
  opts.device = devices < 0 ? 0 : devices; // one past the last
  nn_status status = create(opts, &s);
  EXPECT_EQ(s, nullptr);
  if (devices < 0) {
    EXPECT_EQ(status, NN_UNSUPPORTED);
  } else {
    EXPECT_EQ(status, NN_INVALID_ARGUMENT);
    EXPECT_EQ(std::string(nnc_last_error_message()),
              "no Vulkan device " + std::to_string(devices) + " (there are " +
                  std::to_string(devices) + "; see nnc_device_count)");
  }
  // The C++ wrapper throws the same.
  nnc_options cpp = nnc::targetOptions(NNC_TARGET_CPU, 3);
  EXPECT_THROW(nnc::Session::fromMlir(kModel, &cpp), nnc::Error);
}

TEST(ApiDeviceTest, RunsOnVulkan) {
  int32_t devices = vulkanDevices();
  if (devices <= 0) {
    GTEST_SKIP() << "no Vulkan device";
  }
  EXPECT_EQ(nnc::deviceCount(NNC_TARGET_VULKAN), devices);
  nnc_options opts = nnc::targetOptions(NNC_TARGET_VULKAN, devices - 1);
  nnc_session *s = nullptr;
  ASSERT_EQ(create(opts, &s), NN_OK) << nnc_last_error_message();
  // Two batch sizes: two compiles on the device.
  for (int64_t batch : {2, 5}) {
    std::vector<float> x(batch * 3), y = {1.5f, -2, 0.5f};
    for (size_t i = 0; i < x.size(); ++i) {
      x[i] = static_cast<float>(i) - 4.25f;
    }
    nn_buffer in[2] = {}, out[1] = {};
    int64_t xs[] = {batch, 3}, ys[] = {3};
    ASSERT_EQ(nn_buffer_wrap(x.data(), NN_F32, 2, xs, &in[0]), NN_OK);
    ASSERT_EQ(nn_buffer_wrap(y.data(), NN_F32, 1, ys, &in[1]), NN_OK);
    ASSERT_EQ(nnc_session_run(s, in, 2, out, 1), NN_OK)
        << nnc_session_last_error(s);
    ASSERT_EQ(out[0].rank, 2);
    EXPECT_EQ(out[0].shape[0], batch);
    const float *got = static_cast<const float *>(out[0].data);
    for (size_t i = 0; i < x.size(); ++i) {
      EXPECT_FLOAT_EQ(got[i], std::max(0.0f, x[i] * y[i % 3])) << i;
    }
    nn_buffer_destroy(&out[0]);
  }
  EXPECT_EQ(nnc_session_num_compiles(s), 2u);
  nnc_session_destroy(s);
}

} // namespace
