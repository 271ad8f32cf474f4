// Burn-in pieces at the level their bugs would live: the WaferPort's edge
// I/O (the firmware's only way to stream operands in and results out), and
// the firmware's kernels on a repaired grid, checked by the harness's own
// references.

#include <string>

#include "firmware/cfg_regs.h"
#include "firmware/tap/tap_master.h"
#include "harness/test_registry.h"
#include "wafer/mesh_wafer_port.h"

namespace wse::tb {

WSE_MESH_TEST(wafer_port_edge,
              "fw::WaferPort edge I/O: words sent into every north port come out of the south port below "
              "in order, west reach-0 ports to east ports, through routes the firmware sets",
              2000000, "dft3x2", "dft4x3", "dft2x2") {
  host::MeshWaferPort port(dut);
  port.Reset();
  fw::TapMaster tap(port);
  tap.Discover();
  const int W = dut.width(), H = dut.height();
  // Color 1 straight down every column, color 2 straight across every row.
  std::vector<fw::TapOp> ops;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      ops.push_back(tap.Access(x, y, fw::reg::kRouteBase + 1, true, (1u << 0) << 5 | (1u << 2)));  // N -> S
      ops.push_back(tap.Access(x, y, fw::reg::kRouteBase + 2, true, (1u << 3) << 5 | (1u << 1)));  // W -> E
    }
  for (const auto& r : tap.Run(ops))
    if (!r.answered || r.status != 0) throw TestFailure("route write not answered");
  port.EdgeEnable(true);
  const int n = 12;
  std::vector<std::vector<uint32_t>> sent_cols(static_cast<size_t>(W));
  for (int c = 0; c < W; ++c)
    for (int k = 0; k < n; ++k) {
      sent_cols[static_cast<size_t>(c)].push_back(ctx.rng.Next32());
      port.EdgeSend({fw::EdgeSide::kN, c, 0}, {sent_cols[static_cast<size_t>(c)].back(), 1, false});
    }
  std::vector<std::vector<uint32_t>> sent_rows(static_cast<size_t>(H));
  for (int r = 0; r < H; ++r)
    for (int k = 0; k < n; ++k) {
      sent_rows[static_cast<size_t>(r)].push_back(ctx.rng.Next32());
      port.EdgeSend({fw::EdgeSide::kW, r, 0}, {sent_rows[static_cast<size_t>(r)].back(), 2, k == n - 1});
    }
  port.Idle(200, nullptr);
  for (int c = 0; c < W; ++c) {
    if (port.EdgePending({fw::EdgeSide::kN, c, 0}) != 0)
      throw TestFailure("north port " + std::to_string(c) + ": words still queued after 200 cycles");
    std::vector<uint32_t> got;
    fw::EdgeWavelet w;
    while (port.EdgeReceive({fw::EdgeSide::kS, c, 0}, &w)) {
      if (w.color != 1) throw TestFailure("south port " + std::to_string(c) + ": color " + std::to_string(w.color));
      got.push_back(w.data);
    }
    if (got != sent_cols[static_cast<size_t>(c)]) {
      std::string g, e;
      for (uint32_t v : got) g += " " + std::to_string(v % 1000);
      for (uint32_t v : sent_cols[static_cast<size_t>(c)]) e += " " + std::to_string(v % 1000);
      throw TestFailure("south port " + std::to_string(c) + ": got" + g + "; sent" + e);
    }
  }
  for (int r = 0; r < H; ++r) {
    std::vector<uint32_t> got;
    fw::EdgeWavelet w;
    bool last_ctrl = false;
    while (port.EdgeReceive({fw::EdgeSide::kE, r, 0}, &w)) got.push_back(w.data), last_ctrl = w.ctrl;
    if (got != sent_rows[static_cast<size_t>(r)] || !last_ctrl)
      throw TestFailure("east port " + std::to_string(r) + ": " + std::to_string(got.size()) +
                        " words, not the sequence sent into the west port (or the control bit was lost)");
    for (int reach = 1; reach < std::min(fw::kEdgeReaches, W); ++reach)
      if (port.EdgeReceive({fw::EdgeSide::kE, r, reach}, &w)) throw TestFailure("a word on an unused east reach");
  }
  bool refused = false;
  try {
    port.EdgeSend({fw::EdgeSide::kN, W, 0}, {});
  } catch (const std::out_of_range& e) {
    refused = std::string(e.what()).find("N[" + std::to_string(W) + "]") != std::string::npos;
  }
  if (!refused) throw TestFailure("a port beyond the wafer was not refused by name");
  ctx.log.Info("edge I/O: " + std::to_string(W * n) + " words north to south, " + std::to_string(H * n) + " west to east");
  co_return;
}

}  // namespace wse::tb

#include "faults/fault_injector.h"
#include "firmware/scan/defect_scan.h"

namespace wse::tb {

WSE_MESH_TEST(router_test_intermittent,
              "the router loopback test the burn-in reruns on a live wafer catches an intermittent dead "
              "router (a marginal tile at 125 C) and nothing else",
              3000000, "dft3x3") {
  FaultList list;
  list.seed = ctx.seed;
  Fault f;
  f.cls = FaultClass::kRouterDead;
  f.x = 1, f.y = 1;
  f.intermittent = Intermittent{0.02, 0.7};
  list.faults.push_back(f);
  FaultInjector inj(dut, list);
  host::MeshWaferPort port(dut);
  port.OnCycle([&](uint64_t c) { inj.Step(c); });
  port.Reset();
  fw::TapMaster tap(port);
  tap.Discover();
  std::vector<std::pair<int, int>> live;
  for (int y = 0; y < dut.height(); ++y)
    for (int x = 0; x < dut.width(); ++x) live.emplace_back(x, y);
  const int colors = static_cast<int>(tap.ReadAll({{0, 0}}, fw::reg::kId)[0].data >> 20 & 0xff);
  int caught = 0;
  for (int run = 0; run < 3; ++run) {
    const auto r = fw::RunRouterTest(port, tap, live, colors, 48);
    for (size_t i = 0; i < live.size(); ++i) {
      if (!r[i].bad_ports) continue;
      if (live[i] != std::make_pair(1, 1))
        throw TestFailure("router test blamed (" + std::to_string(live[i].first) + "," +
                          std::to_string(live[i].second) + ") ports " + fw::RouterPortNames(r[i].bad_ports) + ", " +
                          std::to_string(r[i].first_errors) + " errors, " + std::to_string(r[i].first_words) + " words");
      ++caught;
    }
  }
  ctx.log.Info("intermittent dead router caught in " + std::to_string(caught) + " of 3 runs; active " +
               std::to_string(inj.active_cycles()[0]) + " cycles");
  if (caught == 0) throw TestFailure("the intermittent dead router was never caught");
  co_return;
}

}  // namespace wse::tb
