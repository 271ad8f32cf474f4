// The fast remap (repair.h, docs/repair.md): per-row dynamic programs over
// the shift f(l) = cols[y][l] - l, coordinated by a work queue, with a
// multi-row escalation for the conflicts one row alone cannot resolve, and a
// relaxation that proves widths impossible and offers a second start.
//
// Objective, over the whole wafer (what every re-plan lowers):
//   violation * (vertical violations: |dx| > kDiagReach, or a straight link
//                over a defective S/N pair; violation outweighs all moves)
//   + (logical tiles off their reference column: the previous or identity
//      placement, so tiles that need not move stay put)
// Constraints 1, 2 and 4 within a row are hard: a row plan never breaks them.
// A row re-plan optimises one row against its current neighbours; a band
// re-plan optimises k adjacent rows at once (state = the k shifts of one
// logical column, |difference| <= kDiagReach between them), which escapes
// the local minima of single rows. Each accepted re-plan strictly lowers the
// objective, so the loop ends; a re-plan cap bounds it anyway.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "firmware/repair/repair.h"
#include "firmware/repair/shift_rules.h"

namespace wse::fw {
namespace {

using repair_detail::kE;
using repair_detail::ShiftRules;
using repair_detail::WaferFaults;

constexpr int64_t kInf = std::numeric_limits<int64_t>::max() / 4;
// A band re-plan may cost at most this many (column x state x successor)
// steps: about 0.1 s. With 15 spares that allows 4 rows over a whole
// 985-column row, 6 over 17 columns; on a 7x5 wafer with two spares, the
// whole wafer.
constexpr int64_t kBandWork = 60'000'000;
// And its tables (the band space and the re-plan's dynamic program) at most
// this many bytes. Within kBandWork only a band narrower than about 17
// columns can reach it; the cached band spaces of a width together stay
// below twice this.
constexpr int64_t kBandBytes = int64_t{64} << 20;
// All band re-plans of one width (both starts) together: about 0.5 s.
constexpr int64_t kPlanBandWork = 5 * kBandWork;
// Half-spans (logical columns either side of a conflict) a band re-plan
// tries, narrow first; the last covers any row.
constexpr int kSpans[] = {8, 32, 1 << 15};

// The size estimates below saturate here: the state count of a band grows
// as 9^k and overflows any integer type long before the band reaches the
// height of a wafer.
constexpr int64_t kSaturated = int64_t{1} << 62;

// a * b for a, b >= 0, at most kSaturated.
int64_t SaturatingMul(int64_t a, int64_t b) {
  if (a == 0 || b == 0) return 0;
  return a > kSaturated / b ? kSaturated : std::min(a * b, kSaturated);
}

int64_t SaturatingAdd(int64_t a, int64_t b) { return std::min(a + b, kSaturated); }

// Upper bounds of one band re-plan of `rows` rows over `span` logical
// columns with `spares` unused tiles per row, computed before anything is
// allocated. Each grows with rows and with span.
struct BandSize {
  int64_t states = 0;  // shift vectors: (spares + 1) * (2 kDiagReach + 1)^(rows - 1)
  int64_t steps = 0;   // successor candidates per state: (kSkipReach + 1)^rows
  int64_t work = 0;    // span * states * steps
  int64_t bytes = 0;   // the band space and the re-plan's tables

