/* Register-immediate ALU instructions of RV32I: addi, slti, sltiu, xori,
 * ori, andi, slli, srli, srai. The 12-bit immediate is sign-extended (also
 * for sltiu, which then compares unsigned); writes to x0 are dropped;
 * fence and fence.i are no-ops on the PE. */
#include "test_macros.h"

TEST_BEGIN
  /* addi */
  TEST_IMM_OP(1, addi, 0x00000000, 0x00000000, 0)
  TEST_IMM_OP(2, addi, 0x0000000a, 0x00000003, 7)
  TEST_IMM_OP(3, addi, 0xfffff800, 0x00000000, -2048)
  TEST_IMM_OP(4, addi, 0x000007ff, 0x00000000, 2047)
  TEST_IMM_OP(5, addi, 0x80000000, 0x7fffffff, 1)
  TEST_IMM_OP(6, addi, 0x7ffff800, 0x80000000, -2048)
  TEST_IMM_OP(7, addi, 0xfffffffe, 0xffffffff, -1)
  TEST_IMM_OP(8, addi, 0x00000000, 0xffffffff, 1)
  TEST_IMM_SRC1_EQ_DEST(9, addi, 24, 13, 11)

  /* slti */
  TEST_IMM_OP(10, slti, 0, 0x00000000, 0)
  TEST_IMM_OP(11, slti, 1, 0x00000003, 7)
  TEST_IMM_OP(12, slti, 0, 0x00000007, 3)
  TEST_IMM_OP(13, slti, 1, 0x80000000, 0)
  TEST_IMM_OP(14, slti, 1, 0xfffff7ff, -2048)
  TEST_IMM_OP(15, slti, 0, 0xfffff800, -2048)
  TEST_IMM_OP(16, slti, 0, 0x7fffffff, 2047)
  TEST_IMM_OP(17, slti, 1, 0xffffffff, 0)

  /* sltiu: the sign-extended immediate compared unsigned */
  TEST_IMM_OP(18, sltiu, 0, 0x00000000, 0)
  TEST_IMM_OP(19, sltiu, 1, 0x00000003, 7)
  TEST_IMM_OP(20, sltiu, 1, 0x00000000, 1)    /* seqz */
  TEST_IMM_OP(21, sltiu, 0, 0x00000001, 1)
  TEST_IMM_OP(22, sltiu, 1, 0xfffffffe, -1)   /* < 0xffffffff */
  TEST_IMM_OP(23, sltiu, 0, 0xffffffff, -1)
  TEST_IMM_OP(24, sltiu, 1, 0x7fffffff, -2048) /* < 0xfffff800 */
  TEST_IMM_OP(25, sltiu, 0, 0xfffff800, -2048)

  /* xori, ori, andi */
  TEST_IMM_OP(26, xori, 0xff00f00f, 0x00ff0f00, -241)    /* imm 0xf0f */
  TEST_IMM_OP(27, xori, 0xedcba987, 0x12345678, -1)      /* not */
  TEST_IMM_OP(28, xori, 0x12345187, 0x12345678, 0x7ff)
  TEST_IMM_OP(29, ori, 0xfffffff0, 0xff00ff00, -16)
  TEST_IMM_OP(30, ori, 0x123457ff, 0x12345678, 0x7ff)
  TEST_IMM_OP(31, ori, 0x00ff07ff, 0x00ff0000, 0x7ff)
  TEST_IMM_OP(32, andi, 0xff00ff00, 0xff00ff0f, -256)    /* imm 0xf00 */
  TEST_IMM_OP(33, andi, 0x00000678, 0x12345678, 0x7ff)
  TEST_IMM_OP(34, andi, 0x12345000, 0x12345678, -2048)
  TEST_IMM_SRC1_EQ_DEST(35, andi, 0x00000070, 0xff00ff70, 0x070)

  /* slli, srli, srai */
  TEST_IMM_OP(36, slli, 0x00000001, 0x00000001, 0)
  TEST_IMM_OP(37, slli, 0x80000000, 0x00000001, 31)
  TEST_IMM_OP(38, slli, 0x90909080, 0x21212121, 7)
  TEST_IMM_OP(39, srli, 0x00000001, 0x80000000, 31)
  TEST_IMM_OP(40, srli, 0x00424242, 0x21212121, 7)
  TEST_IMM_OP(41, srli, 0x0003ffff, 0xffffffff, 14)
  TEST_IMM_OP(42, srai, 0xffffffff, 0x80000000, 31)
  TEST_IMM_OP(43, srai, 0xff030303, 0x81818181, 7)
  TEST_IMM_OP(44, srai, 0x00424242, 0x21212121, 7)
  TEST_IMM_OP(45, srai, 0x81818181, 0x81818181, 0)

  /* Writes to x0 are dropped. */
  TEST_CASE(46)
  addi x0, x0, 5
  li x0, 0x12345678
  slti x0, x0, 1
  CHECK(x0, 0)

  /* fence and fence.i do nothing; execution goes on and registers keep. */
  TEST_CASE(47)
  li a0, 0x5a5a
  fence
  fence rw, rw
  fence.i
  nop
  CHECK(a0, 0x5a5a)
TEST_END
