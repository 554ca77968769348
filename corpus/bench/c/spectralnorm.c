/* spectralnorm: C anchor for corpus/bench/spectralnorm.lua -- the same
 * formula for A(i,j) with 1-based i and j and the same summation order, so
 * the "%.9f" checksum matches. Built with gcc -O2. argv[1] = n. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static double A(long i, long j) {
  double ij = (double)(i + j - 1);
  return 1.0 / (ij * (ij - 1) * 0.5 + (double)i);
}

static void Av(const double *x, double *y, long n) {
  for (long i = 1; i <= n; i++) {
    double a = 0;
    for (long j = 1; j <= n; j++) a = a + x[j] * A(i, j);
    y[i] = a;
  }
}

static void Atv(const double *x, double *y, long n) {
  for (long i = 1; i <= n; i++) {
    double a = 0;
    for (long j = 1; j <= n; j++) a = a + x[j] * A(j, i);
    y[i] = a;
  }
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 40;
  if (n < 1) n = 1;
  double *u = malloc(sizeof(double) * (n + 1)), *v = malloc(sizeof(double) * (n + 1)),
         *t = malloc(sizeof(double) * (n + 1));
  if (!u || !v || !t) return 1;
  for (long i = 1; i <= n; i++) u[i] = 1;
  for (int k = 0; k < 10; k++) {
    Av(u, t, n);
    Atv(t, v, n);
    Av(v, t, n);
    Atv(t, u, n);
  }
  double vBv = 0, vv = 0;
  for (long i = 1; i <= n; i++) {
    vBv = vBv + u[i] * v[i];
    vv = vv + v[i] * v[i];
  }
  printf("%.9f\n", sqrt(vBv / vv));
  free(u);
  free(v);
  free(t);
  return 0;
}
