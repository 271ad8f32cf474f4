#pragma once
// The firmware's model of the config network (docs/config.md, docs/dft.md):
// which entry point and parent each tile hangs from, and the plan that grows
// the network around dead tiles. Pure logic: the drivers that move packets
// (the firmware's blocking master, the testbench's coroutine host) issue the
// operations it plans and report what came back.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <set>
#include <vector>

#include "firmware/cfg_regs.h"

namespace wse::fw {

/// Sides in the hardware's order (wse_pkg::dir_e).
enum Side : int { kNorth = 0, kEast = 1, kSouth = 2, kWest = 3 };
inline constexpr int kNumSides = 4;
int OppositeSide(int side);
/// Neighbour of (x, y) across `side`; false if that is off the wafer.
bool Neighbour(int w, int h, int x, int y, int side, int* nx, int* ny);

/// TAP register: [2:0] parent (0 none, 1 + side), [7:4] children mask.
inline constexpr uint32_t TapValue(int parent_side, unsigned children) {
  return static_cast<uint32_t>(parent_side + 1) | (children & 0xfu) << 4;
}

/// Entry points are numbered N[0..W), E[0..H), S[0..W), W[0..H).
int EntryIndex(int w, int h, int side, int i);
int EntryCount(int w, int h);

/// One config access as the network carries it: to tile (x, y), through
/// entry point `entry`, `depth` hops deep (the entry tile has depth 1).
struct TapOp {
  int x = 0, y = 0;
  int entry = 0;
  int depth = 1;
  bool write = false;
  bool bcast = false;
  uint8_t addr = 0;
  uint32_t data = 0;
};

/// Outcome of a TapOp. `answered` is false when nothing came back in the
/// response's slot: the tile is dead, unreachable or refused the packet.
struct TapResult {
  bool answered = false;
  uint8_t status = 0;  // 0 ok, 1 no such register, 2 read-only/refused, 3 busy
  uint32_t data = 0;
};

/// Collision-free schedule of one entry point. One hop costs one cycle each
/// way, the served tile one more, and nothing stalls, so a request issued at
/// cycle t to depth d returns at t + 2d exactly; a request is issued only when both its issue cycle
/// and its return cycle are free, so no two responses ever meet.
class ReturnSlots {
 public:
  /// Earliest issue cycle >= now for a request to `depth`; reserves it and
  /// its return cycle. Broadcasts (no response) pass depth 0.
  uint64_t Reserve(uint64_t now, int depth);
  /// Forgets reservations before `cycle` (they are in the past).
  void Retire(uint64_t cycle);
  static uint64_t ReturnCycle(uint64_t issue, int depth) { return issue + 2 * static_cast<uint64_t>(depth); }

 private:
  std::set<uint64_t> issue_, ret_;
};

/// Where a tile hangs in the network.
struct TapNode {
  bool reached = false;
  int parent = -1;      // side toward the parent (or the wafer edge for a root tile)
  int entry = -1;       // entry point of its tree
  int depth = 0;        // hops from the entry point
  unsigned children = 0;
};

/// The network as grown so far.
class TapTree {
 public:
  TapTree(int width, int height);
  int width() const { return w_; }
  int height() const { return h_; }
  TapNode& at(int x, int y) { return nodes_[static_cast<std::size_t>(y) * w_ + x]; }
  const TapNode& at(int x, int y) const { return nodes_[static_cast<std::size_t>(y) * w_ + x]; }
  int reached() const;
  int max_depth() const;
  /// Entry points that root at least one tile.
  std::vector<int> entries_in_use() const;

 private:
  int w_, h_;
  std::vector<TapNode> nodes_;
};

/// An access to tile (x, y) through its tree (entry -1 if it is not reached).
TapOp AccessOp(const TapTree& tree, int x, int y, uint8_t addr, bool write, uint32_t data = 0);
/// Broadcast writes of `addr` to every reached tile: one per tree.
std::vector<TapOp> BroadcastOps(const TapTree& tree, uint8_t addr, uint32_t data);

/// Breadth-first growth of the network from every edge tile: each round
/// adopts the unreached neighbours of the tiles reached in the rounds
/// before, each from one reached neighbour, and tries another neighbour in a
/// later round if the first attempt went unanswered. A tile is reached iff a
/// path of answering tiles joins it to the wafer edge.
class TapDiscovery {
 public:
  TapDiscovery(int width, int height);
  /// Operations of the next round, in issue order (a parent's TAP write comes
  /// before its new children's adoption); empty when discovery is over.
  std::vector<TapOp> NextRound();
  /// Results of the last round, one per operation, in order.
  void Report(const std::vector<TapResult>& results);
  bool done() const { return done_; }
  const TapTree& tree() const { return tree_; }
  int rounds() const { return rounds_; }

 private:
  struct Attempt {
    int x, y;          // the tile being adopted
    int px, py;        // its parent-to-be (px < 0: adopted from the edge)
    int side;          // side of the tile toward its parent
    std::size_t op;         // index of its adoption in the round
  };
  TapTree tree_;
  std::vector<std::vector<unsigned>> tried_;  // per tile: sides already tried
  std::vector<Attempt> pending_;
  std::vector<std::pair<int, int>> fix_;      // parents whose children mask changed
  std::vector<int> frontier_;                 // tiles reached in the last round
  std::vector<int> retry_;                    // tiles whose last attempt failed
  std::vector<int> stamp_;                    // round a tile was last made a candidate
  bool done_ = false;
  bool edge_round_ = true;
  int rounds_ = 0;

};

/// The tree discovery grows on a wafer whose live tiles are those for which
/// `live(x, y)` holds: a planning model of the hardware (a live tile answers
/// an adoption from a reached neighbour, a dead one never does), used to
/// measure reach on wafers too large to simulate. The RTL is checked to
/// behave exactly so (dft_tap_dead_tiles).
TapTree ModelDiscovery(int width, int height, const std::function<bool(int, int)>& live, int* rounds = nullptr);

}  // namespace wse::fw
