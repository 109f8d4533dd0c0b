//===- ApiTest.cpp - the nnc host C API (include/nnc/nnc.h) ------*- C++
//-*-===//
//
// Error paths of the C API (every one a status plus a message, never a
// crash) and the run contract: caller-allocated vs runtime-allocated outputs
// and the per-shape compile cache. Links libnnc.so only, like a host program.
//
//===----------------------------------------------------------------------===//

#include "nnc/nnc.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>

namespace {

// relu(x * y) with a dynamic batch; x: f32[?x3], y: f32[3].
const char *kModel = R"mlir(
func.func @main(%x: tensor<?x3xf32> {nn.name = "x"}, %y: tensor<3xf32>)
    -> tensor<?x3xf32> {
  %0 = nn.mul %x, %y : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  %1 = nn.relu %0 : tensor<?x3xf32>
  return %1 : tensor<?x3xf32>
}
)mlir";

std::string message(const nnc_session *s) { return nnc_session_last_error(s); }

class SessionTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(nnc_session_create_from_mlir(kModel, strlen(kModel), nullptr, &s),
              NN_OK)
        << nnc_last_error_message();
    int64_t xs[] = {2, 3}, ys[] = {3};
    ASSERT_EQ(nn_buffer_wrap(x, NN_F32, 2, xs, &in[0]), NN_OK);
    ASSERT_EQ(nn_buffer_wrap(y, NN_F32, 1, ys, &in[1]), NN_OK);
  }
  void TearDown() override { nnc_session_destroy(s); }

  nnc_session *s = nullptr;
  float x[6] = {1, -2, 3, -4, 5, -6};
  float y[3] = {1, 2, -1};
  nn_buffer in[2] = {};
};

TEST(ApiCreateTest, NullArguments) {
  nnc_session *s = reinterpret_cast<nnc_session *>(0x1);
  EXPECT_EQ(nnc_session_create_from_file(nullptr, nullptr, &s),
            NN_INVALID_ARGUMENT);
  EXPECT_EQ(s, nullptr);
  EXPECT_STRNE(nnc_last_error_message(), "");
  EXPECT_EQ(nnc_session_create_from_file("m.mlir", nullptr, nullptr),
            NN_INVALID_ARGUMENT);
  EXPECT_EQ(nnc_session_create_from_mlir(nullptr, 4, nullptr, &s),
            NN_INVALID_ARGUMENT);
  EXPECT_EQ(nnc_options_init(nullptr), NN_INVALID_ARGUMENT);
}

TEST(ApiCreateTest, BadPaths) {
  nnc_session *s = nullptr;
  EXPECT_EQ(nnc_session_create_from_file("/no/such/model.onnx", nullptr, &s),
            NN_IO_ERROR);
  EXPECT_EQ(s, nullptr);
  EXPECT_NE(std::string(nnc_last_error_message()).find("/no/such/model.onnx"),
            std::string::npos);
  EXPECT_EQ(nnc_session_create_from_file("/no/such/model.mlir", nullptr, &s),
            NN_IO_ERROR);
  EXPECT_EQ(nnc_session_create_from_file("model.txt", nullptr, &s),
            NN_INVALID_ARGUMENT);
  EXPECT_NE(std::string(nnc_last_error_message()).find(".onnx or .mlir"),
            std::string::npos);
}

