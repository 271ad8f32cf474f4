#pragma once
// WaferPort: the wafer as the firmware sees it. Only architectural
// interfaces: the wafer's reset pin, the config network entry points on its
// edge, one clock at a time, and the fabric's edge ports behind transmit and
// receive FIFOs (the wafer's I/O, docs/burnin.md). The firmware never sees simulator state or
// the fault injector; an implementation over the Verilated wafer lives in
// sw/host/wafer, outside firmware/.

#include <cstdint>
#include <cstddef>
#include <vector>

namespace wse::fw {

/// A config network link word: the 73-bit packet and its parity bit 73, as
/// bits [63:0] and [73:64] (docs/config.md).
struct LinkWord {
  bool valid = false;
  uint64_t lo = 0;
  uint64_t hi = 0;
};

/// Depth of each edge receive FIFO, words.
inline constexpr size_t kEdgeFifoWords = 65536;

/// What the firmware knows of the part before it has talked to it: the
/// physical array size and the SRAM per tile (printed on the part).
struct PartInfo {
  int width = 0;
  int height = 0;
  int sram_words = 0;
};

/// A fabric wavelet at an edge port (docs/fabric.md): 32 data bits, a 5-bit
/// color and the control bit.
struct EdgeWavelet {
  uint32_t data = 0;
  uint8_t color = 0;
  bool ctrl = false;
  bool operator==(const EdgeWavelet&) const = default;
};

/// Sides of the wafer, in the fabric's order.
enum class EdgeSide { kN = 0, kE = 1, kS = 2, kW = 3 };

/// An edge port: N and S have one per physical column (reach 0); W and E
/// one per row and reach 0..min(kEdgeReaches, width)-1, reach r being the wafer edge as
/// tile r (W) or width-1-r (E) of the row sees it (docs/repair.md).
struct EdgePort {
  EdgeSide side = EdgeSide::kN;
  int index = 0;
  int reach = 0;
  bool operator==(const EdgePort&) const = default;
};
inline constexpr int kEdgeReaches = 3;

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
  /// Edge I/O. Off after construction (edge outputs are not taken, as on a
  /// wafer whose I/O is not yet set up); EdgeEnable(true) starts taking
  /// every word the edge outputs into its port's receive FIFO and driving
  /// queued words into the wafer, one per port and cycle with valid/ready.
  /// EdgeEnable(false) stops it and discards both FIFOs.
  virtual void EdgeEnable(bool on) = 0;
  /// Queues `w` for port `p` (std::out_of_range for a port the wafer lacks).
  virtual void EdgeSend(const EdgePort& p, const EdgeWavelet& w) = 0;
  /// Takes the oldest word received at `p`; false if none.
  virtual bool EdgeReceive(const EdgePort& p, EdgeWavelet* w) = 0;
  /// Words queued at `p` the wafer has not taken yet.
  virtual size_t EdgePending(const EdgePort& p) const = 0;
  /// Words lost because a receive FIFO was full (kEdgeFifoWords).
  virtual uint64_t EdgeOverflows() const = 0;
  /// Clock edges since construction.
  virtual uint64_t cycle() const = 0;
};

}  // namespace wse::fw
