#pragma once
// MeshEnv: the mesh-level testbench. A source and a sink on every edge port
// and every ramp, the config host on every row's chain, the reference fabric
// model with its route planner, and a scoreboard fed from the model.

#include <map>
#include <memory>
#include <vector>

#include "harness/cfg_host.h"
#include "harness/fabric_model.h"
#include "harness/link.h"
#include "harness/scoreboard.h"
#include "harness/test_registry.h"
#include "models/mesh_dut.h"

namespace wse::tb {

/// Boot after a reset and Discover: replays `dut`'s BootWrites (a repaired
/// wafer's REPAIR words) through `cfg`, then makes `cfg` address the logical
/// grid (docs/repair.md). Nothing to do on a plain mesh.
Task BootMesh(CfgHost& cfg, MeshDut& dut);

/// One stream from tile (x, y)'s ramp to its neighbour (nx, ny)'s ramp.
struct RampFlow {
  int x, y, nx, ny, color;
};
/// Every tile of a w x h mesh to each of its four neighbours' ramps. Color
/// = first_color + 2*direction + parity of the coordinate along it, so a
/// tile's outgoing and incoming streams in one direction never share a
/// color (eight colors from first_color).
std::vector<RampFlow> NeighbourFlows(int w, int h, int first_color);

/// One stream between two edge ports of a w x h mesh.
struct EdgeFlow {
  Endpoint src, dst;
  int color;
};
/// W->E and E->W on every row (colors 0, 1), then N->S and S->N on every
/// column (colors 2, 3), in that order.
std::vector<EdgeFlow> EdgeToEdgeFlows(int w, int h);

class MeshEnv {
 public:
  MeshEnv(TestContext& ctx, MeshDut& dut);
  /// Starts every driver and monitor and resets the mesh.
  Task Start();
  /// Writes every route entry changed in the planner through the config chains.
  Task ApplyRoutes();
  /// Queues `w` at endpoint `src`; the model says where it must arrive.
  void Send(const Endpoint& src, const Wavelet& w);
  /// Waits until sources are idle and the scoreboard has nothing outstanding.
  Task Drain(uint64_t max_cycles = 100000);
  /// Reads every tile's ERR_UNROUTED and compares with the model's drops.
  Task CheckDropCounters();
  /// Scoreboard report; logs an error for anything missing or extra.
  void Finish();
  /// Random back-pressure on every sink and gaps on every source.
  void Randomize(double min_ready, double max_idle);
  /// Payload unique within the test.
  uint32_t Payload() { return (ctx_.rng.Next32() & 0xfff00000u) | (seq_++ & 0xfffff); }

  FabricModel& model() { return model_; }
  RoutePlanner& planner() { return planner_; }
  CfgHost& cfg() { return *cfg_; }
  LinkSource& source(const Endpoint& e) { return *sources_.at(e); }
  LinkSink& sink(const Endpoint& e) { return *sinks_.at(e); }
  const std::vector<Endpoint>& endpoints() const { return endpoints_; }
  Scoreboard& scoreboard() { return sb_; }

 private:
  TestContext& ctx_;
  MeshDut& dut_;
  FabricModel model_;
  RoutePlanner planner_;
  Scoreboard sb_;
  std::unique_ptr<CfgHost> cfg_;
  std::vector<Endpoint> endpoints_;
  std::map<Endpoint, std::unique_ptr<LinkSource>> sources_;
  std::map<Endpoint, std::unique_ptr<LinkSink>> sinks_;
  std::map<Endpoint, int> ep_id_;
  std::map<std::pair<int, int>, uint64_t> expected_drops_;
  uint32_t seq_ = 0;
};

}  // namespace wse::tb
