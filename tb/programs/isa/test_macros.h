/* Boilerplate of the directed ISA tests, the .S files beside this one
 * (conventions in docs/runtime.md, "ISA tests").
 *
 * A test is `main` in assembly, started by the runtime's crt0 like any C
 * program, so the exit path under test is the one every program uses:
 *
 *   #include "test_macros.h"
 *   TEST_BEGIN
 *     TEST_RR_OP(1, add, 3, 1, 2)
 *     ...
 *   TEST_END
 *
 * A failing check exits with its TEST_CASE number (1..125); 126 is a
 * failure before the first case, 127 a signature overflow, 128 + mcause a
 * trap nobody expected. Each check also appends the value it checked to the
 * signature (begin_signature..end_signature), which the lockstep run
 * compares between the RTL and the ISS.
 *
 * Registers the macros own (tests leave them alone):
 *   s11  number of the current test case        s10  signature write pointer
 *   s9   resume address after the next trap     s8   1 while a trap is expected
 *   t2   scratch of the CHECK macros
 *   t3..t6  set by the trap vector: mstatus, mcause, mepc, mtval at entry
 */
#ifndef WSE_TEST_MACROS_H
#define WSE_TEST_MACROS_H

/* gp-relative relaxation would make `la` depend on gp, which tests clobber. */
.option norelax

/* Signature words; a test that checks more defines it before the include. */
#ifndef SIG_WORDS
#define SIG_WORDS 256
#endif

#define TESTNUM s11
#define SIGPTR s10
#define RESUME s9
#define EXPECT s8

/* ---- structure --------------------------------------------------------- */

#define TEST_BEGIN                  \
  .text;                            \
  .balign 4;                        \
  .globl main;                      \
  .type main, @function;            \
main:                               \
  li TESTNUM, 126;                  \
  la SIGPTR, begin_signature;       \
  li RESUME, 0;                     \
  li EXPECT, 0;                     \
  la t0, test_trap_vector;          \
  csrw mtvec, t0;

/* The trap vector records the CSRs in t3..t6 and resumes at RESUME, or
 * after the trapping instruction when RESUME is 0. It retires exactly 11
 * instructions when a trap was expected and RESUME is 0 (the trap tests
 * count them through minstret). */
#define TEST_END                                  \
  la t0, end_signature;                           \
  bgtu SIGPTR, t0, test_sig_overflow;             \
  li a0, 0;                                       \
  j wse_exit;                                     \
test_fail:                                        \
  mv a0, TESTNUM;                                 \
  j wse_exit;                                     \
test_sig_overflow:                                \
  li a0, 127;                                     \
  j wse_exit;                                     \
  .balign 4;                                      \
test_trap_vector:                                 \
  csrr t3, mstatus;                               \
  csrr t4, mcause;                                \
  csrr t5, mepc;                                  \
  csrr t6, mtval;                                 \
  beqz EXPECT, test_unexpected_trap;              \
  li EXPECT, 0;                                   \
  bnez RESUME, 1f;                                \
  addi RESUME, t5, 4;                             \
1:csrw mepc, RESUME;                              \
  li RESUME, 0;                                   \
  mret;                                           \
test_unexpected_trap:                             \
  la t0, wse_last_trap;                           \
  sw t4, 0(t0);                                   \
  sw t5, 4(t0);                                   \
  sw t6, 8(t0);                                   \
  addi a0, t4, 128;                               \
  j wse_exit;                                     \
  .size main, . - main;                           \
  .bss;                                           \
  .balign 16;                                     \
  .globl begin_signature;                         \
begin_signature:                                  \
  .space 4 * SIG_WORDS;                           \
  .globl end_signature;                           \
end_signature:                                    \
  .text;

/* ---- checks ------------------------------------------------------------ */

#define TEST_CASE(n) li TESTNUM, n

/* Appends a register to the signature. */
#define SIG(reg)         \
  sw reg, 0(SIGPTR);     \
  addi SIGPTR, SIGPTR, 4

/* Fails the current case unless reg == val (and records reg). */
#define CHECK(reg, val) \
  SIG(reg);             \
  li t2, val;           \
  bne reg, t2, test_fail

/* Loads the address of label without auipc (lui + addi, absolute), so the
 * checks of auipc, jal and jalr do not lean on what they test. */
#define LA_ABS(reg, label)    \
  lui reg, %hi(label);        \
  addi reg, reg, %lo(label)

/* Fails the current case unless reg == the address of label (or the
 * value of an absolute symbol or number). */
#define CHECK_ADDR(reg, label) \
  SIG(reg);                    \
  LA_ABS(t2, label);           \
  bne reg, t2, test_fail

/* Fails the current case unless reg == reg2. */
#define CHECK_EQ(reg, reg2) \
  SIG(reg);                 \
  bne reg, reg2, test_fail

/* ---- register-register and register-immediate ops ---------------------- */

#define TEST_RR_OP(n, inst, result, v1, v2) \
  TEST_CASE(n);                             \
  li a1, v1;                                \
  li a2, v2;                                \
  inst a0, a1, a2;                          \
  CHECK(a0, result)

#define TEST_RR_SRC1_EQ_DEST(n, inst, result, v1, v2) \
  TEST_CASE(n);                                       \
  li a1, v1;                                          \
  li a2, v2;                                          \
  inst a1, a1, a2;                                    \
  CHECK(a1, result)

