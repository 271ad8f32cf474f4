/* Loads and stores: lb, lh, lw, lbu, lhu, sb, sh, sw. Every byte lane,
 * sign and zero extension, positive and negative offsets, rd == rs1, x0 as
 * destination, partial stores merging into a word, load right after store. */
#include "test_macros.h"

#define TEST_LD(n, inst, result, base, off) \
  TEST_CASE(n);                             \
  la a1, base;                              \
  inst a0, off(a1);                         \
  CHECK(a0, result)

TEST_BEGIN
  /* ld_data bytes, little-endian: 7f 01 ff 80 | 78 56 34 12 | 98 ba dc fe */
  TEST_LD(1, lb, 0x0000007f, ld_data, 0)
  TEST_LD(2, lb, 0x00000001, ld_data, 1)
  TEST_LD(3, lb, 0xffffffff, ld_data, 2)
  TEST_LD(4, lb, 0xffffff80, ld_data, 3)
  TEST_LD(5, lbu, 0x0000007f, ld_data, 0)
  TEST_LD(6, lbu, 0x000000ff, ld_data, 2)
  TEST_LD(7, lbu, 0x00000080, ld_data, 3)
  TEST_LD(8, lh, 0x0000017f, ld_data, 0)
  TEST_LD(9, lh, 0xffff80ff, ld_data, 2)
  TEST_LD(10, lhu, 0x0000017f, ld_data, 0)
  TEST_LD(11, lhu, 0x000080ff, ld_data, 2)
  TEST_LD(12, lw, 0x80ff017f, ld_data, 0)
  TEST_LD(13, lw, 0x12345678, ld_data, 4)
  TEST_LD(14, lw, 0xfedcba98, ld_data, 8)
  TEST_LD(15, lh, 0xfffffedc, ld_data, 10)
  TEST_LD(16, lhu, 0x0000ba98, ld_data, 8)
  TEST_LD(17, lb, 0xffffffba, ld_data, 9)
  TEST_LD(18, lbu, 0x000000fe, ld_data, 11)
  /* negative offsets from the end of the data */
  TEST_LD(19, lw, 0x12345678, ld_end, -8)
  TEST_LD(20, lh, 0xffff80ff, ld_end, -10)
  TEST_LD(21, lbu, 0x00000012, ld_end, -5)
  TEST_LD(22, lb, 0xfffffffe, ld_end, -1)

  /* rd == rs1 */
  TEST_CASE(23)
  la a1, ld_data
  lw a1, 4(a1)
  CHECK(a1, 0x12345678)
  /* x0 as destination */
  TEST_CASE(24)
  la a1, ld_data
  lw x0, 0(a1)
  lb x0, 3(a1)
  CHECK(x0, 0)

  /* Partial stores merge into the word. */
  TEST_CASE(25)
  la a1, st_area
  li a2, 0xaabbccdd
  sw a2, 0(a1)
  li a2, 0x11
  sb a2, 1(a1)
  lw a0, 0(a1)
  CHECK(a0, 0xaabb11dd)
  TEST_CASE(26)
  li a2, 0x2233
  sh a2, 2(a1)
  lw a0, 0(a1)
  CHECK(a0, 0x223311dd)
  TEST_CASE(27)
  li a2, 0x12345644                   /* only the low byte is stored */
  sb a2, 3(a1)
  lw a0, 0(a1)
  CHECK(a0, 0x443311dd)
  TEST_CASE(28)
  li a2, 0xffff5566                   /* only the low half is stored */
  sh a2, 0(a1)
  lw a0, 0(a1)
  CHECK(a0, 0x44335566)

  /* One byte in each lane of a zero word, then read back per lane. */
  TEST_CASE(29)
  sw x0, 4(a1)
  li a2, 0x81
  sb a2, 4(a1)
  li a2, 0x02
  sb a2, 5(a1)
  li a2, 0x83
  sb a2, 6(a1)
  li a2, 0x04
  sb a2, 7(a1)
  lw a0, 4(a1)
  CHECK(a0, 0x04830281)
  TEST_CASE(30)
  lb a0, 4(a1)
  CHECK(a0, 0xffffff81)
  TEST_CASE(31)
  lbu a0, 6(a1)
  CHECK(a0, 0x00000083)
  TEST_CASE(32)
  lh a0, 6(a1)
  CHECK(a0, 0x00000483)
  TEST_CASE(33)
  lh a0, 4(a1)
  CHECK(a0, 0x00000281)
  TEST_CASE(34)
  li a2, 0x8000
  sh a2, 6(a1)
  lh a0, 6(a1)
  CHECK(a0, 0xffff8000)
  TEST_CASE(35)
  lhu a0, 6(a1)
  CHECK(a0, 0x00008000)

  /* Negative store offsets; rs2 == rs1 stores the base address itself. */
  TEST_CASE(36)
  la a1, st_end
  li a2, 0x5eed5eed
  sw a2, -4(a1)
  sh a2, -6(a1)
  sb x0, -5(a1)
  la a3, st_end
  lw a0, -4(a3)
  CHECK(a0, 0x5eed5eed)
  TEST_CASE(37)
  lw a0, -8(a3)
  CHECK(a0, 0x00ed0000)
  TEST_CASE(38)
  la a1, st_area
  sw a1, 16(a1)
  lw a0, 16(a1)
  CHECK_ADDR(a0, st_area)

  /* A load right after a store to the same word sees the new value. */
  TEST_CASE(39)
  la a1, st_area
  li a2, 0x13579bdf
  sw a2, 20(a1)
  lw a0, 20(a1)
  lbu a4, 23(a1)
  add a0, a0, a4
  CHECK(a0, 0x13579bf2)
TEST_END

  .data
  .balign 4
ld_data:
  .word 0x80ff017f, 0x12345678, 0xfedcba98
ld_end:
  .balign 4
st_area:
  .space 24
st_end:
