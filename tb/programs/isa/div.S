/* M extension divides: div, divu, rem, remu. Truncation toward zero and
 * the sign of the remainder (that of the dividend), division by zero
 * (quotient all ones, remainder the dividend) and the signed overflow
 * -2^31 / -1 (quotient -2^31, remainder 0), none of which traps. */
#include "test_macros.h"

TEST_BEGIN
  TEST_RR_OP(1, div, 3, 20, 6)
  TEST_RR_OP(2, div, -3, -20, 6)
  TEST_RR_OP(3, div, -3, 20, -6)
  TEST_RR_OP(4, div, 3, -20, -6)
  TEST_RR_OP(5, div, 0x80000000, 0x80000000, 1)
  TEST_RR_OP(6, div, 0x80000000, 0x80000000, -1)      /* overflow */
  TEST_RR_OP(7, div, -1, 0x80000000, 0)               /* by zero */
  TEST_RR_OP(8, div, -1, 0, 0)
  TEST_RR_OP(9, div, 0, 5, 7)
  TEST_RR_OP(10, div, 0xc0000001, 0x7fffffff, -2)

  TEST_RR_OP(11, divu, 3, 20, 6)
  TEST_RR_OP(12, divu, 0x2aaaaaa7, -20, 6)
  TEST_RR_OP(13, divu, 0, 20, -6)
  TEST_RR_OP(14, divu, 0, 0x80000000, 0xffffffff)
  TEST_RR_OP(15, divu, 0xffffffff, 0xffffffff, 1)
  TEST_RR_OP(16, divu, 0xffffffff, 0x12345678, 0)     /* by zero */
  TEST_RR_OP(17, divu, 0x00000001, 0xffffffff, 0xffffffff)

  TEST_RR_OP(18, rem, 2, 20, 6)
  TEST_RR_OP(19, rem, -2, -20, 6)
  TEST_RR_OP(20, rem, 2, 20, -6)
  TEST_RR_OP(21, rem, -2, -20, -6)
  TEST_RR_OP(22, rem, 0, 0x80000000, -1)              /* overflow */
  TEST_RR_OP(23, rem, 0x80000000, 0x80000000, 0)      /* by zero */
  TEST_RR_OP(24, rem, 0, 0, 0)
  TEST_RR_OP(25, rem, 0, -7, 1)
  TEST_RR_OP(26, rem, 1, 0x7fffffff, -2)

  TEST_RR_OP(27, remu, 2, 20, 6)
  TEST_RR_OP(28, remu, 2, -20, 6)
  TEST_RR_OP(29, remu, 20, 20, -6)
  TEST_RR_OP(30, remu, 0x80000000, 0x80000000, 0xffffffff)
  TEST_RR_OP(31, remu, 0x12345678, 0x12345678, 0)     /* by zero */
  TEST_RR_OP(32, remu, 0, 0xffffffff, 0xffffffff)

  TEST_RR_SRC1_EQ_DEST(33, div, 7, 50, 7)
  TEST_RR_SRC2_EQ_DEST(34, rem, 1, 50, 7)
  TEST_RR_SRC12_EQ_DEST(35, divu, 1, 0x9999)
  TEST_RR_ZERO_DEST(36, rem, 9, 4)
  TEST_RR_ZERO_SRC1(37, divu, 0, 3)

  /* A divide right after a divide, and a result used at once. */
  TEST_CASE(38)
  li a1, 1000000
  li a2, 7
  divu a3, a1, a2
  remu a4, a1, a2
  mul a5, a3, a2
  add a5, a5, a4
  CHECK(a3, 142857)
  CHECK(a4, 1)
  CHECK(a5, 1000000)
TEST_END
