/* fannkuch: C anchor for corpus/bench/fannkuch.lua -- the Benchmarks Game
 * fannkuch-redux with the same permutation order, printing "checksum
 * maxflips". Built with gcc -O2. argv[1] = n (at most 16). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 7;
  if (n < 1 || n > 16) return 1;
  int perm[17], perm1[17], count[17];
  for (int i = 0; i < n; i++) perm1[i] = i;
  long checksum = 0, permcount = 0;
  int maxflips = 0, r = n;
  for (;;) {
    while (r != 1) {
      count[r - 1] = r;
      r--;
    }
    for (int i = 0; i < n; i++) perm[i] = perm1[i];
    int flips = 0, k;
    while ((k = perm[0]) != 0) {
      for (int i = 0, j = k; i < j; i++, j--) {
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      flips++;
    }
    if (flips > maxflips) maxflips = flips;
    checksum += (permcount % 2 == 0) ? flips : -flips;
    for (;;) {
      if (r == n) {
        printf("%ld %d\n", checksum, maxflips);
        return 0;
      }
      int perm0 = perm1[0];
      for (int i = 0; i < r; i++) perm1[i] = perm1[i + 1];
      perm1[r] = perm0;
      if (--count[r] > 0) break;
      r++;
    }
    permcount++;
  }
}
