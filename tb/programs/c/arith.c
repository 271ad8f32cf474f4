/* Integer arithmetic through the compiler: multiply, divide, remainder,
 * shifts, against values computed by hand. The signature holds results. */
#include <stdint.h>
#include <string.h>

/* The signature region the runner dumps: 8 words between the two symbols. */
__asm__(".pushsection .data\n.balign 16\n.globl begin_signature\nbegin_signature: .space 32\n"
        ".globl end_signature\nend_signature:\n.popsection");
extern uint32_t begin_signature[8];

static volatile int32_t a = -123456789, b = 1000, z = 0;

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(void) {
  if (fib(20) != 6765) return 1;
  if (a / b != -123456) return 2;
  if (a % b != -789) return 3;
  if ((uint32_t)a / (uint32_t)b != 4171510u) return 4;   /* 4171510507 / 1000 */
  if (a / z != -1) return 5;                             /* RISC-V: x / 0 = -1 */
  if (a % z != a) return 6;                              /* x % 0 = x */
  if ((int64_t)a * b != -123456789000LL) return 7;
  if (((uint64_t)(uint32_t)a * (uint32_t)b) >> 32 != 971u) return 8;   /* 4171510507000 >> 32 */
  char buf[16];
  memset(buf, 0x5a, sizeof buf);
  memcpy(buf + 3, "wse", 3);
  if (buf[2] != 0x5a || buf[3] != 'w' || buf[6] != 0x5a) return 9;
  begin_signature[0] = fib(20);
  begin_signature[1] = (uint32_t)(a / b);
  begin_signature[2] = (uint32_t)(a % b);
  begin_signature[3] = (uint32_t)((int64_t)a * b >> 32);
  return 0;
}
