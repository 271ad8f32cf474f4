/* Tensor instructions: dseta/dsetl, tcopy/tadd/tmac over MEM16, MEM32,
 * FAB16 and FAB32 operands. Checked: sign extension and truncation between
 * widths, positive, negative and zero strides (a zero destination stride
 * accumulates), addresses modulo 2^32, overlapping source and destination
 * behaving as the sequential loop, the destination length ignored, the
 * wsemacs/wsezskip counters, the illegal forms (checked before any element)
 * and the element-wise faults: elements before the faulting one complete,
 * the faulting one has no effect (not even consuming its wavelet), mtval is
 * its address. At most three wavelets of one color are in flight. */
#include "test_macros.h"

/* Descriptor d = {type, addr, len, stride}; addr is a label, a symbol or a
 * number (a color for FAB16/FAB32). Uses a1, a2. */
#define DSET(d, type, addr, len, stride) \
  LA_ABS(a1, addr);                      \
  li a2, type;                           \
  dseta d, a1, a2;                       \
  li a1, len;                            \
  li a2, stride;                         \
  dsetl d, a1, a2

/* Stores the word val at addr. Uses a3, a4. */
#define POKE(addr, val) \
  LA_ABS(a3, addr);     \
  li a4, val;           \
  sw a4, 0(a3)

/* Checks the word at addr (and records it). Uses a0, a3. */
#define CHECK_MEM(addr, val) \
  LA_ABS(a3, addr);          \
  lw a0, 0(a3);              \
  CHECK(a0, val)

/* The counters' change since the last SNAP_COUNTERS: s4 = wsemacs, s5 = wsezskip. */
#define SNAP_COUNTERS \
  csrr s4, 0xfc0;     \
  csrr s5, 0xfc1
#define CHECK_COUNTERS(macs, zskip) \
  csrr a0, 0xfc0;                   \
  sub a0, a0, s4;                   \
  CHECK(a0, macs);                  \
  csrr a0, 0xfc1;                   \
  sub a0, a0, s5;                   \
  CHECK(a0, zskip)

