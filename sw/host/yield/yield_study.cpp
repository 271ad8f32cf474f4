#include "yield/yield_study.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "firmware/repair/repair.h"
#include "yield/yield_rng.h"

namespace wse::yield {
namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

constexpr size_t kProblemsKept = 5;

util::Json StretchJson(const StretchHistogram& s) {
  util::Json h = util::Json::Array(), v = util::Json::Array();
  for (int64_t c : s.h) h.Push(util::Json(c));
  for (int64_t c : s.v) v.Push(util::Json(c));
  util::Json o = util::Json::Object();
  o.Set("horizontal_skipped", std::move(h));
  o.Set("horizontal_beyond", util::Json(s.h_beyond));
  o.Set("vertical_aside", std::move(v));
  o.Set("vertical_beyond", util::Json(s.v_beyond));
  return o;
}

util::Json SummaryJson(const StudySummary& s) {
  util::Json o = util::Json::Object();
  o.Set("wafers", util::Json(s.wafers));
  o.Set("full", util::Json(s.full));
  o.Set("degraded", util::Json(s.degraded));
  o.Set("scrap", util::Json(s.scrap));
  o.Set("rejected_by_check", util::Json(s.rejected));
  o.Set("remap_errors", util::Json(s.errors));
  o.Set("full_fraction", util::Json(s.full_fraction));
  o.Set("full_lower95_clopper_pearson", util::Json(s.full_lower95));
  o.Set("full_lower95_wilson", util::Json(s.full_wilson95));
  o.Set("mean_defects", util::Json(s.mean_defects));
  o.Set("mean_dead_tiles", util::Json(s.mean_dead_tiles));
  o.Set("mean_width", util::Json(s.mean_width));
  o.Set("min_width", util::Json(s.min_width));
  o.Set("exposed_fraction", util::Json(s.exposed_fraction));
  o.Set("dead_fraction", util::Json(s.dead_fraction));
  o.Set("unused_fraction", util::Json(s.unused_fraction));
  o.Set("spares_used_fraction", util::Json(s.spares_used_fraction));
  o.Set("stretch", StretchJson(s.stretch));
  o.Set("remap_ms_mean", util::Json(s.remap_ms_mean));
  o.Set("remap_ms_median", util::Json(s.remap_ms_median));
  o.Set("remap_ms_max", util::Json(s.remap_ms_max));
  o.Set("remap_check_ms_mean", util::Json(s.remap_check_ms_mean));
  o.Set("remap_check_ms_max", util::Json(s.remap_check_ms_max));
  return o;
}

util::Json ModelJson(const DefectModelSpec& d) {
  util::Json o = util::Json::Object();
  o.Set("model", util::Json(d.model == DefectModel::kPoisson ? "poisson" : "nb"));
  o.Set("density_per_mm2", util::Json(d.density_per_mm2));
  if (d.model == DefectModel::kNegBinomial) {
    o.Set("alpha", util::Json(d.alpha));
    o.Set("block_tiles", util::Json(d.block_tiles));
  }
  o.Set("link_fraction", util::Json(d.link_fraction));
  return o;
}

}  // namespace

int SparesPerRow(const WaferGeometry& wafer, double spare_fraction) {
  if (!(spare_fraction >= 0 && spare_fraction < 1))
    throw std::invalid_argument("spare_fraction: " + std::to_string(spare_fraction) +
                                " is not in [0, 1)");
  const int spares = static_cast<int>(std::lround(spare_fraction * wafer.width));
  if (spares >= wafer.width)
    throw std::invalid_argument("spare_fraction: " + std::to_string(spares) +
                                " spares leave no logical column of " +
                                std::to_string(wafer.width));
  return spares;
}

const char* ResultName(const WaferOutcome& w) {
  if (!w.error.empty()) return "error";
  if (w.rejected) return "rejected";
  if (w.full) return "full";
  return w.grid ? "degraded" : "no grid";
}

