#pragma once
// WaferPort: the wafer as the firmware sees it. Only architectural
// interfaces: the wafer's reset pin and the config network entry points on
// its edge, one clock at a time. The firmware never sees simulator state or
// the fault injector; an implementation over the Verilated wafer lives in
// sw/host/wafer, outside firmware/.

#include <cstdint>
#include <vector>

namespace wse::fw {

/// A config network link word: the 73-bit packet and its parity bit 73, as
/// bits [63:0] and [73:64] (docs/config.md).
struct LinkWord {
  bool valid = false;
  uint64_t lo = 0;
  uint64_t hi = 0;
};

/// What the firmware knows of the part before it has talked to it: the
/// physical array size and the SRAM per tile (printed on the part).
struct PartInfo {
  int width = 0;
  int height = 0;
  int sram_words = 0;
};

class WaferPort {
 public:
  virtual ~WaferPort() = default;
  virtual PartInfo Part() const = 0;
  /// Holds the wafer in reset for a few cycles and releases it.
  virtual void Reset() = 0;
  /// Drives `in` on the entry points (fw::EntryIndex order) for one cycle,
  /// clocks the wafer once and returns what the entry points then output.
  virtual void Cycle(const std::vector<LinkWord>& in, std::vector<LinkWord>* out) = 0;
  /// Clocks the wafer `n` times with nothing driven; anything the entry
  /// points output meanwhile is returned in `out` (may be null).
  virtual void Idle(uint64_t n, std::vector<LinkWord>* out = nullptr) = 0;
  /// Clock edges since construction.
  virtual uint64_t cycle() const = 0;
};

}  // namespace wse::fw
