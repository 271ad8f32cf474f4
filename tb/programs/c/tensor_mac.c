/* Tensor intrinsics against plain C loops run on the PE itself: axpy with
 * tmac over a memory (MEM16) and a fabric (FAB16) operand, a small GEMV as
 * one tmac per column, a zero-stride accumulation, tadd with a negative
 * stride and tcopy through the fabric. The x vector is sparse, and the
 * zero-skip counter must count exactly its zeros. */
#include <wse.h>

#define N 24
#define M 6 /* GEMV rows */
#define K 5 /* GEMV columns */

static int16_t x[N];
static int32_t y[N], ref[N];
static int16_t A[K][M]; /* column-major: A[k] is column k */
static int32_t gy[M], gref[M];

int main(void) {
  uint32_t zeros = 0;
  for (int i = 0; i < N; ++i) {
    x[i] = (int16_t)((i % 3 == 0) ? 0 : (i * 37 - 300)); /* a third are zero */
    zeros += x[i] == 0;
    y[i] = ref[i] = i * 1000 - 5000;
  }

  /* axpy, memory operands: y += x * s. */
  const int32_t s = -77;
  for (int i = 0; i < N; ++i) ref[i] += x[i] * s;
  uint32_t macs0 = wse_macs(), skip0 = wse_zskip();
  wse_dset(0, WSE_MEM32, y, N, 1);
  wse_dset(1, WSE_MEM16, x, N, 1);
  wse_tmac(0, 1, s);
  for (int i = 0; i < N; ++i)
    if (y[i] != ref[i]) return 1;
  if (wse_macs() - macs0 != N) return 2;
  if (wse_zskip() - skip0 != zeros) return 3;

  /* axpy with x streamed from the fabric (FAB16), three elements per
   * tmac: at most three wavelets of a color wait in the loopback. */
  for (int i = 0; i < N; ++i) ref[i] += x[i] * 5;
  macs0 = wse_macs();
  skip0 = wse_zskip();
  for (int b = 0; b < N; b += 3) {
    for (int i = 0; i < 3; ++i) wse_send(6, (uint32_t)(int32_t)x[b + i]);
    wse_dset(2, WSE_FAB16, 6, 3, 0);
    wse_dset(0, WSE_MEM32, &y[b], 3, 1);
    wse_tmac(0, 2, 5);
  }
  for (int i = 0; i < N; ++i)
    if (y[i] != ref[i]) return 4;
  if (wse_macs() - macs0 != N || wse_zskip() - skip0 != zeros) return 5;

  /* GEMV gy = A * x[0..K-1]: one tmac per column, scaled by x[k]. */
  for (int k = 0; k < K; ++k)
    for (int r = 0; r < M; ++r) A[k][r] = (int16_t)((r + 1) * (k - 2) * 111);
  for (int r = 0; r < M; ++r) {
    gref[r] = 0;
    for (int k = 0; k < K; ++k) gref[r] += A[k][r] * x[k];
  }
  wse_dset(0, WSE_MEM32, gy, M, 1);
  for (int k = 0; k < K; ++k) {
    wse_dset(1, WSE_MEM16, A[k], M, 1);
    wse_tmac(0, 1, x[k]);
  }
  for (int r = 0; r < M; ++r)
    if (gy[r] != gref[r]) return 6;

  /* Zero destination stride: acc = sum(x) * 3 in one instruction. */
  int32_t acc = 0, acc_ref = 0;
  for (int i = 0; i < N; ++i) acc_ref += x[i] * 3;
  wse_dset(0, WSE_MEM32, &acc, 1, 0);
  wse_dset(1, WSE_MEM16, x, N, 1);
  wse_tmac(0, 1, 3);
  if (acc != acc_ref) return 7;

  /* tadd with a negative stride: y[i] += y[N-1-i] for the first half. */
  for (int i = 0; i < N / 2; ++i) ref[i] += ref[N - 1 - i];
  wse_dset(0, WSE_MEM32, y, N / 2, 1);
  wse_dset(1, WSE_MEM32, &y[N - 1], N / 2, -1);
  wse_tadd(0, 1);
  for (int i = 0; i < N; ++i)
    if (y[i] != ref[i]) return 8;

  /* tcopy memory -> fabric (FAB32, color 11) -> memory. */
  wse_dset(0, WSE_MEM32, y, 3, 1);
  wse_dset(1, WSE_FAB32, 11, 3, 0);
  wse_tcopy(1, 0);
  wse_dset(2, WSE_MEM32, &y[10], 3, 1);
  wse_tcopy(2, 1);
  for (int i = 0; i < 3; ++i)
    if (y[10 + i] != ref[i]) return 9;
  return 0;
}