WaferOutcome RunWafer(const StudyConfig& config, int index) {
  WaferOutcome o;
  o.index = index;
  o.seed = WaferSeed(config.seed, static_cast<uint64_t>(index));
  const fw::DefectMap map = GenerateDefects(config.wafer, config.defects, o.seed);
  o.defects = static_cast<int64_t>(map.defects.size());
  o.link_defects = std::count_if(map.defects.begin(), map.defects.end(),
                                 [](const fw::Defect& d) { return d.unit == fw::Unit::kLink; });
  const std::vector<uint8_t> dead = fw::DeadTiles(map);
  o.dead_tiles = std::count(dead.begin(), dead.end(), uint8_t{1});

  fw::RemapOptions options;
  options.spares = SparesPerRow(config.wafer, config.spare_fraction);
  options.allow_degraded = config.allow_degraded;
  // A remap or check that throws is a failed wafer, not the end of the study.
  fw::RemapResult r;
  std::vector<std::string> problems;
  const auto t0 = Clock::now();
  auto t1 = t0;
  try {
    r = fw::Remap(map, options);
    t1 = Clock::now();
    if (r.repair) problems = fw::CheckRepair(map, *r.repair);
  } catch (const std::exception& e) {
    o.error = e.what();
    o.remap_ms = o.remap_check_ms = Ms(Clock::now() - t0);
    return o;
  }
  const auto t2 = Clock::now();
  o.remap_ms = Ms(t1 - t0);
  o.remap_check_ms = Ms(t2 - t0);
  if (!r.repair) return o;

  o.problem_count = static_cast<int>(problems.size());
  o.rejected = !problems.empty();
  if (problems.size() > kProblemsKept) problems.resize(kProblemsKept);
  o.problems = std::move(problems);
  o.grid = true;
  o.width = r.repair->width;
  o.logical_tiles = int64_t{r.repair->width} * r.repair->height;
  // A repair the checker rejects is a failed wafer, whatever the remap claimed.
  o.full = r.full && !r.repair->degraded() && !o.rejected;
  o.stretch = Stretch(*r.repair);
  return o;
}

StudySummary Summarize(const StudyConfig& config, const std::vector<WaferOutcome>& wafers) {
  StudySummary s;
  s.wafers = static_cast<int64_t>(wafers.size());
  if (wafers.empty()) return s;
  const int spares = SparesPerRow(config.wafer, config.spare_fraction);
  const double phys = static_cast<double>(config.wafer.width) * config.wafer.height;
  const double provisioned = static_cast<double>(spares) * config.wafer.height;
  const double n = static_cast<double>(wafers.size());
  std::vector<double> remap_ms;
  s.min_width = config.wafer.width;
  for (const WaferOutcome& w : wafers) {
    s.full += w.full;
    if (!w.error.empty()) {
      ++s.errors;
    } else if (w.rejected) {
      ++s.rejected;
    } else if (!w.grid) {
      ++s.scrap;
    } else if (!w.full) {
      ++s.degraded;
    }
    s.mean_defects += static_cast<double>(w.defects) / n;
    s.mean_dead_tiles += static_cast<double>(w.dead_tiles) / n;
    s.mean_width += w.width / n;
    s.min_width = std::min(s.min_width, w.width);
    s.exposed_fraction += static_cast<double>(w.logical_tiles) / phys / n;
    s.dead_fraction += static_cast<double>(w.dead_tiles) / phys / n;
    s.unused_fraction += (phys - static_cast<double>(w.logical_tiles)) / phys / n;
    if (provisioned > 0)
      s.spares_used_fraction += static_cast<double>(w.dead_tiles) / provisioned / n;
    if (w.grid) s.stretch.Add(w.stretch);
    remap_ms.push_back(w.remap_ms);
    s.remap_ms_mean += w.remap_ms / n;
    s.remap_ms_max = std::max(s.remap_ms_max, w.remap_ms);
    s.remap_check_ms_mean += w.remap_check_ms / n;
    s.remap_check_ms_max = std::max(s.remap_check_ms_max, w.remap_check_ms);
  }
  std::sort(remap_ms.begin(), remap_ms.end());
  const size_t m = remap_ms.size();
  s.remap_ms_median = m % 2 ? remap_ms[m / 2] : (remap_ms[m / 2 - 1] + remap_ms[m / 2]) / 2;
  s.full_fraction = static_cast<double>(s.full) / n;
  s.full_lower95 = ClopperPearsonLower(s.full, s.wafers);
  s.full_wilson95 = WilsonLower(s.full, s.wafers);
  return s;
}

