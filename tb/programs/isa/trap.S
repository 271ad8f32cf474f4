/* Traps: every cause the PE raises (0, 1, 2, 3, 4, 5, 6, 7, 11) with its
 * mepc and mtval, the trapping instruction's lack of effect (no register
 * or memory write, no retirement), mstatus MIE/MPIE through trap and mret,
 * misalignment checked before range, and the illegal encodings of the base
 * ISA's reserved funct fields and of extensions the PE does not have.
 * Jump encodings with misaligned offsets are hand-assembled words, since
 * the assembler refuses them. */
#include "test_macros.h"

/* A load or store that must trap with cause and mtval = addr; rd keeps
 * its value (a0 = 0x5555) and memory is not written. */
#define TEST_LS_TRAP(n, inst, cause, addr) \
  TEST_CASE(n);                            \
  LA_ABS(a1, addr);                        \
  li a0, 0x5555;                           \
  EXPECT_TRAP;                             \
102:                                       \
  inst a0, 0(a1);                          \
  CHECK_TRAP(cause, 102b, addr);           \
  CHECK(a0, 0x5555)

TEST_BEGIN
  /* ---- cause 0: instruction address misaligned ----------------------- */
  /* jalr to target + 2: mtval is the target, the link is not written. */
  TEST_CASE(1)
  LA_ABS(a1, 10f)
  addi a1, a1, 2
  li a2, 0x55
  EXPECT_TRAP
11: jalr a2, 0(a1)
  j 12f
10: j test_fail
12:
  CHECK(t4, 0)
  CHECK_ADDR(t5, 11b)
  CHECK_EQ(t6, a1)
  CHECK(a2, 0x55)
  /* jalr to target + 3: bit 0 is cleared first, target + 2 traps. */
  TEST_CASE(2)
  LA_ABS(a1, 10b)
  addi a3, a1, 2
  addi a1, a1, 3
  EXPECT_TRAP
13: jalr a2, 0(a1)
  CHECK(t4, 0)
  CHECK_ADDR(t5, 13b)
  CHECK_EQ(t6, a3)
  /* jal ra, +6 (0x006000ef): imm[10:1] = 3. */
  TEST_CASE(3)
  li ra, 0x66
  EXPECT_TRAP
14: .word 0x006000ef
  CHECK(t4, 0)
  CHECK_ADDR(t5, 14b)
  LA_ABS(a3, 14b)
  addi a3, a3, 6
  CHECK_EQ(t6, a3)
  CHECK(ra, 0x66)
  /* beq x0, x0, +6 (0x00000363), taken: traps. */
  TEST_CASE(4)
  EXPECT_TRAP
15: .word 0x00000363
  CHECK(t4, 0)
  CHECK_ADDR(t5, 15b)
  LA_ABS(a3, 15b)
  addi a3, a3, 6
  CHECK_EQ(t6, a3)
  /* beq x0, x0, -2 (0xfe000fe3), taken backwards: traps. */
  TEST_CASE(5)
  EXPECT_TRAP
16: .word 0xfe000fe3
  CHECK(t4, 0)
  CHECK_ADDR(t5, 16b)
  LA_ABS(a3, 16b)
  addi a3, a3, -2
  CHECK_EQ(t6, a3)
  /* bne x0, x0, +6 (0x00001363), not taken: no trap. */
  TEST_CASE(6)
  li t4, -1
  .word 0x00001363
  CHECK(t4, -1)

  /* ---- cause 1: instruction access fault ----------------------------- */
  /* jalr out of SRAM: the jalr retires (link written), the fetch at the
   * target traps with mepc = mtval = target. */
  TEST_CASE(7)
  li a1, 0x10000000
  EXPECT_TRAP_RESUME(17f)
18: jalr a2, 0(a1)
  j test_fail
17:
  CHECK(t4, 1)
  CHECK(t5, 0x10000000)
  CHECK(t6, 0x10000000)
  CHECK_ADDR(a2, 18b + 4)
  /* jal to the first address past the SRAM. */
  TEST_CASE(8)
  EXPECT_TRAP_RESUME(19f)
20: jal ra, __sram_size
  j test_fail
