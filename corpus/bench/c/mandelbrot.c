/* mandelbrot: C anchor for corpus/bench/mandelbrot.lua -- the same grid,
 * iteration order and bailout, printing the same "inside weighted"
 * integers. Built with gcc -O2. argv[1] = n. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 48;
  long inside = 0, weighted = 0;
  for (long y = 0; y < n; y++) {
    double ci = 2.0 * (double)y / (double)n - 1.0;
    for (long x = 0; x < n; x++) {
      double cr = 2.0 * (double)x / (double)n - 1.5;
      double zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;
      int escaped = 0;
      for (int k = 0; k < 50; k++) {
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
        zr2 = zr * zr;
        zi2 = zi * zi;
        if (zr2 + zi2 > 4.0) {
          escaped = 1;
          break;
        }
      }
      if (!escaped) {
        inside++;
        weighted = (weighted + x * 31 + y * 17) % 1000000007;
      }
    }
  }
  printf("%ld %ld\n", inside, weighted);
  return 0;
}
