// The repair's building blocks: dead tiles and wires from the defect map, the
// identity placement, the encodability rules and the per-tile settings
// (repair.h, docs/repair.md).

#include "firmware/repair/repair.h"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "firmware/repair/shift_rules.h"

namespace wse::fw {
namespace repair_detail {
namespace {

// Bounded like the defect map's mesh so every index fits an int.
constexpr int kMaxPhysSide = 1 << 15;

std::string Row(int y) { return "rows[" + std::to_string(y) + "]"; }
std::string Cell(int y, int l) { return Row(y) + "[" + std::to_string(l) + "]"; }

std::string Reach(int reach, const char* what) {
  return std::string("; a ") + what + " reaches at most " + std::to_string(reach);
}

}  // namespace

WaferFaults::WaferFaults(const DefectMap& defects)
    : width_(defects.width), height_(defects.height) {
  if (width_ < 1 || height_ < 1 || width_ > kMaxPhysSide || height_ > kMaxPhysSide) {
    throw std::invalid_argument("defect map: " + std::to_string(width_) + "x" +
                                std::to_string(height_) + " is not a wafer");
  }
  dead_.assign(static_cast<size_t>(width_) * static_cast<size_t>(height_), 0);
  bad_wires_.assign(dead_.size(), 0);
  static constexpr int kDx[4] = {0, 1, 0, -1}, kDy[4] = {-1, 0, 1, 0};
  for (size_t i = 0; i < defects.defects.size(); ++i) {
    const Defect& d = defects.defects[i];
    const bool link = d.unit == Unit::kLink;
    if (d.x < 0 || d.y < 0 || d.x >= width_ || d.y >= height_ ||
        (link && (d.dir < 0 || d.dir > 3))) {
      throw std::invalid_argument("defect map: defects[" + std::to_string(i) + "] at (" +
                                  std::to_string(d.x) + "," + std::to_string(d.y) +
                                  ") is outside the wafer or a link without a side");
    }
    if (!link) {
      dead_[Index(d.x, d.y)] = 1;
      continue;
    }
    // One wire pair, whichever end reported it.
    bad_wires_[Index(d.x, d.y)] |= static_cast<uint8_t>(1u << d.dir);
    const int nx = d.x + kDx[d.dir], ny = d.y + kDy[d.dir];
    if (nx >= 0 && ny >= 0 && nx < width_ && ny < height_) {
      bad_wires_[Index(nx, ny)] |= static_cast<uint8_t>(1u << ((d.dir + 2) % 4));
    }
  }
}

int IdentityColumn(int l, int width, int spares) {
  const int64_t spread = int64_t{l + 1} * spares / (int64_t{width} + 1);
  return l + static_cast<int>(spread);
}

Repair FromShifts(const ShiftRules& rules, int full_width, std::vector<std::vector<int>> shifts) {
  Repair r;
  r.phys_width = rules.faults().width();
  r.phys_height = r.height = rules.height();
  r.full_width = full_width;
  r.width = rules.width();
  r.cols = std::move(shifts);
  for (std::vector<int>& row : r.cols) {
    for (size_t l = 0; l < row.size(); ++l) row[l] += static_cast<int>(l);
  }
  return r;
}

std::string RepairShapeProblem(const Repair& r, bool registers, std::string* path) {
  auto problem = [&](std::string where, std::string what) {
    *path = std::move(where);
    return what;
  };
  const int pw = r.phys_width, ph = r.phys_height;
  if (pw < 1 || pw > kMaxPhysSide) {
    return problem("physical.width",
                   std::to_string(pw) + " is not in 1.." + std::to_string(kMaxPhysSide));
  }
  if (ph < 1 || ph > kMaxPhysSide) {
    return problem("physical.height",
                   std::to_string(ph) + " is not in 1.." + std::to_string(kMaxPhysSide));
  }
  const int limit = registers ? static_cast<int>(repair_reg::kLogicalCoordLimit) : pw;
  if (r.width < 1 || r.width > pw || r.width > limit) {
    return problem("logical.width", std::to_string(r.width) + " is not in 1.." +
                                        std::to_string(std::min(pw, limit)) +
                                        " (the physical width and REPAIR1's 10-bit x)");
  }
  if (r.height != ph) {
    return problem("logical.height", std::to_string(r.height) + " is not the physical height " +
                                         std::to_string(ph) + " (rows are never remapped)");
  }
  if (registers && r.height > limit) {
    return problem("logical.height", std::to_string(r.height) + " does not fit REPAIR1's " +
                                         "10-bit y (at most " + std::to_string(limit) + ")");
  }
  if (r.full_width < r.width || r.full_width > pw) {
    return problem("full_width", std::to_string(r.full_width) + " is not in " +
                                     std::to_string(r.width) + ".." + std::to_string(pw) +
                                     " (logical width .. physical width)");
  }
  if (r.cols.size() != static_cast<size_t>(ph)) {
    return problem("rows", std::to_string(r.cols.size()) + " rows for a logical height of " +
                               std::to_string(ph));
  }
  for (int y = 0; y < ph; ++y) {
    const std::vector<int>& row = r.cols[static_cast<size_t>(y)];
    if (row.size() != static_cast<size_t>(r.width)) {
      return problem(Row(y), std::to_string(row.size()) + " columns for a logical width of " +
                                 std::to_string(r.width));
    }
    for (int l = 0; l < r.width; ++l) {
      // Messages are built only on failure: this runs over every tile of a
      // million-tile repair.
      const int x = row[static_cast<size_t>(l)];
      const int west = l > 0 ? row[static_cast<size_t>(l - 1)] : -1;
      const int north = y > 0 ? r.cols[static_cast<size_t>(y - 1)][static_cast<size_t>(l)] : x;
      const bool in_wafer = x >= 0 && x < pw;
      if (in_wafer && x > west && x - west - 1 <= kSkipReach &&
          (l < r.width - 1 || pw - 1 - x <= kSkipReach) && std::abs(x - north) <= kDiagReach) {
        continue;
      }
      const std::string at = std::to_string(x);
      if (!in_wafer) {
        return problem(Cell(y, l), at + " is outside the " + std::to_string(pw) +
                                       "-column wafer (0.." + std::to_string(pw - 1) + ")");
      }
      const std::string west_name =
          l > 0 ? Cell(y, l - 1) + " (" + std::to_string(west) + ")" : "the west edge";
      if (x <= west) return problem(Cell(y, l), at + " is not east of " + west_name);
      if (x - west - 1 > kSkipReach) {
        return problem(Cell(y, l), at + " skips " + std::to_string(x - west - 1) + " tiles after " +
                                       west_name + Reach(kSkipReach, "horizontal link"));
      }
      if (l == r.width - 1 && pw - 1 - x > kSkipReach) {
        return problem(Cell(y, l), at + " skips " + std::to_string(pw - 1 - x) +
                                       " tiles before the east edge" +
                                       Reach(kSkipReach, "horizontal link"));
      }
      return problem(Cell(y, l), at + " is " + std::to_string(std::abs(x - north)) +
                                     " columns aside from " + Cell(y - 1, l) + " (" +
                                     std::to_string(north) + ")" +
                                     Reach(kDiagReach, "vertical link"));
    }
  }
  return "";
}

}  // namespace repair_detail

std::vector<uint8_t> DeadTiles(const DefectMap& defects) {
  return repair_detail::WaferFaults(defects).dead();
}

Repair IdentityRepair(int phys_width, int phys_height, int spares) {
  const int width = phys_width - spares;
  if (spares < 0 || width < 1 || phys_height < 1) {
    throw std::invalid_argument("IdentityRepair: " + std::to_string(spares) + " spares on a " +
                                std::to_string(phys_width) + "x" + std::to_string(phys_height) +
                                " wafer leave no logical grid");
  }
  Repair r;
  r.phys_width = phys_width;
  r.phys_height = phys_height;
  r.full_width = r.width = width;
  r.height = phys_height;
  std::vector<int> row(static_cast<size_t>(width));
  for (int l = 0; l < width; ++l) {
    row[static_cast<size_t>(l)] = repair_detail::IdentityColumn(l, width, spares);
  }
  r.cols.assign(static_cast<size_t>(phys_height), row);
  std::string path;
  if (const std::string p = repair_detail::RepairShapeProblem(r, false, &path); !p.empty()) {
    throw std::invalid_argument("IdentityRepair: " + std::to_string(spares) + " spares on a " +
                                std::to_string(phys_width) + "-column wafer: " + path + ": " + p);
  }
  return r;
}

std::vector<TileSetting> TileSettings(const Repair& repair) {
  std::string path;
  if (const std::string p = repair_detail::RepairShapeProblem(repair, true, &path); !p.empty()) {
    throw std::invalid_argument("TileSettings: " + path + ": " + p);
  }
  using namespace repair_reg;
  const int pw = repair.phys_width, ph = repair.phys_height, w = repair.width;
  TileSetting off;
  for (int& c : off.code) c = static_cast<int>(kCodeOff);
  off.repair0 = kMappedOut;
  std::vector<TileSetting> out(static_cast<size_t>(pw) * static_cast<size_t>(ph), off);
  // N/S codes: 0 straight, 1 one column west, 2 one column east.
  auto diag = [](int dx) { return dx == 0 ? 0 : dx < 0 ? 1 : 2; };
  for (int y = 0; y < ph; ++y) {
    for (int l = 0; l < w; ++l) {
      const int x = repair.PhysX(l, y);
      TileSetting& t =
          out[static_cast<size_t>(y) * static_cast<size_t>(pw) + static_cast<size_t>(x)];
      t.used = true;
      t.lx = l;
      t.ly = y;
      t.code[repair_detail::kN] = y == 0 ? 0 : diag(repair.PhysX(l, y - 1) - x);
      t.code[repair_detail::kS] = y == ph - 1 ? 0 : diag(repair.PhysX(l, y + 1) - x);
      t.code[repair_detail::kE] = (l + 1 < w ? repair.PhysX(l + 1, y) : pw) - x - 1;
      t.code[repair_detail::kW] = x - (l > 0 ? repair.PhysX(l - 1, y) : -1) - 1;
      auto field = [&](int side, uint32_t shift) {
        return static_cast<uint32_t>(t.code[side]) << shift;
      };
      t.repair0 = field(repair_detail::kN, kNShift) | field(repair_detail::kS, kSShift) |
                  field(repair_detail::kE, kEShift) | field(repair_detail::kW, kWShift);
      t.repair1 =
          static_cast<uint32_t>(l) | static_cast<uint32_t>(y) << kLogicalYShift | kLogicalValid;
    }
  }
  return out;
}

std::vector<std::pair<int, int>> GridTiles(const Repair& repair) {
  std::vector<std::pair<int, int>> t;
  t.reserve(static_cast<size_t>(repair.width) * static_cast<size_t>(repair.height));
  for (int ly = 0; ly < repair.height; ++ly)
    for (int lx = 0; lx < repair.width; ++lx) t.emplace_back(repair.PhysX(lx, ly), ly);
  return t;
}

}  // namespace wse::fw
