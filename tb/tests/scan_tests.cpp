// End-to-end defect scan: random faults of every injectable class on a mesh
// of the fault-injection tile; the firmware scans through its WaferPort only
// and its defect map must name every injected permanent fault and nothing
// else (judged against the fault list, which the firmware never sees).

#include <cmath>
#include <string>

#include "faults/fault_injector.h"
#include "firmware/scan/defect_scan.h"
#include "harness/test_registry.h"
#include "wafer/mesh_wafer_port.h"

namespace wse::tb {

WSE_MESH_TEST(scan_random_faults,
              "firmware defect scan finds every random permanent fault (SRAM cells, dead PE, dead tile, "
              "stuck/open/bridged link wires) "
              "and reports nothing else",
              5000000, "dft6x5", "dft4x4") {
  const MeshLimits limits{dut.width(), dut.height(), dut.SramWords()};
  const int count = std::max(1, dut.width() * dut.height() * 3 / 10);
  const FaultList faults = InwardLinks(GenerateFaults(ctx.seed, count, limits, InjectableClasses()), dut.width(),
                                       dut.height());
  for (const Fault& f : faults.faults)
    ctx.log.Info("inject " + std::string(FaultClassName(f.cls)) + " at (" + std::to_string(f.x) + "," +
                 std::to_string(f.y) + ")");
  InjectFaults(dut, faults);
  // The firmware drives the wafer itself, one clock at a time.
  host::MeshWaferPort port(dut);
  fw::ScanStats stats;
  const fw::DefectMap map = fw::ScanWafer(port, {}, &stats);
  const ScanVerdict v = JudgeScan(faults, map);
  for (const auto& m : v.missed) ctx.log.Error("missed: " + m);
  for (const auto& s : v.spurious) ctx.log.Error("false positive: " + s);
  ctx.log.Info(std::to_string(map.defects.size()) + " defects, " + std::to_string(map.reachable) +
               " tiles reachable, scan " + std::to_string(stats.cycles) + " cycles (discover " +
               std::to_string(stats.discover_cycles) + ", mbist " + std::to_string(stats.mbist_cycles) + ", pe_kat " +
               std::to_string(stats.kat_cycles) + ", links " + std::to_string(stats.link_cycles) + ")");
  co_return;
}

}  // namespace wse::tb

namespace wse::tb {

WSE_MESH_TEST(dft_link_faults,
              "the firmware link test names exactly the faulted links: data wire stuck at 0 and 1, open, "
              "bridged, valid wire stuck at 0 and 1, parity wire stuck, half the wavelets dropped",
              2000000, "dft3x3", "dft4x3") {
  struct Planted {
    int x, y;
    Dir dir;
    LinkFault f;
    std::string what;
  };
  const int b = static_cast<int>(ctx.rng.Next32() % 38), b2 = (b + 1 + static_cast<int>(ctx.rng.Next32() % 37)) % 38;
  std::vector<Planted> plan = {
      {0, 0, Dir::kE, {1ull << b, 0, -1, -1, 0, 1}, "data wire stuck at 0"},
      {1, 0, Dir::kS, {0, 1ull << b, -1, -1, 0, 1}, "data wire stuck at 1"},
      {2, 1, Dir::kW, {1ull << b2, 0, -1, -1, 0, 1}, "open data wire"},
      {1, 2, Dir::kN, {0, 0, b, b2, 0, 1}, "bridged data wires"},
      {0, 2, Dir::kN, {1ull << 38, 0, -1, -1, 0, 1}, "valid stuck at 0"},
      {2, 2, Dir::kN, {0, 1ull << 38, -1, -1, 0, 1}, "valid stuck at 1"},
      {1, 1, Dir::kE, {(ctx.seed & 1) ? 0 : 1ull << 39, (ctx.seed & 1) ? 1ull << 39 : 0, -1, -1, 0, 1},
       "parity wire stuck"},
      {0, 1, Dir::kN, {0, 0, -1, -1, 0.5, ctx.seed}, "half the wavelets dropped"},
  };
  for (const auto& p : plan) dut.SetLinkFault(p.x, p.y, p.dir, p.f);
  host::MeshWaferPort port(dut);
  fw::ScanOptions opt;
  opt.mbist = false;
  opt.pe_kat = false;
  const fw::DefectMap map = fw::ScanWafer(port, opt);
  for (const auto& p : plan) {
    if (!fw::Has(map, p.x, p.y, fw::Unit::kLink, static_cast<int>(p.dir)))
      ctx.log.Error(p.what + " on the link leaving (" + std::to_string(p.x) + "," + std::to_string(p.y) + ") " +
                    DirName(p.dir) + " not found");
  }
  for (const auto& d : map.defects) {
    bool planted = false;
    for (const auto& p : plan) planted = planted || (d.x == p.x && d.y == p.y && d.dir == static_cast<int>(p.dir));
    if (!planted)
      ctx.log.Error("false positive: " + std::string(fw::UnitName(d.unit)) + " " + d.kind + " at (" +
                    std::to_string(d.x) + "," + std::to_string(d.y) + ") dir " + fw::DirName(d.dir) + " " +
                    d.evidence.Dump(0));
  }
  // A parity wire is the only wrong wire the LFSR check cannot see.
  for (const auto& d : map.defects)
    if ((d.kind == "link_parity") != (d.x == 1 && d.y == 1 && d.dir == static_cast<int>(Dir::kE)))
      ctx.log.Error("link (" + std::to_string(d.x) + "," + std::to_string(d.y) + ") " + fw::DirName(d.dir) + ": kind " +
                    d.kind + (d.kind == "link_parity" ? ", but its parity wire is fine" : ", expected link_parity"));
  ctx.log.Info(std::to_string(map.defects.size()) + " link defects, bits " + std::to_string(b) + "/" +
               std::to_string(b2));
  co_return;
}

}  // namespace wse::tb

