#pragma once
// `wse bench --only burnin`: a burn-in campaign over every shipped scenario
// (new seeds), aggregated: faults injected and mapped out per class, stalls,
// reintegration cycles, accepted results and silent data corruptions with
// their 95% bound, and the time it took (docs/burnin.md, "Campaigns").

#include <filesystem>

#include "cli/bench_dft.h"

namespace wse::cli {

/// `seeds` runs per scenario (seed offsets 1..seeds), `jobs` at a time.
void BenchBurnin(const std::filesystem::path& reports, int jobs, int seeds, const AddFigure& add);

}  // namespace wse::cli
