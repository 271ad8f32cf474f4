#pragma once
// Private to firmware/repair: the defect map reduced to what placement needs,
// and the scheme's rules (repair.h) as predicates on one logical tile's shift
// f = cols[y][l] - l. Remap and ExactRemap search with these; CheckRepair
// deliberately does not use them (check.cpp re-derives everything), and
// TileSettings / the JSON reader share only RepairShapeProblem.

#include <cstdint>
#include <string>
#include <vector>

#include "firmware/defect_map.h"
#include "firmware/repair/repair.h"

namespace wse::fw::repair_detail {

/// Sides as the defect map numbers them (Defect::dir).
inline constexpr int kN = 0, kE = 1, kS = 2, kW = 3;

/// Dead tiles and unusable nearest-neighbour wires of a wafer. Throws
/// std::invalid_argument for a defect outside the wafer or a link without a
/// side (a map that DefectMapFromJson would have refused).
class WaferFaults {
 public:
  explicit WaferFaults(const DefectMap& defects);

  int width() const { return width_; }
  int height() const { return height_; }
  bool Dead(int x, int y) const { return dead_[Index(x, y)] != 0; }
  /// The distance-1 / straight wires leaving (x, y) toward `side` are
  /// unusable: either end reported them (an edge tile's outward wires have
  /// only one end).
  bool BadWire(int x, int y, int side) const { return (bad_wires_[Index(x, y)] >> side) & 1u; }
  /// [y * width + x], 1 = dead.
  const std::vector<uint8_t>& dead() const { return dead_; }

 private:
  size_t Index(int x, int y) const {
    return static_cast<size_t>(y) * static_cast<size_t>(width_) + static_cast<size_t>(x);
  }

  int width_ = 0, height_ = 0;
  std::vector<uint8_t> dead_;
  std::vector<uint8_t> bad_wires_;  // bit = side
};

/// The placement rules for one logical width on a wafer: constraint 1, 2 and
/// 4 of repair.h, per tile, per horizontal step and per vertical pair, on
/// shift values f in [0, spares()].
class ShiftRules {
 public:
  ShiftRules(const WaferFaults& faults, int width)
      : faults_(faults), width_(width), spares_(faults.width() - width) {}

  const WaferFaults& faults() const { return faults_; }
  int width() const { return width_; }
  int height() const { return faults_.height(); }
  /// Unused physical tiles per row at this width.
  int spares() const { return spares_; }

  /// Logical (l, y) may sit at shift f: the tile lives, the wafer edges are
  /// within reach, and the edge wires it would use are sound.
  bool TileOk(int y, int l, int f) const {
    const int x = l + f;
    if (f < 0 || f > spares_ || faults_.Dead(x, y)) return false;
    if (l == 0 && (f > kSkipReach || (x == 0 && faults_.BadWire(x, y, kW)))) return false;
    if (l == width_ - 1 &&
        (spares_ - f > kSkipReach || (x == faults_.width() - 1 && faults_.BadWire(x, y, kE)))) {
      return false;
    }
    if (y == 0 && faults_.BadWire(x, y, kN)) return false;
    if (y == height() - 1 && faults_.BadWire(x, y, kS)) return false;
    return true;
  }

  /// Logical (l, y) at shift f may link east to (l + 1, y) at shift g.
  bool StepOk(int y, int l, int f, int g) const {
    if (g < f || g - f > kSkipReach) return false;
    return g != f || !faults_.BadWire(l + f, y, kE);
  }

  /// Logical (l, y) at shift f may link south to (l, y + 1) at shift g.
  bool VerticalOk(int y, int l, int f, int g) const {
    if (f - g > kDiagReach || g - f > kDiagReach) return false;
    return f != g || !faults_.BadWire(l + f, y, kS);
  }

 private:
  const WaferFaults& faults_;
  int width_, spares_;
};

/// The first reason `repair` breaks the scheme whatever the defects (shape,
/// column range and order, skip/diagonal reach; with `registers`, also the
/// 10-bit logical coordinates of REPAIR1), or "" if none. *path gets the
/// field it concerns in the JSON's terms ("rows[2][3]", "logical.width").
std::string RepairShapeProblem(const Repair& repair, bool registers, std::string* path);

/// Column of logical l in IdentityRepair: l + floor((l + 1) * spares / (width + 1)).
int IdentityColumn(int l, int width, int spares);

/// The repair whose rows have shifts `shifts` ([height][width], the widths
/// of `rules`), provisioned for `full_width`.
Repair FromShifts(const ShiftRules& rules, int full_width, std::vector<std::vector<int>> shifts);

}  // namespace wse::fw::repair_detail
