/* Shared by the workload programs (PE side, C) and their host tests (C++):
 * colors and the layout of the argument block the host writes into each
 * tile before starting it. */
#ifndef WSE_WORKLOADS_H
#define WSE_WORKLOADS_H

#include <stdint.h>

/* GEMV y = A x: A is (H*m) x (W*n) int16, tile (c, r) holds block (r, c)
 * column-major; x[c*n ..] enters column c at the north edge on GEMV_X and
 * is multicast down the column; partial sums move east, alternating colors
 * by column parity, and leave the east edge of row r on GEMV_P(W-1). */
#define GEMV_X 1
#define GEMV_P(col) (2 + ((col) & 1))
#ifdef WSE_SRAM_4K /* the fault-injection tile (scripts/build-programs.sh) */
#define GEMV_MAX_M 16
#define GEMV_MAX_N 16
#else
#define GEMV_MAX_M 128
#define GEMV_MAX_N 128
#endif

/* Stencil: 5-point, int32, new = (4*u + N + S + W + E) >> 3 (arithmetic
 * shift), zero outside the global grid. Halo rows/columns move on colors
 * chosen by the sender's coordinate parity. */
#define ST_UP(y) (4 + ((y) & 1))     /* northward: tile y's top row */
#define ST_DN(y) (6 + ((y) & 1))     /* southward: bottom row */
#define ST_LF(x) (8 + ((x) & 1))     /* westward: left column */
#define ST_RT(x) (10 + ((x) & 1))    /* eastward: right column */
#ifdef WSE_SRAM_4K
#define ST_MAX_CELLS 64
#else
#define ST_MAX_CELLS 1024
#endif

/* All-reduce (sum) of one int32 vector per tile: rows reduce westward,
 * column 0 reduces northward, tile (0,0) broadcasts the total on AR_B. */
#define AR_ROW(x) (12 + ((x) & 1))
#define AR_COL(y) (14 + ((y) & 1))
#define AR_B 16
#ifdef WSE_SRAM_4K
#define AR_MAX_LEN 32
#else
#define AR_MAX_LEN 256
#endif

/* Streamed multiply-accumulate: int16 operands enter tile (0,0) at the west
 * edge on STREAM_C and feed one tmac. */
#define STREAM_C 17
#define STREAM_MAX 2048

/* Argument block (symbol "args"), written by the host through MEM_DATA. */
struct wse_args {
  uint32_t width, height;  /* mesh shape */
  uint32_t m, n;           /* GEMV block; stencil block rows/cols; all-reduce: m = length */
  uint32_t iters;          /* stencil iterations */
  uint32_t reserved[3];
};

/* Results the program leaves for the host (symbol "stats"). */
struct wse_stats {
  uint32_t compute_cycles; /* cycles of the compute loop */
  uint32_t macs;           /* wsemacs at the end */
  uint32_t zskip;          /* wsezskip at the end */
  uint32_t reserved;
};

#endif
