// wse bench: the figures the project claims, measured.
//  - link throughput under full load (wavelets/cycle/port, limit 1.0)
//  - per-hop latency on an idle mesh
//  - simulation speed in tile-cycles per host second, one thread and all cores,
//    for 4x4, 8x8, 16x16 and 32x32 meshes
//  - Verilator build time and peak build memory: the stitched tile model
//    (one build serves every mesh size) against whole-mesh (flat) builds
// Each figure is printed and written to <reports>/bench.json.
//
// The measurement loops drive the model's pins directly (no coroutines, no
// scoreboard), so the speed is the model's own; the delivered counts are still
// checked so a broken fabric cannot produce a good number.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/args.h"
#include "cli/bench_dft.h"
#include "cli/bench_burnin.h"
#include "cli/bench_yield.h"
#include "cli/commands.h"
#include "firmware/tap/tap_master.h"
#include "harness/fabric_model.h"
#include "models/mesh_dut.h"
#include "tests/pe_env.h"
#include "tests/pe_workloads.h"
#include "util/figures.h"
#include "util/process_pool.h"
#include "util/text_table.h"
#include "wafer/mesh_wafer_port.h"

namespace wse::cli {
namespace {

using tb::Dir;
using tb::Endpoint;

const char* kHelp =
    "usage: wse bench [options]\n"
    "\n"
    "Measures link throughput, per-hop latency, PE multiply-accumulates per cycle\n"
    "(GEMV, dense and 75% sparse: skipped-zero fraction), simulation speed (tile-cycles per\n"
    "second, 1 thread and all cores) for 4x4 .. 32x32 meshes, and the Verilator\n"
    "build cost of the stitched tile model and of flat whole-mesh models, the\n"
    "wafer-scale yield of the repair and the remap time.\n"
    "Prints a table and writes <reports>/bench.json as a list of {name, value, unit}.\n"
    "\n"
    "options:\n"
    "  --reports DIR     where bench.json goes (default build/reports)\n"
    "  --sizes LIST      mesh edge sizes for speed runs (default 4,8,16,32)\n"
    "  --tile-cycles N   simulated tile-cycles per speed run (default 4000000)\n"
    "  --flat-max N      build flat meshes up to NxN to compare (default 8; 0 = none)\n"
    "  --no-build        skip the build-cost measurements\n"
    "  --burnin-seeds N  seeds per scenario in the burn-in campaign (default 2)\n"
    "  --only LIST       run only these sections: fabric, pe, tap, scan, yield, remap,\n"
    "                    burnin, speed, build\n";

using util::Figure;

// Resets the mesh, grows its config network and writes the routes through it
// with the firmware's own driver (the same path a real host uses).
void ResetAndRoute(tb::MeshDut& m, const std::vector<tb::RouteWrite>& writes, uint64_t* cycle) {
  host::MeshWaferPort port(m);
  port.Reset();
  fw::TapMaster tap(port);
  tap.Discover();
  if (tap.tree().reached() != m.width() * m.height()) throw std::runtime_error("bench: config network did not reach every tile");
  std::vector<fw::TapOp> ops;
  for (const auto& w : writes)
    ops.push_back(tap.Access(w.x, w.y, static_cast<uint8_t>(tb::reg::kRouteBase + w.color), true, w.route.Pack()));
  for (const auto& r : tap.Run(ops))
    if (!r.answered || r.status != 0) throw std::runtime_error("bench: a route write failed");
  *cycle += port.cycle();
}

// Full load: every row streams W->E on color 0 and every column N->S on color
// 1, every edge input always valid, every output always ready, so every
// horizontal and vertical link carries traffic every cycle.
struct LoadResult {
  double wavelets_per_cycle_per_port;
  double seconds;
  uint64_t cycles;
};

LoadResult RunFullLoad(tb::MeshDut& m, uint64_t cycles) {
  tb::FabricModel model(m.width(), m.height(), m.num_colors());
  tb::RoutePlanner planner(model);
  for (int y = 0; y < m.height(); ++y) planner.AddTree(0, Endpoint::Edge(Dir::kW, y), {Endpoint::Edge(Dir::kE, y)});
  for (int x = 0; x < m.width(); ++x) planner.AddTree(1, Endpoint::Edge(Dir::kN, x), {Endpoint::Edge(Dir::kS, x)});
  uint64_t cycle = 0;
  ResetAndRoute(m, planner.TakeWrites(), &cycle);
  std::vector<tb::LinkPins> ins, outs;
  for (int y = 0; y < m.height(); ++y) {
    ins.push_back(m.EdgeIn(Dir::kW, y));
    outs.push_back(m.EdgeOut(Dir::kE, y));
  }
  for (int x = 0; x < m.width(); ++x) {
    ins.push_back(m.EdgeIn(Dir::kN, x));
    outs.push_back(m.EdgeOut(Dir::kS, x));
  }
  for (auto& o : outs) o.ready.Set(1);
  const uint64_t warmup = 4 * static_cast<uint64_t>(m.width() + m.height()) + 16;
  uint64_t delivered = 0;
  double seconds = 0;
  std::vector<uint32_t> seq(ins.size(), 0);
  std::chrono::steady_clock::time_point t0;
  for (uint64_t c = 0; c < warmup + cycles; ++c) {
    if (c == warmup) t0 = std::chrono::steady_clock::now();
    for (size_t i = 0; i < ins.size(); ++i) {
      const uint8_t color = i < static_cast<size_t>(m.height()) ? 0 : 1;
      ins[i].valid.Set(1);
      ins[i].data.Set(tb::Wavelet{seq[i], color, false}.Pack());
    }
    m.EvalComb();
    for (size_t i = 0; i < ins.size(); ++i)
      if (ins[i].ready.Get()) ++seq[i];
    if (c >= warmup)
      for (auto& o : outs) delivered += o.valid.Get() && o.ready.Get();
    m.Tick();
  }
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return {static_cast<double>(delivered) / static_cast<double>(cycles * outs.size()), seconds, cycles};
}

// Cycles from the handshake at the west edge to the handshake at the east
// edge of the same row, on an idle mesh.
uint64_t EdgeToEdgeLatency(int width) {
  auto m = tb::MakeStitchedMesh(width, 1, 1);
  tb::FabricModel model(width, 1, m->num_colors());
  tb::RoutePlanner planner(model);
  planner.AddTree(3, Endpoint::Edge(Dir::kW, 0), {Endpoint::Edge(Dir::kE, 0)});
  uint64_t cycle = 0;
  ResetAndRoute(*m, planner.TakeWrites(), &cycle);
  auto in = m->EdgeIn(Dir::kW, 0);
  auto out = m->EdgeOut(Dir::kE, 0);
  out.ready.Set(1);
  in.valid.Set(1);
  in.data.Set(tb::Wavelet{0x1234, 3, false}.Pack());
  uint64_t sent = 0;
  for (uint64_t c = 0; c < 100000; ++c) {
    m->EvalComb();
    if (in.valid.Get() && in.ready.Get() && sent == 0) sent = c;
    if (out.valid.Get()) return c - sent;
    m->Tick();
    if (sent) in.valid.Set(0);
  }
  throw std::runtime_error("bench: wavelet never crossed the row");
}

std::string Fmt(double v, int prec = 3) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", prec, v);
  return b;
}

// Verilates and compiles `top` (with -G overrides) in its own directory and
// measures wall time and the largest resident set of any build process.
util::JobResult MeasureBuild(const std::string& name, const std::string& top,
                             const std::vector<std::string>& gparams, const std::filesystem::path& dir) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::vector<std::string> argv = {"verilator", "--cc", "--build", "-j", "1", "-O3", "--x-assign", "fast",
                                   "--x-initial", "fast", "--trace-fst", "--top-module", top, "-Mdir",
                                   (dir / "obj").string()};
  for (const auto& g : gparams) argv.push_back(g);
  std::ifstream list("rtl/rtl.f");
  std::string line;
  while (std::getline(list, line))
    if (!line.empty()) argv.push_back(line);
  util::Job job;
  job.argv = argv;
  job.log_path = dir / "build.log";
  job.id = name;
  return util::RunAndMeasure(job);
}

