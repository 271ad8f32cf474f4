#pragma once
// CfgHost: the testbench's host end of the config network (docs/config.md).
// It grows the network from the wafer edge (Discover), then carries reads
// and writes to any reached tile through its tree's entry point, fully
// pipelined: each request is issued only when its response's return cycle
// is free (fw::ReturnSlots), so responses never collide. A response that
// does not arrive in its cycle completes with kNoResponse: the tile is dead,
// unreachable or refused the packet.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "firmware/tap/tap_plan.h"
#include "harness/log.h"
#include "harness/signal.h"
#include "harness/sim.h"
#include "harness/wavelet.h"

namespace wse::tb {

/// The two directions of one config network entry point on the wafer edge;
/// the 74-bit link words split into [63:0] and [73:64].
struct CfgEntryPins {
  SignalRef in_valid, in_lo, in_hi;
  SignalRef out_valid, out_lo, out_hi;
};

/// One config access and, once done, its outcome.
struct CfgOp {
  CfgOp(Sim& sim) : done(sim) {}
  int x = 0, y = 0;
  uint8_t addr = 0;
  bool write = false;
  bool bcast = false;
  uint32_t wdata = 0;
  int entry = 0, depth = 1;
  CfgStatus status = CfgStatus::kNoResponse;
  uint32_t rdata = 0;
  uint64_t issue_cycle = 0, done_cycle = 0;
  Event done;  // set when the outcome is known
};
using CfgOpPtr = std::shared_ptr<CfgOp>;

/// Host driver and monitor of every config network entry point.
class CfgHost {
 public:
  /// `entries` indexed by fw::EntryIndex (N[0..W), E[0..H), S[0..W), W[0..H)).
  CfgHost(Sim& sim, Logger log, int width, int height, std::vector<CfgEntryPins> entries);
  void Start();

  /// Grows the network around whatever does not answer (fw::TapDiscovery).
  Task Discover();
  const fw::TapTree& tree() const { return tree_; }
  bool Reachable(int x, int y) const {
    const auto [px, py] = Map(x, y);
    return tree_.at(px, py).reached;
  }
  /// Tile coordinates given to Post/Reachable are translated by `map` to
  /// the physical tile (a repaired wafer's logical grid, docs/repair.md).
  void SetTileMap(std::function<std::pair<int, int>(int, int)> map) { map_ = std::move(map); }

  /// Queues a read or write of register `addr` of tile (x, y); a tile the
  /// network does not reach completes at once with kNoResponse.
  CfgOpPtr Post(int x, int y, uint8_t addr, bool write, uint32_t data = 0);
  /// Post to physical tile (x, y), whatever SetTileMap says (a test that
  /// reaches a mapped-out spare).
  CfgOpPtr PostPhysical(int x, int y, uint8_t addr, bool write, uint32_t data = 0);
  /// Queues a write of register `addr` of every reached tile (one broadcast
  /// per tree); done once every tile has it.
  CfgOpPtr PostBroadcast(uint8_t addr, uint32_t data);
  /// Queues a planned network operation.
  CfgOpPtr PostOp(const fw::TapOp& op);

  /// Writes and waits; throws TestFailure unless the tile answers ok.
  Task Write(int x, int y, uint8_t addr, uint32_t data);
  /// Reads and waits; throws TestFailure unless the tile answers ok.
  Task Read(int x, int y, uint8_t addr, uint32_t* out);
  /// Waits until every posted operation is done.
  Task Drain();

  uint64_t completed() const { return completed_; }

 private:
  struct Entry {
    explicit Entry(Sim& sim) : not_empty(sim) {}
    CfgEntryPins pins;
    std::deque<CfgOpPtr> queue;
    fw::ReturnSlots slots;
    std::map<uint64_t, CfgOpPtr> expect;        // return cycle -> op
    std::multimap<uint64_t, CfgOpPtr> bcasts;   // cycle it has reached every tile -> op
    uint8_t next_tag = 0;
    Event not_empty;
  };
  Task Drive(int e);
  Task Monitor(int e);
  void Finish(const CfgOpPtr& op, CfgStatus status, uint32_t data);

  Sim& sim_;
  Logger log_;
  int width_, height_;
  fw::TapTree tree_;
  std::function<std::pair<int, int>(int, int)> map_;
  std::pair<int, int> Map(int x, int y) const { return map_ ? map_(x, y) : std::pair<int, int>{x, y}; }
  std::vector<std::unique_ptr<Entry>> entries_;
  std::vector<CfgOpPtr> all_;
  uint64_t completed_ = 0;
};

}  // namespace wse::tb
