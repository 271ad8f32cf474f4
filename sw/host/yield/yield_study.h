#pragma once
// The yield study (docs/yield.md): draw many wafers from a defect model,
// repair each with the firmware's remap, have the independent checker accept
// or reject every repair, and report how many wafers keep the full logical
// grid, what the repair costs in tiles and link stretch, and how long the
// remap takes. Host only: no RTL is simulated.
//
// Wafer i of a study seeded with S is drawn from WaferSeed(S, i), so every
// figure except the timings is the same for any number of threads.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "util/json.h"
#include "util/svg_plot.h"
#include "yield/defect_model.h"
#include "yield/yield_stats.h"

namespace wse::yield {

/// One study: a wafer, a defect model, a spare budget, a number of wafers.
struct StudyConfig {
  WaferGeometry wafer;
  DefectModelSpec defects;
  double spare_fraction = 0.015;  // spares per row = round(spare_fraction * width)
  bool allow_degraded = true;     // let the remap fall back to a narrower grid
  int wafers = 200;
  int first_wafer = 0;  // wafer indices first_wafer .. first_wafer + wafers - 1
  uint64_t seed = 1;
};

/// round(spare_fraction * wafer.width); throws std::invalid_argument when the
/// fraction is negative or leaves no logical column.
int SparesPerRow(const WaferGeometry& wafer, double spare_fraction);

/// What happened to one wafer.
struct WaferOutcome {
  int index = 0;
  uint64_t seed = 0;  // of GenerateDefects
  int64_t defects = 0, dead_tiles = 0, link_defects = 0;
  bool grid = false;      // the remap found a logical grid
  bool full = false;      // ... of full width, and the checker accepted it
  bool rejected = false;  // the checker found problems in the remap's repair
  std::string error;      // what fw::Remap or fw::CheckRepair threw (a failed wafer)
  int problem_count = 0;
  std::vector<std::string> problems;  // the checker's first few
  int width = 0;                      // logical width; 0 without a grid
  int64_t logical_tiles = 0;
  StretchHistogram stretch;
  double remap_ms = 0;        // fw::Remap alone
  double remap_check_ms = 0;  // fw::Remap and fw::CheckRepair
};

/// Draws, repairs and checks wafer `index` of `config`. An exception from
/// the remap or the checker is caught into `error`: one broken wafer does not
/// end a study of thousands.
WaferOutcome RunWafer(const StudyConfig& config, int index);

/// "full", "degraded", "no grid", "rejected" (by the checker) or "error".
const char* ResultName(const WaferOutcome& wafer);

/// Aggregates of a study. Fractions of tiles are means over wafers of the
/// per-wafer fraction; a wafer without a grid exposes nothing.
struct StudySummary {
  // Every wafer is in exactly one of full, degraded (a narrower valid
  // grid), scrap (no grid), rejected (the checker refused the remap's
  // repair) and errors (the remap or the checker threw).
  int64_t wafers = 0, full = 0, degraded = 0, scrap = 0, rejected = 0, errors = 0;
  double full_fraction = 0;
  double full_lower95 = 0;   // Clopper-Pearson, one-sided 95%
  double full_wilson95 = 0;  // Wilson score, one-sided 95%
  double mean_defects = 0, mean_dead_tiles = 0;
  double mean_width = 0;
  int min_width = 0;
  double exposed_fraction = 0;      // logical tiles / physical tiles
  double dead_fraction = 0;         // tiles mapped out because dead / physical tiles
  double unused_fraction = 0;       // every tile not in the grid / physical tiles
  double spares_used_fraction = 0;  // dead tiles / spare tiles provisioned (spares * height)
  StretchHistogram stretch;         // summed over every wafer with a grid
  double remap_ms_mean = 0, remap_ms_median = 0, remap_ms_max = 0;
  double remap_check_ms_mean = 0, remap_check_ms_max = 0;
};

StudySummary Summarize(const StudyConfig& config, const std::vector<WaferOutcome>& wafers);

/// Called from the thread that started the work, about every
/// `progress_seconds`, and once at the end if it was called before.
using Progress = std::function<void(int64_t done, int64_t total)>;

/// Runs fn(0) .. fn(n - 1) on `jobs` threads (tasks handed out one at a
/// time, so slow wafers do not hold a thread's share back). The first
/// exception a task throws stops the handing out and is rethrown here.
void ParallelTasks(int64_t n, int jobs, const std::function<void(int64_t)>& fn,
                   const Progress& progress = {}, double progress_seconds = 1.0);

struct StudyResult {
  StudyConfig config;
  int spares = 0;
  std::vector<WaferOutcome> wafers;  // in index order
  StudySummary summary;
  double seconds = 0;  // wall clock of the whole study
};

StudyResult RunStudy(const StudyConfig& config, int jobs, const Progress& progress = {});

/// The study as JSON: config, summary and, with per_wafer, one entry per wafer.
util::Json ToJson(const StudyResult& result, bool per_wafer);

/// Yield versus defect density for several models and spare fractions. The
/// wafers of one (model, density) are the same for every spare fraction, so
/// the curves of one model differ only by the spares.
struct CurveConfig {
  WaferGeometry wafer;
  // Their density is replaced by each point's; default Poisson and NB alpha=2.
  std::vector<DefectModelSpec> models = {DefectModelSpec{},
                                         DefectModelSpec{DefectModel::kNegBinomial}};
  double base_density = 0.001;
  std::vector<double> density_multiples = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  std::vector<double> spare_fractions = {0.005, 0.01, 0.015};
  int wafers = 50;  // per point
  uint64_t seed = 1;
};

struct CurvePoint {
  StudyConfig study;  // the point as a study of its own (its seed fits --seed)
  std::string model;  // ModelLabel
  std::string tag;    // ModelTag
  double spare_fraction = 0;
  int spares = 0;
  double density = 0;
  StudySummary summary;
  std::vector<WaferOutcome> broken;  // wafers the checker rejected or whose remap threw
};

std::vector<CurvePoint> RunCurve(const CurveConfig& config, int jobs,
                                 const Progress& progress = {});

/// The curve as a plot: fraction of wafers repaired to the full grid against
/// density, one series per (model, spare fraction).
util::PlotSpec CurvePlot(const CurveConfig& config, const std::vector<CurvePoint>& points);

/// The curve's points as JSON.
util::Json ToJson(const std::vector<CurvePoint>& points);

}  // namespace wse::yield