#define TEST_RR_SRC2_EQ_DEST(n, inst, result, v1, v2) \
  TEST_CASE(n);                                       \
  li a1, v1;                                          \
  li a2, v2;                                          \
  inst a2, a1, a2;                                    \
  CHECK(a2, result)

#define TEST_RR_SRC12_EQ_DEST(n, inst, result, v1) \
  TEST_CASE(n);                                    \
  li a1, v1;                                       \
  inst a1, a1, a1;                                 \
  CHECK(a1, result)

/* x0 as the destination: the result is discarded. */
#define TEST_RR_ZERO_DEST(n, inst, v1, v2) \
  TEST_CASE(n);                            \
  li a1, v1;                               \
  li a2, v2;                               \
  inst x0, a1, a2;                         \
  CHECK(x0, 0)

/* x0 as the first source. */
#define TEST_RR_ZERO_SRC1(n, inst, result, v2) \
  TEST_CASE(n);                                \
  li a2, v2;                                   \
  inst a0, x0, a2;                             \
  CHECK(a0, result)

#define TEST_IMM_OP(n, inst, result, v1, imm) \
  TEST_CASE(n);                               \
  li a1, v1;                                  \
  inst a0, a1, imm;                           \
  CHECK(a0, result)

#define TEST_IMM_SRC1_EQ_DEST(n, inst, result, v1, imm) \
  TEST_CASE(n);                                         \
  li a1, v1;                                            \
  inst a1, a1, imm;                                     \
  CHECK(a1, result)

/* ---- traps ------------------------------------------------------------- */

/* Arms the trap vector for one trap: t3..t6 are poisoned so a missing trap
 * shows, and the vector resumes after the trapping instruction. */
#define EXPECT_TRAP \
  li t3, -1;        \
  li t4, -1;        \
  li t5, -1;        \
  li t6, -1;        \
  li EXPECT, 1

/* As EXPECT_TRAP, resuming at label (for traps whose mepc is no place to
 * continue from, such as a fetch outside SRAM). */
#define EXPECT_TRAP_RESUME(label) \
  EXPECT_TRAP;                    \
  la RESUME, label

/* Checks the trap taken: mcause, mepc = address of epc_label, mtval =
 * tval (a number, a label or a symbol such as __sram_size). */
#define CHECK_TRAP(cause, epc_label, tval) \
  CHECK(t4, cause);                        \
  CHECK_ADDR(t5, epc_label);               \
  CHECK_ADDR(t6, tval)

/* mtval of an illegal instruction is the instruction word: compare it with
 * the word in memory at epc_label. */
#define CHECK_TRAP_ILLEGAL(epc_label) \
  CHECK(t4, 2);                       \
  CHECK_ADDR(t5, epc_label);          \
  LA_ABS(t2, epc_label);              \
  lw t2, 0(t2);                       \
  CHECK_EQ(t6, t2)

/* One illegal instruction (the arguments after n, e.g. `csrw cycle, a0`
 * or `.word 0`): it must trap with cause 2, mepc at it, mtval = its word. */
#define TEST_ILLEGAL(n, ...) \
  TEST_CASE(n);              \
  EXPECT_TRAP;               \
100:                         \
  __VA_ARGS__;               \
  CHECK_TRAP_ILLEGAL(100b)

/* ---- the wse extension as assembler macros (encodings: docs/pe.md) ----- */

.macro fsend rs1, c
  .insn i 0x0B, 0, x0, \rs1, \c
.endm
.macro frecv rd, c
  .insn i 0x0B, 1, \rd, x0, \c
.endm
.macro fpoll rd, c
  .insn i 0x0B, 2, \rd, x0, \c
.endm
.macro fsendv rs1, rs2
  .insn r 0x0B, 3, 0, x0, \rs1, \rs2
.endm
.macro frecvv rd, rs1
  .insn i 0x0B, 4, \rd, \rs1, 0
.endm
.macro fpollv rd, rs1
  .insn i 0x0B, 5, \rd, \rs1, 0
.endm
.macro ftask rs1, c
  .insn i 0x0B, 6, x0, \rs1, \c
.endm
.macro twait rd
  .insn i 0x0B, 7, \rd, x0, 0
.endm
.macro dseta d, rs1, rs2
  .insn r 0x2B, 0, \d, x0, \rs1, \rs2
.endm
.macro dsetl d, rs1, rs2
  .insn r 0x2B, 1, \d, x0, \rs1, \rs2
.endm
.macro tcopy dst, src
  .insn r 0x2B, 2, (\dst << 2) | \src, x0, x0, x0
.endm
.macro tadd dst, src
  .insn r 0x2B, 3, (\dst << 2) | \src, x0, x0, x0
.endm
.macro tmac dst, src, rs1
  .insn r 0x2B, 4, (\dst << 2) | \src, x0, \rs1, x0
.endm

#define MEM16 0
#define MEM32 1
#define FAB16 2
#define FAB32 3
#define NUM_COLORS 24

/* ---- fabric ------------------------------------------------------------ */

/* Waits until a wavelet of constant color c is in the receive buffer. On
 * the RTL a loopback wavelet takes a few cycles; the lockstep ISS takes the
 * poll results from the RTL, so the loop count may differ but not the
 * outcome. Uses t2. */
#define WAIT_COLOR(c) \
101:                  \
  fpoll t2, c;        \
  beqz t2, 101b

/* The same for the color in a register. */
#define WAIT_COLORV(reg) \
104:                     \
  fpollv t2, reg;        \
  beqz t2, 104b

#endif
