/* The round trip of one cache line between the first two CPUs this process
 * may run on, in ns: two pinned threads bounce a counter 50000 times; prints
 * the median of 5 tries. It tells where the host placed the two vCPUs of this
 * VM: 100-160 ns when they share a last-level cache, 420-810 ns when they do
 * not (another CCD or socket), which the host changes every few seconds to
 * minutes. Every 2-thread loop hands data written by one thread to the other,
 * so 2-thread latencies depend on it (DCGAN: 0.42 ms at ~110 ns, 0.65-0.80 ms
 * at ~430 ns, against 0.67 ms at 1 thread); bench/models.py prints it beside
 * each 2-thread row. Prints "n/a" with fewer than two CPUs. Linux only;
 * built by bench/run.sh with -O2 -pthread. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define BOUNCES 50000L

static _Alignas(64) atomic_long counter;
static int cpus[2];

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int pin(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

/* Answers every odd value with the next even one. */
static void *echo(void *arg) {
  (void)arg;
  pin(cpus[1]);
  for (long i = 1; i <= BOUNCES; ++i) {
    while (atomic_load_explicit(&counter, memory_order_acquire) != 2 * i - 1) {
    }
    atomic_store_explicit(&counter, 2 * i, memory_order_release);
  }
  return NULL;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(void) {
  cpu_set_t allowed;
  int found = 0;
  if (sched_getaffinity(0, sizeof(allowed), &allowed) == 0) {
    for (int cpu = 0; cpu < CPU_SETSIZE && found < 2; ++cpu) {
      if (CPU_ISSET(cpu, &allowed)) {
        cpus[found++] = cpu;
      }
    }
  }
  if (found < 2 || pin(cpus[0]) != 0) {
    printf("n/a\n");
    return 0;
  }
  enum { TRIES = 5 };
  double ns[TRIES];
  for (int t = 0; t < TRIES; ++t) {
    atomic_store(&counter, 0);
    pthread_t other;
    if (pthread_create(&other, NULL, echo, NULL) != 0) {
      printf("n/a\n");
      return 0;
    }
    double t0 = now();
    for (long i = 1; i <= BOUNCES; ++i) {
      atomic_store_explicit(&counter, 2 * i - 1, memory_order_release);
      while (atomic_load_explicit(&counter, memory_order_acquire) != 2 * i) {
      }
    }
    ns[t] = (now() - t0) / BOUNCES * 1e9;
    pthread_join(other, NULL);
  }
  qsort(ns, TRIES, sizeof(double), by_value);
  printf("%.0f\n", ns[TRIES / 2]);
  return 0;
}