19:
  CHECK(t4, 1)
  CHECK_ADDR(t5, __sram_size)
  CHECK_ADDR(t6, __sram_size)
  CHECK_ADDR(ra, 20b + 4)

  /* ---- cause 2: illegal instruction (mtval = the word) ---------------- */
  TEST_ILLEGAL(9, .word 0x00000000)
  TEST_ILLEGAL(10, .word 0xffffffff)
  TEST_ILLEGAL(11, .word 0x00000001)     /* a compressed encoding: no C */
  TEST_ILLEGAL(12, .word 0x0005b503)     /* ld a0, 0(a1) */
  TEST_ILLEGAL(13, .word 0x0005e503)     /* lwu a0, 0(a1) */
  TEST_ILLEGAL(14, .word 0x0005f503)     /* load funct3 7 */
  TEST_ILLEGAL(15, .word 0x00a5b023)     /* sd a0, 0(a1) */
  TEST_ILLEGAL(16, .word 0x00a5c023)     /* store funct3 4 */
  TEST_ILLEGAL(17, .word 0x00002463)     /* branch funct3 2 */
  TEST_ILLEGAL(18, .word 0x00003463)     /* branch funct3 3 */
  LA_ABS(a1, 21f)                        /* where a decoder ignoring funct3 would go */
  TEST_ILLEGAL(19, .word 0x00059067)     /* jalr funct3 1 */
21:
  TEST_ILLEGAL(20, .word 0x40c59533)     /* sll with funct7 0x20 */
  TEST_ILLEGAL(21, .word 0x04c58533)     /* add with funct7 0x02 */
  TEST_ILLEGAL(22, .word 0x02059513)     /* slli a0, a1, 32 (shamt[5] set) */
  TEST_ILLEGAL(23, .word 0x40159513)     /* slli with imm[11:5] = 0x20 */
  TEST_ILLEGAL(24, .word 0x0215d513)     /* srli with imm[11:5] = 0x01 */
  TEST_ILLEGAL(25, .word 0x4215d513)     /* srai with imm[11:5] = 0x21 */
  TEST_ILLEGAL(26, .word 0x0015851b)     /* addiw: RV64 only */
  TEST_ILLEGAL(27, .word 0x00c5a52f)     /* amoadd.w: no A */
  TEST_ILLEGAL(28, .word 0x00c58553)     /* fadd.s: no F */
  TEST_ILLEGAL(29, .word 0x0000005b)     /* custom-2 */
  TEST_ILLEGAL(30, .word 0x0000007b)     /* custom-3 */
  TEST_ILLEGAL(31, .word 0x00004073)     /* SYSTEM funct3 4 */
  TEST_ILLEGAL(32, .word 0x10200073)     /* sret: no S mode */
  TEST_ILLEGAL(33, .word 0x00200073)     /* uret */
  TEST_ILLEGAL(34, .word 0x0000200f)     /* MISC-MEM funct3 2 */

  /* ---- cause 3: breakpoint (mtval = pc) ------------------------------- */
  TEST_CASE(35)
  EXPECT_TRAP
22: ebreak
  CHECK_TRAP(3, 22b, 22b)

  /* ---- causes 4 and 6: misaligned load / store (mtval = address) ------ */
  TEST_LS_TRAP(36, lw, 4, 0x00000402)
  TEST_LS_TRAP(37, lw, 4, 0x00000401)
  TEST_LS_TRAP(38, lw, 4, 0x00000403)
  TEST_LS_TRAP(39, lh, 4, 0x00000401)
  TEST_LS_TRAP(40, lhu, 4, 0x00000403)
  TEST_LS_TRAP(41, lw, 4, 0x10000002)    /* misaligned and outside: 4 first */
  TEST_LS_TRAP(42, lh, 4, 0xffffffff)

  /* Stores: the word must not change. */
#define TEST_ST_TRAP(n, inst, cause, addr) \
  TEST_CASE(n);                            \
  LA_ABS(a1, addr);                        \
  li a0, 0x5555;                           \
  EXPECT_TRAP;                             \
103:                                       \
  inst a0, 0(a1);                          \
  CHECK_TRAP(cause, 103b, addr)

  TEST_CASE(43)
  la a3, st_word
  li a0, 0x11223344
  sw a0, 0(a3)
  addi a1, a3, 2
  EXPECT_TRAP
