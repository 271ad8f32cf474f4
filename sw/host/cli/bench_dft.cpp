#include "cli/bench_dft.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <random>

#include "faults/fault_hooks.h"
#include "faults/fault_injector.h"
#include "firmware/scan/defect_scan.h"
#include "util/text_table.h"
#include "faults/reachability.h"
#include "firmware/tap/tap_master.h"
#include "firmware/tap/tap_plan.h"
#include "models/mesh_dut.h"
#include "util/atomic_file.h"
#include "util/svg_plot.h"
#include "wafer/mesh_wafer_port.h"

namespace wse::cli {
namespace {

std::vector<bool> RandomDead(int w, int h, double p, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<bool> dead(static_cast<size_t>(w) * h);
  // 53-bit uniform in [0, 1): the same on every platform.
  for (size_t i = 0; i < dead.size(); ++i) dead[i] = static_cast<double>(rng() >> 11) * 0x1.0p-53 < p;
  return dead;
}

size_t Count(const std::vector<bool>& v) {
  size_t n = 0;
  for (bool b : v) n += b;
  return n;
}

std::string Pct(double p) { return std::to_string(static_cast<int>(p * 100 + 0.5)); }

}  // namespace

void BenchTapReach(const std::filesystem::path& reports, const AddFigure& add) {
  util::PlotSpec plot;
  plot.title = "Config network reach with dead tiles";
  plot.x_label = "fraction of tiles dead";
  plot.y_label = "fraction of live tiles reached";
  plot.x_min = 0;
  plot.x_max = 0.5;
  plot.y_min = 0;
  plot.y_max = 1;
  plot.markers = {{0.407, "site percolation 0.407"}};

  // RTL: the firmware's own driver grows the network on a 16x16 mesh of the
  // fault-injection tile with random dead tiles.
  util::PlotSeries rtl{"RTL 16x16, firmware TapMaster (mean of 3)", {}};
  for (double p : {0.0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4}) {
    double sum = 0;
    uint64_t cycles = 0;
    for (uint64_t seed = 1; seed <= 3; ++seed) {
      auto dut = tb::MakeStitchedDftMesh(16, 16, 1);
      const auto dead = RandomDead(16, 16, p, seed);
      for (int i = 0; i < 256; ++i)
        if (dead[static_cast<size_t>(i)]) dut->SetTileFault(i % 16, i / 16, tb::flt::kTileDead);
      host::MeshWaferPort port(*dut);
      port.Reset();
      fw::TapMaster tap(port);
      const uint64_t c0 = port.cycle();
      tap.Discover();
      cycles += port.cycle() - c0;
      const size_t live = 256 - Count(dead);
      sum += live ? static_cast<double>(tap.tree().reached()) / static_cast<double>(live) : 1.0;
    }
    rtl.points.emplace_back(p, sum / 3);
    add("tap.reach.rtl16x16.dead" + Pct(p), sum / 3, "of live tiles reached");
    if (p == 0.25) add("tap.discover.rtl16x16.dead25.cycles", static_cast<double>(cycles) / 3, "cycles");
  }

  // Full wafer (1000 x 970 tiles): the discovery model, one seed per point.
  util::PlotSeries wafer{"wafer 1000x970, discovery model", {}};
  for (int k = 0; k <= 9; ++k) {
    const double p = 0.05 * k;
    const auto dead = RandomDead(1000, 970, p, 100 + static_cast<uint64_t>(k));
    const auto t0 = std::chrono::steady_clock::now();
    int rounds = 0;
    const fw::TapTree t = fw::ModelDiscovery(
        1000, 970, [&](int x, int y) { return !dead[static_cast<size_t>(y) * 1000 + x]; }, &rounds);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const size_t live = dead.size() - Count(dead);
    const double reach = static_cast<double>(t.reached()) / static_cast<double>(live);
    wafer.points.emplace_back(p, reach);
    add("tap.reach.wafer.dead" + Pct(p), reach, "of live tiles reached");
    std::printf("  %-44s %14s (%d rounds, depth %d, %.2f s)\n", "", "", rounds, t.max_depth(), secs);
  }
  plot.series = {wafer, rtl};
  std::filesystem::create_directories(reports);
  util::WriteFileAtomic(reports / "tap_reach.svg", util::RenderSvgPlot(plot));
  std::cout << "  curve: " << (reports / "tap_reach.svg").string() << "\n";
}

void BenchScan(const AddFigure& add) {
  std::map<tb::FaultClass, tb::ScanVerdict::Count> total;
  int false_positives = 0, scans = 0;
  uint64_t cycles = 0;
  double secs = 0;
  struct Shape {
    int w, h, seeds;
  };
  for (const Shape s : {Shape{6, 5, 4}, Shape{8, 8, 2}}) {
    for (int seed = 1; seed <= s.seeds; ++seed) {
      auto dut = tb::MakeStitchedDftMesh(s.w, s.h, 1);
      const tb::MeshLimits limits{s.w, s.h, dut->SramWords()};
      const auto faults = tb::InwardLinks(tb::GenerateFaults(static_cast<uint64_t>(seed), s.w * s.h * 3 / 10, limits,
                                                             tb::InjectableClasses()),
                                          s.w, s.h);
      tb::InjectFaults(*dut, faults);
      host::MeshWaferPort port(*dut);
      fw::ScanStats st;
      const auto t0 = std::chrono::steady_clock::now();
      const fw::DefectMap map = fw::ScanWafer(port, {}, &st);
      secs += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      const tb::ScanVerdict v = tb::JudgeScan(faults, map);
      for (const auto& [c, n] : v.per_class) {
        total[c].injected += n.injected;
        total[c].detected += n.detected;
        total[c].masked += n.masked;
      }
      false_positives += v.false_positives;
      cycles += st.cycles;
      ++scans;
      std::printf("  scan %dx%d seed %d: %zu faults, %zu defects, %zu missed, %d false positives\n", s.w, s.h, seed,
                  faults.faults.size(), map.defects.size(), v.missed.size(), v.false_positives);
      std::fflush(stdout);
    }
  }
  util::TextTable t({"fault class", "injected", "detected", "walled in"});
  for (size_t c = 1; c < 4; ++c) t.SetAlign(c, util::TextTable::Align::kRight);
  for (const auto& [c, n] : total)
    t.AddRow({tb::FaultClassName(c), std::to_string(n.injected), std::to_string(n.detected), std::to_string(n.masked)});
  std::cout << t.Render();
  for (const auto& [c, n] : total) {
    add(std::string("scan.") + tb::FaultClassName(c) + ".injected", n.injected, "faults");
    add(std::string("scan.") + tb::FaultClassName(c) + ".detected", n.detected, "faults");
    if (n.masked) add(std::string("scan.") + tb::FaultClassName(c) + ".walled_in", n.masked, "of the detected: on a tile (or link into a tile) the map removes as unreachable");
  }
  add("scan.false_positives", false_positives, "defects no injected fault explains");
  add("scan.cycles_per_scan", static_cast<double>(cycles) / scans, "wafer cycles (4 KiB SRAM per tile)");
  add("scan.sim_seconds_per_scan", secs / scans, "s");
}

}  // namespace wse::cli
