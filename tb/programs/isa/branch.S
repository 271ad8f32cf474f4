/* Conditional branches: beq, bne, blt, bge, bltu, bgeu, each taken and not
 * taken, forward and backward, on signed/unsigned boundary values. */
#include "test_macros.h"

/* Taken forward and taken backward; the signature records the case. */
#define TEST_BR_TAKEN(n, inst, v1, v2) \
  TEST_CASE(n);                        \
  li a1, v1;                           \
  li a2, v2;                           \
  inst a1, a2, 200f;                   \
  j test_fail;                         \
200:                                   \
  j 202f;                              \
201:                                   \
  j 203f;                              \
202:                                   \
  inst a1, a2, 201b;                   \
  j test_fail;                         \
203:                                   \
  SIG(TESTNUM)

#define TEST_BR_NOT_TAKEN(n, inst, v1, v2) \
  TEST_CASE(n);                            \
  li a1, v1;                               \
  li a2, v2;                               \
  inst a1, a2, 204f;                       \
  j 205f;                                  \
204:                                       \
  j test_fail;                             \
205:                                       \
  SIG(TESTNUM)

TEST_BEGIN
  TEST_BR_TAKEN(1, beq, 0, 0)
  TEST_BR_TAKEN(2, beq, 0x80000000, 0x80000000)
  TEST_BR_TAKEN(3, beq, 0xffffffff, 0xffffffff)
  TEST_BR_NOT_TAKEN(4, beq, 0, 1)
  TEST_BR_NOT_TAKEN(5, beq, 0x80000000, 0x00000000)
  TEST_BR_NOT_TAKEN(6, beq, 0xffffffff, 0x7fffffff)

  TEST_BR_TAKEN(7, bne, 0, 1)
  TEST_BR_TAKEN(8, bne, 0x80000000, 0x00000000)
  TEST_BR_TAKEN(9, bne, 0xffffffff, 0xfffffffe)
  TEST_BR_NOT_TAKEN(10, bne, 0, 0)
  TEST_BR_NOT_TAKEN(11, bne, 0x80000001, 0x80000001)

  TEST_BR_TAKEN(12, blt, 0, 1)
  TEST_BR_TAKEN(13, blt, 0xffffffff, 0)
  TEST_BR_TAKEN(14, blt, 0x80000000, 0x7fffffff)
  TEST_BR_TAKEN(15, blt, 0xfffffffe, 0xffffffff)
  TEST_BR_NOT_TAKEN(16, blt, 1, 0)
  TEST_BR_NOT_TAKEN(17, blt, 0, 0xffffffff)
  TEST_BR_NOT_TAKEN(18, blt, 0x7fffffff, 0x80000000)
  TEST_BR_NOT_TAKEN(19, blt, 5, 5)

  TEST_BR_TAKEN(20, bge, 0, 0)
  TEST_BR_TAKEN(21, bge, 1, 0)
  TEST_BR_TAKEN(22, bge, 0, 0xffffffff)
  TEST_BR_TAKEN(23, bge, 0x7fffffff, 0x80000000)
  TEST_BR_NOT_TAKEN(24, bge, 0xffffffff, 0)
  TEST_BR_NOT_TAKEN(25, bge, 0x80000000, 0x7fffffff)

  TEST_BR_TAKEN(26, bltu, 0, 1)
  TEST_BR_TAKEN(27, bltu, 0, 0xffffffff)
  TEST_BR_TAKEN(28, bltu, 0x7fffffff, 0x80000000)
  TEST_BR_TAKEN(29, bltu, 0xfffffffe, 0xffffffff)
  TEST_BR_NOT_TAKEN(30, bltu, 0xffffffff, 0)
  TEST_BR_NOT_TAKEN(31, bltu, 0x80000000, 0x7fffffff)
  TEST_BR_NOT_TAKEN(32, bltu, 7, 7)

  TEST_BR_TAKEN(33, bgeu, 0, 0)
  TEST_BR_TAKEN(34, bgeu, 0xffffffff, 0)
  TEST_BR_TAKEN(35, bgeu, 0x80000000, 0x7fffffff)
  TEST_BR_NOT_TAKEN(36, bgeu, 0, 0xffffffff)
  TEST_BR_NOT_TAKEN(37, bgeu, 0x7fffffff, 0x80000000)

  /* x0 operands: beqz/bnez/bltz/bgez as compiled code uses them. */
  TEST_BR_TAKEN(38, beq, 0, 0)
  TEST_CASE(39)
  li a1, -5
  bltz a1, 206f
  j test_fail
206:
  bgez a1, test_fail
  bnez a1, 207f
  j test_fail
207:
  SIG(TESTNUM)

  /* A counted loop: the backward branch taken 9 times, then falls through. */
  TEST_CASE(40)
  li a0, 0
  li a1, 10
208:
  addi a0, a0, 3
  addi a1, a1, -1
  bnez a1, 208b
  CHECK(a0, 30)
TEST_END
