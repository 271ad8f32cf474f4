#pragma once
// TapMaster: the firmware's driver of the config network. It grows the
// network (TapDiscovery) and carries batches of accesses, pipelined on every
// entry point at once, with collision-free return slots (ReturnSlots).
// Blocking: each call clocks the wafer until its batch is done.

#include <functional>
#include <string>
#include <vector>

#include "firmware/tap/tap_plan.h"
#include "firmware/wafer_port.h"

namespace wse::fw {

class TapMaster {
 public:
  explicit TapMaster(WaferPort& port);

  /// Grows the network from the edge; tiles that never answer stay out.
  void Discover();
  const TapTree& tree() const { return tree_; }
  bool Reachable(int x, int y) const { return tree_.at(x, y).reached; }

  /// Carries `ops` (each to a reached tile, or a broadcast) and returns one
  /// result per op, in order.
  std::vector<TapResult> Run(const std::vector<TapOp>& ops);
  /// An access to tile (x, y) through its tree; unreached tiles are skipped
  /// by Run (unanswered).
  TapOp Access(int x, int y, uint8_t addr, bool write, uint32_t data = 0) const;
  /// Broadcast writes of `addr` to every reached tile (one per tree).
  std::vector<TapOp> Broadcast(uint8_t addr, uint32_t data) const;
  /// Reads `addr` of every tile in `tiles`.
  std::vector<TapResult> ReadAll(const std::vector<std::pair<int, int>>& tiles, uint8_t addr);

  /// Words that came out of an entry point when no response was due
  /// (a sign of a misbehaving node); counted, never trusted.
  uint64_t stray_words() const { return stray_; }
  uint64_t cycles_used() const { return cycles_; }

 private:
  WaferPort& port_;
  PartInfo part_;
  TapTree tree_;
  uint8_t tag_ = 0;
  uint64_t stray_ = 0;
  uint64_t cycles_ = 0;
};

}  // namespace wse::fw