// One GEMV on a mesh with PEs, checked against the reference (lockstep on).
tb::GemvResult BenchGemv(int w, int h, const tb::GemvCase& g) {
  std::ostringstream log;
  tb::GemvResult r;
  const std::string err = tb::RunOnPeMesh(
      w, h, "bench.gemv", [&](tb::TestContext& ctx, tb::MeshDut& dut) { return tb::RunGemv(ctx, dut, g, &r); },
      log, tb::LogLevel::kError, 100000000);
  if (!err.empty()) throw std::runtime_error("bench: GEMV failed: " + err);
  return r;
}

// One tmac over a stream from the west edge into a 1x1 mesh.
tb::StreamResult BenchStream(int len) {
  std::ostringstream log;
  tb::StreamResult r;
  const std::string err = tb::RunOnPeMesh(
      1, 1, "bench.stream",
      [&](tb::TestContext& ctx, tb::MeshDut& dut) { return tb::RunStreamMac(ctx, dut, len, 0.0, &r); }, log,
      tb::LogLevel::kError, 10000000);
  if (!err.empty()) throw std::runtime_error("bench: streamed tmac failed: " + err);
  return r;
}

}  // namespace

int RunBench(const std::vector<std::string>& argv) {
  const Args a(argv, {"help", "no-build"}, {"reports", "sizes", "tile-cycles", "flat-max", "only", "burnin-seeds"});
  if (a.Has("help")) {
    std::cout << kHelp;
    return 0;
  }
  const std::filesystem::path reports = a.Get("reports", "build/reports");
  const uint64_t tile_cycles = static_cast<uint64_t>(a.GetInt("tile-cycles", 4000000));
  const uint64_t cycles = 2000;  // throughput window
  const int flat_max = static_cast<int>(a.GetInt("flat-max", 8));
  std::vector<int> sizes;
  {
    std::string s = a.Get("sizes", "4,8,16,32");
    size_t pos = 0;
    while (pos <= s.size()) {
      const size_t comma = s.find(',', pos);
      const std::string item = s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      char* end = nullptr;
      const long v = std::strtol(item.c_str(), &end, 10);
      if (item.empty() || *end || v < 1 || v > 256) throw UsageError("--sizes: bad size '" + item + "' (1..256)");
      sizes.push_back(static_cast<int>(v));
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
  }
  if (!std::filesystem::exists("rtl/rtl.f")) throw std::runtime_error("run wse bench from the repository root (rtl/rtl.f not found)");
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const std::string only = a.Get("only", "");
  auto want = [&](const std::string& section) {
    return only.empty() || ("," + only + ",").find("," + section + ",") != std::string::npos;
  };
  std::vector<Figure> figs;
  auto add = [&](const std::string& n, double v, const std::string& u) {
    figs.push_back({n, v, u});
    // Small fractions (yield.stretch.*) keep three significant digits.
    char small[32];
    std::snprintf(small, sizeof small, "%.3g", v);
    const bool tiny = v != 0 && v > -0.01 && v < 0.01;
    std::printf("  %-44s %14s %s\n", n.c_str(), tiny ? small : Fmt(v, v >= 1000 ? 0 : 3).c_str(), u.c_str());
    std::fflush(stdout);
  };

  if (want("fabric")) {
  std::cout << "[1/9] link throughput under full load (every row W->E and column N->S streaming)\n";
  {
    auto m = tb::MakeStitchedMesh(8, 8, 1);
    const LoadResult r = RunFullLoad(*m, cycles);
    add("fabric.throughput.8x8", r.wavelets_per_cycle_per_port, "wavelets/cycle/port");
    if (r.wavelets_per_cycle_per_port < 0.999) {
      std::cerr << "bench: throughput below one wavelet per cycle per port\n";
    }
  }

  std::cout << "[2/9] latency on an idle row\n";
  {
    const uint64_t l4 = EdgeToEdgeLatency(4), l32 = EdgeToEdgeLatency(32);
    add("fabric.latency.edge_to_edge.4_hops", static_cast<double>(l4), "cycles");
    add("fabric.latency.edge_to_edge.32_hops", static_cast<double>(l32), "cycles");
    add("fabric.latency.per_hop", static_cast<double>(l32 - l4) / 28.0, "cycles/hop");
  }

  }

  if (want("pe")) {
  std::cout << "[3/9] PE: GEMV multiply-accumulates (64x64 block per tile, 2x2 mesh, lockstep on)\n";
  {
    tb::GemvCase g;
    g.m = 64;
    g.n = 64;
    const auto t0 = std::chrono::steady_clock::now();
    const tb::GemvResult dense = BenchGemv(2, 2, g);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    add("pe.gemv.macs_per_cycle_per_pe", static_cast<double>(dense.macs) / static_cast<double>(dense.compute_cycles),
        "MAC/cycle/PE (compute loop; limit 1.0)");
    add("pe.gemv.macs_per_cycle_per_pe.end_to_end",
        static_cast<double>(dense.macs) / (4.0 * static_cast<double>(dense.cycles)), "MAC/cycle/PE (start to exit)");
    add("pe.sim.speed.2x2.lockstep", 4.0 * static_cast<double>(dense.cycles) / secs, "tile-cycles/s");
    const tb::StreamResult s = BenchStream(2048);
    add("pe.tmac.fabric_stream.macs_per_cycle",
        static_cast<double>(s.elements) / static_cast<double>(s.tmac_cycles),
        "MAC/cycle (one tmac, 2048 operands from the edge)");
    g.zero_fraction = 0.75;
    const tb::GemvResult sparse = BenchGemv(2, 2, g);
    add("pe.gemv.sparse75.skipped_fraction", static_cast<double>(sparse.zskip) / static_cast<double>(sparse.macs),
        "of tmac elements (A 75% zeros)");
  }

  }

  if (want("tap")) {
    std::cout << "[4/9] config network reach with dead tiles (RTL 16x16 and a 1000x970 wafer model)\n";
    BenchTapReach(reports, add);
  }

  if (want("scan")) {
    std::cout << "[5/9] firmware defect scan: detection per fault class (random faults, dft6x5 x4 and dft8x8 x2)\n";
    BenchScan(add);
  }

  if (want("yield")) {
    std::cout << "[6/9] wafer-scale yield: 1000x970 wafers, 0.001 defects/mm2, 1.5% spares; remap + check each\n";
    BenchYield(reports, cores, add);
  }

  if (want("remap")) {
    std::cout << "[7/9] remap time on a 1000x1000 wafer (full and incremental)\n";
    BenchRemap(add);
  }

  if (want("burnin")) {
    const long long seeds = a.GetInt("burnin-seeds", 2);
    if (seeds < 1) throw UsageError("--burnin-seeds: at least 1");
    std::cout << "[7b/9] burn-in campaign: every shipped scenario x " << seeds << " new seeds, judged against the "
              << "injector's ground truth\n";
    BenchBurnin(reports, cores, static_cast<int>(seeds), add);
  }

  if (want("speed")) std::cout << "[8/9] simulation speed (full load, stitched mesh)\n";
  for (int s : want("speed") ? sizes : std::vector<int>{}) {
    for (int threads : {1, cores}) {
      if (threads == cores && cores == 1) continue;
      auto m = tb::MakeStitchedMesh(s, s, threads);
      const uint64_t run = std::max<uint64_t>(200, tile_cycles / (static_cast<uint64_t>(s) * s));
      const LoadResult r = RunFullLoad(*m, run);
      const double tcs = static_cast<double>(s) * s * static_cast<double>(r.cycles) / r.seconds;
      const std::string tag = std::to_string(s) + "x" + std::to_string(s) + "." +
                              (threads == 1 ? std::string("1thread") : std::to_string(threads) + "threads");
      add("sim.speed." + tag, tcs, "tile-cycles/s");
      if (r.wavelets_per_cycle_per_port < 0.999) {
        std::cerr << "bench: " << tag << " delivered " << r.wavelets_per_cycle_per_port
                  << " wavelets/cycle/port, expected 1.0\n";
        return 1;
      }
    }
  }

  if (!a.Has("no-build") && want("build")) {
    std::cout << "[9/9] Verilator build cost (verilate + compile, -j1)\n";
    const std::filesystem::path dir = "build/bench";
    const util::JobResult st = MeasureBuild("stitched", "wse_tile", {}, dir / "tile");
    if (st.exit_code != 0) throw std::runtime_error("bench: tile build failed, see build/bench/tile/build.log");
    for (int s : sizes) {
      const std::string n = std::to_string(s) + "x" + std::to_string(s);
      // One tile model serves every mesh size: the same build is the cost of each.
      add("build.stitched." + n + ".seconds", st.seconds, "s");
      add("build.stitched." + n + ".peak_memory", static_cast<double>(st.max_rss_kb) / 1024.0, "MiB");
    }
    for (int s : sizes) {
      if (s > flat_max) continue;
      const std::string n = std::to_string(s) + "x" + std::to_string(s);
      const util::JobResult fr = MeasureBuild("flat " + n, "wse_mesh",
                                              {"-GWidth=" + std::to_string(s), "-GHeight=" + std::to_string(s)},
                                              dir / ("flat" + n));
      if (fr.exit_code != 0) throw std::runtime_error("bench: flat build failed, see build/bench/flat" + n + "/build.log");
      add("build.flat." + n + ".seconds", fr.seconds, "s");
      add("build.flat." + n + ".peak_memory", static_cast<double>(fr.max_rss_kb) / 1024.0, "MiB");
    }
  }

  // Figures not measured in this run (other tools', skipped sections) are kept.
  const size_t total = util::WriteFigures(reports / "bench.json", figs);
  std::cout << "wrote " << (reports / "bench.json").string() << " (" << figs.size() << " measured now, "
            << total << " in all)\n";
  return 0;
}

}  // namespace wse::cli
