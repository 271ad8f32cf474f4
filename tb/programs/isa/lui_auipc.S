/* lui and auipc. The expected addresses are built with lui/addi from
 * absolute relocations, never with auipc. */
#include "test_macros.h"

TEST_BEGIN
  /* lui: imm << 12, low bits zero */
  TEST_CASE(1)
  lui a0, 0x00000
  CHECK(a0, 0x00000000)
  TEST_CASE(2)
  lui a0, 0x12345
  CHECK(a0, 0x12345000)
  TEST_CASE(3)
  lui a0, 0xfffff
  CHECK(a0, 0xfffff000)
  TEST_CASE(4)
  lui a0, 0x80000
  srai a0, a0, 12
  CHECK(a0, 0xfff80000)
  TEST_CASE(5)
  lui a0, 0x7ffff
  addi a0, a0, 0x7ff
  CHECK(a0, 0x7ffff7ff)
  TEST_CASE(6)
  lui x0, 0x12345
  CHECK(x0, 0)

  /* auipc: pc + (imm << 12) */
  TEST_CASE(7)
10: auipc a0, 0
  CHECK_ADDR(a0, 10b)
  TEST_CASE(8)
11: auipc a0, 1
  LA_ABS(a1, 11b)
  li a2, 0x1000
  add a1, a1, a2
  CHECK_EQ(a0, a1)
  TEST_CASE(9)
12: auipc a0, 0xfffff                  /* pc - 0x1000, modulo 2^32 */
  LA_ABS(a1, 12b)
  li a2, 0x1000
  sub a1, a1, a2
  CHECK_EQ(a0, a1)
  TEST_CASE(10)
13: auipc a0, 0x80000                  /* pc + 0x80000000 */
  LA_ABS(a1, 13b)
  li a2, 0x80000000
  add a1, a1, a2
  CHECK_EQ(a0, a1)
  /* auipc + addi reaches a data word: the la/lw pair of compiled code. */
  TEST_CASE(11)
  la a0, data_word
  lw a0, 0(a0)
  CHECK(a0, 0x600dcafe)
TEST_END

  .data
  .balign 4
data_word: .word 0x600dcafe
