#include "firmware/burnin/kernels.h"

#include <algorithm>

#include "firmware/apply/apply_repair.h"
#include "firmware/cfg_regs.h"

// The workloads' colors and argument layout: a C header the PE programs and
// their drivers share (the programs are part of the product, built from
// tb/programs/workloads).
extern "C" {
#include "tb/programs/workloads/workloads.h"
}

namespace wse::fw {

uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

namespace {

constexpr uint32_t kN = 1u << 0, kE = 1u << 1, kS = 1u << 2, kW = 1u << 3, kRamp = 1u << 4;
constexpr uint32_t kPeExited = 1u << 1, kPeTrapped = 1u << 3;

// splitmix64: the firmware's own operand generator, the same on every platform.
class Draw {
 public:
  explicit Draw(uint64_t seed) : s_(seed) {}
  uint64_t Next() { return Mix64(s_ += 0x9e3779b97f4a7c15ULL); }
  int Uniform(int lo, int hi) {
    return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }

 private:
  uint64_t s_;
};


}  // namespace

std::vector<uint32_t> Pack16(const std::vector<int16_t>& v) {
  std::vector<uint32_t> out((v.size() + 1) / 2, 0);
  for (size_t i = 0; i < v.size(); ++i)
    out[i / 2] |= static_cast<uint32_t>(static_cast<uint16_t>(v[i])) << (16 * (i % 2));
  return out;
}

const char* KernelName(Kernel k) {
  switch (k) {
    case Kernel::kGemv:
      return "gemv";
    case Kernel::kStencil:
      return "stencil";
    case Kernel::kAllreduce:
      return "allreduce";
    case Kernel::kTraffic:
      return "traffic";
  }
  return "?";
}

bool IsGuarded(uint8_t addr, int num_colors) {
  if (addr >= reg::kRouteBase && addr < reg::kRouteBase + num_colors) return true;
  if (addr >= reg::kRepairBase && addr < reg::kRepairBase + 4) return true;
  return addr == reg::kCtrl || addr == reg::kTohostAddr || addr == reg::kLinkTest ||
         addr == reg::kWdtLimit || addr == reg::kRouterTest;
}

void RegShadow::Set(int x, int y, uint8_t addr, uint32_t value) {
  const uint64_t key = static_cast<uint64_t>(y) << 40 | static_cast<uint64_t>(x) << 8 | addr;
  auto it = std::lower_bound(regs_.begin(), regs_.end(), std::make_pair(key, 0u),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
  if (it != regs_.end() && it->first == key)
    it->second = value;
  else
    regs_.insert(it, {key, value});
}

void RegShadow::SetAll(int width, int height, uint8_t addr, uint32_t value) {
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) Set(x, y, addr, value);
}

std::vector<std::pair<uint8_t, uint32_t>> RegShadow::Of(int x, int y) const {
  const uint64_t lo = static_cast<uint64_t>(y) << 40 | static_cast<uint64_t>(x) << 8;
  std::vector<std::pair<uint8_t, uint32_t>> out;
  auto it = std::lower_bound(regs_.begin(), regs_.end(), std::make_pair(lo, 0u),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
  for (; it != regs_.end() && it->first < lo + 256; ++it)
    out.emplace_back(static_cast<uint8_t>(it->first & 0xff), it->second);
  return out;
}

std::vector<int32_t> GemvRef(const std::vector<int16_t>& a, const std::vector<int16_t>& x, int rows,
                             int cols) {
  std::vector<int32_t> y(static_cast<size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    uint32_t acc = 0;  // the PE wraps modulo 2^32
    for (int k = 0; k < cols; ++k)
      acc += static_cast<uint32_t>(int32_t{a[static_cast<size_t>(i) * cols + k]} *
                                   int32_t{x[static_cast<size_t>(k)]});
    y[static_cast<size_t>(i)] = static_cast<int32_t>(acc);
  }
  return y;
}

std::vector<int32_t> StencilRef(std::vector<int32_t> u, int rows, int cols, int iters) {
  std::vector<int32_t> next(u.size());
  for (int t = 0; t < iters; ++t) {
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < cols; ++j) {
        uint32_t s = 4u * static_cast<uint32_t>(u[static_cast<size_t>(i) * cols + j]);
        if (i > 0) s += static_cast<uint32_t>(u[static_cast<size_t>(i - 1) * cols + j]);
        if (i < rows - 1) s += static_cast<uint32_t>(u[static_cast<size_t>(i + 1) * cols + j]);
        if (j > 0) s += static_cast<uint32_t>(u[static_cast<size_t>(i) * cols + j - 1]);
        if (j < cols - 1) s += static_cast<uint32_t>(u[static_cast<size_t>(i) * cols + j + 1]);
        next[static_cast<size_t>(i) * cols + j] = static_cast<int32_t>(s) >> 3;
      }
    u.swap(next);
  }
  return u;
}

KernelRunner::KernelRunner(WaferPort& port, TapMaster& tap, const Repair& repair,
                           const KernelPrograms& programs, const KernelLimits& limits,
                           RegShadow& shadow, int num_colors)
    : port_(port),
      tap_(tap),
      repair_(repair),
      programs_(programs),
      limits_(limits),
      shadow_(shadow),
      num_colors_(num_colors) {}

void KernelRunner::Write(std::vector<TapOp>* ops, int lx, int ly, uint8_t addr, uint32_t data) {
  const auto [x, y] = Phys(lx, ly);
  ops->push_back(tap_.Access(x, y, addr, true, data));
  if (IsGuarded(addr, num_colors_)) shadow_.Set(x, y, addr, data);
}

void KernelRunner::Route(std::vector<TapOp>* ops, int lx, int ly, int color, uint32_t rx,
                         uint32_t tx) {
  Write(ops, lx, ly, static_cast<uint8_t>(reg::kRouteBase + color), (rx & 0x1f) << 5 | (tx & 0x1f));
}

void KernelRunner::Load(const PeProgram& p, std::vector<TapOp>* ops) {
  // One broadcast pass per tree; the spares get the program too, but their
  // PEs are halted (CTRL.pe_halt) and never started.
  auto put = [&](uint8_t addr, uint32_t data) {
    for (const TapOp& op : tap_.Broadcast(addr, data)) ops->push_back(op);
  };
  put(reg::kPeCtrl, 0);
  for (const auto& seg : p.segments) {
    put(reg::kMemAddr, seg.addr);
    for (uint32_t w : seg.words) put(reg::kMemData, w);
  }
  put(reg::kTohostAddr, p.tohost);
  shadow_.SetAll(repair_.phys_width, repair_.phys_height, reg::kTohostAddr, p.tohost);
}

void KernelRunner::WriteWords(std::vector<TapOp>* ops, int lx, int ly, uint32_t addr,
                              const std::vector<uint32_t>& words) {
  Write(ops, lx, ly, reg::kMemAddr, addr);
  for (uint32_t w : words) Write(ops, lx, ly, reg::kMemData, w);
}

void KernelRunner::Stop() { tap_.Run(tap_.Broadcast(reg::kPeCtrl, 0)); }

KernelRunner::Launch KernelRunner::Start() {
  Launch l;
  const auto tiles = GridTiles(repair_);
  std::vector<TapOp> ops;
  for (auto [x, y] : tiles) {
    ops.push_back(tap_.Access(x, y, reg::kWdtLimit, true, limits_.watchdog_cycles));
    shadow_.Set(x, y, reg::kWdtLimit, limits_.watchdog_cycles);
    ops.push_back(tap_.Access(x, y, reg::kWdtStatus, true, 0));
  }
  for (auto [x, y] : tiles) ops.push_back(tap_.Access(x, y, reg::kPeCtrl, true, 1));
  tap_.Run(ops);
  const uint64_t t0 = port_.cycle();
  std::vector<bool> done(tiles.size(), false);
  size_t remaining = tiles.size();
  while (true) {
    std::vector<std::pair<int, int>> pending;
    std::vector<size_t> which;
    for (size_t i = 0; i < tiles.size(); ++i)
      if (!done[i]) pending.push_back(tiles[i]), which.push_back(i);
    const auto st = tap_.ReadAll(pending, reg::kPeStatus);
    const auto wdt = tap_.ReadAll(pending, reg::kWdtStatus);
    std::vector<std::pair<int, int>> fired, silent;
    for (size_t k = 0; k < pending.size(); ++k) {
      if (!st[k].answered || !wdt[k].answered) {
        silent.push_back(pending[k]);
        continue;
      }
      if (st[k].data & kPeTrapped) {
        l.ok = false;
        l.symptom = "trap";
        l.suspects.push_back(pending[k]);
        l.evidence.Set("trap_cause", util::Json(static_cast<int64_t>(st[k].data >> 8 & 0xff)));
        l.evidence.Set("tile", util::Json(TileText(pending[k].first, pending[k].second)));
      } else if (st[k].data & kPeExited) {
        done[which[k]] = true;
        --remaining;
      } else if (wdt[k].data & 1) {
        fired.push_back(pending[k]);
      }
    }
    if (!l.ok) break;
    if (!silent.empty()) {
      l.ok = false;
      l.symptom = "no_answer";
      l.suspects = silent;
      break;
    }
    if (remaining == 0) break;
    const uint64_t waited = port_.cycle() - t0;
    if (!fired.empty() || waited >= limits_.max_kernel_cycles) {
      // Blocked PEs: the watchdog saw no instruction retire for its limit
      // (a PE waiting on data that never comes, or a dead one), or the
      // whole kernel ran past its bound.
      l.ok = false;
      l.symptom = fired.empty() ? "stall" : "watchdog";
      l.suspects = fired.empty() ? pending : fired;
      l.evidence.Set("waited_cycles", util::Json(static_cast<int64_t>(waited)));
      l.evidence.Set("not_exited", util::Json(static_cast<int64_t>(remaining)));
      break;
    }
    port_.Idle(limits_.poll_cycles);
  }
  Stop();
  return l;
}

bool KernelRunner::ReadWords(uint32_t addr, size_t n, std::vector<std::vector<uint32_t>>* out,
                             std::vector<std::pair<int, int>>* silent) {
  const auto tiles = GridTiles(repair_);
  out->assign(tiles.size(), {});
  std::vector<TapOp> set;
  for (auto [x, y] : tiles) set.push_back(tap_.Access(x, y, reg::kMemAddr, true, addr));
  tap_.Run(set);
  std::vector<bool> dead(tiles.size(), false);
  // One read per tile per batch; a busy answer (the synchronous SRAM read
  // was not ready) is retried, a bounded number of times.
  for (int tries = 0; tries < static_cast<int>(4 * n + 8); ++tries) {
    std::vector<TapOp> ops;
    std::vector<size_t> who;
    for (size_t i = 0; i < tiles.size(); ++i)
      if (!dead[i] && (*out)[i].size() < n)
        ops.push_back(tap_.Access(tiles[i].first, tiles[i].second, reg::kMemData, false)),
            who.push_back(i);
    if (ops.empty()) break;
    const auto res = tap_.Run(ops);
    for (size_t k = 0; k < res.size(); ++k) {
      if (!res[k].answered || (res[k].status != 0 && res[k].status != 3))
        dead[who[k]] = true;
      else if (res[k].status == 0)
        (*out)[who[k]].push_back(res[k].data);
    }
  }
  for (size_t i = 0; i < tiles.size(); ++i)
    if (dead[i] || (*out)[i].size() < n) silent->push_back(tiles[i]);
  return silent->empty();
}

KernelOutcome KernelRunner::Run(Kernel k, uint64_t seed) {
  const uint64_t t0 = port_.cycle();
  KernelOutcome o;
  switch (k) {
    case Kernel::kGemv:
      o = Gemv(seed);
      break;
    case Kernel::kStencil:
      o = Stencil(seed);
      break;
    case Kernel::kAllreduce:
      o = Allreduce(seed);
      break;
    case Kernel::kTraffic:
      o = Traffic();
      break;
  }
  o.data.kernel = k;
  o.data.width = repair_.width;
  o.data.height = repair_.height;
  o.cycles = port_.cycle() - t0;
  return o;
}

// ---------------------------------------------------------------------------
KernelOutcome KernelRunner::Gemv(uint64_t seed) {
  const int W = repair_.width, H = repair_.height, m = limits_.gemv_m, n = limits_.gemv_n;
  const int rows = H * m, cols = W * n;
  KernelOutcome o;
  Draw d(seed);
  o.data.m = m;
  o.data.n = n;
  o.data.a.resize(static_cast<size_t>(rows) * cols);
  for (auto& v : o.data.a)
    v = d.Uniform(0, 4) == 0 ? 0 : static_cast<int16_t>(d.Uniform(-300, 300));
  o.data.x.resize(static_cast<size_t>(cols));
  for (auto& v : o.data.x) v = static_cast<int16_t>(d.Uniform(-300, 300));
  const PeProgram& p = programs_.gemv;

  std::vector<TapOp> ops;
  Load(p, &ops);
  for (int r = 0; r < H; ++r)
    for (int c = 0; c < W; ++c) {
      Route(&ops, c, r, GEMV_X, kN, kRamp | (r < H - 1 ? kS : 0));
      Route(&ops, c, r, GEMV_P(c), kRamp, kE);
      if (c > 0) Route(&ops, c, r, GEMV_P(c - 1), kW, kRamp);
      WriteWords(&ops, c, r, p.Symbol("args"),
                 {static_cast<uint32_t>(W), static_cast<uint32_t>(H), static_cast<uint32_t>(m),
                  static_cast<uint32_t>(n), 0, 0, 0, 0});
      std::vector<int16_t> block(static_cast<size_t>(m) * n);  // column-major
      for (int k = 0; k < n; ++k)
        for (int i = 0; i < m; ++i)
          block[static_cast<size_t>(k) * m + i] =
              o.data.a[static_cast<size_t>(r * m + i) * cols + c * n + k];
      WriteWords(&ops, c, r, p.Symbol("A"), Pack16(block));
    }
  tap_.Run(ops);
  // x enters each logical column at the physical north port above it; y
  // leaves each row at the east port its last tile reaches.
  port_.EdgeEnable(true);
  for (int c = 0; c < W; ++c)
    for (int k = 0; k < n; ++k)
      port_.EdgeSend(
          {EdgeSide::kN, repair_.PhysX(c, 0), 0},
          {static_cast<uint32_t>(static_cast<int32_t>(o.data.x[static_cast<size_t>(c * n + k)])),
           static_cast<uint8_t>(GEMV_X), false});
  Launch l = Start();
  const std::vector<int32_t> want = GemvRef(o.data.a, o.data.x, rows, cols);
  o.data.out.assign(static_cast<size_t>(rows), 0);
  int wrong = 0, missing = 0;
  std::vector<bool> row_bad(static_cast<size_t>(H), false);
  for (int r = 0; r < H; ++r) {
    const EdgePort ep{EdgeSide::kE, r, repair_.phys_width - 1 - repair_.PhysX(W - 1, r)};
    int got = 0;
    EdgeWavelet w;
    // Words still in flight after the PEs exited arrive within a few hops.
    for (uint64_t waited = 0; got < m && waited < 4096;) {
      if (port_.EdgeReceive(ep, &w)) {
        const int i = r * m + got++;
        o.data.out[static_cast<size_t>(i)] = static_cast<int32_t>(w.data);
        if (w.color != GEMV_P(W - 1) ||
            static_cast<int32_t>(w.data) != want[static_cast<size_t>(i)]) {
          if (wrong++ < 4)
            o.evidence.Set("y" + std::to_string(i),
                           util::Json("got " + std::to_string(static_cast<int32_t>(w.data)) +
                                      " color " + std::to_string(w.color) + ", reference " +
                                      std::to_string(want[static_cast<size_t>(i)])));
          row_bad[static_cast<size_t>(r)] = true;
        }
      } else {
        port_.Idle(16);
        waited += 16;
      }
    }
    if (got < m) missing += m - got, row_bad[static_cast<size_t>(r)] = true;
    while (port_.EdgeReceive(ep, &w))
      ++wrong, row_bad[static_cast<size_t>(r)] = true;  // extra words
  }
  port_.EdgeEnable(false);
  if (!l.ok) return l.Outcome(std::move(o));
  if (wrong || missing) {
    o.symptom = "wrong_result";
    for (int r = 0; r < H; ++r)
      if (row_bad[static_cast<size_t>(r)])
        for (int c = 0; c < W; ++c) o.suspects.push_back(Phys(c, r));
    o.evidence.Set("wrong", util::Json(static_cast<int64_t>(wrong)));
    o.evidence.Set("missing", util::Json(static_cast<int64_t>(missing)));
    return o;
  }
  o.ok = true;
  return o;
}

// ---------------------------------------------------------------------------
KernelOutcome KernelRunner::Stencil(uint64_t seed) {
  const int W = repair_.width, H = repair_.height;
  const int bh = limits_.stencil_bh, bw = limits_.stencil_bw, iters = limits_.stencil_iters;
  const int rows = H * bh, cols = W * bw;
  KernelOutcome o;
  Draw d(seed);
  o.data.m = bh;
  o.data.n = bw;
  o.data.iters = iters;
  o.data.grid.resize(static_cast<size_t>(rows) * cols);
  for (auto& v : o.data.grid) v = d.Uniform(-100000, 100000);
  const PeProgram& p = programs_.stencil;
  std::vector<TapOp> ops;
  Load(p, &ops);
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      if (y > 0) Route(&ops, x, y, ST_UP(y), kRamp, kN);
      if (y < H - 1) Route(&ops, x, y, ST_UP(y + 1), kS, kRamp);
      if (y < H - 1) Route(&ops, x, y, ST_DN(y), kRamp, kS);
      if (y > 0) Route(&ops, x, y, ST_DN(y - 1), kN, kRamp);
      if (x > 0) Route(&ops, x, y, ST_LF(x), kRamp, kW);
      if (x < W - 1) Route(&ops, x, y, ST_LF(x + 1), kE, kRamp);
      if (x < W - 1) Route(&ops, x, y, ST_RT(x), kRamp, kE);
      if (x > 0) Route(&ops, x, y, ST_RT(x - 1), kW, kRamp);
      WriteWords(&ops, x, y, p.Symbol("args"),
                 {static_cast<uint32_t>(W), static_cast<uint32_t>(H), static_cast<uint32_t>(bh),
                  static_cast<uint32_t>(bw), static_cast<uint32_t>(iters), 0, 0, 0});
      std::vector<uint32_t> block;
      for (int i = 0; i < bh; ++i)
        for (int j = 0; j < bw; ++j)
          block.push_back(static_cast<uint32_t>(
              o.data.grid[static_cast<size_t>(y * bh + i) * cols + x * bw + j]));
      WriteWords(&ops, x, y, p.Symbol("grid"), block);
    }
  tap_.Run(ops);
  Launch l = Start();
  if (!l.ok) return l.Outcome(std::move(o));
  std::vector<std::vector<uint32_t>> blocks;
  std::vector<std::pair<int, int>> silent;
  if (!ReadWords(p.Symbol("grid"), static_cast<size_t>(bh * bw), &blocks, &silent)) {
    o.symptom = "no_answer";
    o.suspects = silent;
    return o;
  }
  const std::vector<int32_t> want = StencilRef(o.data.grid, rows, cols, iters);
  o.data.out.assign(want.size(), 0);
  int wrong = 0;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      bool bad = false;
      for (int i = 0; i < bh; ++i)
        for (int j = 0; j < bw; ++j) {
          const size_t gi = static_cast<size_t>(y * bh + i) * cols + x * bw + j;
          o.data.out[gi] = static_cast<int32_t>(
              blocks[static_cast<size_t>(y * W + x)][static_cast<size_t>(i * bw + j)]);
          if (o.data.out[gi] != want[gi]) {
            if (wrong++ < 4)
              o.evidence.Set(
                  "cell" + std::to_string(gi),
                  util::Json("logical " + TileText(x, y) + " got " + std::to_string(o.data.out[gi]) +
                             ", reference " + std::to_string(want[gi])));
            bad = true;
          }
        }
      if (bad) o.suspects.push_back(Phys(x, y));
    }
  if (wrong) {
    o.symptom = "wrong_result";
    o.evidence.Set("wrong", util::Json(static_cast<int64_t>(wrong)));
    return o;
  }
  o.ok = true;
  return o;
}

