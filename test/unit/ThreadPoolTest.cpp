//===- ThreadPoolTest.cpp - the parallel loop runtime ---------------------===//
//
// nnc_parallel_for runs every iteration exactly once, over many back-to-back
// loops (the spinning hand-off between the caller and the workers), with
// fewer iterations than threads, with nested loops (run serially), and after
// the thread count changes.
//
//===----------------------------------------------------------------------===//

#include "runtime/threadpool.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace {

struct Counts {
  std::vector<std::atomic<int>> hits;
  explicit Counts(int64_t n) : hits(n) {}
};

void countRange(void *ctx, int64_t begin, int64_t end) {
  auto *counts = static_cast<Counts *>(ctx);
  for (int64_t i = begin; i < end; ++i) {
    counts->hits[i].fetch_add(1);
  }
}

void expectAllOnce(const Counts &counts) {
  for (size_t i = 0; i < counts.hits.size(); ++i) {
    ASSERT_EQ(counts.hits[i].load(), 1) << "iteration " << i;
  }
}

TEST(ThreadPool, EveryIterationOnceOverManyLoops) {
  for (int threads : {2, 3, 4}) {
    nnc_set_num_threads(threads);
    for (int round = 0; round < 500; ++round) {
      int64_t n = 1 + round % 37; // includes counts below the thread count
      Counts counts(n);
      nnc_parallel_for(n, countRange, &counts);
      expectAllOnce(counts);
    }
  }
}

TEST(ThreadPool, SleepingWorkersWakeUp) {
  nnc_set_num_threads(2);
  for (int round = 0; round < 5; ++round) {
    // Longer than the spin phase: the worker is asleep on the next loop.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    Counts counts(1000);
    nnc_parallel_for(1000, countRange, &counts);
    expectAllOnce(counts);
  }
}

struct Nested {
  Counts inner{64};
};

void nestedBody(void *ctx, int64_t begin, int64_t end) {
  auto *nested = static_cast<Nested *>(ctx);
  for (int64_t i = begin; i < end; ++i) {
    Counts row(8);
    nnc_parallel_for(8, countRange, &row); // serial inside a body
    for (auto &h : row.hits) {
      nested->inner.hits[i].fetch_add(h.load());
    }
  }
}

TEST(ThreadPool, NestedLoopsRunSerially) {
  nnc_set_num_threads(2);
  Nested nested;
  nnc_parallel_for(64, nestedBody, &nested);
  for (auto &h : nested.inner.hits) {
    EXPECT_EQ(h.load(), 8);
  }
}

TEST(ThreadPool, ThreadCountChanges) {
  nnc_set_num_threads(1);
  EXPECT_EQ(nnc_get_num_threads(), 1);
  Counts one(100);
  nnc_parallel_for(100, countRange, &one);
  expectAllOnce(one);
  nnc_set_num_threads(3);
  EXPECT_EQ(nnc_get_num_threads(), 3);
  Counts three(100);
  nnc_parallel_for(100, countRange, &three);
  expectAllOnce(three);
}

} // namespace