TEST_BEGIN
  /* ---- tcopy between memory operands --------------------------------- */
  /* MEM32 -> MEM32; the destination's len (1) is ignored. */
  TEST_CASE(1)
  POKE(buf32 + 16, 0x5a5a5a5a)
  DSET(0, MEM32, buf32, 1, 1)
  DSET(1, MEM32, v32a, 4, 1)
  tcopy 0, 1
  CHECK_MEM(buf32 + 0, 1)
  CHECK_MEM(buf32 + 4, -2)
  CHECK_MEM(buf32 + 8, 3)
  CHECK_MEM(buf32 + 12, -4)
  CHECK_MEM(buf32 + 16, 0x5a5a5a5a)

  /* MEM16 -> MEM32: sign extension. */
  TEST_CASE(2)
  DSET(1, MEM16, v16a, 6, 1)
  tcopy 0, 1
  CHECK_MEM(buf32 + 0, 0x00000001)
  CHECK_MEM(buf32 + 4, 0xfffffffe)
  CHECK_MEM(buf32 + 8, 0x00007fff)
  CHECK_MEM(buf32 + 12, 0xffff8000)
  CHECK_MEM(buf32 + 16, 0x00000000)
  CHECK_MEM(buf32 + 20, 0x00000005)

  /* MEM32 -> MEM16: the low 16 bits are stored, nothing past the end. */
  TEST_CASE(3)
  POKE(buf16 + 12, 0x12345678)
  DSET(2, MEM16, buf16, 0, 1)
  DSET(3, MEM32, v32a, 6, 1)
  tcopy 2, 3
  CHECK_MEM(buf16 + 0, 0xfffe0001)
  CHECK_MEM(buf16 + 4, 0xfffc0003)
  CHECK_MEM(buf16 + 8, 0x0000ffff)
  CHECK_MEM(buf16 + 12, 0x12345678)

  /* Negative source stride: v32a[3], [2], [1], [0]. */
  TEST_CASE(4)
  DSET(0, MEM32, buf32, 0, 1)
  DSET(1, MEM32, v32a + 12, 4, -1)
  tcopy 0, 1
  CHECK_MEM(buf32 + 0, -4)
  CHECK_MEM(buf32 + 4, 3)
  CHECK_MEM(buf32 + 8, -2)
  CHECK_MEM(buf32 + 12, 1)
  /* Negative destination stride: v32a[1..3] into buf32[3], [2], [1]. */
  TEST_CASE(5)
  DSET(0, MEM32, buf32 + 12, 0, -1)
  DSET(1, MEM32, v32a + 4, 3, 1)
  tcopy 0, 1
  CHECK_MEM(buf32 + 0, -4)                /* from case 4 */
  CHECK_MEM(buf32 + 4, -4)
  CHECK_MEM(buf32 + 8, 3)
  CHECK_MEM(buf32 + 12, -2)

  /* Zero source stride repeats one element. */
  TEST_CASE(6)
  POKE(buf32 + 12, 0x77)
  DSET(0, MEM32, buf32, 0, 1)
  DSET(1, MEM32, v32a + 8, 3, 0)
  tcopy 0, 1
  CHECK_MEM(buf32 + 0, 3)
  CHECK_MEM(buf32 + 4, 3)
  CHECK_MEM(buf32 + 8, 3)
  CHECK_MEM(buf32 + 12, 0x77)

  /* Stride 2 over int16. */
  TEST_CASE(7)
  DSET(1, MEM16, v16a, 3, 2)
  tcopy 0, 1
  CHECK_MEM(buf32 + 0, 1)
  CHECK_MEM(buf32 + 4, 0x7fff)
  CHECK_MEM(buf32 + 8, 0)

  /* Addresses wrap modulo 2^32: a MEM32 stride of 2^30 elements is 2^32
   * bytes, the same word again; a MEM16 stride of 2^31 likewise. */
  TEST_CASE(8)
  DSET(1, MEM32, v32a + 4, 3, 0x40000000)
  tcopy 0, 1
  CHECK_MEM(buf32 + 0, -2)
  CHECK_MEM(buf32 + 4, -2)
  CHECK_MEM(buf32 + 8, -2)
  TEST_CASE(9)
  DSET(1, MEM16, v16a + 2, 2, 0x80000000)
  tcopy 0, 1
  CHECK_MEM(buf32 + 0, -2)
  CHECK_MEM(buf32 + 4, -2)

  /* Overlap, destination one word above the source: each element reads
   * what the previous one wrote, so the first value fills the range. */
  TEST_CASE(10)
  POKE(buf32 + 0, 10)
  POKE(buf32 + 4, 20)
  POKE(buf32 + 8, 30)
  POKE(buf32 + 12, 40)
  POKE(buf32 + 16, 50)
  DSET(0, MEM32, buf32 + 4, 0, 1)
  DSET(1, MEM32, buf32, 4, 1)
  tcopy 0, 1
  CHECK_MEM(buf32 + 0, 10)
  CHECK_MEM(buf32 + 4, 10)
  CHECK_MEM(buf32 + 8, 10)
  CHECK_MEM(buf32 + 12, 10)
  CHECK_MEM(buf32 + 16, 10)
  /* Destination one word below: a plain shift down. */
  TEST_CASE(11)
  POKE(buf32 + 4, 20)
  POKE(buf32 + 8, 30)
  POKE(buf32 + 12, 40)
  POKE(buf32 + 16, 50)
  DSET(0, MEM32, buf32, 0, 1)
  DSET(1, MEM32, buf32 + 4, 4, 1)
  tcopy 0, 1
  CHECK_MEM(buf32 + 0, 20)
  CHECK_MEM(buf32 + 4, 30)
  CHECK_MEM(buf32 + 8, 40)
  CHECK_MEM(buf32 + 12, 50)
  CHECK_MEM(buf32 + 16, 50)

  /* Zero length: nothing happens. */
  TEST_CASE(12)
  DSET(1, MEM32, v32a, 0, 1)
  tcopy 0, 1
  CHECK_MEM(buf32 + 0, 20)

  /* ---- tadd -------------------------------------------------------------- */
  /* MEM32 += MEM16, and 32-bit wrap-around. */
  TEST_CASE(13)
  POKE(buf32 + 0, 1000)
  POKE(buf32 + 4, 2000)
  POKE(buf32 + 8, 3000)
  POKE(buf32 + 12, 0x7fffffff)
  DSET(0, MEM32, buf32, 0, 1)
  DSET(1, MEM16, v16a, 4, 1)
  tadd 0, 1
  CHECK_MEM(buf32 + 0, 1001)
  CHECK_MEM(buf32 + 4, 1998)
  CHECK_MEM(buf32 + 8, 35767)
  CHECK_MEM(buf32 + 12, 0x7fff7fff)
  TEST_CASE(14)
  POKE(buf32 + 0, 0x7fffffff)
  DSET(1, MEM32, v32a, 1, 1)
  tadd 0, 1
  CHECK_MEM(buf32 + 0, 0x80000000)
  /* Zero destination stride accumulates: 100 + 1 - 2 + 3 - 4. */
  TEST_CASE(15)
  POKE(buf32 + 0, 100)
  DSET(0, MEM32, buf32, 0, 0)
  DSET(1, MEM32, v32a, 4, 1)
  tadd 0, 1
  CHECK_MEM(buf32 + 0, 98)
  /* MEM16 destination: 16-bit element read sign-extended, low half stored. */
  TEST_CASE(16)
  POKE(buf16 + 0, 0xff9c0064)             /* 100, -100 */
  POKE(buf16 + 4, 0x12347fff)             /* 0x7fff, then a guard */
  DSET(2, MEM16, buf16, 0, 1)
  DSET(3, MEM32, v32a, 3, 1)              /* 1, -2, 3 */
  tadd 2, 3
  CHECK_MEM(buf16 + 0, 0xff9a0065)        /* 101, -102 */
  CHECK_MEM(buf16 + 4, 0x12348002)        /* 0x7fff + 3 = 0x8002 */

  /* ---- tmac and the counters -------------------------------------------- */
  SNAP_COUNTERS
  /* y[i] += x[i] * 5: the scalar is the sign-extended low 16 bits of rs1. */
  TEST_CASE(17)
  POKE(buf32 + 0, 10)
  POKE(buf32 + 4, 20)
  POKE(buf32 + 8, 30)
  POKE(buf32 + 12, 40)
  DSET(0, MEM32, buf32, 0, 1)
  DSET(1, MEM16, x16, 4, 1)               /* 1, -2, 0, 3 */
  li a5, 0x12340005
  tmac 0, 1, a5
  CHECK_MEM(buf32 + 0, 15)
  CHECK_MEM(buf32 + 4, 10)
  CHECK_MEM(buf32 + 8, 30)
  CHECK_MEM(buf32 + 12, 55)
  CHECK_COUNTERS(4, 1)
  /* Scalar 0xffff is -1, 0x8000 is -32768. */
  TEST_CASE(18)
  li a5, 0xffff
  tmac 0, 1, a5
  CHECK_MEM(buf32 + 0, 14)
  CHECK_MEM(buf32 + 4, 12)
  CHECK_MEM(buf32 + 8, 30)
  CHECK_MEM(buf32 + 12, 52)
  TEST_CASE(19)
  li a5, 0x8000
  tmac 0, 1, a5
  CHECK_MEM(buf32 + 0, 0xffff800e)        /* 14 - 32768 */
  CHECK_MEM(buf32 + 4, 0x0001000c)        /* 12 + 65536 */
  CHECK_MEM(buf32 + 8, 30)
  CHECK_MEM(buf32 + 12, 0xfffe8034)       /* 52 - 98304 */
  CHECK_COUNTERS(12, 3)
  /* A zero scalar still multiplies (and counts no skip) but changes nothing. */
  TEST_CASE(20)
  SNAP_COUNTERS
  tmac 0, 1, x0
  CHECK_MEM(buf32 + 0, 0xffff800e)
  CHECK_COUNTERS(4, 1)
  /* MEM32 source: full 32-bit products, wrapping. */
  TEST_CASE(21)
  POKE(buf32 + 0, 1)
  POKE(buf32 + 4, 2)
  POKE(buf32 + 16, 0x40000000)
  POKE(buf32 + 20, 0x12345678)
  DSET(0, MEM32, buf32, 0, 1)
  DSET(1, MEM32, buf32 + 16, 2, 1)
  li a5, 4
  tmac 0, 1, a5
  CHECK_MEM(buf32 + 0, 1)                 /* 0x40000000 * 4 wraps to 0 */
  CHECK_MEM(buf32 + 4, 0x48d159e2)        /* 2 + 0x48d159e0 */
  /* MEM16 destination. */
  TEST_CASE(22)
  POKE(buf16 + 0, 0xfc1803e8)             /* 1000, -1000 */
  DSET(2, MEM16, buf16, 0, 1)
  DSET(3, MEM16, x16, 2, 1)               /* 1, -2 */
  li a5, -7
  tmac 2, 3, a5
  CHECK_MEM(buf16 + 0, 0xfc2603e1)        /* 993, -986 */
  /* Zero destination stride: a dot product, 1*3 - 2*3 + 0 + 3*3 = 6. */
  TEST_CASE(23)
  SNAP_COUNTERS
  POKE(buf32 + 0, 0)
  DSET(0, MEM32, buf32, 0, 0)
  DSET(1, MEM16, x16, 4, 1)
  li a5, 3
  tmac 0, 1, a5
  CHECK_MEM(buf32 + 0, 6)
  CHECK_COUNTERS(4, 1)
  /* Zero length: no element, no count. */
  TEST_CASE(24)
  DSET(1, MEM16, x16, 0, 1)
  tmac 0, 1, a5
  CHECK_COUNTERS(4, 1)

  /* ---- fabric operands --------------------------------------------------- */
  /* MEM32 -> FAB32: three wavelets on color 5. */
  TEST_CASE(25)
  DSET(0, FAB32, 5, 0, 0)
  DSET(1, MEM32, v32a + 12, 3, 1)         /* -4, 0x7fffffff, 0x80000000 */
  tcopy 0, 1
  frecv a0, 5
  CHECK(a0, -4)
  frecv a0, 5
  CHECK(a0, 0x7fffffff)
  frecv a0, 5
  CHECK(a0, 0x80000000)
  /* FAB32 -> MEM32. */
  TEST_CASE(26)
  li a5, 0xcafe0001
  fsend a5, 6
  li a5, 0xcafe0002
  fsend a5, 6
  DSET(0, MEM32, buf32, 0, 1)
  DSET(1, FAB32, 6, 2, 0)
  tcopy 0, 1
  CHECK_MEM(buf32 + 0, 0xcafe0001)
  CHECK_MEM(buf32 + 4, 0xcafe0002)
  fpoll a0, 6
  CHECK(a0, 0)
  /* FAB16 source: the low 16 bits of each wavelet, sign-extended. */
  TEST_CASE(27)
  li a5, 0x12348765
  fsend a5, 7
  li a5, 0x00017fff
  fsend a5, 7
  li a5, 0x00010000
  fsend a5, 7
  DSET(1, FAB16, 7, 3, 0)
  tcopy 0, 1
  CHECK_MEM(buf32 + 0, 0xffff8765)
  CHECK_MEM(buf32 + 4, 0x00007fff)
  CHECK_MEM(buf32 + 8, 0x00000000)
  /* FAB16 destination: sends the sign-extended low 16 bits. */
  TEST_CASE(28)
  POKE(buf32 + 0, 0x12348765)
  POKE(buf32 + 4, 0x00007fff)
  POKE(buf32 + 8, 0x00018000)
  DSET(0, FAB16, 8, 0, 0)
  DSET(1, MEM32, buf32, 3, 1)
  tcopy 0, 1
  frecv a0, 8
  CHECK(a0, 0xffff8765)
  frecv a0, 8
  CHECK(a0, 0x00007fff)
  frecv a0, 8
  CHECK(a0, 0xffff8000)
  /* FAB32 -> FAB32: color 9 in, color 10 out. */
  TEST_CASE(29)
  li a5, 0x901
  fsend a5, 9
  li a5, 0x902
  fsend a5, 9
  li a5, 0x903
  fsend a5, 9
  DSET(0, FAB32, 10, 0, 0)
  DSET(1, FAB32, 9, 3, 0)
  tcopy 0, 1
  frecv a0, 10
  CHECK(a0, 0x901)
  frecv a0, 10
  CHECK(a0, 0x902)
  frecv a0, 10
  CHECK(a0, 0x903)
  /* The color is addr[4:0]: 0x125 is color 5. */
  TEST_CASE(30)
  DSET(0, FAB32, 0x125, 0, 0)
  DSET(1, MEM32, v32a, 1, 1)
  tcopy 0, 1
  frecv a0, 5
  CHECK(a0, 1)
  /* tadd MEM32 += FAB32. */
  TEST_CASE(31)
  POKE(buf32 + 0, 100)
  POKE(buf32 + 4, 200)
  li a5, 11
  fsend a5, 12
  li a5, -22
  fsend a5, 12
  DSET(0, MEM32, buf32, 0, 1)
  DSET(1, FAB32, 12, 2, 0)
  tadd 0, 1
  CHECK_MEM(buf32 + 0, 111)
  CHECK_MEM(buf32 + 4, 178)
  /* tmac MEM32 += FAB16 * s: a wavelet whose low half is 0 is skipped. */
  TEST_CASE(32)
  POKE(buf32 + 8, 0)
  SNAP_COUNTERS
  li a5, 0x0003
  fsend a5, 13
  li a5, 0x70000
  fsend a5, 13
  li a5, 0xfffe
  fsend a5, 13
  DSET(0, MEM32, buf32, 0, 1)
  DSET(1, FAB16, 13, 3, 0)
  li a5, 100
  tmac 0, 1, a5
  CHECK_MEM(buf32 + 0, 411)               /* 111 + 3 * 100 */
  CHECK_MEM(buf32 + 4, 178)               /* 0x70000 -> 0: skipped */
  CHECK_MEM(buf32 + 8, 0xffffff38)        /* 0 - 2 * 100 */
  CHECK_COUNTERS(3, 1)

  /* ---- illegal forms: cause 2, nothing done --------------------------- */
  DSET(0, MEM32, buf32, 0, 1)
  DSET(1, MEM32, v32a, 2, 1)
  POKE(buf32 + 0, 0x1111)
  TEST_ILLEGAL(33, .insn r 0x2B, 0, 4, x0, a1, x0)    /* dseta d = 4 */
  TEST_ILLEGAL(34, .insn r 0x2B, 0, 0x40, x0, a1, x0) /* dseta funct7[6] */
  TEST_ILLEGAL(35, .insn r 0x2B, 1, 8, x0, a1, x0)    /* dsetl funct7[3] */
  li a2, 4
  TEST_ILLEGAL(36, dseta 1, a1, a2)                   /* type 4 */
  li a2, -1
  TEST_ILLEGAL(37, dseta 1, a1, a2)
  TEST_ILLEGAL(38, .insn r 0x2B, 2, 0x11, x0, x0, x0) /* tcopy funct7[4] */
  TEST_ILLEGAL(39, .insn r 0x2B, 3, 0x41, x0, x0, x0) /* tadd funct7[6] */
  TEST_ILLEGAL(40, .insn r 0x2B, 2, 1, a0, x0, x0)    /* tcopy rd != 0 */
  TEST_ILLEGAL(41, .insn r 0x2B, 2, 1, x0, a1, x0)    /* tcopy rs1 != 0 */
  TEST_ILLEGAL(42, .insn r 0x2B, 3, 1, x0, x0, a1)    /* tadd rs2 != 0 */
  TEST_ILLEGAL(43, .insn r 0x2B, 4, 1, a0, a1, x0)    /* tmac rd != 0 */
  TEST_ILLEGAL(44, .insn r 0x2B, 4, 1, x0, a1, a1)    /* tmac rs2 != 0 */
  TEST_ILLEGAL(45, .insn r 0x2B, 5, 1, x0, x0, x0)    /* funct3 5 */
  TEST_ILLEGAL(46, .insn r 0x2B, 6, 1, x0, x0, x0)    /* funct3 6 */
  TEST_ILLEGAL(47, .insn r 0x2B, 7, 1, x0, x0, x0)    /* funct3 7 */
  /* The illegal dseta did not change D1: the copy below uses v32a. */
  TEST_CASE(48)
  DSET(1, MEM32, v32a, 1, 1)
  li a1, 0x100
  li a2, 5
  EXPECT_TRAP
  dseta 1, a1, a2
  tcopy 0, 1
  CHECK_MEM(buf32 + 0, 1)
  /* Fabric destination of tadd / tmac. */
  DSET(2, FAB32, 14, 0, 0)
  DSET(3, FAB16, 14, 0, 0)
  TEST_ILLEGAL(49, tadd 2, 1)
  TEST_ILLEGAL(50, tmac 3, 1, a5)
  /* A fabric descriptor with color >= 24, as source or destination:
   * illegal before any element (no wavelet sent, no memory written). */
  POKE(buf32 + 0, 0x2222)
  DSET(2, FAB32, 24, 1, 0)
  TEST_ILLEGAL(51, tcopy 0, 2)
  DSET(2, FAB16, 31, 1, 0)
  TEST_ILLEGAL(52, tadd 0, 2)
  TEST_ILLEGAL(53, tcopy 2, 1)
  TEST_CASE(54)
  CHECK_MEM(buf32 + 0, 0x2222)
  /* Illegal outranks a fault: fabric destination and a misaligned source. */
  DSET(1, MEM32, v32a + 1, 1, 1)
  DSET(2, FAB32, 14, 0, 0)
  TEST_ILLEGAL(55, tadd 2, 1)

  /* ---- faults per element ------------------------------------------------ */
  /* Misaligned source at element 0: cause 4, nothing written. */
  TEST_CASE(56)
  POKE(buf32 + 0, 0x3333)
  DSET(0, MEM32, buf32, 0, 1)
  DSET(1, MEM32, v32a + 2, 2, 1)
  EXPECT_TRAP
