#pragma once
// Benchmark figures and bench.json. Several tools measure figures (wse bench
// now; firmware scan and burn-in benchmarks later), and each run may cover
// only some of them (--no-build, --sizes), so writing bench.json merges: a
// figure measured now replaces the stored one of the same name, the others
// are kept.

#include <filesystem>
#include <string>
#include <vector>

namespace wse::util {

/// One measured number.
struct Figure {
  std::string name;  // dotted, e.g. "sim.speed.8x8.1thread"
  double value = 0;
  std::string unit;  // e.g. "tile-cycles/s"
};

/// Reads {"figures": [{name, value, unit}, ...]}. A missing file is an empty
/// list; a malformed one throws JsonError naming the file, line and field
/// (a benchmark must not silently discard figures it cannot read).
std::vector<Figure> ReadFigures(const std::filesystem::path& path);

/// `stored` updated with `fresh`: same-named figures replaced in place, new
/// ones appended in their order.
std::vector<Figure> MergeFigures(std::vector<Figure> stored, const std::vector<Figure>& fresh);

/// Merges `fresh` into the figures stored at `path` and writes the file
/// atomically. Returns the number of figures now in it.
size_t WriteFigures(const std::filesystem::path& path, const std::vector<Figure>& fresh);

}  // namespace wse::util
