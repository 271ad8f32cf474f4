/* Fabric instructions through the 1x1 loopback (every color routed from
 * the ramp back to the ramp): fsend/frecv/fpoll with immediate colors,
 * fsendv/frecvv/fpollv with register colors, per-color order, one receive
 * buffer per color, frecv stalling until data arrives, x0 as source and
 * sink, and the illegal forms (color >= 24, non-zero reserved fields).
 * At most three wavelets of one color are ever in flight, which the
 * loopback path holds (receive buffer, router FIFO, output register). */
#include "test_macros.h"

TEST_BEGIN
  /* Nothing has been sent: every color polls empty. */
  TEST_CASE(1)
  li a1, 0
  li a3, 0
10:
  fpollv a2, a1
  or a3, a3, a2
  addi a1, a1, 1
  li a4, NUM_COLORS
  bltu a1, a4, 10b
  CHECK(a3, 0)

  /* fsend / fpoll / frecv on one color. */
  TEST_CASE(2)
  li a1, 0xdeadbeef
  fsend a1, 3
  WAIT_COLOR(3)
  fpoll a0, 3
  CHECK(a0, 1)
  fpoll a0, 4
  CHECK(a0, 0)
  frecv a0, 3
  CHECK(a0, 0xdeadbeef)
  fpoll a0, 3
  CHECK(a0, 0)

  /* frecv right after fsend stalls until the wavelet is back. */
  TEST_CASE(3)
  li a1, 0x01234567
  fsend a1, 0
  frecv a0, 0
  CHECK(a0, 0x01234567)
  TEST_CASE(4)
  li a1, 0x76543210
  fsend a1, 23
  frecv a0, 23
  CHECK(a0, 0x76543210)

  /* Order within a color: three in flight, received in sending order. */
  TEST_CASE(5)
  li a1, 0x111
  li a2, 0x222
  li a3, 0x333
  fsend a1, 5
  fsend a2, 5
  fsend a3, 5
  frecv a0, 5
  CHECK(a0, 0x111)
  frecv a0, 5
  CHECK(a0, 0x222)
  frecv a0, 5
  CHECK(a0, 0x333)

  /* x0: fsend x0 sends 0; frecv x0 consumes and discards. */
  TEST_CASE(6)
  li a1, 0x66
  fsend x0, 6
  fsend a1, 6
  frecv x0, 6
  frecv a0, 6
  CHECK(a0, 0x66)
  CHECK(x0, 0)
  TEST_CASE(7)
  fsend x0, 7
  li a0, -1
  frecv a0, 7
  CHECK(a0, 0)

  /* One buffer per color: color 9 is read while 8 waits in its buffer. */
  TEST_CASE(8)
  li a1, 0x888
  li a2, 0x999
  fsend a1, 8
  fsend a2, 9
  frecv a0, 9
  CHECK(a0, 0x999)
  fpoll a0, 8
  CHECK(a0, 1)
  frecv a0, 8
  CHECK(a0, 0x888)

  /* Register forms: every color once, each waiting in its own buffer,
   * then received in reverse order. Data = color * 0x01010101 + 7. */
  TEST_CASE(9)
  li a1, 0
  li a4, 0x01010101
11:
  mul a2, a1, a4
  addi a2, a2, 7
  fsendv a2, a1
  addi a1, a1, 1
  li a3, NUM_COLORS
  bltu a1, a3, 11b
  li a1, NUM_COLORS - 1
12:
  WAIT_COLORV(a1)
  fpollv a0, a1
  beqz a0, test_fail
  frecvv a0, a1
  SIG(a0)
  mul a2, a1, a4
  addi a2, a2, 7
  bne a0, a2, test_fail
  addi a1, a1, -1
  bgez a1, 12b

  /* rd == rs1 for frecvv: the color is read before the data is written. */
  TEST_CASE(10)
  li a1, 0xabc
  li a2, 17
  fsendv a1, a2
  frecvv a2, a2
  CHECK(a2, 0xabc)

  /* ---- illegal forms: cause 2, mtval = the word, nothing sent -------- */
  TEST_ILLEGAL(11, fsend a1, 24)
  TEST_ILLEGAL(12, fsend a1, 31)
  TEST_ILLEGAL(13, frecv a0, 24)
  TEST_ILLEGAL(14, fpoll a0, 30)
  TEST_ILLEGAL(15, .insn i 0x0B, 0, x0, a1, 0x23)    /* fsend imm[11:5] != 0 */
  TEST_ILLEGAL(16, .insn i 0x0B, 0, x0, a1, -1)
  TEST_ILLEGAL(17, .insn i 0x0B, 0, a0, a1, 3)       /* fsend rd != 0 */
  TEST_ILLEGAL(18, .insn i 0x0B, 1, a0, a1, 3)       /* frecv rs1 != 0 */
  TEST_ILLEGAL(19, .insn i 0x0B, 1, a0, x0, 0x403)   /* frecv imm[11:5] != 0 */
  TEST_ILLEGAL(20, .insn i 0x0B, 2, a0, a1, 3)       /* fpoll rs1 != 0 */
  TEST_ILLEGAL(21, .insn r 0x0B, 3, 1, x0, a1, x0)   /* fsendv funct7 != 0 */
  TEST_ILLEGAL(22, .insn r 0x0B, 3, 0, a0, a1, x0)   /* fsendv rd != 0 */
  TEST_ILLEGAL(23, .insn i 0x0B, 4, a0, x0, 1)       /* frecvv imm != 0 */
  TEST_ILLEGAL(24, .insn i 0x0B, 5, a0, x0, 0x100)   /* fpollv imm != 0 */
  li a1, 0x5a
  li a2, NUM_COLORS
  TEST_ILLEGAL(25, fsendv a1, a2)
  li a2, 32                              /* not taken modulo 32 */
  TEST_ILLEGAL(26, fsendv a1, a2)
  li a2, -1
  TEST_ILLEGAL(27, fsendv a1, a2)
  li a2, NUM_COLORS
  TEST_ILLEGAL(28, frecvv a0, a2)
  li a2, 0x100
  TEST_ILLEGAL(29, fpollv a0, a2)
  /* The illegal frecvv did not write rd. */
  TEST_CASE(30)
  li a0, 0x77
  li a2, 33
  EXPECT_TRAP
  frecvv a0, a2
  CHECK(a0, 0x77)

  /* Nothing was sent by the illegal forms nor left over: a round trip on
   * every color first, so anything in flight has arrived, then every
   * color polls empty. */
  TEST_CASE(31)
  li a1, 0
13:
  fsendv a1, a1
  frecvv a0, a1
  bne a0, a1, test_fail
  addi a1, a1, 1
  li a4, NUM_COLORS
  bltu a1, a4, 13b
  li a1, 0
  li a3, 0
14:
  fpollv a2, a1
  or a3, a3, a2
  addi a1, a1, 1
  bltu a1, a4, 14b
  CHECK(a3, 0)
TEST_END