30: tcopy 0, 1
  CHECK_TRAP(4, 30b, v32a + 2)
  CHECK_MEM(buf32 + 0, 0x3333)
  /* Misaligned MEM16 destination: cause 6. */
  TEST_CASE(57)
  DSET(0, MEM16, buf16 + 1, 0, 1)
  DSET(1, MEM32, v32a, 2, 1)
  EXPECT_TRAP
31: tcopy 0, 1
  CHECK_TRAP(6, 31b, buf16 + 1)
  /* Source and destination both misaligned: the source is checked first. */
  TEST_CASE(58)
  DSET(0, MEM32, buf32 + 2, 0, 1)
  DSET(1, MEM16, v16a + 1, 2, 1)
  EXPECT_TRAP
32: tcopy 0, 1
  CHECK_TRAP(4, 32b, v16a + 1)
  /* Source running out of the SRAM at element 2: elements 0 and 1 done,
   * cause 5 with mtval = the first address outside. */
  TEST_CASE(59)
  POKE(__sram_size - 8, 0x11)
  POKE(__sram_size - 4, 0x22)
  POKE(buf32 + 0, 0)
  POKE(buf32 + 4, 0)
  POKE(buf32 + 8, 0x4444)
  DSET(0, MEM32, buf32, 0, 1)
  DSET(1, MEM32, __sram_size - 8, 4, 1)
  EXPECT_TRAP
