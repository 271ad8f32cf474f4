#pragma once
// A burn-in run drawn (docs/burnin.md, "Report"): a timeline of the run in
// wafer cycles (temperature, workload iterations, failures with their
// reintegration, checkpoints and remaps) and the wafer's repair before and
// after, side by side. Plain SVG like the wafer and repair maps.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "firmware/burnin/burnin_report.h"

namespace wse::fw {

/// The files WriteBurnInSvgs writes into its directory.
inline constexpr const char* kBurnInTimelineSvg = "burnin_timeline.svg";
inline constexpr const char* kBurnInMapsSvg = "burnin_maps.svg";

/// The run over cycles [r.start_cycle, r.end_cycle], one band above the other:
/// - the temperature profile (cycle -> degrees C, linear between points) on a
///   right-hand axis; none drawn when `temperature` is empty;
/// - failures: a marker per failure at its detection, shape and colour by
///   class, with a tooltip naming class, tile, symptom and diagnosis; its
///   reintegration (detection to resumption) shaded across the bands;
/// - workload iterations: a bar each, coloured by kernel, pale and hatched
///   when not committed, outlined red when not ok;
/// - checkpoints, remaps and map-outs from r.timeline as vertical lines;
/// then the cycle axis (k/M/G suffixes) and a legend with counts. Anything
/// outside the run's cycles is clipped to its edge; start == end is drawn
/// as a run of one cycle. Non-finite temperatures are skipped.
std::string RenderBurnInTimelineSvg(const BurnInReport& r,
                                    const std::vector<std::pair<uint64_t, double>>& temperature,
                                    const std::string& title = "burn-in timeline");

/// Two repair maps (RenderRepairMapFragment) side by side over the same
/// window: left the initial repair over r.initial_defects, right the final
/// repair over r.final_defects (tiles only when !r.has_final_repair), with
/// the tiles of r.mapped_out outlined in both. A defect map left empty
/// (0x0) stands for a clean r.phys_width x r.phys_height wafer, and a
/// default-constructed initial repair (the run stopped before one was read)
/// for none. Wafers larger than kRepairMapWholeWafer are drawn through a
/// kRepairMapDefaultCrop window holding the most mapped-out tiles (the
/// densest final defects when none was); the note under the maps counts
/// those outside it. Throws as RenderRepairMapSvg for a
/// repair or defect that does not fit the wafer.
std::string RenderBurnInMapsSvg(const BurnInReport& r, const std::string& title);

/// Renders both pictures and writes `dir`/kBurnInTimelineSvg and
/// `dir`/kBurnInMapsSvg, each atomically (creating `dir` if missing);
/// `title` heads both.
void WriteBurnInSvgs(const std::string& dir, const BurnInReport& r,
                     const std::vector<std::pair<uint64_t, double>>& temperature,
                     const std::string& title);

}  // namespace wse::fw