TEST(ApiCreateTest, BadModels) {
  nnc_session *s = nullptr;
  const char garbage[] = "func.func @main(%x: tensor<2xf32>) -> {";
  EXPECT_EQ(
      nnc_session_create_from_mlir(garbage, sizeof(garbage) - 1, nullptr, &s),
      NN_INVALID_MODEL);
  EXPECT_EQ(s, nullptr);
  EXPECT_NE(std::string(nnc_last_error_message()).find("<mlir text>"),
            std::string::npos);
  const char noMain[] = "func.func @f() { return }";
  EXPECT_EQ(
      nnc_session_create_from_mlir(noMain, sizeof(noMain) - 1, nullptr, &s),
      NN_INVALID_MODEL);
  EXPECT_NE(std::string(nnc_last_error_message()).find("@main"),
            std::string::npos);
  const char unranked[] =
      "func.func @main(%x: tensor<*xf32>) -> tensor<*xf32> { return %x : "
      "tensor<*xf32> }";
  EXPECT_EQ(
      nnc_session_create_from_mlir(unranked, sizeof(unranked) - 1, nullptr, &s),
      NN_INVALID_MODEL);
  EXPECT_EQ(nnc_session_create_from_mlir("", 0, nullptr, &s), NN_INVALID_MODEL);

  // Bytes that are no ONNX model.
  char path[] = "/tmp/nnc-api-test-XXXXXX.onnx";
  int fd = mkstemps(path, 5);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, "not a model", 11), 11);
  close(fd);
  EXPECT_EQ(nnc_session_create_from_file(path, nullptr, &s), NN_INVALID_MODEL);
  EXPECT_EQ(s, nullptr);
  EXPECT_STRNE(nnc_last_error_message(), "");
  unlink(path);
}

TEST(ApiCreateTest, Options) {
  nnc_options opts;
  ASSERT_EQ(nnc_options_init(&opts), NN_OK);
  EXPECT_EQ(opts.num_threads, 0);
  nnc_session *s = nullptr;
  opts.reserved[3] = 1;
  EXPECT_EQ(nnc_session_create_from_mlir(kModel, strlen(kModel), &opts, &s),
            NN_INVALID_ARGUMENT);
  opts.reserved[3] = 0;
  opts.num_threads = -1;
  EXPECT_EQ(nnc_session_create_from_mlir(kModel, strlen(kModel), &opts, &s),
            NN_INVALID_ARGUMENT);
  opts.num_threads = 1;
  ASSERT_EQ(nnc_session_create_from_mlir(kModel, strlen(kModel), &opts, &s),
            NN_OK);
  EXPECT_STREQ(nnc_last_error_message(), "");
  nnc_session_destroy(s);
  EXPECT_EQ(nnc_api_version(), NNC_API_VERSION);
}

TEST(ApiCreateTest, NullSession) {
  EXPECT_EQ(nnc_session_num_inputs(nullptr), 0u);
  EXPECT_EQ(nnc_session_num_outputs(nullptr), 0u);
  EXPECT_EQ(nnc_session_num_compiles(nullptr), 0u);
  EXPECT_STRNE(nnc_session_last_error(nullptr), "");
  EXPECT_EQ(nnc_session_run(nullptr, nullptr, 0, nullptr, 0),
            NN_INVALID_ARGUMENT);
  EXPECT_EQ(
      nnc_session_input_info(nullptr, 0, nullptr, nullptr, nullptr, nullptr),
      NN_INVALID_ARGUMENT);
  nnc_session_destroy(nullptr);
  EXPECT_STREQ(nn_status_string(NN_IO_ERROR), "i/o error");
  EXPECT_STREQ(nn_status_string(NN_INVALID_MODEL), "invalid model");
  EXPECT_STREQ(nn_status_string(NN_RUNTIME_ERROR), "runtime error");
}

