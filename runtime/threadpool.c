/*===- threadpool.c - the parallel loop runtime of compiled code -*- C -*-===*
 *
 * A fixed set of workers sleeping on a condition variable. A loop is
 * published as a "generation": workers wake, each runs its chunk, and the
 * last one to finish signals the caller, which ran chunk 0 meanwhile.
 * Static chunks suit the compiled loops (uniform iterations); one mutex
 * round-trip per loop keeps the overhead at a few microseconds.
 *
 *===----------------------------------------------------------------------===*/
#define _GNU_SOURCE
#include "runtime/threadpool.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#define NNC_MAX_THREADS 256

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work_ready = PTHREAD_COND_INITIALIZER;
static pthread_cond_t work_done = PTHREAD_COND_INITIALIZER;
static pthread_t workers[NNC_MAX_THREADS];
static int num_workers;     /* started worker threads (threads - 1) */
static int wanted_threads;  /* 0: not decided yet */
static int busy;            /* a loop is running on the pool */
static unsigned generation; /* bumped for every published loop */
static int pending;         /* chunks not finished yet */
static int active_chunks;   /* chunks of the current loop */
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
  pthread_mutex_lock(&pool_lock);
  for (;;) {
    while (generation == seen) {
      pthread_cond_wait(&work_ready, &pool_lock);
    }
    seen = generation;
    if (index >= active_chunks) {
      continue; /* this loop has fewer chunks than workers */
    }
    nnc_loop_body body = cur_body;
    void *ctx = cur_ctx;
    int64_t begin, end;
    chunk_bounds(cur_count, active_chunks, index, &begin, &end);
    pthread_mutex_unlock(&pool_lock);
    if (begin < end) {
      body(ctx, begin, end);
    }
    pthread_mutex_lock(&pool_lock);
    if (--pending == 0) {
      pthread_cond_signal(&work_done);
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
  pending = chunks - 1;
  ++generation;
  pthread_cond_broadcast(&work_ready);
  pthread_mutex_unlock(&pool_lock);

  int64_t begin, end;
  chunk_bounds(count, chunks, 0, &begin, &end);
  in_pool_body = 1;
  body(ctx, begin, end);
  in_pool_body = 0;

  pthread_mutex_lock(&pool_lock);
  while (pending > 0) {
    pthread_cond_wait(&work_done, &pool_lock);
  }
  busy = 0;
  pthread_mutex_unlock(&pool_lock);
}
