#include "cli/bench_dft.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>

#include "faults/fault_hooks.h"
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

}  // namespace wse::cli
