/* GEMV on one tile: acc = A_block * x_segment, then the row's partial sums
 * flow east and leave the mesh at the east edge (workloads.h). One tmac per
 * element of x: the column of A times x[k] into the accumulator, one
 * multiply-accumulate per cycle. */
#include <wse.h>

#include "workloads.h"

WSE_HOST_DATA struct wse_args args;
struct wse_stats stats;
WSE_HOST_DATA int16_t A[GEMV_MAX_M * GEMV_MAX_N];  /* column-major block, written by the host */
static int32_t acc[GEMV_MAX_M];

int main(void) {
  const unsigned x = wse_tile_x();
  const unsigned m = args.m, n = args.n;
  if (m == 0 || n == 0 || m > GEMV_MAX_M || n > GEMV_MAX_N || m * n > GEMV_MAX_M * GEMV_MAX_N) return 2;
  for (unsigned i = 0; i < m; ++i) acc[i] = 0;

  wse_dset(0, WSE_MEM32, (uintptr_t)acc, m, 1);
  const uint32_t t0 = wse_cycle();
  for (unsigned k = 0; k < n; ++k) {
    const int32_t xk = (int32_t)wse_recv(GEMV_X);
    wse_dset(1, WSE_MEM16, (uintptr_t)&A[k * m], m, 1);
    wse_tmac(0, 1, xk);
  }
  stats.compute_cycles = wse_cycle() - t0;

  /* Add the partial sums of the tiles to the west, pass the total east. */
  if (x > 0) {
    wse_dset(1, WSE_FAB32, GEMV_P(x - 1), m, 0);
    wse_tadd(0, 1);
  }
  wse_dset(2, WSE_FAB32, GEMV_P(x), m, 0);
  wse_tcopy(2, 0);
  stats.macs = wse_macs();
  stats.zskip = wse_zskip();
  return 0;
}
