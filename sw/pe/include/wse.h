/* wse.h: C intrinsics for the PE's fabric, task and tensor instructions
 * (encodings: docs/pe.md) and helpers of the bare-metal runtime
 * (docs/runtime.md). Colors of the immediate forms must be compile-time
 * constants; the *v forms take a color in a register. */
#ifndef WSE_H
#define WSE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Descriptor types for wse_dset. */
#define WSE_MEM16 0u  /* int16 vector in SRAM */
#define WSE_MEM32 1u  /* int32 vector in SRAM */
#define WSE_FAB16 2u  /* wavelets of a color, low 16 bits sign-extended */
#define WSE_FAB32 3u  /* wavelets of a color, 32 bits */

/* Marks a global the host writes through the config path before the start
 * (inputs, arguments): it lives outside .bss, so start-up does not clear it. */
#define WSE_HOST_DATA __attribute__((section(".hostdata")))

/* ---- fabric ---- */
/* Send data on a constant color; stalls while the ramp is full. */
#define wse_send(color, data) \
  __asm__ volatile(".insn i 0x0B, 0, x0, %0, %1" : : "r"((uint32_t)(data)), "i"(color) : "memory")
/* Receive the next wavelet of a constant color; stalls until one arrives. */
#define wse_recv(color) __extension__({ uint32_t _v; \
  __asm__ volatile(".insn i 0x0B, 1, %0, x0, %1" : "=r"(_v) : "i"(color) : "memory"); _v; })
/* 1 if a wavelet of a constant color is waiting, else 0. */
#define wse_poll(color) __extension__({ uint32_t _v; \
  __asm__ volatile(".insn i 0x0B, 2, %0, x0, %1" : "=r"(_v) : "i"(color)); _v; })

/* Register-color forms. */
static inline void wse_sendv(uint32_t color, uint32_t data) {
  __asm__ volatile(".insn r 0x0B, 3, 0, x0, %0, %1" : : "r"(data), "r"(color) : "memory");
}
static inline uint32_t wse_recvv(uint32_t color) {
  uint32_t v;
  __asm__ volatile(".insn i 0x0B, 4, %0, %1, 0" : "=r"(v) : "r"(color) : "memory");
  return v;
}
static inline uint32_t wse_pollv(uint32_t color) {
  uint32_t v;
  __asm__ volatile(".insn i 0x0B, 5, %0, %1, 0" : "=r"(v) : "r"(color));
  return v;
}

/* ---- tasks ---- */
/* Bind a constant color to handler (a plain void function); 0 unbinds. */
#define wse_task_bind(color, handler) \
  __asm__ volatile(".insn i 0x0B, 6, x0, %0, %1" : : "r"((uint32_t)(uintptr_t)(handler)), "i"(color) : "memory")
/* Wait for a bound color with data and call its handler (the lowest such
 * color). twait links through ra like a call, so everything a call may
 * clobber is declared clobbered. */
static inline void wse_task_wait(void) {
  __asm__ volatile(".insn i 0x0B, 7, ra, x0, 0"
                   : : : "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a0", "a1", "a2", "a3", "a4",
                     "a5", "a6", "a7", "memory");
}
/* Run tasks forever; a handler ends the program with wse_exit. */
static inline __attribute__((noreturn)) void wse_task_loop(void) {
  for (;;) wse_task_wait();
}

/* ---- tensor ---- */
/* Descriptor d (0..3) = {type, addr (or color), len, stride in elements}. */
#define wse_dset(d, type, addr, len, stride) do { \
  __asm__ volatile(".insn r 0x2B, 0, %2, x0, %0, %1" : : "r"((uint32_t)(addr)), "r"((uint32_t)(type)), "i"(d)); \
  __asm__ volatile(".insn r 0x2B, 1, %2, x0, %0, %1" : : "r"((uint32_t)(len)), "r"((int32_t)(stride)), "i"(d)); \
} while (0)
/* dst[i] = src[i] for i < len(src). */
#define wse_tcopy(dst, src) __asm__ volatile(".insn r 0x2B, 2, %0, x0, x0, x0" : : "i"(((dst) << 2) | (src)) : "memory")
/* dst[i] += src[i] (dst in memory). */
#define wse_tadd(dst, src) __asm__ volatile(".insn r 0x2B, 3, %0, x0, x0, x0" : : "i"(((dst) << 2) | (src)) : "memory")
/* dst[i] += src[i] * (int16)scalar (dst in memory; zero src elements skipped). */
#define wse_tmac(dst, src, scalar) \
  __asm__ volatile(".insn r 0x2B, 4, %1, x0, %0, x0" : : "r"((uint32_t)(scalar)), "i"(((dst) << 2) | (src)) : "memory")

/* ---- CSRs and runtime ---- */
/* The compiler's -march=rv32im names no Zicsr; enable it for this one instruction. */
#define wse_csr_read(csr) __extension__({ uint32_t _v; \
  __asm__ volatile(".option push\n.option arch, +zicsr\ncsrr %0, " #csr "\n.option pop" : "=r"(_v)); _v; })
static inline uint32_t wse_hartid(void) { return wse_csr_read(mhartid); }
static inline uint32_t wse_tile_x(void) { return wse_hartid() & 0x3ffu; }
static inline uint32_t wse_tile_y(void) { return wse_hartid() >> 10; }
static inline uint32_t wse_cycle(void) { return wse_csr_read(mcycle); }
static inline uint32_t wse_instret(void) { return wse_csr_read(minstret); }
static inline uint32_t wse_macs(void) { return wse_csr_read(0xFC0); }
static inline uint32_t wse_zskip(void) { return wse_csr_read(0xFC1); }

/* End the program with `code` (0 = pass): tohost = (code << 1) | 1. */
void wse_exit(int code) __attribute__((noreturn));

/* The last trap the runtime's handler saw: mcause, mepc, mtval. */
extern uint32_t wse_last_trap[3];

#ifdef __cplusplus
}
#endif
#endif
