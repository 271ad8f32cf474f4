#pragma once
// Benchmarks of the design-for-test side (wse bench sections): reach of the
// config network with dead tiles, and the defect scan's detection table.

#include <filesystem>
#include <functional>
#include <string>

namespace wse::cli {

using AddFigure = std::function<void(const std::string& name, double value, const std::string& unit)>;

/// Fraction of live tiles the config network reaches versus the fraction of
/// dead tiles: measured on the RTL (16x16, firmware driver) and on a full
/// 1000x970 wafer with the discovery model; draws <reports>/tap_reach.svg.
void BenchTapReach(const std::filesystem::path& reports, const AddFigure& add);

/// Detection table of the firmware defect scan: random faults of every
/// injectable class on dft6x5 and dft8x8 meshes over several seeds; figures
/// scan.<class>.injected / .detected and scan.false_positives.
void BenchScan(const AddFigure& add);

}  // namespace wse::cli