  bool Affordable() const { return work <= kBandWork && bytes <= kBandBytes; }
};

BandSize EstimateBand(int rows, int spares, int span) {
  BandSize b;
  b.states = spares + 1;
  b.steps = kSkipReach + 1;
  for (int i = 1; i < rows; ++i) {
    b.states = SaturatingMul(b.states, 2 * kDiagReach + 1);
    b.steps = SaturatingMul(b.steps, kSkipReach + 1);
  }
  b.work = SaturatingMul(SaturatingMul(b.states, b.steps), span);
  // BandSpace: the dense code table, the states' shifts, the successor
  // offsets and lists (twice: a growing vector); PlanBand: a parent per
  // column and state, three cost rows.
  const auto ints = static_cast<int64_t>(sizeof(int));
  const int64_t per_state = SaturatingAdd(ints * (rows + 2 + span), 3 * 8);
  b.bytes = SaturatingAdd(SaturatingMul(b.states, per_state),
                          SaturatingMul(SaturatingMul(b.states, b.steps), 2 * ints));
  return b;
}

using Shifts = std::vector<int>;  // one row: f per logical tile

std::string NoPlacement(int y) {
  return "row " + std::to_string(y) +
         " has no placement (dead tiles, defective links or edge reach leave no run with gaps " +
         "of at most " + std::to_string(kSkipReach) + " tiles)";
}

// Rows y and y + 1 disagree at logical column l (the first such column).
struct Conflict {
  int y, l;
};

// The states of a band of k rows: every vector of k shifts in [0, spares]
// whose neighbours differ by at most kDiagReach, and per state its successors
// one logical column east (each shift grows by 0..kSkipReach). A vector is
// coded densely as its first shift and its k - 1 differences.
class BandSpace {
 public:
  // The caller keeps EstimateBand(rows, spares, span) within the budget, so
  // every count here fits an int; std::logic_error (a bug) otherwise.
  BandSpace(int rows, int spares) : k_(rows), spares_(spares) {
    const BandSize bound = EstimateBand(rows, spares, 1);
    if (!bound.Affordable()) {
      throw std::logic_error("Remap: a band of " + std::to_string(rows) + " rows with " +
                             std::to_string(spares) + " spares is over the budget (a bug)");
    }
    id_.assign(static_cast<size_t>(bound.states), -1);
    std::vector<int> v(static_cast<size_t>(k_));
    Enumerate(v, 0);
    const auto steps = static_cast<int>(bound.steps);
    succ_begin_.push_back(0);
    std::vector<int> next(static_cast<size_t>(k_));
    for (int s = 0; s < size(); ++s) {
      for (int code = 0; code < steps; ++code) {
        int c = code;
        for (int i = 0; i < k_; ++i, c /= kSkipReach + 1) {
          next[static_cast<size_t>(i)] = Val(s)[i] + c % (kSkipReach + 1);
        }
        if (const int t = Find(next.data()); t >= 0) succ_.push_back(t);
      }
      succ_begin_.push_back(static_cast<int>(succ_.size()));
    }
  }

  int size() const { return static_cast<int>(vals_.size()) / k_; }
  // Memory held, for the planner's cache budget.
  int64_t bytes() const {
    return static_cast<int64_t>(sizeof(int) * (vals_.capacity() + id_.capacity() +
                                               succ_begin_.capacity() + succ_.capacity()));
  }
  const int* Val(int s) const { return &vals_[static_cast<size_t>(s) * static_cast<size_t>(k_)]; }
  std::span<const int> Successors(int s) const {
    const auto b = static_cast<size_t>(succ_begin_[static_cast<size_t>(s)]);
    const auto e = static_cast<size_t>(succ_begin_[static_cast<size_t>(s) + 1]);
    return {succ_.data() + b, e - b};
  }
  // The state of shifts v[0 .. k), or -1.
  int Find(const int* v) const {
    if (v[0] < 0 || v[0] > spares_) return -1;
    int code = v[0];
    for (int i = 1; i < k_; ++i) {
      const int d = v[i] - v[i - 1];
      if (d < -kDiagReach || d > kDiagReach || v[i] < 0 || v[i] > spares_) return -1;
      code = code * (2 * kDiagReach + 1) + d + kDiagReach;
    }
    return id_[static_cast<size_t>(code)];
  }

 private:
  void Enumerate(std::vector<int>& v, int i) {
    if (i == k_) {
      id_[static_cast<size_t>(Code(v.data()))] = size();
      vals_.insert(vals_.end(), v.begin(), v.end());
      return;
    }
    const int lo = i == 0 ? 0 : std::max(0, v[static_cast<size_t>(i - 1)] - kDiagReach);
    const int hi = i == 0 ? spares_ : std::min(spares_, v[static_cast<size_t>(i - 1)] + kDiagReach);
    for (int f = lo; f <= hi; ++f) {
      v[static_cast<size_t>(i)] = f;
      Enumerate(v, i + 1);
    }
  }
  int Code(const int* v) const {
    int code = v[0];
    for (int i = 1; i < k_; ++i) code = code * (2 * kDiagReach + 1) + v[i] - v[i - 1] + kDiagReach;
    return code;
  }