namespace wse::tb {

WSE_MESH_TEST(scan_intermittent_hot_cold,
              "an intermittent wrong-result PE fault switches on at the Arrhenius-scaled rate: a hot scan (125 C) "
              "finds it, a cold scan (25 C) in which it never switched on reports nothing",
              5000000, "dft2x2") {
  const int w = dut.width(), h = dut.height();
  FaultList list;
  list.seed = ctx.seed;
  Fault f;
  f.cls = FaultClass::kPeWrongResult;
  f.x = static_cast<int>(ctx.rng.Next32() % static_cast<uint32_t>(w));
  f.y = static_cast<int>(ctx.rng.Next32() % static_cast<uint32_t>(h));
  f.bit = static_cast<int>(ctx.rng.Next32() % 32);
  f.value = ctx.rng.Next32() & 1;
  f.intermittent = Intermittent{0.02, 0.7};
  list.faults.push_back(f);
  FaultInjector injector(dut, list);
  host::MeshWaferPort port(dut);
  port.OnCycle([&injector](uint64_t cycle) { injector.Step(cycle); });
  fw::ScanOptions opt;
  opt.mbist = false;  // the known-answer test is the one that sees this fault
  // The test's own reference: p(T) = rate * exp(Ea/k (1/398.15 K - 1/T)).
  auto expected_p = [&](double celsius) {
    return 0.02 * std::exp(0.7 / 8.617333262e-5 * (1.0 / 398.15 - 1.0 / (celsius + 273.15)));
  };
  const std::string at = "ALU bit " + std::to_string(f.bit) + " stuck at " + std::to_string(f.value) + " on tile (" +
                         std::to_string(f.x) + "," + std::to_string(f.y) + ")";
  for (const double celsius : {25.0, 125.0}) {
    injector.SetTemperature(celsius);
    const uint64_t c0 = port.cycle(), a0 = injector.active_cycles()[0];
    const fw::DefectMap map = fw::ScanWafer(port, opt);
    const uint64_t n = port.cycle() - c0, active = injector.active_cycles()[0] - a0;
    // Active cycles are binomial(n, p): within 6 sigma (+ 3 for tiny p).
    const double p = expected_p(celsius), mean = p * static_cast<double>(n);
    const double slack = 6 * std::sqrt(mean * (1 - p)) + 3;
    if (std::abs(static_cast<double>(active) - mean) > slack)
      ctx.log.Error(std::to_string(celsius) + " C: active " + std::to_string(active) + " of " + std::to_string(n) +
                    " cycles, expected " + std::to_string(mean) + " +- " + std::to_string(slack));
    const bool found = fw::Has(map, f.x, f.y, fw::Unit::kPe);
    ctx.log.Info(std::to_string(static_cast<int>(celsius)) + " C: " + at + " active " + std::to_string(active) +
                 " of " + std::to_string(n) + " cycles (p = " + std::to_string(p) + "), " +
                 (found ? "found" : "not found") + ", " + std::to_string(map.defects.size()) + " defects");
    for (const auto& d : map.defects) {
      if (d.x == f.x && d.y == f.y && d.unit == fw::Unit::kPe && active > 0) continue;
      ctx.log.Error(std::to_string(celsius) + " C: defect " + std::string(fw::UnitName(d.unit)) + " " + d.kind +
                    " at (" + std::to_string(d.x) + "," + std::to_string(d.y) + ")" +
                    (active == 0 ? " while the fault never switched on" : ""));
    }
    if (celsius > 100 && !found) ctx.log.Error("hot scan: " + at + " not found");
  }
  co_return;
}

}  // namespace wse::tb
