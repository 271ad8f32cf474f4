/* Executes an illegal instruction (a reserved tensor funct3): the runtime's
 * trap handler ends the program with 128 + mcause = 130. */
int main(void) {
  __asm__ volatile(".insn r 0x2B, 7, 0, x0, x0, x0");
  return 0;
}
