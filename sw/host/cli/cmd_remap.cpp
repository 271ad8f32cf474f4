// wse remap: plan the repair of a wafer from its defect map (fw::Remap), have
// the independent checker accept it, and write it (docs/repair.md).
// wse check-repair: the independent checker on a repair file.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

#include "cli/args.h"
#include "cli/commands.h"
#include "firmware/defect_map.h"
#include "firmware/repair/repair.h"
#include "firmware/report/repair_map_svg.h"

namespace wse::cli {
namespace {

const char* kRemapHelp =
    "usage: wse remap --defects defects.json --out repair.json [--spares N]\n"
    "                 [--previous old_repair.json] [--no-degrade] [--svg map.svg [--crop N]]\n"
    "\n"
    "Plans which physical tile plays each logical tile (the row-shift scheme of\n"
    "docs/repair.md) around the dead tiles and broken links of a defect map, checks\n"
    "the plan with the independent checker and writes it atomically.\n"
    "\n"
    "  --defects FILE    defect map (docs/dft.md), e.g. from 'wse scan'\n"
    "  --out FILE        the repair (docs/repair.md)\n"
    "  --spares N        spare tiles per physical row (default 1); logical width =\n"
    "                    physical width - N\n"
    "  --previous FILE   an earlier repair of this wafer: rows whose placement still\n"
    "                    holds are kept (incremental remap after a new defect)\n"
    "  --no-degrade      do not fall back to a narrower logical grid\n"
    "  --svg FILE        draw the repair on the wafer (firmware/report/repair_map_svg.h)\n"
    "  --crop N          window of the drawing in tiles a side (default: whole wafer up\n"
    "                    to 64x64, else 40 around the densest defects; at most 256)\n"
    "\n"
    "exit status: 0 full grid; 0 with a DEGRADED line for a narrower grid (an\n"
    "engineering part); 3 no logical grid at all; 2 unreadable or invalid input;\n"
    "1 if the checker rejects the remap's own repair (nothing is written).\n";

const char* kCheckHelp =
    "usage: wse check-repair --defects defects.json --repair repair.json\n"
    "\n"
    "Checks a repair against a defect map with the independent checker (it shares no\n"
    "code with the remap): every logical tile on a live physical tile, every logical\n"
    "link within reach and on sound wires, the per-tile settings consistent.\n"
    "Prints every problem found.\n"
    "\n"
    "exit status: 0 valid, 1 invalid, 2 unreadable input.\n";

// Input problems are exit status 2 with the message; everything else keeps
// main's handling.
struct InputError {
  std::string message;
};

template <typename F>
auto ReadInput(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    throw InputError{e.what()};
  }
}

int Fail(const char* cmd, const InputError& e) {
  std::cerr << "wse " << cmd << ": error: " << e.message << "\n";
  return 2;
}

std::string Plural(long long n, const char* what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

}  // namespace

int RunRemap(const std::vector<std::string>& argv) {
  const Args a(argv, {"help", "no-degrade"},
               {"defects", "out", "spares", "previous", "svg", "crop"});
  if (a.Has("help")) {
    std::cout << kRemapHelp;
    return 0;
  }
  if (!a.Has("defects")) throw UsageError("--defects is required");
  if (!a.Has("out")) throw UsageError("--out is required");
  const long long spares = a.GetInt("spares", 1);
  fw::RepairMapOptions map_options;
  const long long crop = a.GetInt("crop", 0);
  if (crop < 0 || crop > fw::kRepairMapMaxWindow)
    throw UsageError("--crop " + a.Get("crop") + ": tiles a side, 0.." +
                     std::to_string(fw::kRepairMapMaxWindow));
  map_options.crop = static_cast<int>(crop);
  if (a.Has("crop") && !a.Has("svg")) throw UsageError("--crop needs --svg");
  try {
    const fw::DefectMap defects = ReadInput([&] { return fw::ReadDefectMap(a.Get("defects")); });
    if (spares < 0 || spares >= defects.width)
      throw UsageError("--spares " + a.Get("spares") + ": 0.." + std::to_string(defects.width - 1) +
                       " for a " + std::to_string(defects.width) + "-tile row");
    std::optional<fw::Repair> previous;
    if (a.Has("previous"))
      previous = ReadInput([&] { return fw::ReadRepairFile(a.Get("previous")); });

    fw::RemapOptions options;
    options.spares = static_cast<int>(spares);
    options.allow_degraded = !a.Has("no-degrade");
    const auto t0 = std::chrono::steady_clock::now();
    // A previous repair of another wafer or spare count is an input error;
    // anything else the remap throws is a bug and keeps main's handling.
    fw::RemapResult r;
    try {
      r = fw::Remap(defects, options, previous ? &*previous : nullptr);
    } catch (const fw::RepairError& e) {
      throw InputError{e.what()};
    } catch (const std::invalid_argument& e) {
      throw InputError{e.what()};
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

    const std::vector<uint8_t> dead_map = fw::DeadTiles(defects);
    const long long dead = std::count(dead_map.begin(), dead_map.end(), uint8_t{1});
    const long long links = std::count_if(defects.defects.begin(), defects.defects.end(),
                                          [](const fw::Defect& d) { return d.unit == fw::Unit::kLink; });
    const long long phys = static_cast<long long>(defects.width) * defects.height;
    std::printf("wse remap: %dx%d wafer, %s (%s, %s), %s per row%s\n", defects.width,
                defects.height,
                Plural(static_cast<long long>(defects.defects.size()), "defect").c_str(),
                Plural(dead, "dead tile").c_str(), Plural(links, "link defect").c_str(),
                Plural(spares, "spare").c_str(),
                previous ? (", incremental from " + a.Get("previous")).c_str() : "");
    if (!r.summary.empty()) std::printf("  %s\n", r.summary.c_str());
    if (!r.repair) {
      std::printf("NO GRID: no logical grid fits this wafer with %s per row%s; nothing written\n",
                  Plural(spares, "spare").c_str(),
                  options.allow_degraded ? "" : " at full width (--no-degrade)");
      if (a.Has("svg")) {
        fw::WriteRepairMapSvg(a.Get("svg"), defects, nullptr, "wse remap: no logical grid",
                              map_options);
        std::printf("  map: %s\n", a.Get("svg").c_str());
      }
      return 3;
    }
    const fw::Repair& rep = *r.repair;
    const auto t1 = std::chrono::steady_clock::now();
    const std::vector<std::string> problems = fw::CheckRepair(defects, rep);
    const double check_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t1).count();
    if (rep.degraded()) {
      std::printf(
          "DEGRADED: logical %dx%d instead of %dx%d (%d columns lost); an engineering part, not "
          "scrap\n",
          rep.width, rep.height, rep.full_width, rep.height, rep.full_width - rep.width);
    } else {
      std::printf("  full: logical %dx%d on %dx%d physical tiles\n", rep.width, rep.height,
                  rep.phys_width, rep.phys_height);
    }
    std::printf("  rows touched %d, tiles moved %d (against %s)\n", r.rows_touched, r.tiles_moved,
                previous ? "the previous repair" : "the defect-free placement");
    std::printf("  register writes: %lld (REPAIR0 and REPAIR1 of each of %lld physical tiles)\n",
                2 * phys, phys);
    std::printf("  remap %.1f ms, independent check %.1f ms: %s\n", ms, check_ms,
                problems.empty() ? "valid" : "REJECTED");
    if (!problems.empty()) {
      for (const std::string& p : problems) std::printf("  CHECK: %s\n", p.c_str());
      std::fprintf(stderr,
                   "wse remap: error: the checker rejected the remap's repair (%zu problems); "
                   "nothing written.\n"
                   "reproduce: build/bin/wse remap --defects %s --spares %lld --out %s\n",
                   problems.size(), a.Get("defects").c_str(), spares, a.Get("out").c_str());
      return 1;
    }
    fw::WriteRepairFile(a.Get("out"), rep);
    std::printf("  repair: %s\n", a.Get("out").c_str());
    if (a.Has("svg")) {
      const std::string title =
          "wse remap: " + std::to_string(rep.width) + "x" + std::to_string(rep.height) +
          (rep.degraded() ? " DEGRADED" : " full") + ", " + Plural(spares, "spare") + " per row";
      fw::WriteRepairMapSvg(a.Get("svg"), defects, &rep, title, map_options);
      std::printf("  map: %s\n", a.Get("svg").c_str());
    }
    return 0;
  } catch (const InputError& e) {
    return Fail("remap", e);
  }
}

int RunCheckRepair(const std::vector<std::string>& argv) {
  const Args a(argv, {"help"}, {"defects", "repair"});
  if (a.Has("help")) {
    std::cout << kCheckHelp;
    return 0;
  }
  if (!a.Has("defects")) throw UsageError("--defects is required");
  if (!a.Has("repair")) throw UsageError("--repair is required");
  try {
    const fw::DefectMap defects = ReadInput([&] { return fw::ReadDefectMap(a.Get("defects")); });
    const fw::Repair repair = ReadInput([&] { return fw::ReadRepairFile(a.Get("repair")); });
    const std::vector<std::string> problems = fw::CheckRepair(defects, repair);
    for (const std::string& p : problems) std::printf("  %s\n", p.c_str());
    if (!problems.empty()) {
      std::printf("INVALID: %s in %s against %s\n",
                  Plural(static_cast<long long>(problems.size()), "problem").c_str(),
                  a.Get("repair").c_str(), a.Get("defects").c_str());
      return 1;
    }
    std::printf("valid: logical %dx%d%s on %dx%d physical tiles, %s avoided\n", repair.width,
                repair.height, repair.degraded() ? " (DEGRADED)" : "", repair.phys_width,
                repair.phys_height,
                Plural(static_cast<long long>(defects.defects.size()), "defect").c_str());
    return 0;
  } catch (const InputError& e) {
    return Fail("check-repair", e);
  }
}

}  // namespace wse::cli
