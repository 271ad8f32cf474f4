/* Tasks: ftask binds a color to a handler, twait calls the handler of the
 * lowest-numbered bound color that has a wavelet, linking like jal
 * (rd = pc + 4). Checked: the link value and register, lowest-color-first,
 * unbound colors ignored, rebinding and unbinding (x[rs1] = 0), the
 * handler address's low bits dropped, twait waiting for a wavelet still in
 * flight, a handler outside SRAM (fetch fault after the link is written),
 * and the illegal forms (nothing bound, color >= 24, reserved fields).
 *
 * Handlers record: s1 = their link register, s2 = their color, s3 counts
 * calls, a0 = the wavelet they consumed. */
#include "test_macros.h"

TEST_BEGIN
  li s3, 0

  /* Bindings reset to unbound at start: twait is illegal. */
  TEST_ILLEGAL(1, twait ra)

  /* One bound color with data: twait calls its handler, ra = twait + 4. */
  TEST_CASE(2)
  la a1, h7
  ftask a1, 7
  li a2, 0x7777
  fsend a2, 7
  WAIT_COLOR(7)
10: twait ra
  CHECK(s2, 7)
  CHECK(a0, 0x7777)
  CHECK_ADDR(s1, 10b + 4)
  CHECK(s3, 1)

  /* twait waits for a wavelet still on its way. */
  TEST_CASE(3)
  li a2, 0x7778
  fsend a2, 7
  twait ra
  CHECK(s2, 7)
  CHECK(a0, 0x7778)

  /* Lowest color first: 3 runs before 10, whatever the arrival order. */
  TEST_CASE(4)
  la a1, h3
  ftask a1, 3
  la a1, h10
  ftask a1, 10
  li a2, 0x1010
  fsend a2, 10
  li a2, 0x0303
  fsend a2, 3
  WAIT_COLOR(10)
  WAIT_COLOR(3)
  twait ra
  CHECK(s2, 3)
  CHECK(a0, 0x0303)
  twait ra
  CHECK(s2, 10)
  CHECK(a0, 0x1010)
  CHECK(s3, 4)

  /* Colors 0 and 23 both ready: 0 first. */
  TEST_CASE(5)
  la a1, h0
  ftask a1, 0
  la a1, h23
  ftask a1, 23
  li a2, 23
  fsend a2, 23
  WAIT_COLOR(23)
  fsend x0, 0
  WAIT_COLOR(0)
  twait ra
  CHECK(s2, 0)
  twait ra
  CHECK(s2, 23)
  CHECK(a0, 23)

  /* An unbound color with data is ignored, even if lower. */
  TEST_CASE(6)
  li a2, 0x22
  fsend a2, 2
  li a2, 0x1011
  fsend a2, 10
  WAIT_COLOR(2)
  WAIT_COLOR(10)
  twait ra
  CHECK(s2, 10)
  CHECK(a0, 0x1011)
  frecv a0, 2
  CHECK(a0, 0x22)

  /* Another link register: the handler returns through a5; ra is kept. */
  TEST_CASE(7)
  la a1, h12
  ftask a1, 12
  li a2, 0x1212
  fsend a2, 12
  WAIT_COLOR(12)
  li ra, 0x99
11: twait a5
  CHECK(s2, 12)
  CHECK_ADDR(s1, 11b + 4)
  CHECK_EQ(a5, s1)
  CHECK(ra, 0x99)
  /* twait x0: no link; this handler jumps back to a fixed label. */
  TEST_CASE(8)
  la a1, h14
  ftask a1, 14
  li a2, 0x1414
  fsend a2, 14
  WAIT_COLOR(14)
  twait x0
  j test_fail