  int k_, spares_;
  std::vector<int> vals_;        // [state * k + i]
  std::vector<int> id_;          // dense code -> state, -1 if out of range
  std::vector<int> succ_begin_;  // successors of s: succ_[succ_begin_[s] .. succ_begin_[s + 1])
  std::vector<int> succ_;
};

class Planner {
 public:
  Planner(const ShiftRules& rules, std::vector<Shifts> start, int max_band_rows)
      : rules_(rules),
        f_(start),
        ref_(std::move(start)),
        max_band_rows_(max_band_rows > 0 ? max_band_rows : rules.height()),
        violation_(int64_t{rules.faults().width()} * rules.faults().height() + 1),
        cap_(50 * rules.height() + 1000),
        changed_at_(static_cast<size_t>(rules.height()), 0),
        touched_(static_cast<size_t>(rules.height()), 0),
        queued_(static_cast<size_t>(rules.height()), 0) {}

  // True when the plan has no violation left; failure() says why not.
  bool Run() {
    for (int y = 0; y < height(); ++y) Push(y);
    if (!Descend()) return false;
    while (true) {
      std::vector<Conflict> conflicts;
      for (int y = 0; y + 1 < height(); ++y) {
        for (int l = 0; l < width(); ++l) {
          if (!rules_.VerticalOk(y, l, F(y, l), F(y + 1, l))) {
            conflicts.push_back({y, l});
            break;
          }
        }
      }
      if (conflicts.empty()) return true;
      if (!Escalate(conflicts)) {
        const int y = conflicts.front().y;
        failure_ = "vertical conflicts remain between rows " + std::to_string(y) + " and " +
                   std::to_string(y + 1) +
                   (conflicts.size() > 1
                        ? " (and " + std::to_string(conflicts.size() - 1) + " more row pairs)"
                        : "");
        if (replans_ >= cap_ || band_work_ > kPlanBandWork) {
          failure_ +=
              " when the re-plan budget ran out (" + std::to_string(replans_) + " re-plans)";
        }
        return false;
      }
      if (!Descend()) return false;
    }
  }

  // Plans again from `start` (same references), after Run got stuck in a
  // local minimum: a fresh re-plan cap, what is left of the band budget.
  bool Restart(const std::vector<Shifts>& start) {
    for (int y = 0; y < height(); ++y) {
      if (f_[static_cast<size_t>(y)] == start[static_cast<size_t>(y)]) continue;
      f_[static_cast<size_t>(y)] = start[static_cast<size_t>(y)];
      changed_at_[static_cast<size_t>(y)] = ++clock_;
      touched_[static_cast<size_t>(y)] = 1;
    }
    replans_ = 0;
    return Run();
  }

  // The plan, moved out (the planner is done with it).
  std::vector<Shifts> TakeShifts() { return std::move(f_); }
  int rows_touched() const {
    return static_cast<int>(std::count(touched_.begin(), touched_.end(), 1));
  }
  int band_replans() const { return band_replans_; }
  const std::string& failure() const { return failure_; }

 private:
  int height() const { return rules_.height(); }
  int width() const { return rules_.width(); }
  int F(int y, int l) const { return f_[static_cast<size_t>(y)][static_cast<size_t>(l)]; }
  int Ref(int y, int l) const { return ref_[static_cast<size_t>(y)][static_cast<size_t>(l)]; }

  // Constraints 1, 2 and 4 within row y.
  bool RowValid(int y) const {
    for (int l = 0; l < width(); ++l) {
      if (!rules_.TileOk(y, l, F(y, l))) return false;
      if (l > 0 && !rules_.StepOk(y, l - 1, F(y, l - 1), F(y, l))) return false;
    }
    return true;
  }

  // Logical columns where rows y and y + 1 break constraint 3 or 4.
  int64_t Violations(int y) const {
    if (y < 0 || y + 1 >= height()) return 0;
    int64_t n = 0;
    for (int l = 0; l < width(); ++l) n += !rules_.VerticalOk(y, l, F(y, l), F(y + 1, l));
    return n;
  }

  int64_t Moves(int y) const {
    int64_t n = 0;
    for (int l = 0; l < width(); ++l) n += F(y, l) != Ref(y, l);
    return n;
  }

