#pragma once
// RouterEnv: the block-level testbench of wse_router. A source and a sink on
// each of the five ports, a scoreboard fed by an independent reference of the
// routing rules (docs/fabric.md), and a monitor that counts unrouted drops.

#include <array>
#include <memory>
#include <vector>

#include "harness/link.h"
#include "harness/scoreboard.h"
#include "harness/test_registry.h"
#include "models/router_dut.h"

namespace wse::tb {

/// Reference routing rule: the outputs a wavelet of `color` entering at
/// `in` goes to, or 0 if the router must drop it as unrouted.
uint8_t ReferenceRoute(const std::vector<Route>& table, Dir in, int color);

class RouterEnv {
 public:
  RouterEnv(TestContext& ctx, RouterDut& dut);
  /// Starts drivers and monitors, then resets the router.
  Task Start();
  /// Sets route entry `color` in the DUT and in the reference.
  void SetRoute(int color, Route r);
  void ClearRoutes();
  /// Queues `w` on input `in` and tells the scoreboard where it must go.
  void Send(Dir in, const Wavelet& w);
  /// Waits until every source is idle and every expected wavelet arrived,
  /// or `max_cycles` pass; then checks the drop count.
  Task Drain(uint64_t max_cycles = 20000);
  /// Final checks: scoreboard clean, drop counter equals the reference.
  void Finish();

  const Route& route(int color) const { return routes_.at(color); }
  /// The input a single-input route accepts (lowest rx bit).
  Dir RxOf(int color) const;
  LinkSource& source(Dir d) { return *src_[static_cast<int>(d)]; }
  LinkSink& sink(Dir d) { return *sink_[static_cast<int>(d)]; }
  Scoreboard& scoreboard() { return sb_; }
  uint64_t drops_seen() const { return drops_seen_; }
  uint64_t drops_expected() const { return drops_expected_; }
  /// Random back-pressure on every sink and random gaps on every source.
  void Randomize(double min_ready, double max_idle);
  /// A payload unique within the test: input, color and sequence number.
  uint32_t Payload(Dir in, int color);

 private:
  Task DropMonitor();

  TestContext& ctx_;
  RouterDut& dut_;
  Scoreboard sb_;
  std::array<std::unique_ptr<LinkSource>, kNumPorts> src_;
  std::array<std::unique_ptr<LinkSink>, kNumPorts> sink_;
  std::array<int, kNumPorts> src_ep_{}, dst_ep_{};
  std::vector<Route> routes_;
  uint64_t drops_seen_ = 0, drops_expected_ = 0;
  uint32_t seq_ = 0;
};

}  // namespace wse::tb
