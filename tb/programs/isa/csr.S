/* Every CSR of docs/pe.md: reset or fixed values, which bits are writable,
 * the six CSR instructions (read-old-value, set, clear, immediate forms),
 * the counters, and the illegal accesses: a write to a read-only CSR
 * (number bits 11:10 = 3, including csrrc/csrrs with a non-x0 rs1 that
 * holds 0) and any CSR number the PE does not have. */
#include "test_macros.h"

/* Reads csr into a0 and checks it. */
#define TEST_CSR_READ(n, csr, val) \
  TEST_CASE(n);                    \
  csrr a0, csr;                    \
  CHECK(a0, val)

/* Writes val to csr and checks what reads back. */
#define TEST_CSR_WRITE(n, csr, val, readback) \
  TEST_CASE(n);                               \
  li a1, val;                                 \
  csrw csr, a1;                               \
  csrr a0, csr;                               \
  CHECK(a0, readback)

TEST_BEGIN
  /* Fixed and reset values. mstatus: MPP reads 3, MIE/MPIE reset to 0. */
  TEST_CSR_READ(1, mstatus, 0x00001800)
  TEST_CSR_READ(2, misa, 0x40801100)
  TEST_CSR_READ(3, mie, 0)
  TEST_CSR_READ(4, mstatush, 0)
  TEST_CSR_READ(5, mip, 0)
  TEST_CSR_READ(6, mvendorid, 0)
  TEST_CSR_READ(7, marchid, 0)
  TEST_CSR_READ(8, mimpid, 0)
  TEST_CSR_READ(9, mhartid, 0)         /* tile (0, 0) */
  TEST_CSR_READ(10, 0xfc0, 0)          /* wsemacs: no tmac yet */
  TEST_CSR_READ(11, 0xfc1, 0)          /* wsezskip */

  /* Writable bits. */
  TEST_CSR_WRITE(12, mstatus, 0xffffffff, 0x00001888)
  TEST_CSR_WRITE(13, mstatus, 0x00000000, 0x00001800)
  TEST_CSR_WRITE(14, mstatus, 0x00000080, 0x00001880)
  TEST_CSR_WRITE(15, misa, 0x00000000, 0x40801100)
  TEST_CSR_WRITE(16, mie, 0xffffffff, 0x00000888)
  TEST_CSR_WRITE(17, mie, 0x00000080, 0x00000080)
  TEST_CSR_WRITE(18, mstatush, 0xffffffff, 0)
  TEST_CSR_WRITE(19, mip, 0xffffffff, 0)
  TEST_CSR_WRITE(20, mscratch, 0xa5a5a5a5, 0xa5a5a5a5)
  TEST_CSR_WRITE(21, mepc, 0xffffffff, 0xfffffffc)
  TEST_CSR_WRITE(22, mepc, 0x00001235, 0x00001234)
  TEST_CSR_WRITE(23, mcause, 0xdeadbeef, 0xdeadbeef)
  TEST_CSR_WRITE(24, mtval, 0x12345678, 0x12345678)
  csrw mstatus, zero
  csrw mie, zero

  /* mtvec: direct mode, bits 1:0 read 0. Restored to the test's vector. */
  TEST_CASE(25)
  la a1, test_trap_vector
  addi a2, a1, 3
  csrw mtvec, a2
  csrr a0, mtvec
  CHECK_EQ(a0, a1)
  csrw mtvec, a1

  /* The CSR instructions: old value to rd, then write / set / clear. */
  TEST_CASE(26)
  li a1, 0x0f0f0f0f
  csrw mscratch, a1
  li a2, 0x00ff00ff
  csrrw a0, mscratch, a2
  CHECK(a0, 0x0f0f0f0f)
  csrr a0, mscratch
  CHECK(a0, 0x00ff00ff)
  TEST_CASE(27)
  li a2, 0xf0000000
  csrrs a0, mscratch, a2
  CHECK(a0, 0x00ff00ff)
  csrr a0, mscratch
  CHECK(a0, 0xf0ff00ff)
  TEST_CASE(28)
  li a2, 0x00f000f0
  csrrc a0, mscratch, a2
  CHECK(a0, 0xf0ff00ff)
  csrr a0, mscratch
  CHECK(a0, 0xf00f000f)
  TEST_CASE(29)
  csrrwi a0, mscratch, 31               /* uimm is zero-extended */
  CHECK(a0, 0xf00f000f)
  csrr a0, mscratch
  CHECK(a0, 31)
  TEST_CASE(30)
  csrrci a0, mscratch, 0x15
  CHECK(a0, 31)
  csrrsi a0, mscratch, 0x10
  CHECK(a0, 0x0a)
  csrr a0, mscratch
  CHECK(a0, 0x1a)
  TEST_CASE(31)
  csrrw a0, mscratch, a0                /* rd == rs1: old value out, new in */
  CHECK(a0, 0x1a)
  csrrs a0, mscratch, x0
  CHECK(a0, 0x1a)
  TEST_CASE(32)
  li a1, 0x77
  csrrw x0, mscratch, a1                /* rd = x0: a write without a read */
  csrr a0, mscratch
  CHECK(a0, 0x77)

  /* minstret: an instruction that writes it leaves exactly the value
   * written; each later instruction adds one before the next read. */
  TEST_CASE(33)
  li a1, 1000
  csrw minstret, a1
  csrr a0, minstret
  csrr a2, minstret
  csrr a3, instret
  nop
  csrr a4, instret
  CHECK(a0, 1000)
  CHECK(a2, 1001)
  CHECK(a3, 1002)
  CHECK(a4, 1004)
  TEST_CASE(34)
  csrw minstret, zero
  li a1, 7
  csrw minstreth, a1
  csrr a0, minstreth
  csrr a2, instreth
  CHECK(a0, 7)
  CHECK(a2, 7)
  csrw minstreth, zero

  /* mcycle: writable; its value is the RTL's, so only bounds are checked. */
  TEST_CASE(35)
  csrw mcycle, zero
  li a1, 0x12345
  csrw mcycleh, a1
  csrr a0, mcycleh
  csrr a2, cycleh
  csrr a3, mcycle
  csrr a4, cycle
  CHECK(a0, 0x12345)
  CHECK(a2, 0x12345)
  sltiu a3, a3, 100
  CHECK(a3, 1)
  sltiu a4, a4, 100
  CHECK(a4, 1)

  /* Read-only CSRs: reads in every non-writing form are legal. */
  TEST_CASE(36)
  csrrs a0, mhartid, x0
  csrrc a1, marchid, x0
  csrrsi a2, mimpid, 0
  csrrci a3, 0xfc0, 0
  or a0, a0, a1
  or a0, a0, a2
  or a0, a0, a3
  CHECK(a0, 0)

  /* Writes to read-only CSRs are illegal, even of an unchanged value. */
  TEST_ILLEGAL(37, csrw cycle, zero)
  TEST_ILLEGAL(38, csrw instret, zero)
  TEST_ILLEGAL(39, csrw cycleh, zero)
  TEST_ILLEGAL(40, csrw instreth, zero)
  TEST_ILLEGAL(41, csrw mvendorid, zero)
  TEST_ILLEGAL(42, csrw marchid, zero)
  TEST_ILLEGAL(43, csrw mimpid, zero)
  TEST_ILLEGAL(44, csrw mhartid, zero)
  TEST_ILLEGAL(45, csrw 0xfc0, zero)
  TEST_ILLEGAL(46, csrw 0xfc1, zero)
  TEST_ILLEGAL(47, csrrwi a0, mhartid, 0)
  TEST_ILLEGAL(48, csrrw x0, mhartid, x0)   /* csrrw writes, even from x0 */
  li a5, 0
  TEST_ILLEGAL(49, csrrs a0, mhartid, a5)  /* rs1 != x0 writes, even 0 */
  TEST_ILLEGAL(50, csrrc a0, cycle, a5)
  TEST_ILLEGAL(51, csrrsi a0, cycle, 1)
  TEST_ILLEGAL(52, csrrci a0, 0xfc1, 4)
  /* The illegal read-write did not write rd. */
  TEST_CASE(53)
  li a0, 0x55
  EXPECT_TRAP
  csrrw a0, mhartid, a5
  CHECK(a0, 0x55)

  /* CSR numbers the PE does not have. */
  TEST_ILLEGAL(54, csrr a0, 0x000)      /* ustatus */
  TEST_ILLEGAL(55, csrr a0, 0x001)      /* fflags: no F */
  TEST_ILLEGAL(56, csrr a0, 0x180)      /* satp: no S mode */
  TEST_ILLEGAL(57, csrr a0, 0x302)      /* medeleg */
  TEST_ILLEGAL(58, csrr a0, 0x306)      /* mcounteren */
  TEST_ILLEGAL(59, csrr a0, 0x320)      /* mcountinhibit */
  TEST_ILLEGAL(60, csrr a0, 0x3a0)      /* pmpcfg0 */
  TEST_ILLEGAL(61, csrr a0, 0x7b0)      /* dcsr */
  TEST_ILLEGAL(62, csrr a0, 0xb03)      /* mhpmcounter3 */
  TEST_ILLEGAL(63, csrr a0, 0xc01)      /* time */
  TEST_ILLEGAL(64, csrr a0, 0xf15)      /* mconfigptr */
  TEST_ILLEGAL(65, csrr a0, 0xfc2)
  TEST_ILLEGAL(66, csrw 0x7c0, a5)
  TEST_ILLEGAL(67, csrrs a0, 0x345, x0)
TEST_END