33: tcopy 0, 1
  CHECK_TRAP(5, 33b, __sram_size)
  CHECK_MEM(buf32 + 0, 0x11)
  CHECK_MEM(buf32 + 4, 0x22)
  CHECK_MEM(buf32 + 8, 0x4444)
  /* Destination running out at element 2: cause 7. */
  TEST_CASE(60)
  DSET(0, MEM32, __sram_size - 8, 0, 1)
  DSET(1, MEM32, v32a, 4, 1)
  EXPECT_TRAP
34: tcopy 0, 1
  CHECK_TRAP(7, 34b, __sram_size)
  CHECK_MEM(__sram_size - 8, 1)
  CHECK_MEM(__sram_size - 4, -2)
  /* Fabric source, destination faulting at element 2: two wavelets are
   * consumed, the third stays in the buffer. */
  TEST_CASE(61)
  li a5, 0xf01
  fsend a5, 11
  li a5, 0xf02
  fsend a5, 11
  li a5, 0xf03
  fsend a5, 11
  DSET(1, FAB32, 11, 3, 0)
  EXPECT_TRAP
35: tcopy 0, 1
  CHECK_TRAP(7, 35b, __sram_size)
  CHECK_MEM(__sram_size - 8, 0xf01)
  CHECK_MEM(__sram_size - 4, 0xf02)
  frecv a0, 11
  CHECK(a0, 0xf03)
  /* A wrapping source: from address 8 down, the element at 0xfffffffc
   * faults after three words (the start-up code's) are copied. */
  TEST_CASE(62)
  POKE(buf32 + 12, 0x5555)
  DSET(0, MEM32, buf32, 0, 1)
  DSET(1, MEM32, 8, 4, -1)
  EXPECT_TRAP
