/* One tmac over a long fabric stream: the operands arrive from the west
 * edge on STREAM_C while the engine multiplies them into acc, so the loop
 * measures the engine's rate when operands keep arriving (limit 1.0). */
#include <wse.h>

#include "workloads.h"

WSE_HOST_DATA struct wse_args args;   /* m = stream length, n = scalar */
struct wse_stats stats;
WSE_HOST_DATA int32_t acc[STREAM_MAX];

int main(void) {
  const unsigned len = args.m;
  if (len == 0 || len > STREAM_MAX) return 2;
  wse_dset(0, WSE_MEM32, acc, len, 1);
  wse_dset(1, WSE_FAB16, STREAM_C, len, 0);
  const uint32_t t0 = wse_cycle();
  wse_tmac(0, 1, args.n);
  stats.compute_cycles = wse_cycle() - t0;
  stats.macs = wse_macs();
  stats.zskip = wse_zskip();
  return 0;
}
