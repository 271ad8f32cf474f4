#include "firmware/tap/tap_plan.h"

#include <algorithm>
#include <map>

namespace wse::fw {

int OppositeSide(int side) { return (side + 2) % kNumSides; }

bool Neighbour(int w, int h, int x, int y, int side, int* nx, int* ny) {
  static constexpr int kDx[] = {0, 1, 0, -1};
  static constexpr int kDy[] = {-1, 0, 1, 0};
  *nx = x + kDx[side];
  *ny = y + kDy[side];
  return *nx >= 0 && *nx < w && *ny >= 0 && *ny < h;
}

int EntryIndex(int w, int h, int side, int i) {
  switch (side) {
    case kNorth: return i;
    case kEast: return w + i;
    case kSouth: return w + h + i;
    default: return 2 * w + h + i;
  }
}

int EntryCount(int w, int h) { return 2 * (w + h); }

uint64_t ReturnSlots::Reserve(uint64_t now, int depth) {
  for (uint64_t t = now;; ++t) {
    if (issue_.count(t)) continue;
    if (depth > 0 && ret_.count(ReturnCycle(t, depth))) continue;
    issue_.insert(t);
    if (depth > 0) ret_.insert(ReturnCycle(t, depth));
    return t;
  }
}

void ReturnSlots::Retire(uint64_t cycle) {
  issue_.erase(issue_.begin(), issue_.lower_bound(cycle));
  ret_.erase(ret_.begin(), ret_.lower_bound(cycle));
}

TapTree::TapTree(int width, int height)
    : w_(width), h_(height), nodes_(static_cast<size_t>(width) * height) {}

int TapTree::reached() const {
  return static_cast<int>(std::count_if(nodes_.begin(), nodes_.end(), [](const TapNode& n) { return n.reached; }));
}

int TapTree::max_depth() const {
  int d = 0;
  for (const auto& n : nodes_) d = std::max(d, n.depth);
  return d;
}

std::vector<int> TapTree::entries_in_use() const {
  std::set<int> s;
  for (const auto& n : nodes_)
    if (n.reached) s.insert(n.entry);
  return {s.begin(), s.end()};
}

TapOp AccessOp(const TapTree& tree, int x, int y, uint8_t addr, bool write, uint32_t data) {
  const TapNode& n = tree.at(x, y);
  TapOp op;
  op.x = x;
  op.y = y;
  op.entry = n.reached ? n.entry : -1;
  op.depth = n.depth;
  op.write = write;
  op.addr = addr;
  op.data = data;
  return op;
}

std::vector<TapOp> BroadcastOps(const TapTree& tree, uint8_t addr, uint32_t data) {
  std::vector<TapOp> ops;
  for (int e : tree.entries_in_use()) {
    TapOp op;
    op.entry = e;
    op.depth = 0;
    op.write = true;
    op.bcast = true;
    op.addr = addr;
    op.data = data;
    ops.push_back(op);
  }
  return ops;
}

TapDiscovery::TapDiscovery(int width, int height)
    : tree_(width, height),
      tried_(static_cast<size_t>(height), std::vector<unsigned>(static_cast<size_t>(width), 0)),
      stamp_(static_cast<size_t>(width) * height, -1) {}

namespace {
TapOp TapWrite(const TapNode& via, int x, int y, int depth, uint32_t value) {
  TapOp op;
  op.x = x;
  op.y = y;
  op.entry = via.entry;
  op.depth = depth;
  op.write = true;
  op.addr = reg::kTap;
  op.data = value;
  return op;
}
}  // namespace

std::vector<TapOp> TapDiscovery::NextRound() {
  std::vector<TapOp> ops;
  pending_.clear();
  if (done_) return ops;
  const int w = tree_.width(), h = tree_.height();
  // Parents whose children mask lost a failed adoption: rewrite it so they
  // stop listening on that side.
  for (auto [px, py] : fix_) {
    const TapNode& p = tree_.at(px, py);
    ops.push_back(TapWrite(p, px, py, p.depth, TapValue(p.parent, p.children)));
  }
  fix_.clear();

  if (edge_round_) {
    edge_round_ = false;
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        int side = -1, idx = 0;
        if (y == 0) side = kNorth, idx = x;
        else if (y == h - 1) side = kSouth, idx = x;
        else if (x == 0) side = kWest, idx = y;
        else if (x == w - 1) side = kEast, idx = y;
        if (side < 0) continue;
        TapNode via;
        via.entry = EntryIndex(w, h, side, idx);
        pending_.push_back({x, y, -1, -1, side, ops.size()});
        ops.push_back(TapWrite(via, x, y, 1, TapValue(side, 0)));
        tried_[y][x] |= 1u << side;
      }
    }
  } else {
    // One attempt per unreached tile next to a tile reached last round (or
    // whose attempt failed), from its first reached neighbour not tried yet;
    // parents first so they accept their children's responses. Only the
    // frontier is visited, so a round costs its own size, not the wafer's.
    std::map<std::pair<int, int>, bool> parents;
    std::vector<Attempt> attempts;
    std::vector<int> candidates;
    auto consider = [&](int i) {
      if (stamp_[static_cast<size_t>(i)] == rounds_ || tree_.at(i % w, i / w).reached) return;
      stamp_[static_cast<size_t>(i)] = rounds_;
      candidates.push_back(i);
    };
    for (int i : frontier_) {
      for (int s = 0; s < kNumSides; ++s) {
        int nx, ny;
        if (Neighbour(w, h, i % w, i / w, s, &nx, &ny)) consider(ny * w + nx);
      }
    }
    for (int i : retry_) consider(i);
    frontier_.clear();
    retry_.clear();
    std::sort(candidates.begin(), candidates.end());
    for (int i : candidates) {
      const int x = i % w, y = i / w;
      for (int s = 0; s < kNumSides; ++s) {
        int px, py;
        if ((tried_[y][x] >> s & 1u) || !Neighbour(w, h, x, y, s, &px, &py) || !tree_.at(px, py).reached) continue;
        tried_[y][x] |= 1u << s;
        tree_.at(px, py).children |= 1u << OppositeSide(s);
        parents[{py, px}] = true;
        attempts.push_back({x, y, px, py, s, 0});
        break;
      }
    }
    for (const auto& [yx, unused] : parents) {
      const TapNode& p = tree_.at(yx.second, yx.first);
      ops.push_back(TapWrite(p, yx.second, yx.first, p.depth, TapValue(p.parent, p.children)));
    }
    for (Attempt a : attempts) {
      const TapNode& p = tree_.at(a.px, a.py);
      a.op = ops.size();
      ops.push_back(TapWrite(p, a.x, a.y, p.depth + 1, TapValue(a.side, 0)));
      pending_.push_back(a);
    }
  }
  if (ops.empty()) done_ = true;
  else ++rounds_;
  return ops;
}

