#pragma once
// objdump-style disassembly of PE instructions: RV32IM, Zicsr, the machine
// subset and the fabric/task/tensor extension with the mnemonics of
// docs/pe.md. ABI register names, the mnemonic padded to 8 columns, operands
// separated by commas without spaces, branch and jump targets as absolute hex
// addresses, and objdump's common aliases (nop, li, mv, j, ret, csrr, ...).
// Illegal words print as ".word 0x........".

#include <cstdint>
#include <string>

namespace wse::iss {

std::string Disassemble(uint32_t insn, uint32_t pc);

/// ABI name of integer register i ("zero", "ra", ..., "t6").
const char* RegName(unsigned i);

}  // namespace wse::iss
