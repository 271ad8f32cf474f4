/* Integer arithmetic through the compiler: recursion, multiply (32 and 64
 * bits, through mul/mulh/mulhu), divide and remainder (including the
 * RISC-V results for division by zero and overflow, and 64-bit division in
 * libgcc), shifts, and picolibc's memset/memcpy/strlen, against values
 * computed by hand. Results also go to the signature. */
#include <stdint.h>
#include <string.h>

/* The signature region the runners dump: 8 words between the two symbols. */
__asm__(".pushsection .data\n.balign 16\n.globl begin_signature\nbegin_signature: .space 32\n"
        ".globl end_signature\nend_signature:\n.popsection");
extern uint32_t begin_signature[8];

/* volatile: the compiler must not fold the arithmetic away. */
static volatile int32_t a = -123456789, b = 1000, z = 0, m1 = -1, imin = INT32_MIN;
static volatile uint64_t big = 0x0123456789abcdefULL;

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(void) {
  const uint32_t f = fib(16);
  if (f != 987) return 1;
  if (a / b != -123456) return 2;
  if (a % b != -789) return 3;
  if ((uint32_t)a / (uint32_t)b != 4171510u) return 4; /* 4171510507 / 1000 */
  if ((uint32_t)a % (uint32_t)b != 507u) return 5;
  /* Division by zero and the one overflow do not trap on RISC-V: the
   * compiler emits plain div/rem, so these read the hardware's results. */
  int32_t q, r;
  __asm__ volatile("div %0, %1, %2" : "=r"(q) : "r"(a), "r"(z));
  __asm__ volatile("rem %0, %1, %2" : "=r"(r) : "r"(a), "r"(z));
  if (q != -1 || r != a) return 6;
  __asm__ volatile("div %0, %1, %2" : "=r"(q) : "r"(imin), "r"(m1));
  __asm__ volatile("rem %0, %1, %2" : "=r"(r) : "r"(imin), "r"(m1));
  if (q != INT32_MIN || r != 0) return 7;
  if ((int64_t)a * b != -123456789000LL) return 8;
  if (((uint64_t)(uint32_t)a * (uint32_t)b) >> 32 != 971u) return 9; /* 4171510507000 >> 32 */
  if (big / 1000u != 0x00004a90be587de6ULL) return 10;                /* 81985529216486895 / 1000 */
  if (big % 1000u != 895u) return 11;
  if ((a >> 4) != -7716050 || ((uint32_t)a >> 28) != 0xfu) return 12;
  char buf[16];
  memset(buf, 0x5a, sizeof buf);
  memcpy(buf + 3, "wse", 4);
  if (buf[2] != 0x5a || buf[3] != 'w' || buf[6] != 0 || buf[7] != 0x5a) return 13;
  if (strlen(buf + 3) != 3) return 14;
  begin_signature[0] = f;
  begin_signature[1] = (uint32_t)(a / b);
  begin_signature[2] = (uint32_t)(a % b);
  begin_signature[3] = (uint32_t)((int64_t)a * b >> 32);
  begin_signature[4] = (uint32_t)(big / 1000u);
  begin_signature[5] = (uint32_t)(big % 1000u);
  return 0;
}
