/* Start-up code of a PE program (docs/runtime.md).
 * _start sits at address 0, the PE's reset PC. It sets up sp and gp,
 * installs the trap handler, clears .bss, calls main(0, 0) and ends the
 * program the RISC-V test way: tohost = (code << 1) | 1 (1 = pass). */
    .section .text.init, "ax"
    .globl _start
_start:
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    la      sp, __stack_top
    la      t0, wse_trap_entry
    csrw    mtvec, t0
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sw      zero, 0(t0)
    addi    t0, t0, 4
    j       1b
2:  li      a0, 0
    li      a1, 0
    call    main
    /* fall through: exit with main's return value */
    .globl wse_exit
wse_exit:
    slli    a0, a0, 1
    ori     a0, a0, 1
    la      t0, tohost
    sw      a0, 0(t0)
3:  j       3b                   /* the store halts the PE; never reached */

/* Any trap ends the program with code 128 + mcause, after recording mcause,
 * mepc and mtval in wse_last_trap for whoever reads the memory afterwards.
 * A program that wants to handle traps itself writes its own mtvec. */
    .balign 4
    .globl wse_trap_entry
wse_trap_entry:
    la      t0, wse_last_trap
    csrr    t1, mcause
    sw      t1, 0(t0)
    csrr    t2, mepc
    sw      t2, 4(t0)
    csrr    t2, mtval
    sw      t2, 8(t0)
    addi    a0, t1, 128
    j       wse_exit

    .section .tohost, "aw", @progbits
    .balign 64
    .globl tohost
tohost:   .dword 0
    .globl fromhost
fromhost: .dword 0

    .bss
    .balign 4
    .globl wse_last_trap
wse_last_trap: .space 12          /* mcause, mepc, mtval */