void ParallelTasks(int64_t n, int jobs, const std::function<void(int64_t)>& fn,
                   const Progress& progress, double progress_seconds) {
  if (n <= 0) return;
  jobs = static_cast<int>(std::clamp<int64_t>(jobs, 1, n));
  std::atomic<int64_t> next{0};
  std::mutex mu;
  std::condition_variable cv;
  int64_t done = 0;
  std::exception_ptr error;
  auto worker = [&] {
    for (;;) {
      const int64_t i = next.fetch_add(1);
      if (i >= n) return;
      try {
        fn(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mu);
        if (!error) error = std::current_exception();
        next.store(n);  // hand out nothing more
      }
      std::lock_guard<std::mutex> lock(mu);
      ++done;
      cv.notify_all();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(static_cast<size_t>(jobs));
  for (int j = 0; j < jobs; ++j) threads.emplace_back(worker);
  // This thread only waits and reports.
  bool reported = false;
  {
    std::unique_lock<std::mutex> lock(mu);
    auto last = Clock::now();
    const auto period = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(progress_seconds));
    while (done < n && !error) {
      cv.wait_until(lock, last + period);
      if (progress && Clock::now() - last >= period && done < n) {
        last = Clock::now();
        const int64_t d = done;
        lock.unlock();
        progress(d, n);
        reported = true;
        lock.lock();
      }
    }
  }
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);
  if (reported) progress(n, n);
}

StudyResult RunStudy(const StudyConfig& config, int jobs, const Progress& progress) {
  Validate(config.wafer, config.defects);
  if (config.wafers < 1) throw std::invalid_argument("wafers: must be >= 1");
  if (config.first_wafer < 0) throw std::invalid_argument("first_wafer: must be >= 0");
  StudyResult r;
  r.config = config;
  r.spares = SparesPerRow(config.wafer, config.spare_fraction);
  r.wafers.resize(static_cast<size_t>(config.wafers));
  const auto t0 = Clock::now();
  ParallelTasks(
      config.wafers, jobs,
      [&](int64_t i) {
        r.wafers[static_cast<size_t>(i)] =
            RunWafer(config, config.first_wafer + static_cast<int>(i));
      },
      progress);
  r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  r.summary = Summarize(config, r.wafers);
  return r;
}

util::Json ToJson(const StudyResult& r, bool per_wafer) {
  util::Json cfg = util::Json::Object();
  cfg.Set("width", util::Json(r.config.wafer.width));
  cfg.Set("height", util::Json(r.config.wafer.height));
  cfg.Set("tile_mm2", util::Json(r.config.wafer.tile_mm2));
  cfg.Set("defects", ModelJson(r.config.defects));
  cfg.Set("spare_fraction", util::Json(r.config.spare_fraction));
  cfg.Set("spares_per_row", util::Json(r.spares));
  cfg.Set("allow_degraded", util::Json(r.config.allow_degraded));
  cfg.Set("wafers", util::Json(r.config.wafers));
  cfg.Set("first_wafer", util::Json(r.config.first_wafer));
  cfg.Set("seed", util::Json(r.config.seed));
  util::Json doc = util::Json::Object();
  doc.Set("format", util::Json("wse-yield-study"));
  doc.Set("version", util::Json(1));
  doc.Set("config", std::move(cfg));
  doc.Set("summary", SummaryJson(r.summary));
  doc.Set("seconds", util::Json(r.seconds));
  if (per_wafer) {
    util::Json list = util::Json::Array();
    for (const WaferOutcome& w : r.wafers) {
      util::Json o = util::Json::Object();
      o.Set("index", util::Json(w.index));
      o.Set("seed", util::Json(std::to_string(w.seed)));  // 64 bits: beyond JSON integers
      o.Set("defects", util::Json(w.defects));
      o.Set("dead_tiles", util::Json(w.dead_tiles));
      o.Set("link_defects", util::Json(w.link_defects));
      o.Set("result", util::Json(ResultName(w)));
      if (!w.error.empty()) o.Set("error", util::Json(w.error));
      o.Set("width", util::Json(w.width));
      o.Set("remap_ms", util::Json(w.remap_ms));
      o.Set("remap_check_ms", util::Json(w.remap_check_ms));
      if (w.rejected) {
        util::Json p = util::Json::Array();
        for (const std::string& s : w.problems) p.Push(util::Json(s));
        o.Set("problems", std::move(p));
        o.Set("problem_count", util::Json(w.problem_count));
      }
      list.Push(std::move(o));
    }
    doc.Set("wafers", std::move(list));
  }
  return doc;
}

