// wse yield: the wafer-scale yield study (docs/yield.md). Random defect maps
// of a physical wafer, the firmware's remap on each, the independent checker
// on every repair; a table of the figures, optionally the yield-versus-density
// curve, a JSON report and the repair map of one wafer.

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/bench_yield.h"
#include "cli/commands.h"
#include "firmware/report/repair_map_svg.h"
#include "util/atomic_file.h"
#include "yield/yield_rng.h"

namespace wse::cli {
namespace {

const char* kHelp =
    "usage: wse yield [--width 1000] [--height 970] [--tile-mm2 0.05] [--density 0.001]\n"
    "                 [--model poisson|nb] [--alpha 2] [--block 32] [--link-fraction 0.2]\n"
    "                 [--spares-pct 1.5] [--no-degrade] [--wafers 200] [--first-wafer 0]\n"
    "                 [--seed 1] [--jobs 2] [--json out.json]\n"
    "                 [--map map.svg [--map-wafer I] [--crop N] [--save-defects FILE]]\n"
    "                 [--curve curve.svg [--curve-wafers 50] [--curve-densities LIST]\n"
    "                  [--curve-spares LIST]]\n"
    "\n"
    "Draws random defect maps of a physical wafer, repairs each with the firmware's\n"
    "remap (spares per row = round(spares-pct/100 * width)), checks every repair with\n"
    "the independent checker and reports: wafers repaired to the full logical grid\n"
    "(with a one-sided 95% lower bound), degraded and scrapped wafers, tiles exposed,\n"
    "dead and unused, spares consumed, how far logical links stretch, remap time.\n"
    "A repair the checker rejects is a failed wafer and is reported loudly.\n"
    "\n"
    "  --width, --height   physical wafer in tiles (default 1000 x 970; 1..1024)\n"
    "  --tile-mm2 A        tile area in mm2 (default 0.05)\n"
    "  --density D         defects per mm2 (default 0.001): D * A per tile\n"
    "  --model M           poisson (uniform positions) or nb (clustered: each block's\n"
    "                      density times a Gamma(alpha, 1/alpha) draw) (default poisson)\n"
    "  --alpha A           nb clustering, smaller = more clustered (default 2)\n"
    "  --block N           nb block edge in tiles (default 32)\n"
    "  --link-fraction F   share of defects that break a link instead of killing a\n"
    "                      tile (default 0.2)\n"
    "  --spares-pct P      spare tiles per row, percent of the width (default 1.5)\n"
    "  --no-degrade        a wafer that cannot keep the full width is scrap\n"
    "  --wafers N          wafers to draw (default 200)\n"
    "  --first-wafer I     index of the first wafer (default 0); wafer I is drawn\n"
    "                      from (seed, I) whatever the other wafers or --jobs\n"
    "  --seed S            study seed (default 1)\n"
    "  --jobs N            threads (default 2)\n"
    "  --json FILE         summary, per-wafer results and the curve as JSON\n"
    "  --map FILE          repair map (SVG) of one wafer: --map-wafer, else the first\n"
    "                      not repaired to the full grid, else the one with most defects\n"
    "  --crop N            map window, tiles a side (default: the whole wafer up to\n"
    "                      64x64, else 40 around the densest defects; at most 256)\n"
    "  --save-defects FILE the mapped wafer's defect map, for 'wse remap --defects'\n"
    "                      (with --map-wafer written before the study runs)\n"
    "  --curve FILE        yield-versus-density curve (SVG) for Poisson and NB alpha\n"
    "                      (--alpha) at each spare fraction\n"
    "  --curve-wafers N    wafers per curve point (default 50)\n"
    "  --curve-densities L multiples of --density (default 1,2,3,4,5,6,7,8,9,10)\n"
    "  --curve-spares L    spare percentages (default 0.5,1,1.5)\n"
    "\n"
    "exit status: 0 when every repair passed the checker (whatever the yield);\n"
    "1 if the checker rejected any or a remap threw (both count as failed wafers\n"
    "and are printed with the command that redraws the wafer); 2 for a bad option.\n";

std::vector<double> ParseList(const Args& a, const std::string& name, const std::string& def,
                              double lo, double hi) {
  const std::string s = a.Get(name, def);
  std::vector<double> out;
  size_t pos = 0;
  for (;;) {
    const size_t comma = s.find(',', pos);
    const std::string item =
        s.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    char* end = nullptr;
    const double v = std::strtod(item.c_str(), &end);
    if (item.empty() || *end || !(v >= lo && v <= hi))
      throw UsageError("--" + name + ": '" + item + "' is not a number in " + Exact(lo) + ".." +
                       Exact(hi));
    out.push_back(v);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

long long RangedInt(const Args& a, const std::string& name, long long def, long long lo,
                    long long hi, const std::string& what) {
  const long long v = a.GetInt(name, def);
  if (v < lo || v > hi) throw UsageError("--" + name + " " + a.Get(name) + ": " + what);
  return v;
}

double RangedDouble(const Args& a, const std::string& name, double def, double lo, double hi,
                    const std::string& what) {
  const double v = a.GetDouble(name, def);
  if (!(v >= lo && v <= hi))
    throw UsageError("--" + name + " " + a.Get(name) + ": " + what);  // NaN too
  return v;
}

}  // namespace

int RunYield(const std::vector<std::string>& argv) {
  const Args a(argv, {"help", "no-degrade"},
               {"width",           "height",      "tile-mm2",      "density",    "model",
                "alpha",           "block",       "link-fraction", "spares-pct", "wafers",
                "first-wafer",     "seed",        "jobs",          "json",       "map",
                "map-wafer",       "crop",        "save-defects",  "curve",      "curve-wafers",
                "curve-densities", "curve-spares"});
  if (a.Has("help")) {
    std::cout << kHelp;
    return 0;
  }
  // REPAIR1 holds 10-bit logical coordinates (firmware/repair/repair.h).
  yield::StudyConfig cfg;
  cfg.wafer.width = RangedInt(a, "width", 1000, 1, 1024, "tiles, 1..1024");
  cfg.wafer.height = RangedInt(a, "height", 970, 1, 1024, "tiles, 1..1024");
  cfg.wafer.tile_mm2 = RangedDouble(a, "tile-mm2", 0.05, 1e-9, 1e6, "a tile area in mm2 > 0");
  cfg.defects.density_per_mm2 = RangedDouble(
      a, "density", 0.001, 0.0, 1.0 / cfg.wafer.tile_mm2,
      "defects per mm2, 0.." + Exact(1.0 / cfg.wafer.tile_mm2) + " (one per tile on average)");
  const std::string model = a.Get("model", "poisson");
  if (model == "nb") {
    cfg.defects.model = yield::DefectModel::kNegBinomial;
  } else if (model != "poisson") {
    throw UsageError("--model '" + model + "': poisson or nb");
  }
  if (model != "nb" && (a.Has("alpha") || a.Has("block")))
    throw UsageError(std::string("--") + (a.Has("alpha") ? "alpha" : "block") +
                     " applies to --model nb");
  cfg.defects.alpha =
      RangedDouble(a, "alpha", 2.0, 1e-3, 1e6, "the clustering parameter, > 0 (at least 0.001)");
  cfg.defects.block_tiles = RangedInt(a, "block", 32, 1, 1024, "block edge in tiles, 1..1024");
  cfg.defects.link_fraction =
      RangedDouble(a, "link-fraction", 0.2, 0.0, 1.0, "a fraction in [0, 1]");
  const double spares_pct =
      RangedDouble(a, "spares-pct", 1.5, 0.0, 99.9, "percent of the width, 0..99.9");
  cfg.spare_fraction = spares_pct / 100;
  const int spares = static_cast<int>(std::lround(cfg.spare_fraction * cfg.wafer.width));
  if (spares >= cfg.wafer.width)
    throw UsageError("--spares-pct " + a.Get("spares-pct") + ": leaves no logical column of " +
                     std::to_string(cfg.wafer.width));
  cfg.allow_degraded = !a.Has("no-degrade");
  cfg.wafers = RangedInt(a, "wafers", 200, 1, 10000000, "1..10000000");
  cfg.first_wafer = RangedInt(a, "first-wafer", 0, 0, 1000000000, "a wafer index >= 0");
  cfg.seed = static_cast<uint64_t>(RangedInt(a, "seed", 1, 0, INT64_MAX, "a seed >= 0"));
  const int jobs = RangedInt(a, "jobs", 2, 1, 256, "threads, 1..256");
  fw::RepairMapOptions map_options;
  map_options.crop = RangedInt(a, "crop", 0, 0, fw::kRepairMapMaxWindow, "tiles a side, 0..256");
  const bool map_wafer_given = a.Has("map-wafer");
  const int map_wafer =
      RangedInt(a, "map-wafer", cfg.first_wafer, cfg.first_wafer, cfg.first_wafer + cfg.wafers - 1,
                "one of the wafers run (--first-wafer .. --first-wafer + --wafers - 1)");
  for (const char* o : {"map-wafer", "crop", "save-defects"})
    if (a.Has(o) && !a.Has("map")) throw UsageError(std::string("--") + o + " needs --map");
  for (const char* o : {"curve-wafers", "curve-densities", "curve-spares"})
    if (a.Has(o) && !a.Has("curve")) throw UsageError(std::string("--") + o + " needs --curve");
  yield::CurveConfig curve;
  curve.wafer = cfg.wafer;
  curve.base_density = cfg.defects.density_per_mm2;
  curve.seed = cfg.seed;
  curve.wafers = RangedInt(a, "curve-wafers", 50, 1, 1000000, "wafers per point, >= 1");
  curve.density_multiples = ParseList(a, "curve-densities", "1,2,3,4,5,6,7,8,9,10", 0, 1000);
  for (double k : curve.density_multiples)
    if (k * curve.base_density * cfg.wafer.tile_mm2 > 1)
      throw UsageError("--curve-densities: " + Exact(k) +
                       " x --density is more than one defect per tile");
  curve.spare_fractions.clear();
  for (double p : ParseList(a, "curve-spares", "0.5,1,1.5", 0, 99.9)) {
    if (std::lround(p / 100 * cfg.wafer.width) >= cfg.wafer.width)
      throw UsageError("--curve-spares: " + Exact(p) + "% leaves no logical column");
    curve.spare_fractions.push_back(p / 100);
  }
  curve.models = {cfg.defects, cfg.defects};
  curve.models[0].model = yield::DefectModel::kPoisson;
  curve.models[1].model = yield::DefectModel::kNegBinomial;

  std::printf(
      "wse yield: %d wafers of %dx%d tiles (%g mm2 each), %s at %g defects/mm2 (%.1f per wafer, "
      "%g%% "
      "on links), %d spares per row (%g%%), seed %llu, %d threads\n",
      cfg.wafers, cfg.wafer.width, cfg.wafer.height, cfg.wafer.tile_mm2,
      yield::ModelLabel(cfg.defects).c_str(), cfg.defects.density_per_mm2,
      cfg.defects.density_per_mm2 * cfg.wafer.tile_mm2 * cfg.wafer.width * cfg.wafer.height,
      cfg.defects.link_fraction * 100, spares, spares_pct,
      static_cast<unsigned long long>(cfg.seed), jobs);
  std::fflush(stdout);
  auto save_defects = [&](const fw::DefectMap& defects) {
    fw::WriteDefectMap(a.Get("save-defects"), defects);
    std::printf(
        "  defects: %s (replay: build/bin/wse remap --defects %s --spares %d --out repair.json)\n",
        a.Get("save-defects").c_str(), a.Get("save-defects").c_str(), spares);
    std::fflush(stdout);
  };
  // A wafer asked for by index is saved before the study, so a remap that
  // crashes the process can still be replayed.
  if (map_wafer_given && a.Has("save-defects"))
    save_defects(yield::GenerateDefects(
        cfg.wafer, cfg.defects, yield::WaferSeed(cfg.seed, static_cast<uint64_t>(map_wafer))));
  const yield::StudyResult r = yield::RunStudy(cfg, jobs, StderrProgress("yield"));
  std::printf("\n%s", YieldTable(r).c_str());

  std::vector<yield::CurvePoint> points;
  if (a.Has("curve")) {
    std::printf("\ncurve: %zu densities x %zu spare fractions x 2 models, %d wafers each\n",
                curve.density_multiples.size(), curve.spare_fractions.size(), curve.wafers);
    std::fflush(stdout);
    points = yield::RunCurve(curve, jobs, StderrProgress("curve"));
    std::printf("%s", CurveTable(curve, points).c_str());
    util::WriteFileAtomic(a.Get("curve"), util::RenderSvgPlot(yield::CurvePlot(curve, points)));
    std::printf("  curve: %s\n", a.Get("curve").c_str());
  }

  if (a.Has("json")) {
    util::Json doc = yield::ToJson(r, true);
    if (!points.empty()) doc.Set("curve", yield::ToJson(points));
    util::WriteFileAtomic(a.Get("json"), doc.Dump() + "\n");
    std::printf("  json: %s\n", a.Get("json").c_str());
  }

  if (a.Has("map")) {
    // The wafer worth looking at: the one asked for, else the first failure,
    // else the one with the most defects.
    int pick = map_wafer;
    if (!map_wafer_given) {
      const yield::WaferOutcome* best = &r.wafers.front();
      for (const auto& w : r.wafers) {
        if (!w.full) {
          best = &w;
          break;
        }
        if (w.defects > best->defects) best = &w;
      }
      pick = best->index;
    }
    const yield::WaferOutcome& w = r.wafers[static_cast<size_t>(pick - cfg.first_wafer)];
    const fw::DefectMap defects = yield::GenerateDefects(cfg.wafer, cfg.defects, w.seed);
    if (a.Has("save-defects") && !map_wafer_given) save_defects(defects);
    fw::RemapOptions options;
    options.spares = spares;
    options.allow_degraded = cfg.allow_degraded;
    std::optional<fw::Repair> repair;
    if (w.error.empty())
      repair = fw::Remap(defects, options).repair;  // a remap that threw once throws again
    const std::string result = w.error.empty() ? yield::ResultName(w) : "remap error: " + w.error;
    const std::string title = "wafer " + std::to_string(w.index) + " of seed " +
                              std::to_string(cfg.seed) + ", " + yield::ModelLabel(cfg.defects) +
                              ", " + std::to_string(w.defects) + " defects: " + result;
    fw::WriteRepairMapSvg(a.Get("map"), defects, repair ? &*repair : nullptr, title, map_options);
    std::printf("  map: %s (wafer %d, %s)\n", a.Get("map").c_str(), w.index, result.c_str());
  }

  int broken = ReportBrokenRepairs(r.wafers, ReproduceCommand(cfg));
  if (!points.empty()) broken += ReportBrokenCurve(points);
  return broken > 0 ? 1 : 0;
}

}  // namespace wse::cli