  bool Dirty(int y) const { return !RowValid(y) || Violations(y - 1) > 0 || Violations(y) > 0; }

  void Push(int y) {
    if (y < 0 || y >= height() || queued_[static_cast<size_t>(y)]) return;
    queued_[static_cast<size_t>(y)] = 1;
    queue_.push_back(y);
  }

  // Violation penalty of logical (l, y) at shift f against row `other`
  // (y - 1 or y + 1) as it stands; 0 outside the wafer.
  int64_t Against(int y, int l, int f, int other) const {
    if (other < 0 || other >= height()) return 0;
    const bool ok = other < y ? rules_.VerticalOk(other, l, F(other, l), f)
                              : rules_.VerticalOk(y, l, f, F(other, l));
    return ok ? 0 : violation_;
  }

  // Re-plans dirty rows until none can improve; false if a row has no
  // placement at all.
  bool Descend() {
    Shifts best;
    while (!queue_.empty() && replans_ < cap_) {
      const int y = queue_.front();
      queue_.pop_front();
      queued_[static_cast<size_t>(y)] = 0;
      if (!Dirty(y)) continue;
      ++replans_;
      touched_[static_cast<size_t>(y)] = 1;
      const int64_t cost = PlanRow(y, best);
      if (cost >= kInf) {
        failure_ = NoPlacement(y);
        return false;
      }
      const int64_t now =
          RowValid(y) ? Moves(y) + violation_ * (Violations(y - 1) + Violations(y)) : kInf;
      if (cost < now) {
        f_[static_cast<size_t>(y)] = best;
        changed_at_[static_cast<size_t>(y)] = ++clock_;
        Push(y - 1);
        Push(y + 1);
      }
    }
    return true;
  }

  // The cheapest placement of row y against its neighbours as they are.
  int64_t PlanRow(int y, Shifts& out) {
    const int w = width(), n = rules_.spares() + 1;
    cost_.assign(static_cast<size_t>(w) * static_cast<size_t>(n), kInf);
    parent_.assign(cost_.size(), -1);
    auto at = [n](int l, int f) {
      return static_cast<size_t>(l) * static_cast<size_t>(n) + static_cast<size_t>(f);
    };
    for (int l = 0; l < w; ++l) {
      for (int f = 0; f < n; ++f) {
        if (!rules_.TileOk(y, l, f)) continue;
        int64_t best = l == 0 ? 0 : kInf;
        for (int g = std::max(0, f - kSkipReach); l > 0 && g <= f; ++g) {
          if (cost_[at(l - 1, g)] < best && rules_.StepOk(y, l - 1, g, f)) {
            best = cost_[at(l - 1, g)];
            parent_[at(l, f)] = g;
          }
        }
        if (best >= kInf) continue;
        cost_[at(l, f)] =
            best + (f != Ref(y, l)) + Against(y, l, f, y - 1) + Against(y, l, f, y + 1);
      }
    }
    int end = -1;
    for (int f = 0; f < n; ++f) {
      if (cost_[at(w - 1, f)] < kInf && (end < 0 || cost_[at(w - 1, f)] < cost_[at(w - 1, end)]))
        end = f;
    }
    if (end < 0) return kInf;
    out.resize(static_cast<size_t>(w));
    for (int l = w - 1, f = end; l >= 0; f = parent_[at(l, f)], --l)
      out[static_cast<size_t>(l)] = f;
    return cost_[at(w - 1, end)];
  }