std::vector<CurvePoint> RunCurve(const CurveConfig& config, int jobs, const Progress& progress) {
  if (config.wafers < 1) throw std::invalid_argument("curve wafers: must be >= 1");
  // Points in (model, density, spare fraction) order; a point's wafers are
  // seeded by (model, density) only.
  std::vector<CurvePoint> points;
  for (size_t m = 0; m < config.models.size(); ++m) {
    for (size_t d = 0; d < config.density_multiples.size(); ++d) {
      for (double f : config.spare_fractions) {
        CurvePoint p;
        p.study.wafer = config.wafer;
        p.study.defects = config.models[m];
        p.study.defects.density_per_mm2 = config.base_density * config.density_multiples[d];
        p.study.spare_fraction = f;
        p.study.wafers = config.wafers;
        // 63 bits, so `wse yield --seed` can run the point again.
        p.study.seed = WaferSeed(config.seed, (m << 16) | d) >> 1;
        Validate(p.study.wafer, p.study.defects);
        p.model = ModelLabel(p.study.defects);
        p.tag = ModelTag(p.study.defects);
        p.spare_fraction = f;
        p.spares = SparesPerRow(config.wafer, f);
        p.density = p.study.defects.density_per_mm2;
        points.push_back(std::move(p));
      }
    }
  }
  const int64_t per = config.wafers;
  std::vector<std::vector<WaferOutcome>> outcomes(
      points.size(), std::vector<WaferOutcome>(static_cast<size_t>(per)));
  ParallelTasks(
      static_cast<int64_t>(points.size()) * per, jobs,
      [&](int64_t t) {
        const size_t p = static_cast<size_t>(t / per), i = static_cast<size_t>(t % per);
        outcomes[p][i] = RunWafer(points[p].study, static_cast<int>(i));
      },
      progress);
  for (size_t p = 0; p < points.size(); ++p) {
    points[p].summary = Summarize(points[p].study, outcomes[p]);
    for (WaferOutcome& w : outcomes[p])
      if (w.rejected || !w.error.empty()) points[p].broken.push_back(std::move(w));
  }
  return points;
}

util::PlotSpec CurvePlot(const CurveConfig& config, const std::vector<CurvePoint>& points) {
  util::PlotSpec plot;
  char title[160];
  std::snprintf(title, sizeof title,
                "Wafers repaired to the full grid, %dx%d tiles of %g mm2, %d wafers per point",
                config.wafer.width, config.wafer.height, config.wafer.tile_mm2, config.wafers);
  plot.title = title;
  plot.x_label = "defect density (defects/mm2)";
  plot.y_label = "fraction of wafers with the full logical grid";
  plot.x_min = 0;
  plot.x_max = config.base_density;
  for (double k : config.density_multiples)
    plot.x_max = std::max(plot.x_max, config.base_density * k);
  // Yields near 1 would be one line along the top: start the axis a tenth
  // below the lowest point.
  double lowest = 1;
  for (const CurvePoint& p : points) lowest = std::min(lowest, p.summary.full_fraction);
  plot.y_min = std::max(0.0, std::floor((lowest - 0.05) * 10) / 10);
  plot.y_max = 1;
  char marker[48];
  std::snprintf(marker, sizeof marker, "%g/mm2", config.base_density);
  plot.markers = {{config.base_density, marker}};
  for (const CurvePoint& p : points) {
    char label[96];
    std::snprintf(label, sizeof label, "%s, %g%% spares (%d/row)", p.model.c_str(),
                  p.spare_fraction * 100, p.spares);
    auto it = std::find_if(plot.series.begin(), plot.series.end(),
                           [&](const util::PlotSeries& s) { return s.label == label; });
    if (it == plot.series.end()) {
      plot.series.push_back({label, {}});
      it = plot.series.end() - 1;
    }
    it->points.emplace_back(p.density, p.summary.full_fraction);
  }
  return plot;
}

util::Json ToJson(const std::vector<CurvePoint>& points) {
  util::Json list = util::Json::Array();
  for (const CurvePoint& p : points) {
    util::Json o = util::Json::Object();
    o.Set("model", util::Json(p.tag));
    o.Set("density_per_mm2", util::Json(p.density));
    o.Set("spare_fraction", util::Json(p.spare_fraction));
    o.Set("spares_per_row", util::Json(p.spares));
    o.Set("summary", SummaryJson(p.summary));
    list.Push(std::move(o));
  }
  return list;
}

}  // namespace wse::yield
