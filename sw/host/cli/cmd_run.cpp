// wse run: load ELF programs into the PEs of a simulated mesh through the
// config chains, run them (RTL, each PE in lockstep with the golden ISS),
// and exit with the program's exit code.

#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/args.h"
#include "cli/commands.h"
#include "harness/test_registry.h"
#include "tests/pe_env.h"
#include "util/atomic_file.h"

namespace wse::cli {
namespace {

const char* kHelp =
    "usage: wse run [options] prog.elf\n"
    "       wse run --mesh WxH [options] [prog.elf] [X,Y=prog.elf ...]\n"
    "\n"
    "Loads PE programs (built with scripts/wse-cc) into the tiles of a simulated mesh\n"
    "through the config chains, starts them, and waits until every loaded PE writes\n"
    "'tohost'. Each PE runs on the Verilated RTL with the golden ISS in lockstep: the\n"
    "first instruction where they differ stops the run with a diff.\n"
    "\n"
    "A bare prog.elf runs on every tile; X,Y=prog.elf on tile (X,Y) only (it wins over\n"
    "the bare one). On a 1x1 mesh every color is routed from the ramp back to the\n"
    "ramp, so a program receives what it sends; on larger meshes the program's host\n"
    "code sets routes (see docs/runtime.md), here no routes are set.\n"
    "\n"
    "options:\n"
    "  --mesh WxH          mesh shape (default 1x1)\n"
    "  --max-cycles N      stop after N cycles (default 10000000)\n"
    "  --waves FILE.fst    write an FST waveform (+ FILE.fst.gtkw for GTKWave)\n"
    "  --signature FILE    dump tile (0,0)'s memory between begin_signature and\n"
    "                      end_signature, one 32-bit hex word per line\n"
    "  --no-lockstep       run the RTL alone (faster)\n"
    "  --threads N         simulation threads (default 1)\n"
    "  --quiet             print only errors and the summary\n"
    "\n"
    "exit status: the program's exit code (tohost (c<<1)|1 -> c; main's return value);\n"
    "for a mesh, 0 if every PE passed, else the first non-zero code in row order;\n"
    "124 cycle limit reached; 125 lockstep divergence, bad program or host error.\n";

struct Placement {
  std::map<std::pair<int, int>, std::string> tile_elf;  // explicit tiles
  std::string all_elf;                                   // every other tile
};

}  // namespace

int RunRun(const std::vector<std::string>& argv) {
  const Args a(argv, {"help", "no-lockstep", "quiet"},
               {"mesh", "max-cycles", "waves", "signature", "threads"});
  if (a.Has("help")) {
    std::cout << kHelp;
    return 0;
  }
  int w = 1, h = 1;
  const std::string mesh = a.Get("mesh", "1x1");
  if (std::sscanf(mesh.c_str(), "%dx%d", &w, &h) != 2 || w < 1 || h < 1 || w > 1024 || h > 1024) {
    throw UsageError("--mesh '" + mesh + "': expected WxH with 1 <= W, H <= 1024");
  }
  const long long max_cycles = a.GetInt("max-cycles", 10000000);
  if (max_cycles < 1) throw UsageError("--max-cycles must be positive");
  Placement place;
  for (const std::string& p : a.positional()) {
    const auto eq = p.find('=');
    if (eq == std::string::npos) {
      if (!place.all_elf.empty()) throw UsageError("two programs for every tile: '" + place.all_elf + "' and '" + p + "'");
      place.all_elf = p;
      continue;
    }
    int x = -1, y = -1;
    char tail = 0;
    if (std::sscanf(p.substr(0, eq).c_str(), "%d,%d%c", &x, &y, &tail) != 2 || x < 0 || y < 0 || x >= w || y >= h) {
      throw UsageError("'" + p + "': expected X,Y=prog.elf with a tile inside the " + mesh + " mesh");
    }
    place.tile_elf[{x, y}] = p.substr(eq + 1);
  }
  if (place.all_elf.empty() && place.tile_elf.empty()) throw UsageError("no program given");

  // Load every distinct ELF once; errors name the file.
  std::map<std::string, tb::PeImage> images;
  tb::TileList tiles;
  std::vector<std::string> tile_names;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      auto it = place.tile_elf.find({x, y});
      const std::string elf = it != place.tile_elf.end() ? it->second : place.all_elf;
      if (elf.empty()) continue;
      if (!images.count(elf)) {
        try {
          images.emplace(elf, tb::LoadPeImage(elf));
        } catch (const std::exception& e) {
          std::cerr << "wse run: " << e.what() << "\n";
          return 125;
        }
      }
      tiles.emplace_back(x, y);
      tile_names.push_back(elf);
    }

