// Repair end to end (docs/repair.md): a wafer of the fault-injection tile
// gets permanent faults; the firmware scans it through its WaferPort, plans a
// repair from the defect map alone, persists it, writes it through the config
// network; then GEMV, the stencil and the all-reduce, written for a W x H
// mesh, run on the logical grid and must match their C++ references. The
// harness checks the repair against the injected faults (which the firmware
// never sees): no logical tile may sit on a faulted tile.

#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include <unistd.h>

#include "faults/fault_injector.h"
#include "firmware/apply/apply_repair.h"
#include "firmware/repair/repair.h"
#include "firmware/scan/defect_scan.h"
#include "firmware/tap/tap_master.h"
#include "harness/test_registry.h"
#include "models/repaired_mesh.h"
#include "tests/pe_workloads.h"
#include "wafer/mesh_wafer_port.h"

namespace wse::tb {
namespace {

struct RepairCase {
  int spares = 1;
  std::optional<bool> expect_full;  // empty: whatever the exact solver finds
};

Fault Dead(FaultClass cls, int x, int y) {
  Fault f;
  f.cls = cls;
  f.x = x;
  f.y = y;
  if (cls == FaultClass::kPeWrongResult) f.bit = 3, f.value = 1;
  return f;
}

// Scan -> remap -> persist -> apply -> workloads on the logical grid.
Task ScanRepairRun(TestContext& ctx, MeshDut& dut, const FaultList& faults, const RepairCase& rc) {
  for (const Fault& f : faults.faults)
    ctx.log.Info("inject " + std::string(FaultClassName(f.cls)) + " at " + TileName(f.x, f.y));
  InjectFaults(dut, faults);

  host::MeshWaferPort port(dut);
  const fw::DefectMap defects = fw::ScanWafer(port, {}, nullptr);
  const ScanVerdict verdict = JudgeScan(faults, defects);
  for (const auto& m : verdict.missed) ctx.log.Error("scan missed: " + m);
  for (const auto& s : verdict.spurious) ctx.log.Error("scan false positive: " + s);
  if (!verdict.Perfect()) throw TestFailure("the defect scan is wrong; the repair would be too");

  fw::RemapOptions opt;
  opt.spares = rc.spares;
  const fw::RemapResult plan = fw::Remap(defects, opt);
  ctx.log.Info("remap: " + plan.summary);
  // The exact solver must not find a wider grid than the fast remap.
  const std::optional<fw::Repair> exact = fw::ExactRemap(defects, rc.spares);
  const int fast_w = plan.repair ? plan.repair->width : 0, exact_w = exact ? exact->width : 0;
  if (exact_w > fast_w)
    throw TestFailure("the exact solver keeps width " + std::to_string(exact_w) + ", the fast remap " +
                      std::to_string(fast_w));
  if (!plan.repair) {
    if (!rc.expect_full.has_value()) {
      ctx.log.Info("these faults leave no logical grid under the scheme (the exact solver agrees)");
      co_return;
    }
    throw TestFailure("no logical grid at all: " + plan.summary);
  }
  const fw::Repair& repair = *plan.repair;
  if (rc.expect_full.has_value() && plan.full != *rc.expect_full)
    throw TestFailure(std::string("expected a ") + (*rc.expect_full ? "full" : "degraded") + " grid, got " +
                      std::to_string(repair.width) + "x" + std::to_string(repair.height) + " of full " +
                      std::to_string(repair.full_width));
  if (!fw::CheckRepair(defects, repair).empty()) throw TestFailure("the checker rejects the remap's repair");

  // Ground truth: no logical tile on a tile with an injected fault.
  std::set<std::pair<int, int>> faulted;
  for (const Fault& f : faults.faults)
    if (f.cls != FaultClass::kLinkStuck && f.cls != FaultClass::kLinkOpen && f.cls != FaultClass::kLinkBridge)
      faulted.insert({f.x, f.y});
  for (int y = 0; y < repair.height; ++y)
    for (int x = 0; x < repair.width; ++x)
      if (faulted.count({repair.PhysX(x, y), y}))
        throw TestFailure("logical " + TileName(x, y) + " sits on faulted physical " + TileName(repair.PhysX(x, y), y));

  // Persisted like fuses (atomically, with a checksum), read back.
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("wse-repair-" + std::to_string(::getpid()) + "-" + std::to_string(ctx.seed) + ".json"))
                               .string();
  fw::WriteRepairFile(path, repair);
  const fw::Repair loaded = fw::ReadRepairFile(path);
  std::filesystem::remove(path);
  if (loaded.cols != repair.cols) throw TestFailure("the repair file does not read back as written");
  fw::TapMaster tap(port);
  tap.Discover();
  // A repair the checker rejects (a logical tile on a dead one) is refused
  // before anything is written.
  const std::vector<uint8_t> dead = fw::DeadTiles(defects);
  for (size_t i = 0; i < dead.size(); ++i) {
    if (!dead[i]) continue;
    fw::Repair bad = loaded;
    const int dy = static_cast<int>(i) / bad.phys_width;
    bad.cols[static_cast<size_t>(dy)][0] = static_cast<int>(i) % bad.phys_width;
    bool refused = false;
    try {
      fw::ApplyRepair(tap, defects, bad);
    } catch (const fw::RepairError& e) {
      refused = std::string(e.what()).find("tile is dead") != std::string::npos;
      ctx.log.Info(std::string("a repair onto a dead tile is refused: ") + e.what());
    }
    if (!refused) throw TestFailure("ApplyRepair did not refuse a repair that puts a logical tile on a dead one for that reason");
    break;
  }
  const fw::ApplyReport applied = fw::ApplyRepair(tap, defects, loaded);
  ctx.log.Info("repair applied: " + std::to_string(applied.tiles_written) + " tiles written (" +
               std::to_string(applied.mapped_out) + " mapped out) in " + std::to_string(applied.cycles) + " cycles");
  // The wires the repair uses (skip, diagonal) were never in the scan.
  const std::vector<std::string> bad_links = fw::TestRepairedLinks(port, tap, loaded);
  for (const auto& b : bad_links) ctx.log.Error("repaired link: " + b);
  if (!bad_links.empty()) throw TestFailure("the link test over the repair failed");

