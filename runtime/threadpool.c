/*===- threadpool.c - the parallel loop runtime of compiled code -*- C -*-===*
 *
 * A fixed set of workers. A loop is published as a "generation" split into
 * one chunk per thread (the compiled loops' iterations are uniform). The
 * caller and the workers claim chunks from one atomic counter that also
 * holds the generation, so a chunk is never run twice or for the wrong loop;
 * the caller waits only for chunks that were claimed and are still running.
 * A worker that is not scheduled (a loaded machine, more threads than free
 * cores) thus costs nothing: the caller runs its chunk instead of waiting a
 * scheduler time slice for it, once per loop. A model runs its parallel
 * loops back to back, with short serial code between them, so both sides
 * spin for a while (~50 us) before sleeping on a condition variable: waking
 * a sleeping thread costs 10-20 us per loop, more than many of the loops
 * themselves.
 *
 *===----------------------------------------------------------------------===*/
#define _GNU_SOURCE
#include "runtime/threadpool.h"

#include <pthread.h>
#ifdef __linux__
#include <sched.h>
#endif
#include <stdatomic.h>
#include <stdint.h>
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
/* (generation << 32) | (chunks << 16) | next unclaimed chunk, of the loop
 * being run (chunks <= NNC_MAX_THREADS). */
static _Atomic uint64_t claims;
static atomic_int done_chunks; /* chunks of the current loop finished */
static int caller_waiting;     /* the caller sleeps on work_done */
static int sleepers;           /* workers waiting on work_ready */
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
#ifdef __linux__
  /* The CPUs this process may run on (taskset, a container's cpuset), not
   * every core of the machine: more threads than CPUs queue behind each
   * other, and a loop waits for the last chunk. */
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof(allowed), &allowed) == 0) {
    int count = CPU_COUNT(&allowed);
    if (count >= 1) {
      return count > NNC_MAX_THREADS ? NNC_MAX_THREADS : count;
    }
  }
#endif
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

/* Claims and runs chunks of loop `gen` until none is left; returns how many
 * it ran. The loop's fields stay put while a claimed chunk is unfinished
 * (the caller waits for every chunk before it publishes the next loop), so
 * they are read only after a successful claim. */
static int run_chunks(unsigned gen, int max) {
  int ran = 0;
  while (ran < max) {
    uint64_t c = atomic_load_explicit(&claims, memory_order_acquire);
    int index = (int)(c & 0xffff), chunks = (int)((c >> 16) & 0xffff);
    if ((unsigned)(c >> 32) != gen || index >= chunks) {
      return ran;
    }
    if (!atomic_compare_exchange_weak_explicit(
            &claims, &c, c + 1, memory_order_acq_rel, memory_order_acquire)) {
      continue;
    }
    int64_t begin, end;
    chunk_bounds(cur_count, chunks, index, &begin, &end);
    if (begin < end) {
      cur_body(cur_ctx, begin, end);
    }
    ++ran;
    if (atomic_fetch_add_explicit(&done_chunks, 1, memory_order_acq_rel) + 1 ==
        chunks) {
      pthread_mutex_lock(&pool_lock);
      if (caller_waiting) {
        pthread_cond_signal(&work_done);
      }
      pthread_mutex_unlock(&pool_lock);
    }
  }
  return ran;
}

static void *worker_main(void *arg) {
  (void)arg;
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
    run_chunks(now, NNC_MAX_THREADS);
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
  atomic_store(&done_chunks, 0);
  unsigned gen = atomic_load(&generation) + 1;
  atomic_store_explicit(&claims, (uint64_t)gen << 32 | (uint64_t)chunks << 16,
                        memory_order_release);
  atomic_store_explicit(&generation, gen, memory_order_release);
  if (sleepers > 0) {
    pthread_cond_broadcast(&work_ready);
  }
  pthread_mutex_unlock(&pool_lock);

  /* Every chunk no worker has claimed yet runs here (a worker that is not
   * scheduled never holds the loop up), then only claimed chunks are
   * waited for. */
  in_pool_body = 1;
  run_chunks(gen, NNC_MAX_THREADS);
  in_pool_body = 0;
  for (int i = 0; atomic_load(&done_chunks) < chunks && i < NNC_SPIN_ITERATIONS;
       ++i) {
    cpu_relax();
  }
  pthread_mutex_lock(&pool_lock);
  caller_waiting = 1;
  while (atomic_load(&done_chunks) < chunks) {
    pthread_cond_wait(&work_done, &pool_lock);
  }
  caller_waiting = 0;
  busy = 0;
  pthread_mutex_unlock(&pool_lock);
}
