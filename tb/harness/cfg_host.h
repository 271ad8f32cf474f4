#pragma once
// CfgHost: the host end of the config chains (docs/config.md). It injects
// requests at the west edge of each row, one per cycle per row, pipelined,
// and matches the packets leaving the east edge to them by tag. A request
// that leaves the east edge unanswered completes with kNoResponse: the
// addressed tile does not exist or did not answer.

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <vector>

#include "harness/log.h"
#include "harness/signal.h"
#include "harness/sim.h"
#include "harness/wavelet.h"

namespace wse::tb {

/// The config-chain ports of one row: west-edge input, east-edge output.
struct CfgRowPins {
  SignalRef in_valid;
  SignalRef in_data;
  SignalRef out_valid;
  SignalRef out_data;
};

/// One config access and, once done, its outcome.
struct CfgOp {
  CfgOp(Sim& sim) : done(sim) {}
  int x = 0, y = 0;
  uint8_t addr = 0;
  bool write = false;
  bool bcast = false;
  uint32_t wdata = 0;
  CfgStatus status = CfgStatus::kNoResponse;
  uint32_t rdata = 0;
  uint64_t issue_cycle = 0, done_cycle = 0;
  Event done;  // set when the outcome is known
};
using CfgOpPtr = std::shared_ptr<CfgOp>;

/// Host driver and monitor for every row's config chain.
class CfgHost {
 public:
  CfgHost(Sim& sim, Logger log, std::vector<CfgRowPins> rows);
  void Start();

  /// Queues a read or write of register `addr` of tile (x, y).
  CfgOpPtr Post(int x, int y, uint8_t addr, bool write, uint32_t data = 0);
  /// Queues a write to register `addr` of every tile of row y.
  CfgOpPtr PostBroadcast(int y, uint8_t addr, uint32_t data);

  /// Writes and waits; throws TestFailure unless the tile answers ok.
  Task Write(int x, int y, uint8_t addr, uint32_t data);
  /// Reads and waits; throws TestFailure unless the tile answers ok.
  Task Read(int x, int y, uint8_t addr, uint32_t* out);
  /// Waits until every posted operation is done.
  Task Drain();

  uint64_t completed() const { return completed_; }

 private:
  static constexpr size_t kMaxInFlight = 255;  // 8-bit tags
  struct Row {
    explicit Row(Sim& sim) : not_empty(sim) {}
    CfgRowPins pins;
    std::deque<CfgOpPtr> queue;
    std::map<uint8_t, CfgOpPtr> in_flight;
    uint8_t next_tag = 0;
    Event not_empty;
  };
  Task Drive(int y);
  Task Monitor(int y);
  void Complete(int y, const CfgPacket& p);

  Sim& sim_;
  Logger log_;
  std::vector<std::unique_ptr<Row>> rows_;
  std::vector<CfgOpPtr> all_;
  uint64_t completed_ = 0;
};

}  // namespace wse::tb
