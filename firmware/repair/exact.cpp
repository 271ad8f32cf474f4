// The exhaustive solver (repair.h): every placement of every row, then
// layered reachability over the rows. Small wafers only; it is the reference
// the fast Remap is measured against.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "firmware/repair/repair.h"
#include "firmware/repair/shift_rules.h"

namespace wse::fw {
namespace {

using repair_detail::ShiftRules;
using repair_detail::WaferFaults;

// C(n, k), saturating just above `cap`.
int64_t Binomial(int n, int k, int64_t cap) {
  int64_t c = 1;
  for (int i = 1; i <= k; ++i) {
    c = c * (n - k + i) / i;  // exact: c * (n - k + i) is divisible by i at every step
    if (c > cap) return cap + 1;
  }
  return c;
}

// Every shift function of row y that satisfies the row's own constraints,
// concatenated (width values each).
class RowPlacements {
 public:
  RowPlacements(const ShiftRules& rules, int y) : rules_(rules), y_(y) {
    shifts_.resize(static_cast<size_t>(rules.width()));
    for (int f = 0; f <= rules.spares(); ++f) Extend(0, f);
  }
  size_t size() const { return flat_.size() / static_cast<size_t>(rules_.width()); }
  const int* operator[](size_t i) const { return &flat_[i * static_cast<size_t>(rules_.width())]; }

 private:
  void Extend(int l, int f) {
    if (!rules_.TileOk(y_, l, f)) return;
    if (l > 0 && !rules_.StepOk(y_, l - 1, shifts_[static_cast<size_t>(l - 1)], f)) return;
    shifts_[static_cast<size_t>(l)] = f;
    if (l + 1 == rules_.width()) {
      flat_.insert(flat_.end(), shifts_.begin(), shifts_.end());
      return;
    }
    for (int g = f; g <= f + kSkipReach && g <= rules_.spares(); ++g) Extend(l + 1, g);
  }

  const ShiftRules& rules_;
  const int y_;
  std::vector<int> shifts_, flat_;
};

// A chain of placements, one per row, pairwise compatible; empty if none.
std::optional<Repair> Solve(const ShiftRules& rules, int full_width) {
  const int w = rules.width(), ph = rules.height();
  std::vector<RowPlacements> rows;
  for (int y = 0; y < ph; ++y) {
    rows.emplace_back(rules, y);
    if (rows.back().size() == 0) return std::nullopt;
  }
  auto compatible = [&](int y, const int* p, const int* q) {
    for (int l = 0; l < w; ++l) {
      if (!rules.VerticalOk(y, l, p[l], q[l])) return false;
    }
    return true;
  };
  // parent[y][q]: a reachable placement of row y - 1 compatible with q, or
  // -1 if q cannot be reached (row 0: every placement, parent 0).
  std::vector<std::vector<int>> parent(static_cast<size_t>(ph));
  parent[0].assign(rows[0].size(), 0);
  for (int y = 1; y < ph; ++y) {
    const RowPlacements& up = rows[static_cast<size_t>(y - 1)];
    const RowPlacements& here = rows[static_cast<size_t>(y)];
    const std::vector<int>& up_parent = parent[static_cast<size_t>(y - 1)];
    std::vector<int>& mine = parent[static_cast<size_t>(y)];
    mine.assign(here.size(), -1);
    bool any = false;
    for (size_t q = 0; q < here.size(); ++q) {
      for (size_t p = 0; p < up.size() && mine[q] < 0; ++p) {
        if (up_parent[p] >= 0 && compatible(y - 1, up[p], here[q])) mine[q] = static_cast<int>(p);
      }
      any = any || mine[q] >= 0;
    }
    if (!any) return std::nullopt;
  }
  std::vector<std::vector<int>> chain(static_cast<size_t>(ph));
  int at = -1;
  for (size_t q = 0; q < parent.back().size() && at < 0; ++q) {
    if (parent.back()[q] >= 0) at = static_cast<int>(q);
  }
  for (int y = ph - 1; y >= 0; --y) {
    const int* shifts = rows[static_cast<size_t>(y)][static_cast<size_t>(at)];
    chain[static_cast<size_t>(y)].assign(shifts, shifts + w);
    at = parent[static_cast<size_t>(y)][static_cast<size_t>(at)];
  }
  return repair_detail::FromShifts(rules, full_width, std::move(chain));
}

}  // namespace

std::optional<Repair> ExactRemap(const DefectMap& defects, int spares) {
  const WaferFaults faults(defects);
  const int pw = faults.width(), ph = faults.height();
  if (spares < 0 || spares >= pw) {
    throw std::invalid_argument("ExactRemap: " + std::to_string(spares) + " spares per row on a " +
                                std::to_string(pw) + "-column wafer leave no logical grid");
  }
  if (int64_t{pw} * ph > kExactMaxTiles) {
    throw std::invalid_argument("ExactRemap: a " + std::to_string(pw) + "x" + std::to_string(ph) +
                                " wafer has more than " + std::to_string(kExactMaxTiles) +
                                " tiles (too large to enumerate)");
  }
  const int full = pw - spares;
  for (int w = full; w >= 1; --w) {
    const int free = pw - w;
    if (free > kSkipReach * (w + 1))
      break;  // no row of w tiles spans the wafer, nor a narrower one
    if (Binomial(w + free, free, kExactMaxRowPlacements) > kExactMaxRowPlacements) {
      throw std::invalid_argument("ExactRemap: width " + std::to_string(w) + " with " +
                                  std::to_string(free) + " unused tiles per row has more than " +
                                  std::to_string(kExactMaxRowPlacements) +
                                  " placements per row (too large to enumerate)");
    }
    if (std::optional<Repair> r = Solve(ShiftRules(faults, w), full)) return r;
  }
  return std::nullopt;
}

}  // namespace wse::fw
