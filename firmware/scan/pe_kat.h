#pragma once
// The PE known-answer test: a small program the firmware loads into every
// reachable PE at once. It exercises the ALU, shifter, multiplier, divider,
// loads, stores and branches, folds every result into a signature and ends
// with tohost = (signature << 1) | 1. The firmware computes the signature
// itself (KatExpected), so a PE that hangs, traps or computes one wrong bit
// is named. Hand-encoded RV32IM: the firmware carries no toolchain.

#include <cstdint>
#include <vector>

namespace wse::fw {

struct PeKat {
  std::vector<uint32_t> words;  // loaded at address 0
  uint32_t tohost_addr = 0;     // where the program writes its result
  uint32_t expected_tohost = 0;
  uint64_t max_cycles = 0;      // generous bound on its run time
};

/// The known-answer program for `seed` (varies the operands).
PeKat MakePeKat(uint32_t seed);

}  // namespace wse::fw
