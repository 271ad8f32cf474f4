/* All-reduce (sum) of one int32 vector per tile (workloads.h): each row
 * reduces westward, column 0 reduces northward, tile (0,0) multicasts the
 * total, which every other tile receives into `result`. Each step is one
 * tensor instruction over the whole vector: tadd from the fabric, tcopy to
 * the fabric. */
#include <wse.h>

#include "workloads.h"

WSE_HOST_DATA struct wse_args args;
struct wse_stats stats;
WSE_HOST_DATA int32_t vec[AR_MAX_LEN];     /* this tile's input, written by the host */
int32_t result[AR_MAX_LEN];  /* the sum over all tiles */

int main(void) {
  const unsigned x = wse_tile_x(), y = wse_tile_y();
  const unsigned W = args.width, H = args.height, len = args.m;
  if (len == 0 || len > AR_MAX_LEN) return 2;
  const uint32_t t0 = wse_cycle();
  wse_dset(0, WSE_MEM32, (uintptr_t)vec, len, 1);
  if (x + 1 < W) {  /* partial sum of the tiles to the east */
    wse_dset(1, WSE_FAB32, AR_ROW(x + 1), len, 0);
    wse_tadd(0, 1);
  }
  if (x > 0) {
    wse_dset(1, WSE_FAB32, AR_ROW(x), len, 0);
    wse_tcopy(1, 0);
  } else {
    if (y + 1 < H) {  /* row sums of the rows to the south */
      wse_dset(1, WSE_FAB32, AR_COL(y + 1), len, 0);
      wse_tadd(0, 1);
    }
    if (y > 0) {
      wse_dset(1, WSE_FAB32, AR_COL(y), len, 0);
      wse_tcopy(1, 0);
    }
  }
  wse_dset(2, WSE_MEM32, (uintptr_t)result, len, 1);
  if (x == 0 && y == 0) {
    wse_dset(1, WSE_FAB32, AR_B, len, 0);
    if (W * H > 1) wse_tcopy(1, 0);  /* broadcast */
    wse_tcopy(2, 0);
  } else {
    wse_dset(1, WSE_FAB32, AR_B, len, 0);
    wse_tcopy(2, 1);
  }
  stats.compute_cycles = wse_cycle() - t0;
  return 0;
}
