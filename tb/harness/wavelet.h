#pragma once
// C++ mirrors of the RTL packet formats in rtl/common/wse_pkg.sv. Bit layouts
// are duplicated here on purpose: the unit tests check them against the
// documented tables, and a mismatch with the RTL shows up as failing
// regressions, not as silently agreeing code.

#include <cstdint>
#include <string>

#include "firmware/cfg_regs.h"

namespace wse::tb {

/// Router port / direction numbering (wse_pkg::dir_e).
enum class Dir : int { kN = 0, kE = 1, kS = 2, kW = 3, kRamp = 4 };
inline constexpr int kNumPorts = 5;
inline constexpr int kNumLinks = 4;
// Redundant wire bundles per side (wse_pkg::NumReach, docs/repair.md).
inline constexpr int kNumReach = 3;
inline constexpr int kMaxColors = 32;
inline constexpr int kWaveletBits = 38;
inline constexpr int kRouteBits = 10;
inline constexpr int kCfgLinkBits = 74;  // cfg_pkt_t and its parity bit

/// Name of a direction: "N", "E", "S", "W", "ramp".
const char* DirName(Dir d);
/// The direction a link arrives from at the neighbour (N<->S, E<->W).
Dir Opposite(Dir d);

/// One fabric wavelet: 32-bit payload, color, control bit.
struct Wavelet {
  uint32_t data = 0;
  uint8_t color = 0;
  bool ctrl = false;

  uint64_t Pack() const;
  static Wavelet Unpack(uint64_t bits);
  bool operator==(const Wavelet&) const = default;
  std::string ToString() const;
};

/// One route table entry: accepted inputs and forwarded outputs (bit d = Dir d).
struct Route {
  uint8_t rx_mask = 0;
  uint8_t tx_mask = 0;

  uint32_t Pack() const { return (static_cast<uint32_t>(rx_mask & 0x1f) << 5) | (tx_mask & 0x1f); }
  static Route Unpack(uint32_t bits) {
    return Route{static_cast<uint8_t>((bits >> 5) & 0x1f), static_cast<uint8_t>(bits & 0x1f)};
  }
  bool operator==(const Route&) const = default;
};

/// Status of a config response (wse_pkg::cfg_status_e), plus harness-side outcomes.
enum class CfgStatus : int {
  kOk = 0,
  kErrAddr = 1,
  kErrRo = 2,
  kBusy = 3,  // MEM_DATA while the PE runs or before the read is ready: retry
  kNoResponse = 16,  // the request left the east edge unanswered
};
const char* CfgStatusName(CfgStatus s);

/// A config network link word: the 73-bit packet and its parity bit (bit 73),
/// as bits [63:0] and [73:64].
struct CfgWord {
  uint64_t lo = 0;
  uint64_t hi = 0;
};

/// A packet on the config network.
struct CfgPacket {
  bool is_resp = false;
  bool write = false;
  bool bcast = false;
  uint8_t status = 0;
  uint8_t tag = 0;
  uint16_t row = 0;
  uint16_t col = 0;
  uint8_t addr = 0;
  uint32_t data = 0;

  /// The link word, with even parity.
  CfgWord Pack() const;
  /// Decodes a link word; *parity_ok (if given) says whether its parity holds.
  static CfgPacket Unpack(const CfgWord& w, bool* parity_ok = nullptr);
  bool operator==(const CfgPacket&) const = default;
  std::string ToString() const;
};

/// Tile register map: the firmware's (one list for both sides).
namespace reg = ::wse::fw::reg;

/// PE_STATUS fields (docs/pe.md).
namespace pe_status {
inline constexpr uint32_t kRunning = 1u << 0;
inline constexpr uint32_t kExited = 1u << 1;
inline constexpr uint32_t kWaiting = 1u << 2;
inline constexpr uint32_t kTrapped = 1u << 3;
inline constexpr uint32_t LastCause(uint32_t status) { return (status >> 8) & 0xff; }
}  // namespace pe_status

}  // namespace wse::tb
