/*===- threadpool.c - the parallel loop runtime of compiled code -*- C -*-===*
 *
 * A fixed set of workers. A loop is published as a "generation": workers
 * pick it up, each runs its chunk, and the last one to finish signals the
 * caller, which ran chunk 0 meanwhile. Static chunks suit the compiled loops
 * (uniform iterations). A model runs its parallel loops back to back, with
 * short serial code between them, so both sides spin for a while (~50 us)
 * before sleeping on a condition variable: waking a sleeping thread costs
 * 10-20 us per loop, more than many of the loops themselves.
 *
 *===----------------------------------------------------------------------===*/
#define _GNU_SOURCE
#include "runtime/threadpool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

/* Spin iterations (each a CPU pause hint) before sleeping. */
#define NNC_SPIN_ITERATIONS 20000

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

#define NNC_MAX_THREADS 256

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work_ready = PTHREAD_COND_INITIALIZER;
static pthread_cond_t work_done = PTHREAD_COND_INITIALIZER;
static pthread_t workers[NNC_MAX_THREADS];
static int num_workers;        /* started worker threads (threads - 1) */
static int wanted_threads;     /* 0: not decided yet */
static int busy;               /* a loop is running on the pool */
static atomic_uint generation; /* bumped for every published loop */
static atomic_int pending;     /* chunks not finished yet */
static int sleepers;           /* workers waiting on work_ready */
static int active_chunks;      /* chunks of the current loop */
static nnc_loop_body cur_body;
static void *cur_ctx;
static int64_t cur_count;
static __thread int in_pool_body; /* nested loops run serially */

static int default_threads(void) {
  const char *env = getenv("NNC_NUM_THREADS");
  if (env) {
    int n = atoi(env);
    if (n >= 1) {
      return n > NNC_MAX_THREADS ? NNC_MAX_THREADS : n;
    }
  }
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  if (cores < 1) {
    return 1;
  }
  return cores > NNC_MAX_THREADS ? NNC_MAX_THREADS : (int)cores;
}

static void chunk_bounds(int64_t count, int chunks, int index, int64_t *begin,
                         int64_t *end) {
  int64_t base = count / chunks, extra = count % chunks;
  *begin = index * base + (index < extra ? index : extra);
  *end = *begin + base + (index < extra ? 1 : 0);
}

static void *worker_main(void *arg) {
  int index = (int)(intptr_t)arg; /* chunk index: 1..num_workers */
  unsigned seen = 0;
  in_pool_body = 1;
  for (;;) {
    unsigned now = atomic_load_explicit(&generation, memory_order_acquire);
    for (int i = 0; now == seen && i < NNC_SPIN_ITERATIONS; ++i) {
      cpu_relax();
      now = atomic_load_explicit(&generation, memory_order_acquire);
    }
    if (now == seen) {
      pthread_mutex_lock(&pool_lock);
      ++sleepers;
      while ((now = atomic_load(&generation)) == seen) {
        pthread_cond_wait(&work_ready, &pool_lock);
      }
      --sleepers;
      pthread_mutex_unlock(&pool_lock);
    }
    seen = now;
    /* The loop's fields were written before the generation was bumped, and
     * stay put until every worker (with a chunk or not) has checked in. */
    if (index < active_chunks) {
      int64_t begin, end;
      chunk_bounds(cur_count, active_chunks, index, &begin, &end);
      if (begin < end) {
        cur_body(cur_ctx, begin, end);
      }
    }
    if (atomic_fetch_sub(&pending, 1) == 1) {
      pthread_mutex_lock(&pool_lock);
      pthread_cond_signal(&work_done);
      pthread_mutex_unlock(&pool_lock);
    }
  }
  return NULL;
}

/* Starts workers up to wanted_threads - 1; called with pool_lock held. */
static void ensure_workers(void) {
  if (wanted_threads == 0) {
    wanted_threads = default_threads();
  }
  while (num_workers < wanted_threads - 1) {
    if (pthread_create(&workers[num_workers], NULL, worker_main,
                       (void *)(intptr_t)(num_workers + 1)) != 0) {
      break; /* fewer threads than asked: still correct */
    }
    pthread_detach(workers[num_workers]);
    ++num_workers;
  }
}

void nnc_set_num_threads(int threads) {
  pthread_mutex_lock(&pool_lock);
  wanted_threads = threads < 1                 ? 1
                   : threads > NNC_MAX_THREADS ? NNC_MAX_THREADS
                                               : threads;
  pthread_mutex_unlock(&pool_lock);
}

int nnc_get_num_threads(void) {
  pthread_mutex_lock(&pool_lock);
  int threads = wanted_threads ? wanted_threads : default_threads();
  pthread_mutex_unlock(&pool_lock);
  return threads;
}

void nnc_parallel_for(int64_t count, nnc_loop_body body, void *ctx) {
  if (count <= 0) {
    return;
  }
  pthread_mutex_lock(&pool_lock);
  ensure_workers();
  int threads =
      wanted_threads < num_workers + 1 ? wanted_threads : num_workers + 1;
  if (in_pool_body || busy || threads <= 1 || count == 1) {
    pthread_mutex_unlock(&pool_lock);
    body(ctx, 0, count);
    return;
  }
  int chunks = count < threads ? (int)count : threads;
  busy = 1;
  cur_body = body;
  cur_ctx = ctx;
  cur_count = count;
  active_chunks = chunks;
  atomic_store(&pending, num_workers);
  atomic_fetch_add_explicit(&generation, 1, memory_order_release);
  if (sleepers > 0) {
    pthread_cond_broadcast(&work_ready);
  }
  pthread_mutex_unlock(&pool_lock);

  int64_t begin, end;
  chunk_bounds(count, chunks, 0, &begin, &end);
  in_pool_body = 1;
  body(ctx, begin, end);
  in_pool_body = 0;

  for (int i = 0; atomic_load(&pending) > 0 && i < NNC_SPIN_ITERATIONS; ++i) {
    cpu_relax();
  }
  pthread_mutex_lock(&pool_lock);
  while (atomic_load(&pending) > 0) {
    pthread_cond_wait(&work_done, &pool_lock);
  }
  busy = 0;
  pthread_mutex_unlock(&pool_lock);
}