  // Band re-plans of growing height and span around each conflict; true
  // once one lowers the objective.
  bool Escalate(const std::vector<Conflict>& conflicts) {
    for (int k = 2; k <= std::min(max_band_rows_, height()); ++k) {
      // Sizes are checked before anything is built. A taller band costs more
      // at every span: once the narrowest is over budget, so is every band
      // left to try.
      if (!EstimateBand(k, rules_.spares(), std::min(width(), 2 * kSpans[0] + 1)).Affordable()) {
        break;
      }
      for (const int half : kSpans) {
        const int span = std::min(width(), 2 * half + 1);
        const BandSize size = EstimateBand(k, rules_.spares(), span);
        if (!size.Affordable()) break;
        for (const Conflict& c : conflicts) {
          const int lo = std::max(0, std::min(c.l - half, width() - span));
          for (int a = std::max(0, c.y + 2 - k); a <= std::min(c.y, height() - k); ++a) {
            if (replans_ >= cap_ || band_work_ > kPlanBandWork) return false;
            // A band that found nothing stays fruitless until it or a row
            // next to it changes.
            const std::tuple<int, int, int, int> key{a, k, lo, span};
            const auto tried = tried_.find(key);
            uint64_t last_change = 0;
            for (int y = std::max(0, a - 1); y <= std::min(height() - 1, a + k); ++y) {
              last_change = std::max(last_change, changed_at_[static_cast<size_t>(y)]);
            }
            if (tried != tried_.end() && tried->second >= last_change) continue;
            band_work_ += size.work;
            if (PlanBand(a, k, lo, lo + span - 1)) return true;
            tried_[key] = clock_;
          }
        }
        if (span == width()) break;  // a wider span would be the same band
      }
    }
    return false;
  }

  const BandSpace& Space(int k) {
    auto it = spaces_.find(k);
    if (it == spaces_.end()) {
      // Cached spaces of a few heights stay below 2 * kBandBytes: start the
      // cache again rather than grow past it.
      if (space_bytes_ + EstimateBand(k, rules_.spares(), 1).bytes > 2 * kBandBytes) {
        spaces_.clear();
        space_bytes_ = 0;
      }
      it = spaces_.emplace(k, BandSpace(k, rules_.spares())).first;
      space_bytes_ += it->second.bytes();
      band_work_ += int64_t{it->second.size()} * static_cast<int64_t>(std::pow(kSkipReach + 1, k));
    }
    return it->second;
  }

  // Jointly re-plans logical columns lo .. hi of rows a .. a + k - 1, the
  // columns either side and rows a - 1 and a + k staying as they are; true if
  // that lowered the objective (and the plan was taken).
  bool PlanBand(int a, int k, int lo, int hi) {
    ++replans_;
    ++band_replans_;
    const BandSpace& space = Space(k);
    const int n = space.size();
    // The band's current shifts at column l, as a state (-1: not one).
    auto current = [&](int l) {
      std::vector<int> v(static_cast<size_t>(k));
      for (int i = 0; i < k; ++i) v[static_cast<size_t>(i)] = F(a + i, l);
      return space.Find(v.data());
    };
    const int west = lo > 0 ? current(lo - 1) : -1, east = hi < width() - 1 ? current(hi + 1) : -1;
    if ((lo > 0 && west < 0) || (hi < width() - 1 && east < 0)) return false;
    int64_t before = 0;
    for (int l = lo; l <= hi; ++l) {
      for (int i = 0; i < k; ++i) {
        touched_[static_cast<size_t>(a + i)] = 1;
        before += F(a + i, l) != Ref(a + i, l);
      }
      for (int y = a - 1; y < a + k; ++y) {
        if (y >= 0 && y + 1 < height() && !rules_.VerticalOk(y, l, F(y, l), F(y + 1, l))) {
          before += violation_;
        }
      }
    }

    const auto cells = static_cast<size_t>(n);
    std::vector<int64_t> node(cells), cur(cells, kInf), next(cells);
    parent_.assign(static_cast<size_t>(hi - lo + 1) * cells, -1);
    auto parent = [&](int l, int t) -> int& {
      return parent_[static_cast<size_t>(l - lo) * cells + static_cast<size_t>(t)];
    };
    // Column lo - 1 (fixed) or nothing before column 0.
    if (lo > 0) cur[static_cast<size_t>(west)] = 0;
    for (int l = lo; l <= hi; ++l) {
      for (int s = 0; s < n; ++s) node[static_cast<size_t>(s)] = NodeCost(a, l, space.Val(s), k);
      if (l == 0) {
        cur = node;
        continue;
      }
      std::fill(next.begin(), next.end(), kInf);
      for (int s = 0; s < n; ++s) {
        if (cur[static_cast<size_t>(s)] >= kInf) continue;
        for (const int t : space.Successors(s)) {
          const int64_t c = cur[static_cast<size_t>(s)] + node[static_cast<size_t>(t)];
          if (node[static_cast<size_t>(t)] >= kInf || c >= next[static_cast<size_t>(t)]) continue;
          if (!StepsOk(a, l - 1, space.Val(s), space.Val(t), k)) continue;
          next[static_cast<size_t>(t)] = c;
          parent(l, t) = s;
        }
      }
      std::swap(cur, next);
    }
    // Into column hi + 1 (fixed) or the east end.
    int end = -1;
    for (int s = 0; s < n; ++s) {
      if (cur[static_cast<size_t>(s)] >= kInf ||
          (end >= 0 && cur[static_cast<size_t>(s)] >= cur[static_cast<size_t>(end)])) {
        continue;
      }
      if (east >= 0) {
        const auto succ = space.Successors(s);
        if (std::find(succ.begin(), succ.end(), east) == succ.end() ||
            !StepsOk(a, hi, space.Val(s), space.Val(east), k)) {
          continue;
        }
      }
      end = s;
    }
    if (end < 0 || cur[static_cast<size_t>(end)] >= before) return false;
    for (int l = hi, s = end; l >= lo; s = parent(l, s), --l) {
      for (int i = 0; i < k; ++i)
        f_[static_cast<size_t>(a + i)][static_cast<size_t>(l)] = space.Val(s)[i];
    }
    for (int i = 0; i < k; ++i) changed_at_[static_cast<size_t>(a + i)] = ++clock_;
    for (int i = -1; i <= k; ++i) Push(a + i);
    return true;
  }

