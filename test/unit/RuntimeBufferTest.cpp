//===- RuntimeBufferTest.cpp - the runtime's buffer ABI
//--------------------===//

#include "runtime/buffer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

namespace {

TEST(RuntimeBuffer, CreateIsAlignedAndZeroed) {
  int64_t shape[] = {3, 5};
  nn_buffer b;
  ASSERT_EQ(nn_buffer_create(NN_F32, 2, shape, &b), NN_OK);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(b.data) % NN_BUFFER_ALIGNMENT, 0u);
  const float *f = static_cast<const float *>(b.data);
  for (int i = 0; i < 15; ++i) {
    EXPECT_EQ(f[i], 0.0f);
  }
  EXPECT_EQ(b.rank, 2);
  EXPECT_EQ(b.shape[1], 5);
  nn_buffer_destroy(&b);
  EXPECT_EQ(b.data, nullptr);
}

TEST(RuntimeBuffer, ByteSize) {
  int64_t shape[] = {2, 3, 4};
  size_t bytes = 0;
  ASSERT_EQ(nn_buffer_byte_size(NN_F64, 3, shape, &bytes), NN_OK);
  EXPECT_EQ(bytes, 2u * 3 * 4 * 8);
  ASSERT_EQ(nn_buffer_byte_size(NN_F32, 0, nullptr, &bytes), NN_OK);
  EXPECT_EQ(bytes, 4u); // a scalar
}

TEST(RuntimeBuffer, RejectsBadShapes) {
  size_t bytes;
  int64_t negative[] = {2, -1};
  EXPECT_EQ(nn_buffer_byte_size(NN_F32, 2, negative, &bytes),
            NN_INVALID_ARGUMENT);
  int64_t huge[] = {INT64_MAX, INT64_MAX};
  EXPECT_EQ(nn_buffer_byte_size(NN_F32, 2, huge, &bytes), NN_OUT_OF_MEMORY);
  nn_buffer b;
  EXPECT_EQ(nn_buffer_create(NN_F32, 2, huge, &b), NN_OUT_OF_MEMORY);
  EXPECT_EQ(nn_buffer_create(NN_F32, NN_MAX_RANK + 1, negative, &b),
            NN_INVALID_ARGUMENT);
  EXPECT_EQ(nn_buffer_create(static_cast<nn_dtype>(99), 0, nullptr, &b),
            NN_INVALID_ARGUMENT);
}

TEST(RuntimeBuffer, WrapDoesNotCopyOrFree) {
  float data[6] = {1, 2, 3, 4, 5, 6};
  int64_t shape[] = {6};
  nn_buffer b;
  ASSERT_EQ(nn_buffer_wrap(data, NN_F32, 1, shape, &b), NN_OK);
  EXPECT_EQ(b.data, data);
  EXPECT_EQ(b.owns_data, 0);
  nn_buffer_destroy(&b); // must not free stack memory
  EXPECT_EQ(data[5], 6.0f);
  EXPECT_EQ(nn_buffer_wrap(nullptr, NN_F32, 1, shape, &b), NN_INVALID_ARGUMENT);
}

TEST(RuntimeBuffer, StatusStrings) {
  EXPECT_STREQ(nn_status_string(NN_OK), "ok");
  EXPECT_STREQ(nn_status_string(NN_OUT_OF_MEMORY), "out of memory");
}

} // namespace
