/* jal and jalr: link values (pc + 4), targets forward and backward, the
 * jalr offset (sign-extended) and the cleared bit 0 of its target, rd equal
 * to rs1 (the target uses the old value), and x0 as the link register. */
#include "test_macros.h"

TEST_BEGIN
  /* jal forward: ra = address of the instruction after the jal */
  TEST_CASE(1)
  li ra, 0
  jal ra, 10f
11: j test_fail
10:
  CHECK_ADDR(ra, 11b)

  /* jal backward with another link register */
  TEST_CASE(2)
  j 13f
12:
  j 14f
13:
  jal t1, 12b
15: j test_fail
14:
  CHECK_ADDR(t1, 15b)

  /* jal x0: no link */
  TEST_CASE(3)
  jal x0, 16f
  j test_fail
16:
  CHECK(x0, 0)

  /* jalr 0(rs1) */
  TEST_CASE(4)
  LA_ABS(a1, 17f)
  li ra, 0
  jalr ra, 0(a1)
18: j test_fail
17:
  CHECK_ADDR(ra, 18b)

  /* jalr with a positive and a negative offset */
  TEST_CASE(5)
  LA_ABS(a1, 19f)
  addi a1, a1, -16
  jalr a2, 16(a1)
20: j test_fail
19:
  CHECK_ADDR(a2, 20b)
  TEST_CASE(6)
  LA_ABS(a1, 21f)
  addi a1, a1, 2044
  jalr a2, -2044(a1)
22: j test_fail
21:
  CHECK_ADDR(a2, 22b)

  /* jalr clears bit 0 of rs1 + imm: target + 1 lands on target */
  TEST_CASE(7)
  LA_ABS(a1, 23f)
  addi a1, a1, 1
  jalr a2, 0(a1)
24: j test_fail
23:
  CHECK_ADDR(a2, 24b)
  TEST_CASE(8)
  LA_ABS(a1, 25f)
  jalr a2, 1(a1)
26: j test_fail
25:
  CHECK_ADDR(a2, 26b)

  /* rd == rs1: the target comes from the old value */
  TEST_CASE(9)
  LA_ABS(a1, 27f)
  jalr a1, 0(a1)
28: j test_fail
27:
  CHECK_ADDR(a1, 28b)

  /* jalr x0 (a return) */
  TEST_CASE(10)
  LA_ABS(a1, 29f)
  jalr x0, 0(a1)
  j test_fail
29:
  CHECK(x0, 0)

  /* call / ret through a subroutine that uses the link */
  TEST_CASE(11)
  li a0, 5
  call double_it
  call double_it
  CHECK(a0, 20)
TEST_END

double_it:
  add a0, a0, a0
  ret
