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

WSE_MESH_TEST(
    wafer_port_edge,
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
      ops.push_back(
          tap.Access(x, y, fw::reg::kRouteBase + 1, true, (1u << 0) << 5 | (1u << 2)));  // N -> S
      ops.push_back(
          tap.Access(x, y, fw::reg::kRouteBase + 2, true, (1u << 3) << 5 | (1u << 1)));  // W -> E
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
      port.EdgeSend({fw::EdgeSide::kW, r, 0},
                    {sent_rows[static_cast<size_t>(r)].back(), 2, k == n - 1});
    }
  port.Idle(200, nullptr);
  for (int c = 0; c < W; ++c) {
    if (port.EdgePending({fw::EdgeSide::kN, c, 0}) != 0)
      throw TestFailure("north port " + std::to_string(c) +
                        ": words still queued after 200 cycles");
    std::vector<uint32_t> got;
    fw::EdgeWavelet w;
    while (port.EdgeReceive({fw::EdgeSide::kS, c, 0}, &w)) {
      if (w.color != 1)
        throw TestFailure("south port " + std::to_string(c) + ": color " + std::to_string(w.color));
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
    while (port.EdgeReceive({fw::EdgeSide::kE, r, 0}, &w))
      got.push_back(w.data), last_ctrl = w.ctrl;
    if (got != sent_rows[static_cast<size_t>(r)] || !last_ctrl)
      throw TestFailure(
          "east port " + std::to_string(r) + ": " + std::to_string(got.size()) +
          " words, not the sequence sent into the west port (or the control bit was lost)");
    for (int reach = 1; reach < std::min(fw::kEdgeReaches, W); ++reach)
      if (port.EdgeReceive({fw::EdgeSide::kE, r, reach}, &w))
        throw TestFailure("a word on an unused east reach");
  }
  bool refused = false;
  try {
    port.EdgeSend({fw::EdgeSide::kN, W, 0}, {});
  } catch (const std::out_of_range& e) {
    refused = std::string(e.what()).find("N[" + std::to_string(W) + "]") != std::string::npos;
  }
  if (!refused) throw TestFailure("a port beyond the wafer was not refused by name");
  ctx.log.Info("edge I/O: " + std::to_string(W * n) + " words north to south, " +
               std::to_string(H * n) + " west to east");
  co_return;
}

}  // namespace wse::tb

#include "faults/fault_injector.h"
#include "firmware/scan/defect_scan.h"

namespace wse::tb {

WSE_MESH_TEST(
    router_test_intermittent,
    "the router loopback test the burn-in reruns on a live wafer never blames a router other than "
    "an intermittently dead one (which it catches only now and then: a dead cycle only pauses a "
    "port, so the burn-in localises such a tile by substitution, docs/burnin.md)",
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
                          std::to_string(live[i].second) + ") ports " +
                          fw::RouterPortNames(r[i].bad_ports) + ", " +
                          std::to_string(r[i].first_errors) + " errors, " +
                          std::to_string(r[i].first_words) + " words");
      ++caught;
    }
  }
  ctx.log.Info("intermittent dead router caught in " + std::to_string(caught) +
               " of 3 runs; active " + std::to_string(inj.active_cycles()[0]) + " cycles");
  if (inj.active_cycles()[0] == 0)
    throw TestFailure("the intermittent fault was never active: the test saw nothing");
  co_return;
}

}  // namespace wse::tb

#include "faults/fault_hooks.h"
#include "firmware/apply/apply_repair.h"
#include "firmware/burnin/kernels.h"
#include "firmware/repair/repair.h"
#include "harness/pe_host.h"
#include "harness/workload_ref.h"
#include "tests/pe_env.h"

namespace wse::tb {
namespace {

fw::PeProgram Program(const std::string& name) {
  return ToFirmwareProgram(LoadPeImage(ProgramsDir() + "/workloads_4k/" + name + ".elf"));
}

}  // namespace

WSE_MESH_TEST(
    burnin_kernels,
    "the firmware's four burn-in kernels on a repaired grid (a dead tile skipped): every result "
    "matches the testbench's own references; then a stuck ALU bit on a grid tile makes the stencil "
    "fail with that tile among its suspects",
    20000000, "dft6x3") {
  const int dead_x = 2 + static_cast<int>(ctx.seed % 3), dead_y = static_cast<int>(ctx.seed % 3);
  dut.SetTileFault(dead_x, dead_y, flt::kTileDead);
  host::MeshWaferPort port(dut);
  const fw::DefectMap defects = fw::ScanWafer(port, fw::ScanOptions{});
  const fw::RemapResult plan = fw::Remap(defects, fw::RemapOptions{1, false, 0});
  if (!plan.repair) throw TestFailure("no repair for one dead tile");
  const fw::Repair& repair = *plan.repair;
  port.Reset();
  fw::TapMaster tap(port);
  tap.Discover();
  fw::ApplyRepair(tap, defects, repair);
  fw::KernelPrograms programs{Program("gemv"), Program("stencil"), Program("allreduce")};
  fw::RegShadow shadow;
  const int colors = static_cast<int>(tap.ReadAll({{0, 0}}, fw::reg::kId)[0].data >> 20 & 0xff);
  fw::KernelRunner runner(port, tap, repair, programs, fw::KernelLimits{}, shadow, colors);
  for (fw::Kernel k :
       {fw::Kernel::kGemv, fw::Kernel::kStencil, fw::Kernel::kAllreduce, fw::Kernel::kTraffic}) {
    const fw::KernelOutcome o = runner.Run(k, ctx.seed * 10 + static_cast<uint64_t>(k));
    if (!o.ok)
      throw TestFailure(std::string(fw::KernelName(k)) + ": " + o.symptom + " " +
                        o.evidence.Dump(0));
    const fw::KernelData& d = o.data;
    bool agree = true;
    if (k == fw::Kernel::kGemv)
      agree = GemvReference(d.a, d.x, d.height * d.m, d.width * d.n) == d.out;
    if (k == fw::Kernel::kStencil)
      agree = StencilReference(d.grid, d.height * d.m, d.width * d.n, d.iters) == d.out;
    if (k == fw::Kernel::kAllreduce) {
      std::vector<uint32_t> sum(static_cast<size_t>(d.m), 0);
      for (const auto& v : d.vecs)
        for (size_t i = 0; i < sum.size(); ++i) sum[i] += v[i];
      for (const auto& got : d.outs) agree = agree && got == sum;
      agree = agree && d.outs.size() == static_cast<size_t>(d.width * d.height);
    }
    if (!agree)
      throw TestFailure(std::string(fw::KernelName(k)) +
                        ": accepted, but the testbench's reference disagrees");
    ctx.log.Info(std::string(fw::KernelName(k)) + ": ok in " + std::to_string(o.cycles) +
                 " cycles");
  }
  // A permanent wrong-result PE on a grid tile: the stencil must notice and name it.
  const int bx = repair.PhysX(1, 1);
  dut.SetTileFault(bx, 1, flt::AluStuck(4, 1));
  const fw::KernelOutcome bad = runner.Run(fw::Kernel::kStencil, 99);
  if (bad.ok) throw TestFailure("a stuck ALU bit on (" + std::to_string(bx) + ",1) went unnoticed");
  bool named = false;
  for (const auto& t : bad.suspects) named = named || t == std::make_pair(bx, 1);
  if (!named)
    throw TestFailure("stencil failed (" + bad.symptom + ") without naming the faulty tile");
  ctx.log.Info("stuck ALU bit: " + bad.symptom + ", " + std::to_string(bad.suspects.size()) +
               " suspect(s)");
  co_return;
}

}  // namespace wse::tb
