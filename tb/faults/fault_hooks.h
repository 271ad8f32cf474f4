#pragma once
// Encodings of the RTL's simulation-only fault hooks (wse_pkg Flt*, docs/dft.md).

#include <cstdint>

namespace wse::tb::flt {

/// flt_tile_i bits.
inline constexpr uint32_t kTileDead = 1u << 0;
inline constexpr uint32_t kPeDead = 1u << 1;
/// ALU result bit `bit` (0..31) stuck at `value`: pe_wrong_result.
inline uint32_t AluStuck(int bit, int value) {
  return 1u << 2 | static_cast<uint32_t>(value != 0) << 3 | (static_cast<uint32_t>(bit) & 31u) << 4;
}
/// Router port `port` (0..3 = N, E, S, W; 4 = ramp) silent: router_dead_port;
/// all five: router_dead.
inline uint32_t PortDead(int port) { return 1u << (9 + port); }
inline constexpr uint32_t kRouterDead = 0x1fu << 9;

/// SRAM cell-fault kinds (slot bits [2:0]).
enum class SramKind : uint64_t {
  kNone = 0,
  kStuck = 1,
  kTransition = 2,
  kCouplingInversion = 3,
  kCouplingIdempotent = 4,
  kCouplingState = 5,
  kDecoder = 6,
  kFlip = 7,
};

/// One 64-bit SRAM fault slot: victim (addr, bit), aggressor or alias
/// (aux_addr, aux_bit), the forced/stuck value and the aggressor's
/// transition direction (or state for state coupling).
inline uint64_t SramSlot(SramKind kind, uint32_t addr, uint32_t bit, uint32_t aux_addr = 0,
                         uint32_t aux_bit = 0, bool value = false, bool rise = false) {
  return static_cast<uint64_t>(kind) | static_cast<uint64_t>(value) << 3 | static_cast<uint64_t>(rise) << 4 |
         static_cast<uint64_t>(bit & 0x3f) << 8 | static_cast<uint64_t>(aux_bit & 0x3f) << 16 |
         static_cast<uint64_t>(addr & 0xffff) << 32 | static_cast<uint64_t>(aux_addr & 0xffff) << 48;
}

}  // namespace wse::tb::flt