TEST_F(SessionTest, Info) {
  ASSERT_EQ(nnc_session_num_inputs(s), 2u);
  ASSERT_EQ(nnc_session_num_outputs(s), 1u);
  const char *name = nullptr;
  nn_dtype dtype = NN_I8;
  int32_t rank = 0;
  const int64_t *shape = nullptr;
  ASSERT_EQ(nnc_session_input_info(s, 0, &name, &dtype, &rank, &shape), NN_OK);
  EXPECT_STREQ(name, "x");
  EXPECT_EQ(dtype, NN_F32);
  ASSERT_EQ(rank, 2);
  EXPECT_EQ(shape[0], -1);
  EXPECT_EQ(shape[1], 3);
  ASSERT_EQ(nnc_session_input_info(s, 1, &name, nullptr, nullptr, nullptr),
            NN_OK);
  EXPECT_STREQ(name, "input_1");
  ASSERT_EQ(nnc_session_output_info(s, 0, &name, &dtype, &rank, &shape), NN_OK);
  EXPECT_STREQ(name, "output_0");
  EXPECT_EQ(shape[0], -1);
  EXPECT_EQ(nnc_session_input_info(s, 2, &name, nullptr, nullptr, nullptr),
            NN_INVALID_ARGUMENT);
  EXPECT_NE(message(s).find("out of range"), std::string::npos);
  EXPECT_EQ(nnc_session_output_info(s, 1, nullptr, nullptr, nullptr, nullptr),
            NN_INVALID_ARGUMENT);
}

TEST_F(SessionTest, RunAllocatesOutputs) {
  nn_buffer out = {};
  ASSERT_EQ(nnc_session_run(s, in, 2, &out, 1), NN_OK) << message(s);
  ASSERT_NE(out.data, nullptr);
  EXPECT_EQ(out.owns_data, 1);
  EXPECT_EQ(out.dtype, NN_F32);
  ASSERT_EQ(out.rank, 2);
  EXPECT_EQ(out.shape[0], 2);
  EXPECT_EQ(out.shape[1], 3);
  // relu([1*1, -2*2, 3*-1, -4*1, 5*2, -6*-1])
  const float want[] = {1, 0, 0, 0, 10, 6};
  for (int k = 0; k < 6; ++k) {
    EXPECT_EQ(static_cast<float *>(out.data)[k], want[k]) << k;
  }
  nn_buffer_destroy(&out);
}

TEST_F(SessionTest, RunInPlaceAndCache) {
  float result[6] = {};
  int64_t shape[] = {2, 3};
  nn_buffer out;
  ASSERT_EQ(nn_buffer_wrap(result, NN_F32, 2, shape, &out), NN_OK);
  ASSERT_EQ(nnc_session_run(s, in, 2, &out, 1), NN_OK) << message(s);
  EXPECT_EQ(out.data, result);
  EXPECT_EQ(result[4], 10);
  EXPECT_EQ(result[5], 6);
  // Same shapes again: no new compile.
  ASSERT_EQ(nnc_session_run(s, in, 2, &out, 1), NN_OK);
  EXPECT_EQ(nnc_session_num_compiles(s), 1u);
  // Another batch: one more compile.
  int64_t one[] = {1, 3};
  in[0].shape[0] = 1;
  nn_buffer small = {};
  ASSERT_EQ(nnc_session_run(s, in, 2, &small, 1), NN_OK) << message(s);
  EXPECT_EQ(small.shape[0], one[0]);
  EXPECT_EQ(static_cast<float *>(small.data)[0], 1);
  nn_buffer_destroy(&small);
  EXPECT_EQ(nnc_session_num_compiles(s), 2u);
}