  const bool quiet = a.Has("quiet");
  auto dut = tb::MakeStitchedMesh(w, h, static_cast<int>(a.GetInt("threads", 1)), true);
  const std::string waves = a.Get("waves");
  if (!waves.empty()) dut->OpenTrace(waves);
  tb::LogSink sink(std::cerr, quiet ? tb::LogLevel::kError : tb::LogLevel::kInfo);
  std::vector<tb::PeExit> exits;
  std::vector<uint32_t> signature;
  bool timeout = false;
  uint64_t retired = 0;
  {
    tb::Sim sim(*dut);
    sink.SetClock([&sim] { return sim.cycle(); });
    tb::Rng rng(1);
    tb::TestContext ctx{sim, rng, tb::Logger(sink, "run"), "run", 1};
    auto body = [&]() -> tb::Task {
      tb::PeEnv env(ctx, *dut, !a.Has("no-lockstep"));
      co_await env.Start();
      const tb::TileList one{{0, 0}};
      if (w == 1 && h == 1) co_await env.host().Loopback(one, dut->num_colors());
      std::vector<const tb::PeImage*> per_tile;
      for (const auto& n : tile_names) per_tile.push_back(&images.at(n));
      co_await env.RunPrograms(tiles, per_tile, static_cast<uint64_t>(max_cycles), &exits);
      for (const auto& [x, y] : tiles) retired += env.lockstep(x, y).retired();
      if (a.Has("signature")) co_await env.ReadSignature(tiles[0].first, tiles[0].second, *per_tile[0], &signature);
    };
    try {
      sim.Run(body(), static_cast<uint64_t>(max_cycles) + 1000000);
    } catch (const std::exception& e) {
      std::cerr << "wse run: " << e.what() << "\n";
      dut->CloseTrace();
      return 125;
    }
    sink.SetClock({});
  }
  dut->CloseTrace();
  if (!waves.empty()) {
    tb::WriteGtkw(waves + ".gtkw", waves, dut->WaveLayout());
    if (!quiet) std::cerr << "waves: " << waves << " (gtkwave " << waves << ".gtkw)\n";
  }
  if (a.Has("signature")) {
    if (!images.at(tile_names[0]).begin_signature) {
      std::cerr << "wse run: " << tile_names[0] << " has no begin_signature/end_signature symbols\n";
      return 125;
    }
    std::ostringstream s;
    for (uint32_t v : signature) {
      char b[16];
      std::snprintf(b, sizeof b, "%08x\n", v);
      s << b;
    }
    util::WriteFileAtomic(a.Get("signature"), s.str());
  }
  int code = 0;
  for (size_t i = 0; i < exits.size(); ++i) {
    const tb::PeExit& e = exits[i];
    if (!e.exited) timeout = true;
    if (!quiet || e.Code() != 0) std::cerr << e.Describe() << "  [" << tile_names[i] << "]\n";
    if (code == 0 && e.exited && e.Code() != 0) code = e.Code() < 0 ? 125 : (e.Code() & 0xff ? e.Code() & 0xff : 1);
  }
  std::cerr << "run: " << exits.size() << " PE(s), " << retired << " instructions checked in lockstep"
            << (timeout ? ", cycle limit reached" : "") << "\n";
  if (timeout) return 124;
  return code;
}

}  // namespace wse::cli
