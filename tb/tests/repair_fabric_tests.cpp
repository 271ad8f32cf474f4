// The redundant wires at mesh level (docs/repair.md): a repair planned
// around chosen tiles steers the fabric over skip and diagonal wires and the
// west/east edge ports of every reach; traffic on the logical grid must match
// the reference fabric model exactly, while the mapped-out tiles (alive
// here, so they can misbehave) flood their own links with junk that must
// never reach the grid.

#include <string>

#include "firmware/cfg_regs.h"
#include "firmware/repair/repair.h"
#include "harness/test_registry.h"
#include "models/repaired_mesh.h"
#include "tests/mesh_env.h"

namespace wse::tb {
namespace {

uint8_t C(int c) { return static_cast<uint8_t>(c); }

// The tiles to map out on a W x H wafer with 1 or 2 spares per row: the
// west column, the east column, a pair side by side (with 2 spares) and
// tiles that force the rows around them aside.
fw::DefectMap Avoid(int w, int h, int spares) {
  fw::DefectMap m;
  m.width = w;
  m.height = h;
  auto dead = [&](int x, int y) {
    if (x < 0 || x >= w || y < 0 || y >= h) return;
    fw::Defect d;
    d.x = x;
    d.y = y;
    d.unit = fw::Unit::kTile;
    d.kind = "mapped_out_by_test";
    m.defects.push_back(d);
  };
  dead(0, 0);
  if (h > 1) dead(w - 1, 1);
  if (h > 2) dead(1, 2);
  if (spares > 1 && h > 3) dead(w / 2, 3), dead(w / 2 + 1, 3);
  return m;
}

Task SteeringBody(TestContext& ctx, MeshDut& phys, int spares) {
  const fw::DefectMap avoid = Avoid(phys.width(), phys.height(), spares);
  fw::RemapOptions opt;
  opt.spares = spares;
  const fw::RemapResult plan = fw::Remap(avoid, opt);
  if (!plan.repair || !plan.full) throw TestFailure("no full repair for the test's layout: " + plan.summary);
  const fw::Repair& repair = *plan.repair;
  if (!fw::CheckRepair(avoid, repair).empty()) throw TestFailure("the checker rejects the remap's repair");
  // The layout must exercise what the test claims.
  bool skip = false, diag = false, west = false, east = false;
  for (const fw::TileSetting& s : fw::TileSettings(repair)) {
    if (!s.used) continue;
    skip = skip || s.code[1] > 0 || s.code[3] > 0;
    diag = diag || (s.code[0] > 0 && s.ly > 0) || (s.code[2] > 0 && s.ly < repair.height - 1);
    west = west || (s.lx == 0 && s.code[3] > 0);
    east = east || (s.lx == repair.width - 1 && s.code[1] > 0);
  }
  if (!(skip && diag && west && east))
    throw TestFailure("the layout does not use skip, diagonal, west and east reach wires");
  for (int y = 0; y < repair.height; ++y) {
    std::string row;
    for (int x : repair.cols[static_cast<size_t>(y)]) row += " " + std::to_string(x);
    ctx.log.Info("logical row " + std::to_string(y) + " on physical columns" + row);
  }

  RepairedMesh dut(phys, repair);
  MeshEnv env(ctx, dut);
  co_await env.Start();
  env.Randomize(0.5, 0.3);
  const int w = dut.width(), h = dut.height();
  // Edge to edge on every row and column, and every tile to its four
  // logical neighbours' ramps.
  const std::vector<EdgeFlow> edge_flows = EdgeToEdgeFlows(w, h);
  for (const EdgeFlow& f : edge_flows) env.planner().AddTree(f.color, f.src, {f.dst});
  const std::vector<RampFlow> flows = NeighbourFlows(w, h, 4);
  for (const RampFlow& f : flows) env.planner().AddTree(f.color, Endpoint::Ramp(f.x, f.y), {Endpoint::Ramp(f.nx, f.ny)});
  co_await env.ApplyRoutes();

  // Mapped-out tiles route every color from their ramp to all four links,
  // and their ramps inject junk on the grid's colors the whole time.
  std::vector<std::unique_ptr<LinkSource>> junk;
  const std::vector<fw::TileSetting> set = fw::TileSettings(repair);
  for (int y = 0; y < phys.height(); ++y)
    for (int x = 0; x < phys.width(); ++x) {
      if (set[static_cast<size_t>(y) * phys.width() + x].used) continue;
      // Boot disabled its router; enable it so its junk really enters.
      env.cfg().PostPhysical(x, y, fw::reg::kCtrl, true, fw::reg::kCtrlEnable | fw::reg::kCtrlPeHalt);
      for (int c = 0; c < 12; ++c)
        env.cfg().PostPhysical(x, y, static_cast<uint8_t>(fw::reg::kRouteBase + c), true, Route{0x10, 0x0f}.Pack());
      junk.push_back(std::make_unique<LinkSource>(ctx.sim, ctx.log.Child("junk " + TileName(x, y)), phys.RampIn(x, y),
                                                  ctx.rng.Fork()));
      junk.back()->Start();
      for (int k = 0; k < 300; ++k) junk.back()->Send(Wavelet{0xBAD00000u | static_cast<uint32_t>(k), C(k % 12), false});
    }
  co_await env.cfg().Drain();

  for (int k = 0; k < 60; ++k) {
    for (const EdgeFlow& f : edge_flows) env.Send(f.src, Wavelet{env.Payload(), C(f.color), false});
    for (const RampFlow& f : flows) env.Send(Endpoint::Ramp(f.x, f.y), Wavelet{env.Payload(), C(f.color), false});
  }
  co_await env.Drain();
  env.Finish();
  co_await env.CheckDropCounters();
  // The junk entered the mapped-out routers but went nowhere (the
  // scoreboard saw none of it): the shell offers no word to any wire, so
  // the router holds them and back-pressure stops the source.
  for (const auto& j : junk) {
    if (j->accepted() == 0) throw TestFailure("a mapped-out tile's router took no junk: the test proves nothing");
    if (j->accepted() >= 300) throw TestFailure("a mapped-out tile's router drained its junk somewhere");
  }
}

}  // namespace

WSE_MESH_TEST(repair_fabric_steering,
              "a repair around mapped-out tiles (west and east columns, a pair side by side, rows pushed aside) "
              "steers traffic over skip, diagonal and edge-reach wires exactly as the reference model says; "
              "junk from the mapped-out tiles never reaches the grid",
              600000, "6x4", "7x5", "flat4x3") {
  co_await SteeringBody(ctx, dut, dut.width() >= 7 ? 2 : 1);
}

}  // namespace wse::tb