// ---------------------------------------------------------------------------
KernelOutcome KernelRunner::Allreduce(uint64_t seed) {
  const int W = repair_.width, H = repair_.height, len = limits_.allreduce_len;
  KernelOutcome o;
  Draw d(seed);
  o.data.m = len;
  o.data.vecs.resize(static_cast<size_t>(W * H));
  std::vector<uint32_t> sum(static_cast<size_t>(len), 0);
  for (auto& v : o.data.vecs)
    for (int i = 0; i < len; ++i) {
      v.push_back(static_cast<uint32_t>(d.Next()));
      sum[static_cast<size_t>(i)] += v.back();
    }
  const PeProgram& p = programs_.allreduce;
  std::vector<TapOp> ops;
  Load(p, &ops);
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      if (x > 0) Route(&ops, x, y, AR_ROW(x), kRamp, kW);
      if (x < W - 1) Route(&ops, x, y, AR_ROW(x + 1), kE, kRamp);
      if (x == 0 && y > 0) Route(&ops, x, y, AR_COL(y), kRamp, kN);
      if (x == 0 && y < H - 1) Route(&ops, x, y, AR_COL(y + 1), kS, kRamp);
      const uint32_t east = x < W - 1 ? kE : 0;
      if (x == 0 && y == 0)
        Route(&ops, x, y, AR_B, kRamp, east | (H > 1 ? kS : 0));
      else if (x == 0)
        Route(&ops, x, y, AR_B, kN, kRamp | east | (y < H - 1 ? kS : 0));
      else
        Route(&ops, x, y, AR_B, kW, kRamp | east);
      WriteWords(&ops, x, y, p.Symbol("args"),
                 {static_cast<uint32_t>(W), static_cast<uint32_t>(H), static_cast<uint32_t>(len), 0,
                  0, 0, 0, 0});
      WriteWords(&ops, x, y, p.Symbol("vec"), o.data.vecs[static_cast<size_t>(y * W + x)]);
    }
  tap_.Run(ops);
  Launch l = Start();
  if (!l.ok) return l.Outcome(std::move(o));
  std::vector<std::pair<int, int>> silent;
  if (!ReadWords(p.Symbol("result"), static_cast<size_t>(len), &o.data.outs, &silent)) {
    o.symptom = "no_answer";
    o.suspects = silent;
    return o;
  }
  int wrong_tiles = 0;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x)
      if (o.data.outs[static_cast<size_t>(y * W + x)] != sum) {
        if (wrong_tiles++ < 4)
          o.evidence.Set("tile" + std::to_string(y * W + x),
                         util::Json("logical " + TileText(x, y) + " holds a wrong sum"));
        o.suspects.push_back(Phys(x, y));
      }
  if (wrong_tiles) {
    o.symptom = "wrong_result";
    // Every tile wrong: the total was wrong before the broadcast, so any
    // contributor is a suspect, which they all are already.
    o.evidence.Set("wrong_tiles", util::Json(static_cast<int64_t>(wrong_tiles)));
    return o;
  }
  o.ok = true;
  return o;
}

// ---------------------------------------------------------------------------
KernelOutcome KernelRunner::Traffic() {
  KernelOutcome o;
  const std::vector<LinkTestResult> bad =
      RunRepairedLinkTest(port_, tap_, repair_, limits_.traffic_words);
  shadow_.SetAll(repair_.phys_width, repair_.phys_height, reg::kLinkTest, 0);
  if (bad.empty()) {
    o.ok = true;
    return o;
  }
  o.symptom = "link_test";
  util::Json list = util::Json::Array();
  for (const LinkTestResult& b : bad) {
    o.suspects.emplace_back(b.rx_x, b.rx_y);
    o.suspect_sides.push_back(b.side);
    list.Push(util::Json(b.text));
  }
  o.evidence.Set("links", std::move(list));
  return o;
}

}  // namespace wse::fw
