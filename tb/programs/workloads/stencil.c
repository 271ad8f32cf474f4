/* 2D 5-point stencil on one tile's block of the grid, with halo exchange.
 * new = (4*u + N + S + W + E) >> 3, zero outside the global grid.
 * Halos move element by element: send this element to every neighbour, then
 * take the neighbours' elements as they arrive (polling, so a wavelet that
 * arrives first never waits behind one that has not). At most one element
 * per color is in flight, which the receive buffers always hold: no
 * deadlock whatever the neighbours' progress. */
#include <wse.h>

#include "workloads.h"

WSE_HOST_DATA struct wse_args args;
struct wse_stats stats;
WSE_HOST_DATA int32_t grid[ST_MAX_CELLS];           /* bh x bw block, row-major: input and result */
static int32_t next[ST_MAX_CELLS];
static int32_t halo_n[ST_MAX_CELLS], halo_s[ST_MAX_CELLS], halo_w[ST_MAX_CELLS], halo_e[ST_MAX_CELLS];

/* Exchanges one line with the two neighbours along an axis. lo/hi say
 * whether the neighbour exists; the received lines land in in_lo/in_hi. */
static void exchange(unsigned len, int has_lo, int has_hi, const int32_t *out_lo, unsigned out_lo_step,
                     const int32_t *out_hi, unsigned out_hi_step, unsigned c_send_lo, unsigned c_send_hi,
                     unsigned c_recv_lo, unsigned c_recv_hi, int32_t *in_lo, int32_t *in_hi) {
  for (unsigned j = 0; j < len; ++j) {
    if (has_lo) wse_sendv(c_send_lo, (uint32_t)out_lo[j * out_lo_step]);
    if (has_hi) wse_sendv(c_send_hi, (uint32_t)out_hi[j * out_hi_step]);
    int need_lo = has_lo, need_hi = has_hi;
    while (need_lo || need_hi) {
      if (need_lo && wse_pollv(c_recv_lo)) { in_lo[j] = (int32_t)wse_recvv(c_recv_lo); need_lo = 0; }
      if (need_hi && wse_pollv(c_recv_hi)) { in_hi[j] = (int32_t)wse_recvv(c_recv_hi); need_hi = 0; }
    }
  }
}

int main(void) {
  const unsigned x = wse_tile_x(), y = wse_tile_y();
  const unsigned W = args.width, H = args.height, bh = args.m, bw = args.n;
  if (bh == 0 || bw == 0 || bh * bw > ST_MAX_CELLS) return 2;
  const int has_n = y > 0, has_s = y + 1 < H, has_w = x > 0, has_e = x + 1 < W;
  for (unsigned j = 0; j < bw; ++j) { halo_n[j] = 0; halo_s[j] = 0; }
  for (unsigned i = 0; i < bh; ++i) { halo_w[i] = 0; halo_e[i] = 0; }

  const uint32_t t0 = wse_cycle();
  for (unsigned t = 0; t < args.iters; ++t) {
    /* Vertical: my top row goes north, my bottom row south. */
    exchange(bw, has_n, has_s, &grid[0], 1, &grid[(bh - 1) * bw], 1, ST_UP(y), ST_DN(y), ST_DN(y - 1),
             ST_UP(y + 1), halo_n, halo_s);
    /* Horizontal: my left column goes west, my right column east. */
    exchange(bh, has_w, has_e, &grid[0], bw, &grid[bw - 1], bw, ST_LF(x), ST_RT(x), ST_RT(x - 1),
             ST_LF(x + 1), halo_w, halo_e);
    for (unsigned i = 0; i < bh; ++i) {
      for (unsigned j = 0; j < bw; ++j) {
        const int32_t c = grid[i * bw + j];
        const int32_t nn = i > 0 ? grid[(i - 1) * bw + j] : halo_n[j];
        const int32_t ss = i + 1 < bh ? grid[(i + 1) * bw + j] : halo_s[j];
        const int32_t ww = j > 0 ? grid[i * bw + j - 1] : halo_w[i];
        const int32_t ee = j + 1 < bw ? grid[i * bw + j + 1] : halo_e[i];
        const uint32_t s = 4u * (uint32_t)c + (uint32_t)nn + (uint32_t)ss + (uint32_t)ww + (uint32_t)ee;
        next[i * bw + j] = (int32_t)s >> 3;
      }
    }
    for (unsigned k = 0; k < bh * bw; ++k) grid[k] = next[k];
  }
  stats.compute_cycles = wse_cycle() - t0;
  return 0;
}