23: sw a0, 0(a1)
  CHECK(t4, 6)
  CHECK_ADDR(t5, 23b)
  CHECK_ADDR(t6, st_word + 2)
  TEST_CASE(44)
  addi a1, a3, 1
  EXPECT_TRAP
24: sh a0, 0(a1)
  CHECK(t4, 6)
  CHECK_ADDR(t6, st_word + 1)
  TEST_CASE(45)
  addi a1, a3, 3
  EXPECT_TRAP
25: sw zero, 0(a1)
  CHECK(t4, 6)
  CHECK_ADDR(t6, st_word + 3)
  TEST_CASE(46)
  lw a0, 0(a3)
  CHECK(a0, 0x11223344)
  TEST_ST_TRAP(47, sw, 6, 0x10000002)    /* misaligned and outside: 6 first */
  TEST_ST_TRAP(48, sh, 6, 0xffffffff)

  /* ---- causes 5 and 7: access fault outside the SRAM ------------------ */
  TEST_LS_TRAP(49, lw, 5, __sram_size)
  TEST_LS_TRAP(50, lbu, 5, __sram_size)
  TEST_LS_TRAP(51, lh, 5, 0x10000000)
  TEST_LS_TRAP(52, lb, 5, 0xffffffff)
  TEST_ST_TRAP(53, sw, 7, __sram_size)
  TEST_ST_TRAP(54, sb, 7, __sram_size + 1)
  TEST_ST_TRAP(55, sh, 7, 0x80000000)
  TEST_ST_TRAP(56, sb, 7, 0xffffffff)
  /* The address wraps modulo 2^32: 0 - 4 = 0xfffffffc. */
  TEST_CASE(57)
  li a1, 0
  EXPECT_TRAP
26: lw a0, -4(a1)
  CHECK_TRAP(5, 26b, 0xfffffffc)

  /* ---- cause 11: ecall (mtval = 0) ------------------------------------ */
  TEST_CASE(58)
  EXPECT_TRAP
27: ecall
  CHECK_TRAP(11, 27b, 0)

  /* ---- mstatus through trap and mret ---------------------------------- */
  /* MIE = 1: at entry MPIE = 1, MIE = 0; after mret MIE = MPIE = 1. */
  TEST_CASE(59)
  csrwi mstatus, 0x8
  EXPECT_TRAP
  ecall
  CHECK(t3, 0x1880)
  csrr a0, mstatus
  CHECK(a0, 0x1888)
  /* MIE = 0: at entry MPIE = 0; after mret MIE = 0, MPIE = 1. */
  TEST_CASE(60)
  csrw mstatus, zero
  EXPECT_TRAP
  ecall
  CHECK(t3, 0x1800)
  csrr a0, mstatus
  CHECK(a0, 0x1880)
  csrw mstatus, zero
  /* mret alone: jumps to mepc (bits 1:0 read 0), MIE = MPIE, MPIE = 1. */
  TEST_CASE(61)
  LA_ABS(a1, 28f)
  addi a1, a1, 2
  csrw mepc, a1
  li a1, 0x80
  csrw mstatus, a1
  mret
  j test_fail
28:
  csrr a0, mstatus
  CHECK(a0, 0x1888)
  csrw mstatus, zero

  /* ---- a trapping instruction does not retire ------------------------- */
  /* After the write, only the vector's 11 instructions retire. */
  TEST_CASE(62)
  EXPECT_TRAP
  csrw minstret, zero
  ecall
  csrr a0, minstret
  CHECK(a0, 11)
  TEST_CASE(63)
  EXPECT_TRAP
  csrw minstret, zero
  .word 0
  csrr a0, minstret
  CHECK(a0, 11)

  /* mtvec is where the trap goes: a second vector that records its own
   * mark, then the test's vector back. */
  TEST_CASE(64)
  la a1, other_vector
  csrw mtvec, a1
  li a0, 0
  ecall
  CHECK(a0, 0x600d)
  la a1, test_trap_vector
  csrw mtvec, a1
TEST_END

  .balign 4
other_vector:
  li a0, 0x600d
  csrr a1, mepc
  addi a1, a1, 4
  csrw mepc, a1
  mret

  .data
  .balign 4
st_word: .word 0