36: tcopy 0, 1
  CHECK_TRAP(5, 36b, 0xfffffffc)
  lw a4, 8(x0)
  LA_ABS(a3, buf32)
  lw a0, 0(a3)
  CHECK_EQ(a0, a4)
  lw a4, 4(x0)
  lw a0, 4(a3)
  CHECK_EQ(a0, a4)
  lw a4, 0(x0)
  lw a0, 8(a3)
  CHECK_EQ(a0, a4)
  CHECK_MEM(buf32 + 12, 0x5555)
  /* tmac faulting at element 2: the two elements before it are done and
   * counted, the faulting one is neither. */
  TEST_CASE(63)
  SNAP_COUNTERS
  POKE(__sram_size - 8, 1)
  POKE(__sram_size - 4, 2)
  DSET(0, MEM32, __sram_size - 8, 0, 1)
  DSET(1, MEM16, x16, 4, 1)               /* 1, -2, 0, 3 */
  li a5, 10
  EXPECT_TRAP
37: tmac 0, 1, a5
  CHECK_TRAP(7, 37b, __sram_size)
  CHECK_MEM(__sram_size - 8, 11)
  CHECK_MEM(__sram_size - 4, -18)
  CHECK_COUNTERS(2, 0)

  /* Nothing left on any color used above. */
  TEST_CASE(64)
  li a1, 0
  li a3, 0
38:
  fpollv a2, a1
  or a3, a3, a2
  addi a1, a1, 1
  li a4, NUM_COLORS
  bltu a1, a4, 38b
  CHECK(a3, 0)
TEST_END

  .data
  .balign 4
v32a: .word 1, -2, 3, -4, 0x7fffffff, 0x80000000
v16a: .half 1, -2, 0x7fff, -32768, 0, 5
x16:  .half 1, -2, 0, 3
  .balign 4
buf32: .space 64
buf16: .space 32