TEST_F(SessionTest, RunRejectsBadInputs) {
  nn_buffer out = {};
  EXPECT_EQ(nnc_session_run(s, in, 1, &out, 1), NN_INVALID_ARGUMENT);
  EXPECT_NE(message(s).find("takes 2 input(s), got 1"), std::string::npos);
  EXPECT_EQ(nnc_session_run(s, nullptr, 2, &out, 1), NN_INVALID_ARGUMENT);
  EXPECT_EQ(nnc_session_run(s, in, 2, &out, 0), NN_INVALID_ARGUMENT);
  EXPECT_EQ(nnc_session_run(s, in, 2, nullptr, 1), NN_INVALID_ARGUMENT);

  nn_buffer bad[2] = {in[0], in[1]};
  bad[1].dtype = NN_F64;
  EXPECT_EQ(nnc_session_run(s, bad, 2, &out, 1), NN_INVALID_ARGUMENT);
  EXPECT_NE(message(s).find("input 1"), std::string::npos);
  EXPECT_NE(message(s).find("f32[3]"), std::string::npos);

  bad[1] = in[1];
  bad[1].shape[0] = 4; // static extent 3
  EXPECT_EQ(nnc_session_run(s, bad, 2, &out, 1), NN_INVALID_ARGUMENT);
  EXPECT_NE(message(s).find("f32[4]"), std::string::npos);

  bad[1] = in[1];
  bad[1].rank = 2;
  EXPECT_EQ(nnc_session_run(s, bad, 2, &out, 1), NN_INVALID_ARGUMENT);
  bad[1].rank = 99;
  EXPECT_EQ(nnc_session_run(s, bad, 2, &out, 1), NN_INVALID_ARGUMENT);

  bad[1] = in[1];
  bad[0].shape[0] = -5;
  EXPECT_EQ(nnc_session_run(s, bad, 2, &out, 1), NN_INVALID_ARGUMENT);

  bad[0] = in[0];
  bad[0].data = nullptr;
  EXPECT_EQ(nnc_session_run(s, bad, 2, &out, 1), NN_INVALID_ARGUMENT);
  EXPECT_NE(message(s).find("NULL data"), std::string::npos);

  EXPECT_EQ(out.data, nullptr); // nothing was allocated
  EXPECT_EQ(nnc_session_num_compiles(s), 0u);
}

TEST_F(SessionTest, RunRejectsBadCallerOutputs) {
  float result[4] = {};
  int64_t shape[] = {2, 2};
  nn_buffer out[1];
  ASSERT_EQ(nn_buffer_wrap(result, NN_F32, 2, shape, &out[0]), NN_OK);
  EXPECT_EQ(nnc_session_run(s, in, 2, out, 1), NN_INVALID_ARGUMENT);
  EXPECT_NE(message(s).find("this run produces f32[2x3]"), std::string::npos);
  out[0].dtype = NN_I32;
  out[0].shape[1] = 3;
  EXPECT_EQ(nnc_session_run(s, in, 2, out, 1), NN_INVALID_ARGUMENT);
  // The session still works afterwards.
  nn_buffer good = {};
  ASSERT_EQ(nnc_session_run(s, in, 2, &good, 1), NN_OK);
  EXPECT_STREQ(nnc_session_last_error(s), "");
  nn_buffer_destroy(&good);
}

} // namespace

// Input shapes that pass the signature checks but not the model (extents
// that do not broadcast): the compile fails with a message, nothing is
// cached, and the session still runs on good shapes.
TEST(ApiRunTest, CompileFailureIsReported) {
  const char model[] = R"mlir(
func.func @main(%a: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<?xf32> {
  %0 = nn.add %a, %b : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}
)mlir";
  nnc_session *s = nullptr;
  ASSERT_EQ(nnc_session_create_from_mlir(model, sizeof(model) - 1, nullptr, &s),
            NN_OK)
      << nnc_last_error_message();
  float a[2] = {1, 2}, b[3] = {10, 20, 30};
  int64_t two[] = {2}, three[] = {3};
  nn_buffer in[2], out = {};
  ASSERT_EQ(nn_buffer_wrap(a, NN_F32, 1, two, &in[0]), NN_OK);
  ASSERT_EQ(nn_buffer_wrap(b, NN_F32, 1, three, &in[1]), NN_OK);
  EXPECT_EQ(nnc_session_run(s, in, 2, &out, 1), NN_INVALID_MODEL);
  EXPECT_NE(message(s).find("compiling for the given input shapes"),
            std::string::npos)
      << message(s);
  EXPECT_EQ(out.data, nullptr);
  EXPECT_EQ(nnc_session_num_compiles(s), 0u);
  in[1].shape[0] = 2;
  ASSERT_EQ(nnc_session_run(s, in, 2, &out, 1), NN_OK) << message(s);
  EXPECT_EQ(static_cast<float *>(out.data)[1], 22);
  nn_buffer_destroy(&out);
  nnc_session_destroy(s);
}