  // The workloads, unchanged, on the logical grid (boot replays the repair).
  // Each in a simulation of its own, so a finished workload's drivers and
  // monitors end with it instead of outliving its environment.
  RepairedMesh logical(dut, loaded);
  auto nested = [&](const std::string& name, const std::function<Task(TestContext&)>& body) {
    Sim sim(logical);
    TestContext sub{sim, ctx.rng, ctx.log.Child(name), ctx.instance, ctx.seed};
    sim.Run(body(sub), 20000000);
  };
  // The cases outlive the coroutines, which hold them by reference.
  GemvCase g;
  g.m = 4;
  g.n = 4;
  g.zero_fraction = 0.2;
  StencilCase sc;
  sc.bh = 3;
  sc.bw = 4;
  sc.iters = 3;
  AllreduceCase ac;
  ac.len = 8;
  nested("gemv", [&](TestContext& c) { return RunGemv(c, logical, g, nullptr); });
  nested("stencil", [&](TestContext& c) { return RunStencil(c, logical, sc, nullptr); });
  nested("allreduce", [&](TestContext& c) { return RunAllreduce(c, logical, ac, nullptr); });
  co_return;
}

}  // namespace

WSE_MESH_TEST(repair_dead_router,
              "a dead router and a router with a dead port inside the wafer: scan, remap to the full logical "
              "grid, GEMV / stencil / all-reduce on it match their references",
              30000000, "dft6x4") {
  FaultList fl;
  fl.faults = {Dead(FaultClass::kRouterDead, 2, 1)};
  Fault port = Dead(FaultClass::kRouterDeadPort, 3, 2);
  port.port = 1;
  fl.faults.push_back(port);
  co_await ScanRepairRun(ctx, dut, fl, {1, true});
}

WSE_MESH_TEST(repair_adjacent_dead,
              "two dead tiles side by side in a row (a skip of two) and two stacked in a column: full logical "
              "grid, workloads match",
              30000000, "dft7x4") {
  FaultList fl;
  fl.faults = {Dead(FaultClass::kTileDead, 2, 1), Dead(FaultClass::kPeDead, 3, 1), Dead(FaultClass::kTileDead, 5, 2),
               Dead(FaultClass::kPeWrongResult, 5, 3)};
  co_await ScanRepairRun(ctx, dut, fl, {2, true});
}

WSE_MESH_TEST(repair_edge_dead,
              "dead tiles on the west and east columns and the top and bottom rows: rows start and end on skip "
              "wires, host I/O follows the repair to the physical edge ports",
              30000000, "dft6x4") {
  FaultList fl;
  fl.faults = {Dead(FaultClass::kTileDead, 0, 1), Dead(FaultClass::kRouterDead, 5, 2), Dead(FaultClass::kPeDead, 2, 0),
               Dead(FaultClass::kTileDead, 3, 3)};
  co_await ScanRepairRun(ctx, dut, fl, {1, true});
}

WSE_MESH_TEST(repair_degraded,
              "more dead tiles in a row than it has spares: a narrower logical grid (an engineering part), "
              "and the workloads run on it",
              30000000, "dft6x3") {
  FaultList fl;
  fl.faults = {Dead(FaultClass::kTileDead, 1, 1), Dead(FaultClass::kPeDead, 4, 1)};
  co_await ScanRepairRun(ctx, dut, fl, {1, false});
}

WSE_MESH_TEST(repair_random_defects,
              "random permanent faults of every injectable class (SRAM cells, dead PE, wrong-result PE, dead "
              "router or port, dead tile, link wires): scan, remap, workloads on whatever grid the repair keeps",
              40000000, "dft7x5") {
  const MeshLimits limits{dut.width(), dut.height(), dut.SramWords()};
  const FaultList fl = InwardLinks(GenerateFaults(ctx.seed, 4, limits, InjectableClasses()), dut.width(), dut.height());
  const RepairCase rc{2, std::nullopt};
  co_await ScanRepairRun(ctx, dut, fl, rc);
}

}  // namespace wse::tb
