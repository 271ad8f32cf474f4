#pragma once
// wse bench sections `yield` (the wafer-scale yield study at the target
// operating point, and the yield-versus-density curve) and `remap` (remap
// time on a million-tile wafer), and the report pieces `wse yield` shares
// with them.

#include <filesystem>
#include <string>
#include <vector>

#include "cli/bench_dft.h"
#include "yield/yield_study.h"

namespace wse::cli {

/// The figures of a study as an aligned two-column table.
std::string YieldTable(const yield::StudyResult& result);

/// The curve as a table: one row per (model, spare fraction), the fraction
/// of wafers with the full grid per density.
std::string CurveTable(const yield::CurveConfig& config,
                       const std::vector<yield::CurvePoint>& points);

/// Prints "[tag] done/total wafers" on stderr: in place on a terminal, a
/// line every 5 s or so into a log.
yield::Progress StderrProgress(const std::string& tag);

/// Prints every wafer whose repair the checker rejected or whose remap
/// threw to stderr, loudly, with the command that redraws it (`reproduce` +
/// " --first-wafer I --wafers 1 --map ... --save-defects ..."); returns how
/// many there were.
int ReportBrokenRepairs(const std::vector<yield::WaferOutcome>& wafers,
                        const std::string& reproduce);

/// The shortest text that reads back as `v` ("0.05", not
/// "0.050000000000000003").
std::string Exact(double v);

/// The `wse yield` command line that runs `config` again.
std::string ReproduceCommand(const yield::StudyConfig& config);

/// ReportBrokenRepairs for every point of a curve.
int ReportBrokenCurve(const std::vector<yield::CurvePoint>& points);

/// Target study (1000x970 wafer, 0.001 defects/mm2, 1.5% spares): Poisson and
/// NB alpha=2 on 1000 wafers each, NB alpha=0.5 on 200; figures yield.*, the
/// >= 0.999 targets flagged PASS/FAIL; the curve to <reports>/yield_curve.svg.
void BenchYield(const std::filesystem::path& reports, int jobs, const AddFigure& add);

/// Remap time on a 1000x1000 wafer (median and max over 20 wafers, and an
/// incremental remap after one new dead tile); figures remap.*, target
/// < 1000 ms.
void BenchRemap(const AddFigure& add);

}  // namespace wse::cli
