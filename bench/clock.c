/* Measures this core's clock in GHz: a chain of dependent integer adds runs at
 * one add per cycle on every x86 core, so adds / thread-CPU-second = Hz. Best
 * of 20 tries (the thread CPU clock does not count time other load took).
 * Built and run by bench/run.sh for the fp32 peak line; x86-64 only. */
#include <stdio.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

#define ADD4 "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
#define ADD32 ADD4 ADD4 ADD4 ADD4 ADD4 ADD4 ADD4 ADD4

int main(void) {
  double best = 0;
  for (int t = 0; t < 20; ++t) {
    unsigned long x = 0;
    const long iters = 1000000;
    double t0 = now();
    for (long i = 0; i < iters; ++i)
      __asm__ volatile(ADD32 ADD32 ADD32 ADD32 : "+r"(x));
    double ghz = 128.0 * iters / (now() - t0) / 1e9;
    if (ghz > best)
      best = ghz;
  }
  printf("%.2f\n", best);
  return 0;
}
