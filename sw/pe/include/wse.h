/* wse.h: C intrinsics of the PE's fabric, task and tensor instructions and
 * of the bare-metal runtime (docs/runtime.md; encodings in docs/pe.md).
 *
 * Every instruction is emitted with a `.insn` directive, so no assembler
 * patch is needed. Operands that are instruction fields (the color of
 * wse_send/recv/poll/task_bind, descriptor numbers) must be integer
 * constant expressions: those intrinsics are macros that check the range at
 * compile time. The *v forms take a color in a register.
 *
 * Compiler-visible effects: fabric instructions touch no memory, so they
 * carry no "memory" clobber (they are volatile: never removed, merged or
 * reordered against each other or against the tensor instructions); tensor
 * instructions and wse_task_wait (which runs handlers) clobber memory. */
#ifndef WSE_H
#define WSE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Colors a PE has by default (NumColors); a larger color is illegal. */
#define WSE_NUM_COLORS 24u

/* Descriptor types (wse_dset, wse_dseta). */
#define WSE_MEM16 0u /* int16 in SRAM at addr + i*stride*2, sign-extended on read */
#define WSE_MEM32 1u /* int32 in SRAM at addr + i*stride*4 */
#define WSE_FAB16 2u /* wavelets of color addr[4:0], low 16 bits sign-extended */
#define WSE_FAB32 3u /* wavelets of color addr[4:0], 32 bits */

/* Marks a global the host writes through the config path before the start
 * (inputs, arguments): it lives in .hostdata, outside .bss, so start-up does
 * not clear it. It is not loaded from the ELF either: its initial contents
 * are whatever the host wrote. */
#define WSE_HOST_DATA __attribute__((section(".hostdata")))

/* Compile-time range checks of instruction fields (a statement, so they
 * can open a macro's statement expression). */
#ifdef __cplusplus
#define WSE_STATIC_ASSERT_ static_assert
#else
#define WSE_STATIC_ASSERT_ _Static_assert
#endif
#define WSE_CHECK_COLOR_(c) WSE_STATIC_ASSERT_((unsigned long)(c) < 32u, "wse: color must be a constant 0..31")
#define WSE_CHECK_DESC_(d) WSE_STATIC_ASSERT_((unsigned long)(d) < 4u, "wse: descriptor must be a constant 0..3")

/* ---- fabric (custom-0, opcode 0x0B) ------------------------------------ */

/* fsend: send data on constant color; stalls while the ramp is full. */
#define wse_send(color, data)                                                              \
  do {                                                                                     \
    WSE_CHECK_COLOR_(color);                                                               \
    __asm__ volatile(".insn i 0x0B, 0, x0, %0, %1" : : "r"((uint32_t)(data)), "i"(color)); \
  } while (0)

/* frecv: data of the next wavelet of constant color; stalls until one is there. */
#define wse_recv(color)                                                             \
  __extension__({                                                                   \
    WSE_CHECK_COLOR_(color);                                                        \
    uint32_t wse_v_;                                                                \
    __asm__ volatile(".insn i 0x0B, 1, %0, x0, %1" : "=r"(wse_v_) : "i"(color));    \
    wse_v_;                                                                         \
  })

/* fpoll: 1 if a wavelet of constant color is waiting, else 0. */
#define wse_poll(color)                                                             \
  __extension__({                                                                   \
    WSE_CHECK_COLOR_(color);                                                        \
    uint32_t wse_v_;                                                                \
    __asm__ volatile(".insn i 0x0B, 2, %0, x0, %1" : "=r"(wse_v_) : "i"(color));    \
    wse_v_;                                                                         \
  })

/* fsendv: send data on the color in a register. */
static inline void wse_sendv(uint32_t color, uint32_t data) {
  __asm__ volatile(".insn r 0x0B, 3, 0, x0, %0, %1" : : "r"(data), "r"(color));
}

/* frecvv: next wavelet of the color in a register. */
static inline uint32_t wse_recvv(uint32_t color) {
  uint32_t v;
  __asm__ volatile(".insn i 0x0B, 4, %0, %1, 0" : "=r"(v) : "r"(color));
  return v;
}

/* fpollv: 1 if a wavelet of the color in a register is waiting. */
static inline uint32_t wse_pollv(uint32_t color) {
  uint32_t v;
  __asm__ volatile(".insn i 0x0B, 5, %0, %1, 0" : "=r"(v) : "r"(color));
  return v;
}

/* ---- tasks ------------------------------------------------------------- */

/* ftask: bind constant color to handler (a `void f(void)`); 0 unbinds. */
#define wse_task_bind(color, handler)                                                    \
  do {                                                                                   \
    WSE_CHECK_COLOR_(color);                                                             \
    void (*wse_h_)(void) = (handler);                                                    \
    __asm__ volatile(".insn i 0x0B, 6, x0, %0, %1" : : "r"((uint32_t)(uintptr_t)wse_h_), \
                     "i"(color));                                                        \
  } while (0)

/* twait: wait for data on a bound color, call the lowest such color's handler.
 *
 * twait links through ra exactly like `jal ra, handler`, and the handler is
 * an ordinary C function, so to the compiler this asm is a call to an
 * unknown function: ra and every caller-saved register (t0-t6, a0-a7) are
 * clobbered, and so is memory (the handler shares globals with the caller).
 * The callee-saved registers, sp, gp and tp survive because the handler
 * preserves them. There are no floating-point registers on the PE. */