h14_back:
  CHECK(s2, 14)
  CHECK(a0, 0x1414)
  CHECK(x0, 0)

  /* The handler address's bits 1:0 are dropped: h11 + 3 runs h11. */
  TEST_CASE(9)
  la a1, h11
  addi a1, a1, 3
  ftask a1, 11
  li a2, 0x1111
  fsend a2, 11
  WAIT_COLOR(11)
  twait ra
  CHECK(s2, 11)
  CHECK(a0, 0x1111)

  /* Rebinding replaces the handler. */
  TEST_CASE(10)
  la a1, h3b
  ftask a1, 3
  li a2, 0x0304
  fsend a2, 3
  WAIT_COLOR(3)
  twait ra
  CHECK(s2, 0x33)
  CHECK(a0, 0x0304)

  /* Unbinding (x[rs1] = 0): color 0 is unbound, so 3 runs. */
  TEST_CASE(11)
  ftask x0, 0
  li a2, 0
  ftask a2, 10
  fsend x0, 0
  li a2, 0x1012
  fsend a2, 10
  li a2, 0x0305
  fsend a2, 3
  WAIT_COLOR(0)
  WAIT_COLOR(10)
  WAIT_COLOR(3)
  twait ra
  CHECK(s2, 0x33)
  CHECK(a0, 0x0305)
  frecv a0, 0
  CHECK(a0, 0)
  frecv a0, 10
  CHECK(a0, 0x1012)

  /* A handler outside the SRAM: twait links, then the fetch faults. */
  TEST_CASE(12)
  li a1, 0x10000000
  ftask a1, 13
  li a2, 0x1313
  fsend a2, 13
  WAIT_COLOR(13)
  li ra, 0
  EXPECT_TRAP_RESUME(12f)
13: twait ra
  j test_fail
12:
  CHECK(t4, 1)
  CHECK(t5, 0x10000000)
  CHECK(t6, 0x10000000)
  CHECK_ADDR(ra, 13b + 4)
  ftask x0, 13
  frecv a0, 13
  CHECK(a0, 0x1313)

  /* ---- illegal forms ---------------------------------------------------- */
  la a1, h7
  TEST_ILLEGAL(13, ftask a1, 24)
  TEST_ILLEGAL(14, ftask a1, 31)
  TEST_ILLEGAL(15, .insn i 0x0B, 6, x0, a1, 0x43)    /* ftask imm[11:5] != 0 */
  TEST_ILLEGAL(16, .insn i 0x0B, 6, a0, a1, 3)       /* ftask rd != 0 */
  TEST_ILLEGAL(17, .insn i 0x0B, 7, ra, a1, 0)       /* twait rs1 != 0 */
  TEST_ILLEGAL(18, .insn i 0x0B, 7, ra, x0, 4)       /* twait imm != 0 */

  /* Unbind everything still bound: twait is illegal again. */
  TEST_CASE(19)
  ftask x0, 3
  ftask x0, 7
  ftask x0, 11
  ftask x0, 12
  ftask x0, 14
  ftask x0, 23
  TEST_ILLEGAL(20, twait ra)
  /* The illegal twait did not link. */
  TEST_CASE(21)
  li ra, 0x1234
  EXPECT_TRAP
  twait ra
  CHECK(ra, 0x1234)
  CHECK(s3, 12)
TEST_END

/* Handlers: consume the wavelet, record the call, return through the
 * link register of the twait that called them. */
  .balign 4
h0:
  frecv a0, 0
  li s2, 0
  j h_common
  .balign 4
h3:
  frecv a0, 3
  li s2, 3
  j h_common
  .balign 4
h3b:
  frecv a0, 3
  li s2, 0x33
  j h_common
  .balign 4
h7:
  frecv a0, 7
  li s2, 7
  j h_common
  .balign 4
h10:
  frecv a0, 10
  li s2, 10
  j h_common
  .balign 4
h11:
  frecv a0, 11
  li s2, 11
  j h_common
  .balign 4
h23:
  frecv a0, 23
  li s2, 23
  j h_common
h_common:
  mv s1, ra
  addi s3, s3, 1
  ret
  .balign 4
h12:
  frecv a0, 12
  li s2, 12
  mv s1, a5
  addi s3, s3, 1
  jr a5
  .balign 4
h14:
  frecv a0, 14
  li s2, 14
  addi s3, s3, 1
  j h14_back
