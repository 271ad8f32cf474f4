/* User code trying to reach the tile's config registers: stores to every
 * address region outside the SRAM, writes to unimplemented CSRs, and
 * wavelets shaped like config packets on every color. The config registers
 * are not memory-mapped, not CSRs and not reachable from the fabric, so each
 * store and CSR write traps (counted by the handler below, which skips the
 * instruction) and the wavelets are only wavelets. Exits 0 when every
 * attempt trapped; dft_pe_cannot_write_config runs it (with no routes, so
 * the wavelets are dropped as unrouted) and checks the registers after. */
#include <stdint.h>

#include "wse.h"

volatile uint32_t traps;

/* Counts the trap and resumes after the faulting instruction. */
__asm__(
    ".text\n"
    ".option push\n"
    ".option arch, +zicsr\n"
    ".balign 4\n"
    ".globl wse_trap_entry\n"
    "wse_trap_entry:\n"
    "  csrw mscratch, t0\n"
    "  la t0, traps\n"
    "  lw t1, 0(t0)\n"
    "  addi t1, t1, 1\n"
    "  sw t1, 0(t0)\n"
    "  csrr t0, mepc\n"
    "  addi t0, t0, 4\n"
    "  csrw mepc, t0\n"
    "  csrr t0, mscratch\n"
    "  mret\n"
    ".option pop\n");

static const uint32_t kTargets[] = {
    0x0000C000u, /* first byte past the 48 KiB SRAM */
    0x00010000u, 0x00100000u, 0x10000000u, 0x20000000u, 0x40000000u,
    0x80000000u, 0xC0000000u, 0xFFFFF000u, 0xFFFFFFFCu,
};

int main(void) {
  const uint32_t n = sizeof kTargets / sizeof kTargets[0];
  for (uint32_t i = 0; i < n; ++i) {
    *(volatile uint32_t*)(uintptr_t)kTargets[i] = 0xFFFFFFFFu;
    *(volatile uint8_t*)(uintptr_t)(kTargets[i] + 1) = 0xFFu;
  }
  /* Custom and unimplemented CSR numbers: each write is an illegal instruction. */
#define CSRW(n) __asm__ volatile(".option push\n.option arch, +zicsr\ncsrw " #n ", %0\n.option pop" ::"r"(0xFFFFFFFFu))
  CSRW(0x7C0);
  CSRW(0x5C0);
  CSRW(0xBC0);
  /* Config-packet-shaped payloads on every color (no route: dropped). */
  for (uint32_t c = 0; c < 24; ++c) {
    wse_sendv(c, 0xFFFFFFFFu);
    wse_sendv(c, 0x00000000u);
  }
  return traps == 2 * n + 3 ? 0 : 1;
}
