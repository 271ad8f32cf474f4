/* M extension multiplies: mul (low word), mulh (signed x signed), mulhsu
 * (signed rs1 x unsigned rs2), mulhu (unsigned x unsigned), on the values
 * where the signedness of each operand changes the high word. */
#include "test_macros.h"

TEST_BEGIN
  TEST_RR_OP(1, mul, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR_OP(2, mul, 0x00000015, 0x00000003, 0x00000007)
  TEST_RR_OP(3, mul, 0x00000001, 0xffffffff, 0xffffffff)
  TEST_RR_OP(4, mul, 0x00000000, 0x80000000, 0x80000000)
  TEST_RR_OP(5, mul, 0x80000000, 0x80000000, 0xffffffff)
  TEST_RR_OP(6, mul, 0xc0000000, 0xffff8000, 0x00008000)
  TEST_RR_OP(7, mul, 0x242d2080, 0x12345678, 0x9abcdef0)
  TEST_RR_OP(8, mul, 0xfffffffe, 0xffffffff, 0x00000002)

  TEST_RR_OP(9, mulh, 0x00000000, 0x00000003, 0x00000007)
  TEST_RR_OP(10, mulh, 0x00000000, 0xffffffff, 0xffffffff)
  TEST_RR_OP(11, mulh, 0x40000000, 0x80000000, 0x80000000)
  TEST_RR_OP(12, mulh, 0x00000000, 0x80000000, 0xffffffff)
  TEST_RR_OP(13, mulh, 0x3fffffff, 0x7fffffff, 0x7fffffff)
  TEST_RR_OP(14, mulh, 0xffffffff, 0xffff8000, 0x00008000)
  TEST_RR_OP(15, mulh, 0xf8cc93d6, 0x12345678, 0x9abcdef0)
  TEST_RR_OP(16, mulh, 0xc0000000, 0x80000000, 0x7fffffff)
  TEST_RR_OP(17, mulh, 0xffffffff, 0x00000002, 0xffffffff)

  TEST_RR_OP(18, mulhsu, 0x00000000, 0x00000003, 0x00000007)
  TEST_RR_OP(19, mulhsu, 0xffffffff, 0xffffffff, 0xffffffff)
  TEST_RR_OP(20, mulhsu, 0xc0000000, 0x80000000, 0x80000000)
  TEST_RR_OP(21, mulhsu, 0x80000000, 0x80000000, 0xffffffff)
  TEST_RR_OP(22, mulhsu, 0x0b00ea4e, 0x12345678, 0x9abcdef0)
  TEST_RR_OP(23, mulhsu, 0xffffffff, 0xffffffff, 0x00000002)
  TEST_RR_OP(24, mulhsu, 0x00000001, 0x00000002, 0xffffffff)
  TEST_RR_OP(25, mulhsu, 0xc0000000, 0x80000000, 0x7fffffff)

  TEST_RR_OP(26, mulhu, 0x00000000, 0x00000003, 0x00000007)
  TEST_RR_OP(27, mulhu, 0xfffffffe, 0xffffffff, 0xffffffff)
  TEST_RR_OP(28, mulhu, 0x40000000, 0x80000000, 0x80000000)
  TEST_RR_OP(29, mulhu, 0x7fffffff, 0x80000000, 0xffffffff)
  TEST_RR_OP(30, mulhu, 0x00007fff, 0xffff8000, 0x00008000)
  TEST_RR_OP(31, mulhu, 0x0b00ea4e, 0x12345678, 0x9abcdef0)
  TEST_RR_OP(32, mulhu, 0x00000001, 0xffffffff, 0x00000002)

  TEST_RR_SRC1_EQ_DEST(33, mul, 143, 13, 11)
  TEST_RR_SRC2_EQ_DEST(34, mulhu, 0x3fffffff, 0x7fffffff, 0x7fffffff)
  TEST_RR_SRC12_EQ_DEST(35, mulh, 0x40000000, 0x80000000)
  TEST_RR_ZERO_DEST(36, mul, 3, 5)
  TEST_RR_ZERO_SRC1(37, mulhsu, 0, 0xffffffff)

  /* The 64-bit product from mulhu/mul of a compiled uint64 multiply. */
  TEST_CASE(38)
  li a1, 0xfedcba98
  li a2, 0x76543210
  mulhu a3, a1, a2
  mul a4, a1, a2
  CHECK(a3, 0x75cd9046)
  CHECK(a4, 0x541d5980)
TEST_END
