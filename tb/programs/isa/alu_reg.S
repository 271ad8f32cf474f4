/* Register-register ALU instructions of RV32I: add, sub, sll, slt, sltu,
 * xor, srl, sra, or, and. Corner values: wrap-around at 2^31 and 2^32,
 * shift amounts from rs2[4:0] only, rd = rs1 / rs2, x0 as source and sink. */
#include "test_macros.h"

TEST_BEGIN
  /* add */
  TEST_RR_OP(1, add, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR_OP(2, add, 0x0000000a, 0x00000003, 0x00000007)
  TEST_RR_OP(3, add, 0x80000000, 0x7fffffff, 0x00000001)
  TEST_RR_OP(4, add, 0x00000000, 0xffffffff, 0x00000001)
  TEST_RR_OP(5, add, 0x00000000, 0x80000000, 0x80000000)
  TEST_RR_OP(6, add, 0x22222221, 0x12345678, 0x0fedcba9)
  TEST_RR_OP(7, add, 0xffff7fff, 0xffff8000, 0xffffffff)
  TEST_RR_SRC1_EQ_DEST(8, add, 24, 13, 11)
  TEST_RR_SRC2_EQ_DEST(9, add, 25, 14, 11)
  TEST_RR_SRC12_EQ_DEST(10, add, 26, 13)
  TEST_RR_ZERO_DEST(11, add, 1, 2)
  TEST_RR_ZERO_SRC1(12, add, 15, 15)

  /* sub */
  TEST_RR_OP(13, sub, 0x00000000, 0x00000001, 0x00000001)
  TEST_RR_OP(14, sub, 0xfffffffc, 0x00000003, 0x00000007)
  TEST_RR_OP(15, sub, 0x7fffffff, 0x80000000, 0x00000001)
  TEST_RR_OP(16, sub, 0x80000000, 0x7fffffff, 0xffffffff)
  TEST_RR_OP(17, sub, 0x02468acf, 0x12345678, 0x0fedcba9)
  TEST_RR_SRC12_EQ_DEST(18, sub, 0, 0x5555aaaa)
  TEST_RR_ZERO_SRC1(19, sub, 0xfffffffb, 5)

  /* sll: the amount is rs2[4:0] */
  TEST_RR_OP(20, sll, 0x00000001, 0x00000001, 0)
  TEST_RR_OP(21, sll, 0x80000000, 0x00000001, 31)
  TEST_RR_OP(22, sll, 0x90909080, 0x21212121, 7)
  TEST_RR_OP(23, sll, 0xffffc000, 0xffffffff, 14)
  TEST_RR_OP(24, sll, 0x42424242, 0x21212121, 0xffffffe1)
  TEST_RR_OP(25, sll, 0x21212121, 0x21212121, 0x00000020)
  TEST_RR_SRC2_EQ_DEST(26, sll, 0x00000180, 3, 7)

  /* slt: signed */
  TEST_RR_OP(27, slt, 0, 0x00000000, 0x00000000)
  TEST_RR_OP(28, slt, 1, 0x00000003, 0x00000007)
  TEST_RR_OP(29, slt, 0, 0x00000007, 0x00000003)
  TEST_RR_OP(30, slt, 1, 0x80000000, 0x00000000)
  TEST_RR_OP(31, slt, 0, 0x7fffffff, 0x80000000)
  TEST_RR_OP(32, slt, 1, 0xffffffff, 0x00000001)
  TEST_RR_OP(33, slt, 1, 0xfffffffe, 0xffffffff)
  TEST_RR_SRC12_EQ_DEST(34, slt, 0, 0x80000000)

  /* sltu: unsigned */
  TEST_RR_OP(35, sltu, 0, 0x00000000, 0x00000000)
  TEST_RR_OP(36, sltu, 1, 0x00000003, 0x00000007)
  TEST_RR_OP(37, sltu, 0, 0x80000000, 0x00000000)
  TEST_RR_OP(38, sltu, 1, 0x7fffffff, 0x80000000)
  TEST_RR_OP(39, sltu, 0, 0xffffffff, 0x00000001)
  TEST_RR_OP(40, sltu, 1, 0xfffffffe, 0xffffffff)
  TEST_RR_ZERO_SRC1(41, sltu, 1, 1)           /* snez */
  TEST_RR_ZERO_SRC1(42, sltu, 0, 0)

  /* xor */
  TEST_RR_OP(43, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR_OP(44, xor, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0)
  TEST_RR_OP(45, xor, 0xedcba987, 0x12345678, 0xffffffff)
  TEST_RR_SRC12_EQ_DEST(46, xor, 0, 0x12345678)

  /* srl: logical */
  TEST_RR_OP(47, srl, 0x40000000, 0x80000000, 1)
  TEST_RR_OP(48, srl, 0x00000001, 0x80000000, 31)
  TEST_RR_OP(49, srl, 0xffffffff, 0xffffffff, 0)
  TEST_RR_OP(50, srl, 0x00424242, 0x21212121, 7)
  TEST_RR_OP(51, srl, 0x10909090, 0x21212121, 0xffffffe1)
  TEST_RR_OP(52, srl, 0x0003ffff, 0xffffffff, 14)

  /* sra: arithmetic */
  TEST_RR_OP(53, sra, 0xc0000000, 0x80000000, 1)
  TEST_RR_OP(54, sra, 0xffffffff, 0x80000000, 31)
  TEST_RR_OP(55, sra, 0x00000000, 0x7fffffff, 31)
  TEST_RR_OP(56, sra, 0xff030303, 0x81818181, 7)
  TEST_RR_OP(57, sra, 0x00424242, 0x21212121, 7)
  TEST_RR_OP(58, sra, 0xc0c0c0c0, 0x81818181, 0xffffffe1)
  TEST_RR_OP(59, sra, 0x81818181, 0x81818181, 0xffffffe0)

  /* or */
  TEST_RR_OP(60, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR_OP(61, or, 0xfff0fff0, 0x0ff00ff0, 0xf0f0f0f0)
  TEST_RR_ZERO_SRC1(62, or, 0x00ff00ff, 0x00ff00ff)

  /* and */
  TEST_RR_OP(63, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR_OP(64, and, 0x00f000f0, 0x0ff00ff0, 0xf0f0f0f0)
  TEST_RR_ZERO_SRC1(65, and, 0, 0xffffffff)
  TEST_RR_SRC12_EQ_DEST(66, and, 0x12345678, 0x12345678)

  /* Each register as operand and destination: x1..x31 chained through an
   * add that doubles, so a wrong register number breaks the sum. Only the
   * registers the macros own are skipped (their values are reloaded). */
  TEST_CASE(67)
  li x1, 1
  add x5, x1, x1      /* 2 */
  add x6, x5, x1      /* 3 */
  add x9, x6, x5      /* 5 */
  add x10, x9, x6     /* 8 */
  add x11, x10, x9    /* 13 */
  add x12, x11, x10   /* 21 */
  add x13, x12, x11   /* 34 */
  add x14, x13, x12   /* 55 */
  add x15, x14, x13   /* 89 */
  add x16, x15, x14   /* 144 */
  add x17, x16, x15   /* 233 */
  add x18, x17, x16   /* 377 */
  add x19, x18, x17   /* 610 */
  add x20, x19, x18   /* 987 */
  add x21, x20, x19   /* 1597 */
  add x22, x21, x20   /* 2584 */
  add x23, x22, x21   /* 4181 */
  add x3, x23, x22    /* 6765 */
  add x4, x3, x23     /* 10946 */
  add x8, x4, x3      /* 17711 */
  add x2, x8, x4      /* 28657 */
  CHECK(x2, 28657)
TEST_END
