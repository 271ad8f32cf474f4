// wse scan: the firmware's defect scan on a simulated wafer seeded with
// faults; writes the defect map (JSON) and a wafer map (SVG), and, since the
// CLI is also the testbench, judges the map against the injected faults.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>

#include <unistd.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "faults/fault_injector.h"
#include "firmware/report/wafer_map_svg.h"
#include "firmware/scan/defect_scan.h"
#include "util/atomic_file.h"
#include "util/text_table.h"
#include "wafer/mesh_wafer_port.h"

namespace wse::cli {
namespace {

const char* kHelp =
    "usage: wse scan [--mesh WxH] [--faults FILE | --random-faults N [--seed S]]\n"
    "                [--temperature C] [--out defects.json] [--map wafer.svg]\n"
    "                [--save-faults FILE] [--threads N]\n"
    "\n"
    "Builds a simulated wafer of the fault-injection tile (PE with 4 KiB SRAM), injects\n"
    "the faults, and runs the firmware's defect scan on it through the firmware's own\n"
    "interface (config network entry points only): reset, grow the config network, the\n"
    "link test on every link between reachable tiles in both directions, the router\n"
    "loopback test of every port and color, March C- on every SRAM at once and the PE\n"
    "known-answer test on every PE at once. Writes the defect map (docs/dft.md) and\n"
    "draws it. With faults, prints per class how many were injected and found, and\n"
    "every miss or false positive. Intermittent faults switch on each cycle with their\n"
    "rate scaled to --temperature (Arrhenius); transient flips strike at their cycle.\n"
    "\n"
    "  --mesh WxH          wafer size in tiles (default 4x4, up to 64x64)\n"
    "  --faults FILE       fault list (docs/dft.md); a list with a seed and no faults is\n"
    "                      drawn from that seed (--random-faults N tiles, default 30%)\n"
    "  --random-faults N   N random faults of every injectable class, one per tile\n"
    "  --seed S            seed of the random faults (default 1)\n"
    "  --temperature C     wafer temperature in degrees C for intermittent faults\n"
    "                      (default 125, where their rates are given)\n"
    "  --out FILE          defect map (default build/reports/defects.json)\n"
    "  --map FILE          wafer map picture (default: --out with .svg)\n"
    "  --save-faults FILE  write the injected fault list (to replay it with --faults)\n"
    "  --threads N         simulation threads (default 1)\n"
    "\n"
    "exit status: 0 when the scan ran and, with faults injected, found every permanent\n"
    "fault and reported nothing else (intermittent faults are counted, not required);\n"
    "1 otherwise or on an error (named: file, field).\n";

}  // namespace

int RunScan(const std::vector<std::string>& argv) {
  const Args a(argv, {"help"},
               {"mesh", "faults", "random-faults", "seed", "temperature", "out", "map", "save-faults", "threads"});
  if (a.Has("help")) {
    std::cout << kHelp;
    return 0;
  }
  int w = 0, h = 0;
  const std::string mesh = a.Get("mesh", "4x4");
  if (std::sscanf(mesh.c_str(), "%dx%d", &w, &h) != 2 || w < 1 || h < 1 || w > 64 || h > 64)
    throw UsageError("--mesh '" + mesh + "': expected WxH, 1..64");
  if (a.Has("faults") && a.Has("random-faults")) throw UsageError("--faults and --random-faults exclude each other");
  const int threads = static_cast<int>(a.GetInt("threads", 1));
  const std::filesystem::path out = a.Get("out", "build/reports/defects.json");
  const std::filesystem::path svg = a.Has("map") ? std::filesystem::path(a.Get("map"))
                                                 : std::filesystem::path(out).replace_extension(".svg");

  auto dut = tb::MakeStitchedDftMesh(w, h, threads);
  const tb::MeshLimits limits{w, h, dut->SramWords()};
  tb::FaultList faults;
  bool injected = false;
  const int default_count = std::max(1, w * h * 3 / 10);
  if (a.Has("faults")) {
    faults = tb::ReadFaultList(a.Get("faults"), limits);
    if (faults.random) {
      const int n = static_cast<int>(a.GetInt("random-faults", default_count));
      faults = tb::InwardLinks(tb::GenerateFaults(faults.seed, n, limits, tb::InjectableClasses()), w, h);
    }
    injected = true;
  } else if (a.Has("random-faults")) {
    const long long n = a.GetInt("random-faults", 0);
    if (n < 0 || n > w * h) throw UsageError("--random-faults " + std::to_string(n) + ": 0.." + std::to_string(w * h));
    faults = tb::InwardLinks(tb::GenerateFaults(static_cast<uint64_t>(a.GetInt("seed", 1)), static_cast<int>(n),
                                                limits, tb::InjectableClasses()),
                             w, h);
    injected = true;
  }
  if (a.Has("save-faults")) util::WriteFileAtomic(a.Get("save-faults"), tb::ToJson(faults).Dump() + "\n");
  tb::FaultInjector injector(*dut, faults);
  const double temperature = a.GetDouble("temperature", tb::kRateReferenceC);
  if (!(temperature > -273.15 && temperature < 1000))
    throw UsageError("--temperature " + a.Get("temperature") + ": degrees C, above -273.15 and below 1000");
  injector.SetTemperature(temperature);

  host::MeshWaferPort port(*dut);
  port.OnCycle([&injector](uint64_t cycle) { injector.Step(cycle); });
  fw::ScanOptions opt;
  std::string last_phase;
  const bool tty = isatty(fileno(stderr));
  opt.progress = [&](const std::string& phase, double f) {
    // On a terminal one line per phase, updated in place; in a log one line per phase.
    if (tty) {
      if (phase != last_phase && !last_phase.empty()) std::fprintf(stderr, "\n");
      std::fprintf(stderr, "\r[scan] %-9s %3d%%  cycle %llu   ", phase.c_str(), static_cast<int>(f * 100),
                   static_cast<unsigned long long>(port.cycle()));
    } else if (phase != last_phase) {
      std::fprintf(stderr, "[scan] %s (cycle %llu)\n", phase.c_str(), static_cast<unsigned long long>(port.cycle()));
    }
    last_phase = phase;
  };
  fw::ScanStats stats;
  const auto t0 = std::chrono::steady_clock::now();
  const fw::DefectMap map = fw::ScanWafer(port, opt, &stats);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (tty) std::fprintf(stderr, "\n");
  std::filesystem::create_directories(out.parent_path().empty() ? "." : out.parent_path());
  fw::WriteDefectMap(out.string(), map);
  fw::WriteWaferMapSvg(svg.string(), map, "wse scan " + mesh + (injected ? ", " + std::to_string(faults.faults.size()) + " faults injected" : ""));

  std::map<std::string, int> per_unit;
  for (const auto& d : map.defects) ++per_unit[fw::UnitName(d.unit)];
  std::printf("wse scan: %dx%d wafer, %d of %d tiles reachable, %zu defects", w, h, map.reachable, w * h,
              map.defects.size());
  for (const auto& [u, n] : per_unit) std::printf(", %s %d", u.c_str(), n);
  std::printf("\n  scan: %llu cycles (discover %llu, links %llu, routers %llu, March C- %llu, PE known answer %llu), "
              "%.1f s simulated\n",
              static_cast<unsigned long long>(stats.cycles), static_cast<unsigned long long>(stats.discover_cycles),
              static_cast<unsigned long long>(stats.link_cycles), static_cast<unsigned long long>(stats.router_cycles),
              static_cast<unsigned long long>(stats.mbist_cycles), static_cast<unsigned long long>(stats.kat_cycles),
              secs);
  std::printf("  defect map: %s\n  wafer map:  %s\n", out.c_str(), svg.c_str());
  if (!injected) return 0;

  const tb::ScanVerdict v = tb::JudgeScan(faults, map);
  util::TextTable t({"fault class", "injected", "found", "walled in"});
  for (size_t c = 1; c < 4; ++c) t.SetAlign(c, util::TextTable::Align::kRight);
  for (const auto& [cls, n] : v.per_class)
    t.AddRow({tb::FaultClassName(cls), std::to_string(n.injected), std::to_string(n.detected), std::to_string(n.masked)});
  for (const auto& [cls, n] : v.intermittent)
    t.AddRow({std::string(tb::FaultClassName(cls)) + " (intermittent)", std::to_string(n.injected),
              std::to_string(n.detected), std::to_string(n.masked)});
  std::printf("\n%s  false positives: %d\n", t.Render().c_str(), v.false_positives);
  // What the timed faults did: an intermittent fault can only be found while it is active.
  const auto& active = injector.active_cycles();
  for (size_t i = 0; i < faults.faults.size(); ++i) {
    const tb::Fault& f = faults.faults[i];
    if (f.intermittent) {
      std::printf("  intermittent %s at (%d,%d): active %llu of %llu cycles at %.0f C (p = %.3g per cycle)\n",
                  tb::FaultClassName(f.cls), f.x, f.y, static_cast<unsigned long long>(active[i]),
                  static_cast<unsigned long long>(port.cycle()), temperature,
                  injector.ActiveProbability(*f.intermittent));
    } else if (f.cls == tb::FaultClass::kSramFlip || f.cls == tb::FaultClass::kCfgFlip) {
      std::printf("  transient %s at (%d,%d) cycle %llu: %s\n", tb::FaultClassName(f.cls), f.x, f.y,
                  static_cast<unsigned long long>(f.cycle), active[i] ? "struck" : "after the scan ended");
    }
  }
  for (const auto& m : v.missed) std::printf("  MISSED %s\n", m.c_str());
  for (const auto& s : v.spurious) std::printf("  FALSE POSITIVE %s\n", s.c_str());
  if (!v.Perfect()) {
    std::printf("reproduce: build/bin/wse scan --mesh %s --faults <list> (write it with --save-faults)\n", mesh.c_str());
    return 1;
  }
  return 0;
}

}  // namespace wse::cli
