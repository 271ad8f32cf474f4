/* Tensor instructions against plain C loops run on the PE itself: axpy with
 * tmac over memory and fabric (FAB16) operands, tadd, tcopy, and the zero-
 * skip counter on a sparse vector. */
#include <wse.h>

#define N 24
static int16_t x[N];
static int32_t y[N], ref[N];

int main(void) {
  uint32_t zeros = 0;
  for (int i = 0; i < N; ++i) {
    x[i] = (int16_t)((i % 3 == 0) ? 0 : (i * 37 - 300));  /* a third are zero */
    zeros += x[i] == 0;
    y[i] = ref[i] = i * 1000 - 5000;
  }
  const int32_t s = -77;
  for (int i = 0; i < N; ++i) ref[i] += x[i] * s;
  const uint32_t macs0 = wse_macs(), skip0 = wse_zskip();
  wse_dset(0, WSE_MEM32, y, N, 1);
  wse_dset(1, WSE_MEM16, x, N, 1);
  wse_tmac(0, 1, s);
  for (int i = 0; i < N; ++i)
    if (y[i] != ref[i]) return 1;
  if (wse_macs() - macs0 != N) return 2;
  if (wse_zskip() - skip0 != zeros) return 3;

  /* Same from the fabric: 8 elements at a time (buffers hold a few). */
  for (int i = 0; i < N; ++i) ref[i] += x[i] * 5;
  for (int b = 0; b < N; b += 4) {
    for (int i = 0; i < 4; ++i) wse_send(6, (uint32_t)(int32_t)x[b + i]);
    wse_dset(2, WSE_FAB16, 6, 4, 0);
    wse_dset(0, WSE_MEM32, &y[b], 4, 1);
    wse_tmac(0, 2, 5);
  }
  for (int i = 0; i < N; ++i)
    if (y[i] != ref[i]) return 4;

  /* tadd with a negative stride: y[i] += y[N-1-i] for the first half. */
  for (int i = 0; i < N / 2; ++i) ref[i] += ref[N - 1 - i];
  wse_dset(0, WSE_MEM32, y, N / 2, 1);
  wse_dset(1, WSE_MEM32, &y[N - 1], N / 2, -1);
  wse_tadd(0, 1);
  for (int i = 0; i < N; ++i)
    if (y[i] != ref[i]) return 5;

  /* tcopy memory -> fabric -> memory. */
  wse_dset(0, WSE_MEM32, y, 3, 1);
  wse_dset(1, WSE_FAB32, 11, 3, 0);
  wse_tcopy(1, 0);
  wse_dset(2, WSE_MEM32, &y[10], 3, 1);
  wse_tcopy(2, 1);
  for (int i = 0; i < 3; ++i)
    if (y[10 + i] != ref[i]) return 6;
  return 0;
}