  // Cost of logical column l of band rows a .. a + k - 1 at shifts v; kInf
  // if a row's hard constraints forbid it.
  int64_t NodeCost(int a, int l, const int* v, int k) const {
    int64_t c = Against(a, l, v[0], a - 1) + Against(a + k - 1, l, v[k - 1], a + k);
    for (int i = 0; i < k; ++i) {
      if (!rules_.TileOk(a + i, l, v[i])) return kInf;
      c += v[i] != Ref(a + i, l);
      if (i + 1 < k && !rules_.VerticalOk(a + i, l, v[i], v[i + 1])) c += violation_;
    }
    return c;
  }

  // The horizontal steps of every band row from column l to l + 1.
  bool StepsOk(int a, int l, const int* v, const int* u, int k) const {
    for (int i = 0; i < k; ++i) {
      if (!rules_.StepOk(a + i, l, v[i], u[i])) return false;
    }
    return true;
  }

  const ShiftRules& rules_;
  std::vector<Shifts> f_, ref_;
  const int max_band_rows_;
  const int64_t violation_;  // outweighs moving every tile of the wafer
  const int cap_;
  int replans_ = 0, band_replans_ = 0;
  int64_t band_work_ = 0;             // estimated steps of the band re-plans so far
  uint64_t clock_ = 0;                // counts placement changes
  std::vector<uint64_t> changed_at_;  // per row: clock_ at its last change
  // Fruitless bands (a, k, lo, span): clock_ when tried.
  std::map<std::tuple<int, int, int, int>, uint64_t> tried_;
  std::vector<uint8_t> touched_, queued_;
  std::deque<int> queue_;
  std::string failure_;
  std::vector<int64_t> cost_;
  std::vector<int> parent_;
  std::map<int, BandSpace> spaces_;
  int64_t space_bytes_ = 0;  // held by spaces_
};

// The least shifts of every tile that satisfy all constraints but one: a
// straight vertical link may use defective S/N wires. Every other constraint
// is min-closed (the pointwise minimum of two solutions is one: unary dead
// tiles and edge wires, f(l) <= f(l+1) <= f(l) + kSkipReach with f(l+1) > f(l)
// over bad E/W wires, |f_y - f_y+1| <= kDiagReach), so raising lower bounds
// to a fixpoint finds the least solution or proves there is none. Empty
// (and *why set) if there is none: then no placement of this width exists.
std::optional<std::vector<Shifts>> LeastShifts(const ShiftRules& rules, std::string* why) {
  const int w = rules.width(), h = rules.height(), spares = rules.spares();
  std::vector<Shifts> lb(static_cast<size_t>(h), Shifts(static_cast<size_t>(w), -1));
  std::vector<std::pair<int, int>> work;  // (y, l) whose bound constrains a neighbour
  int failed_y = -1, failed_l = -1;
  // Raises the bound of (y, l) to the least allowed shift >= f.
  auto raise = [&](int y, int l, int f) {
    int& bound = lb[static_cast<size_t>(y)][static_cast<size_t>(l)];
    if (f <= bound) return true;
    while (f <= spares && !rules.TileOk(y, l, f)) ++f;
    if (f > spares) {
      failed_y = y;
      failed_l = l;
      return false;
    }
    bound = f;
    work.emplace_back(y, l);
    return true;
  };
  auto bad_east = [&](int y, int l, int f) { return l + 1 < w && !rules.StepOk(y, l, f, f); };
  // Drains the work list; vertical = false keeps to the row.
  auto propagate = [&](bool vertical) {
    while (!work.empty()) {
      const auto [y, l] = work.back();
      work.pop_back();
      const int f = lb[static_cast<size_t>(y)][static_cast<size_t>(l)];
      if ((l + 1 < w && !raise(y, l + 1, f + (bad_east(y, l, f) ? 1 : 0))) ||
          (l > 0 && !raise(y, l - 1, f - kSkipReach))) {
        return false;
      }
      if (vertical && ((y > 0 && !raise(y - 1, l, f - kDiagReach)) ||
                       (y + 1 < h && !raise(y + 1, l, f - kDiagReach)))) {
        return false;
      }
    }
    return true;
  };
  // Each row alone first, so a row without any placement is named as such.
  // A bound of 0 without a bad east wire constrains no neighbour: only the
  // others start the propagation (a few per defect and per row end).
  for (int y = 0; y < h; ++y) {
    for (int l = 0; l < w; ++l) {
      if (!raise(y, l, 0)) break;
      if (lb[static_cast<size_t>(y)][static_cast<size_t>(l)] == 0 && !bad_east(y, l, 0))
        work.pop_back();
    }
    if (failed_y >= 0 || !propagate(false)) {
      *why = NoPlacement(y);
      return std::nullopt;
    }
  }
  for (int y = 0; y < h; ++y) {
    for (int l = 0; l < w; ++l) {
      if (lb[static_cast<size_t>(y)][static_cast<size_t>(l)] > kDiagReach) work.emplace_back(y, l);
    }
  }
  if (!propagate(true)) {
    *why = "the rows cannot line up: logical (" + std::to_string(failed_l) + "," +
           std::to_string(failed_y) + ") runs out of unused tiles (even if straight vertical " +
           "links could use defective wires)";
    return std::nullopt;
  }
  return lb;
}

// The shifts of `repair`'s rows; throws std::invalid_argument when a column
// lies outside what `rules` allows (a malformed `previous`).
std::vector<Shifts> ShiftsOf(const Repair& repair, const ShiftRules& rules) {
  const auto h = static_cast<size_t>(rules.height()), w = static_cast<size_t>(rules.width());
  if (repair.cols.size() != h) {
    throw std::invalid_argument("Remap: previous repair has " + std::to_string(repair.cols.size()) +
                                " rows, not " + std::to_string(h));
  }
  std::vector<Shifts> out(h, Shifts(w));
  for (size_t y = 0; y < h; ++y) {
    if (repair.cols[y].size() != w) {
      throw std::invalid_argument("Remap: previous repair: rows[" + std::to_string(y) + "] has " +
                                  std::to_string(repair.cols[y].size()) + " columns, not " +
                                  std::to_string(w));
    }
    for (size_t l = 0; l < w; ++l) {
      out[y][l] = repair.cols[y][l] - static_cast<int>(l);
      if (out[y][l] < 0 || out[y][l] > rules.spares()) {
        throw std::invalid_argument("Remap: previous repair: rows[" + std::to_string(y) + "][" +
                                    std::to_string(l) + "] = " + std::to_string(repair.cols[y][l]) +
                                    " cannot hold logical column " + std::to_string(l));
      }
    }
  }
  return out;
}

std::string Dims(int w, int h) { return std::to_string(w) + "x" + std::to_string(h); }

}  // namespace

RemapResult Remap(const DefectMap& defects, const RemapOptions& options, const Repair* previous) {
  const WaferFaults faults(defects);
  const int pw = faults.width(), ph = faults.height();
  if (options.spares < 0 || options.spares >= pw) {
    throw std::invalid_argument("Remap: " + std::to_string(options.spares) +
                                " spares per row on a " + std::to_string(pw) +
                                "-column wafer leave no logical grid");
  }
  const Repair identity = IdentityRepair(pw, ph, options.spares);  // throws if out of reach
  const int full = identity.width;
  // REPAIR1 holds logical x and y in 10 bits. Rows are never remapped and
  // every width tried is at most the full one, so these two decide whether
  // any repair of this wafer could be set up.
  constexpr auto kLimit = static_cast<int>(repair_reg::kLogicalCoordLimit);
  if (ph > kLimit) {
    throw std::invalid_argument("Remap: logical grid " + std::to_string(ph) +
                                " tall (the physical height): REPAIR1 holds logical y in 10 " +
                                "bits (at most " + std::to_string(kLimit) + " rows)");
  }
  if (full > kLimit) {
    throw std::invalid_argument(
        "Remap: logical grid " + std::to_string(full) + " wide (" + std::to_string(pw) +
        " columns - " + std::to_string(options.spares) + " spares): REPAIR1 holds logical x in " +
        "10 bits (at most " + std::to_string(kLimit) + " columns); provision at least " +
        std::to_string(pw - kLimit) + " spares per row");
  }
  const bool same_shape =
      previous != nullptr && previous->phys_width == pw && previous->phys_height == ph;
  if (same_shape) {
    bool fits = previous->cols.size() == static_cast<size_t>(ph);
    for (size_t y = 0; fits && y < previous->cols.size(); ++y) {
      fits = previous->cols[y].size() == static_cast<size_t>(previous->width);
    }
    if (!fits) {
      throw std::invalid_argument("Remap: previous repair: rows do not match its " +
                                  Dims(previous->width, previous->height) + " logical grid");
    }
  }
  const Repair& baseline = same_shape ? *previous : identity;

  RemapResult result;
  std::string full_failure;
  for (int w = full; w >= (options.allow_degraded ? 1 : full); --w) {
    // A row of w tiles has w + 1 gaps to hold its unused tiles: no narrower
    // width can do better.
    if (pw - w > kSkipReach * (w + 1)) break;
    const ShiftRules rules(faults, w);
    std::optional<Repair> narrower;
    const Repair& start = same_shape && previous->width == w ? *previous
                          : w == full                        ? identity
                                      : narrower.emplace(IdentityRepair(pw, ph, pw - w));
    // The relaxation proves most infeasible widths so in a few milliseconds,
    // before a plan spends its budget on them.
    std::string why;
    const std::optional<std::vector<Shifts>> least = LeastShifts(rules, &why);
    Planner planner(rules, ShiftsOf(start, rules), options.max_band_rows);
    // Stuck in a local minimum: start again from the least placement.
    const bool planned = least && (planner.Run() || planner.Restart(*least));
    if (!planned) {
      if (w == full) full_failure = least ? planner.failure() : why;
      continue;
    }
    Repair r = repair_detail::FromShifts(rules, full, planner.TakeShifts());
    result.full = w == full;
    result.rows_touched = planner.rows_touched();
    result.band_replans = planner.band_replans();
    for (int y = 0; y < ph; ++y) {
      for (int l = 0; l < w; ++l) {
        result.tiles_moved += l >= baseline.width || baseline.PhysX(l, y) != r.PhysX(l, y);
      }
    }
    const std::string effort = "; " + std::to_string(result.rows_touched) + " rows re-planned (" +
                               std::to_string(result.band_replans) + " band re-plans), " +
                               std::to_string(result.tiles_moved) + " tiles moved";
    result.summary = result.full
                         ? "full: logical " + Dims(w, ph) + " on physical " + Dims(pw, ph) + effort
                         : "degraded: logical " + Dims(w, ph) + " of full " + Dims(full, ph) +
                               " (at full width " + full_failure + ")" + effort;
    result.repair = std::move(r);
    return result;
  }
  result.summary =
      "no repair: at full width " + Dims(full, ph) + " " +
      (full_failure.empty() ? "the spares cannot span a row" : full_failure) +
      (options.allow_degraded ? "; no narrower width works either" : " (degrading not allowed)");
  return result;
}

}  // namespace wse::fw