static inline void wse_task_wait(void) {
  __asm__ volatile(".insn i 0x0B, 7, ra, x0, 0"
                   :
                   :
                   : "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a0", "a1", "a2", "a3", "a4",
                     "a5", "a6", "a7", "memory");
}

/* Run tasks forever; a handler ends the program with wse_exit(). */
static inline __attribute__((noreturn)) void wse_task_loop(void) {
  for (;;) wse_task_wait();
}

/* ---- tensor (custom-1, opcode 0x2B) ------------------------------------ */

/* dseta: descriptor d = {type, addr}; for WSE_FAB* the addr is the color. */
#define wse_dseta(d, type, addr)                                                        \
  do {                                                                                  \
    WSE_CHECK_DESC_(d);                                                                 \
    __asm__ volatile(".insn r 0x2B, 0, %2, x0, %0, %1"                                  \
                     : : "r"((uint32_t)(uintptr_t)(addr)), "r"((uint32_t)(type)), "i"(d)); \
  } while (0)

/* dsetl: descriptor d = {len, stride}; stride is a signed element count. */
#define wse_dsetl(d, len, stride)                                                       \
  do {                                                                                  \
    WSE_CHECK_DESC_(d);                                                                 \
    __asm__ volatile(".insn r 0x2B, 1, %2, x0, %0, %1"                                  \
                     : : "r"((uint32_t)(len)), "r"((uint32_t)(int32_t)(stride)), "i"(d)); \
  } while (0)

/* dseta + dsetl: descriptor d = {type, addr (or color), len, stride}. */
#define wse_dset(d, type, addr, len, stride) \
  do {                                       \
    wse_dseta(d, type, addr);                \
    wse_dsetl(d, len, stride);               \
  } while (0)

/* The tensor instructions read and write the descriptors' memory behind
 * the compiler's back: "memory" clobber. tcopy and tadd need rs1 = x0
 * (a register holding 0 would be a non-zero reserved field: illegal). */
#define WSE_TENSOR_CHECK_(dst, src) \
  WSE_CHECK_DESC_(dst);             \
  WSE_CHECK_DESC_(src)

/* tcopy: dst[i] = src[i] for i < len(src). */
#define wse_tcopy(dst, src)                                                                   \
  do {                                                                                        \
    WSE_TENSOR_CHECK_(dst, src);                                                              \
    __asm__ volatile(".insn r 0x2B, 2, %0, x0, x0, x0" : : "i"(((dst) << 2) | (src)) : "memory"); \
  } while (0)

/* tadd: dst[i] += src[i] (dst in memory). */
#define wse_tadd(dst, src)                                                                    \
  do {                                                                                        \
    WSE_TENSOR_CHECK_(dst, src);                                                              \
    __asm__ volatile(".insn r 0x2B, 3, %0, x0, x0, x0" : : "i"(((dst) << 2) | (src)) : "memory"); \
  } while (0)

/* tmac: dst[i] += src[i] * (int16_t)scalar (dst in memory; zero src[i] skipped). */
#define wse_tmac(dst, src, scalar)                                                 \
  do {                                                                             \
    WSE_TENSOR_CHECK_(dst, src);                                                   \
    __asm__ volatile(".insn r 0x2B, 4, %1, x0, %0, x0"                             \
                     : : "r"((uint32_t)(scalar)), "i"(((dst) << 2) | (src)) : "memory"); \
  } while (0)

/* ---- CSRs -------------------------------------------------------------- */

/* Read a CSR by name or number (the compiler's rv32im has no Zicsr, so it is enabled locally). */
#define wse_csr_read(csr)                                                                    \
  __extension__({                                                                            \
    uint32_t wse_v_;                                                                         \
    __asm__ volatile(".option push\n.option arch, +zicsr\ncsrr %0, " #csr "\n.option pop" \
                     : "=r"(wse_v_));                                                        \
    wse_v_;                                                                                  \
  })

/* mhartid: (y << 10) | x, the tile's coordinates on the logical grid (docs/repair.md: a repaired wafer reports the logical tile, else the physical one). */
static inline uint32_t wse_hartid(void) { return wse_csr_read(mhartid); }
/* This tile's column. */
static inline uint32_t wse_tile_x(void) { return wse_hartid() & 0x3ffu; }
/* This tile's row. */
static inline uint32_t wse_tile_y(void) { return wse_hartid() >> 10; }
/* cycle: cycles since the PE started (low word). */
static inline uint32_t wse_cycle(void) { return wse_csr_read(cycle); }
/* instret: instructions retired since the PE started (low word). */
static inline uint32_t wse_instret(void) { return wse_csr_read(instret); }
/* wsemacs (0xFC0): tmac elements processed. */
static inline uint32_t wse_macs(void) { return wse_csr_read(0xFC0); }
/* wsezskip (0xFC1): tmac elements skipped because the source element was 0. */
static inline uint32_t wse_zskip(void) { return wse_csr_read(0xFC1); }

/* ---- runtime (crt0.S) -------------------------------------------------- */

/* End the program: tohost = (code << 1) | 1; 0 passes. */
void wse_exit(int code) __attribute__((noreturn));

/* What the runtime's trap handler saw last, kept for the host or a debugger. */
struct wse_trap {
  uint32_t mcause, mepc, mtval;
};
extern volatile struct wse_trap wse_last_trap;

/* Exit code of a program ended by the runtime's trap handler. */
#define WSE_TRAP_EXIT(mcause) (128 + (mcause))

#ifdef __cplusplus
}
#endif
#endif
