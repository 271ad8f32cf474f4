/* Start-up code and exit path of a PE program (docs/runtime.md).
 *
 * _start is the first code of .text, at address 0, the PE's reset PC. The
 * host has loaded the whole image, .data included, so start-up only sets
 * the registers the ABI expects, installs the trap handler and zeroes .bss.
 * A program ends by storing (code << 1) | 1 to tohost: the PE halts on that
 * store (docs/pe.md, "Program exit: tohost"), 1 meaning pass. */

    .section .text.init, "ax", @progbits
    .globl  _start
    .type   _start, @function
_start:
    /* Relaxation would turn this into gp-relative arithmetic on a gp that
     * is not set yet. */
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    la      sp, __stack_top
    la      tp, __tls_base
    la      t0, wse_trap_entry
    csrw    mtvec, t0
    /* __bss_start is 8-byte and __bss_end 4-byte aligned (link.ld). */
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sw      zero, 0(t0)
    addi    t0, t0, 4
    j       1b
2:  li      a0, 0                   /* argc */
    li      a1, 0                   /* argv */
    call    main
    /* main's return value is the exit code: fall through. */
    .size   _start, . - _start

/* void wse_exit(int code): tohost = (code << 1) | 1. Uses only a0 and t0,
 * so assembly tests may jump here with any other state. */
    .globl  wse_exit
    .type   wse_exit, @function
wse_exit:
    slli    a0, a0, 1
    ori     a0, a0, 1
    la      t0, tohost
    sw      a0, 0(t0)
    /* The store halts the PE; a host that does not watch tohost (or a
     * wrong PE_TOHOST_ADDR) leaves it spinning here, visibly, at this PC. */
3:  j       3b
    .size   wse_exit, . - wse_exit

/* The default trap handler (mtvec, direct mode). Any trap is fatal: it
 * records mcause, mepc and mtval in wse_last_trap, where a debugger or the
 * host (reading SRAM after the exit) finds them, and exits with code
 * 128 + mcause (130 for an illegal instruction). It is weak: a program that
 * defines its own wse_trap_entry (in assembly, 4-byte aligned, ending in
 * mret or an exit) replaces it; a program may also write mtvec itself. */
    .balign 4
    .weak   wse_trap_entry
    .type   wse_trap_entry, @function
wse_trap_entry:
    la      t0, wse_last_trap
    csrr    a0, mcause
    sw      a0, 0(t0)
    csrr    t1, mepc
    sw      t1, 4(t0)
    csrr    t1, mtval
    sw      t1, 8(t0)
    addi    a0, a0, 128
    j       wse_exit
    .size   wse_trap_entry, . - wse_trap_entry

/* The host's exit mailbox. fromhost is unused by the PE today; it is kept
 * so ELF tools that expect the pair find it. */
    .section .tohost, "aw", @progbits
    .balign 64
    .globl  tohost
    .type   tohost, @object
tohost:
    .dword  0
    .size   tohost, 8
    .globl  fromhost
    .type   fromhost, @object
fromhost:
    .dword  0
    .size   fromhost, 8

/* struct wse_trap wse_last_trap: { mcause, mepc, mtval } (wse.h). */
    .section .bss.wse_last_trap, "aw", @nobits
    .balign 4
    .globl  wse_last_trap
    .type   wse_last_trap, @object
wse_last_trap:
    .space  12
    .size   wse_last_trap, 12