void TapDiscovery::Report(const std::vector<TapResult>& results) {
  for (const Attempt& a : pending_) {
    const TapResult& r = a.op < results.size() ? results[a.op] : TapResult{};
    TapNode& t = tree_.at(a.x, a.y);
    if (r.answered && r.status == 0) {
      t.reached = true;
      frontier_.push_back(a.y * tree_.width() + a.x);
      t.parent = a.side;
      if (a.px < 0) {
        t.entry = EntryIndex(tree_.width(), tree_.height(), a.side,
                             (a.side == kNorth || a.side == kSouth) ? a.x : a.y);
        t.depth = 1;
      } else {
        t.entry = tree_.at(a.px, a.py).entry;
        t.depth = tree_.at(a.px, a.py).depth + 1;
      }
    } else {
      retry_.push_back(a.y * tree_.width() + a.x);
      if (a.px >= 0) {
        tree_.at(a.px, a.py).children &= ~(1u << OppositeSide(a.side));
        fix_.emplace_back(a.px, a.py);
      }
    }
  }
  pending_.clear();
}

TapTree ModelDiscovery(int width, int height, const std::function<bool(int, int)>& live, int* rounds) {
  TapDiscovery disc(width, height);
  for (;;) {
    const auto ops = disc.NextRound();
    if (ops.empty()) break;
    std::vector<TapResult> res(ops.size());
    for (size_t i = 0; i < ops.size(); ++i) {
      res[i].answered = live(ops[i].x, ops[i].y);
      res[i].status = 0;
    }
    disc.Report(res);
  }
  if (rounds) *rounds = disc.rounds();
  return disc.tree();
}

}  // namespace wse::fw
