// Workloads on the mesh: GEMV with the matrix spread over the tiles and x
// streamed over the fabric, a 2D 5-point stencil with halo exchange, and an
// all-reduce. The PE programs are tb/programs/workloads/*.c; each result is
// checked element by element against a plain C++ reference below, which
// shares nothing with the programs but the problem statement.

#include <cstring>

#include "firmware/burnin/kernels.h"
#include "harness/edge_io.h"
#include "harness/test_registry.h"
#include "tests/pe_env.h"
#include "tests/pe_workloads.h"

extern "C" {
#include "../programs/workloads/workloads.h"
}

namespace wse::tb {

namespace {

constexpr uint32_t kN = 1u << 0, kE = 1u << 1, kS = 1u << 2, kW = 1u << 3, kRamp = 1u << 4;

// Route table writes, collected per tile and sent in one pipelined batch.
struct Routes {
  std::vector<std::tuple<int, int, int, uint32_t>> w;
  void Set(int x, int y, int color, uint32_t rx, uint32_t tx) {
    w.emplace_back(x, y, color, Route{static_cast<uint8_t>(rx), static_cast<uint8_t>(tx)}.Pack());
  }
  Task Apply(CfgHost& cfg) {
    for (auto [x, y, c, r] : w) cfg.Post(x, y, static_cast<uint8_t>(reg::kRouteBase + c), true, r);
    co_await cfg.Drain();
  }
};

// The workload built for the SRAM the image was linked for (its
// __sram_size), or, when the mesh's SRAM is smaller (the fault-injection
// tile), the build for 4 KiB (scripts/build-programs.sh).
PeImage LoadWorkload(const MeshDut& dut, const std::string& name) {
  PeImage img = LoadPeImage(ProgramsDir() + "/workloads/" + name + ".elf");
  if (img.Symbol("__sram_size") > static_cast<uint32_t>(dut.SramWords()) * 4)
    img = LoadPeImage(ProgramsDir() + "/workloads_4k/" + name + ".elf");
  return img;
}

std::vector<uint32_t> ArgsWords(uint32_t w, uint32_t h, uint32_t m, uint32_t n, uint32_t iters) {
  return {w, h, m, n, iters, 0, 0, 0};
}

using fw::Pack16;

}  // namespace

// ---------------------------------------------------------------------------
// GEMV
// ---------------------------------------------------------------------------
Task RunGemv(TestContext& ctx, MeshDut& dut, const GemvCase& g, GemvResult* result) {
  const int W = dut.width(), H = dut.height(), m = g.m, n = g.n;
  const int rows = H * m, cols = W * n;
  PeEnv env(ctx, dut, g.lockstep);
  EdgeIo io(ctx.sim, ctx.log.Child("edge"), dut, ctx.rng.Fork());
  io.Start();
  co_await env.Start();

  // Problem: A with the requested fraction of zeros, x dense.
  std::vector<int16_t> a = g.a, x = g.x;
  if (a.empty()) {
    a.resize(static_cast<size_t>(rows) * cols);
    for (auto& v : a) v = ctx.rng.Chance(g.zero_fraction) ? 0 : static_cast<int16_t>(ctx.rng.Uniform(-300, 300));
  }
  if (x.empty()) {
    x.resize(static_cast<size_t>(cols));
    for (auto& v : x) v = static_cast<int16_t>(ctx.rng.Uniform(-300, 300));
  }
  if (a.size() != static_cast<size_t>(rows) * cols || x.size() != static_cast<size_t>(cols)) {
    throw TestFailure("gemv: A must be " + std::to_string(rows) + "x" + std::to_string(cols) + " and x " +
                      std::to_string(cols) + " long for " + std::to_string(m) + "x" + std::to_string(n) +
                      " blocks on this mesh");
  }
  GemvResult res;
  const std::vector<int32_t> want = GemvReference(a, x, rows, cols);

  Routes routes;
  for (int r = 0; r < H; ++r)
    for (int c = 0; c < W; ++c) {
      routes.Set(c, r, GEMV_X, kN, kRamp | (r < H - 1 ? kS : 0));
      routes.Set(c, r, GEMV_P(c), kRamp, kE);
      if (c > 0) routes.Set(c, r, GEMV_P(c - 1), kW, kRamp);
    }
  co_await routes.Apply(env.cfg());

  const PeImage img = LoadWorkload(dut, "gemv");
  const TileList tiles = env.host().AllTiles();
  co_await env.Prepare(tiles, std::vector<const PeImage*>(tiles.size(), &img));
  for (auto [c, r] : tiles) {
    co_await env.WriteWords(c, r, img.Symbol("args"), ArgsWords(W, H, m, n, 0));
    std::vector<int16_t> block(static_cast<size_t>(m) * n);  // column-major
    for (int k = 0; k < n; ++k)
      for (int i = 0; i < m; ++i)
        block[static_cast<size_t>(k) * m + i] = a[static_cast<size_t>(r * m + i) * cols + c * n + k];
    co_await env.WriteWords(c, r, img.Symbol("A"), Pack16(block));
  }
  for (int c = 0; c < W; ++c) {
    std::vector<uint32_t> xs;
    for (int k = 0; k < n; ++k) xs.push_back(static_cast<uint32_t>(static_cast<int32_t>(x[static_cast<size_t>(c * n + k)])));
    io.Send(Dir::kN, c, GEMV_X, xs);
  }
  const uint64_t t0 = ctx.sim.cycle();
  std::vector<PeExit> exits;
  co_await env.Launch(tiles, 5000000, &exits);
  for (const auto& e : exits)
    if (e.Code() != 0) throw TestFailure("gemv: " + e.Describe());
  int bad = 0;
  for (int r = 0; r < H; ++r) {
    std::vector<uint32_t> y;
    co_await io.Receive(Dir::kE, r, static_cast<uint8_t>(GEMV_P(W - 1)), static_cast<size_t>(m), &y, 100000);
    for (int i = 0; i < m; ++i) {
      const int32_t got = static_cast<int32_t>(y[static_cast<size_t>(i)]);
      res.y.push_back(got);
      if (got != want[static_cast<size_t>(r * m + i)] && bad++ < 5)
        ctx.log.Error("gemv: y[" + std::to_string(r * m + i) + "] = " + std::to_string(got) + ", reference " +
                      std::to_string(want[static_cast<size_t>(r * m + i)]));
    }
  }
  if (bad) throw TestFailure("gemv: " + std::to_string(bad) + " wrong element(s) of y");
  const std::string left = io.Unclaimed();
  if (!left.empty()) throw TestFailure("gemv: unexpected wavelets at the edge:" + left);

  res.cycles = ctx.sim.cycle() - t0;
  for (auto [c, r] : tiles) {
    std::vector<uint32_t> st;
    co_await env.host().ReadWords(c, r, img.Symbol("stats"), 4, &st);
    res.compute_cycles += st[0];
    res.macs += st[1];
    res.zskip += st[2];
  }
  ctx.log.Info("gemv " + std::to_string(rows) + "x" + std::to_string(cols) + " on " + std::to_string(W) + "x" +
               std::to_string(H) + ": y matches the reference; " + std::to_string(res.macs) + " MACs, " +
               std::to_string(res.zskip) + " skipped, " + std::to_string(res.cycles) + " cycles end to end");
  if (result) *result = res;
}

WSE_MESH_TEST(pe_gemv, "GEMV y = A x (int16 in, int32 out), A spread over the tiles, x streamed in at the north "
              "edge, y out at the east edge, against a C++ reference",
              20000000, "pe2x2", "pe3x2") {
  GemvCase g;
  g.m = 8;
  g.n = 8;
  g.zero_fraction = 0.2;
  co_await RunGemv(ctx, dut, g, nullptr);
}

// ---------------------------------------------------------------------------
// Streamed tmac: the engine's rate when operands keep arriving
// ---------------------------------------------------------------------------
Task RunStreamMac(TestContext& ctx, MeshDut& dut, int len, double zero_fraction, StreamResult* result) {
  PeEnv env(ctx, dut);
  EdgeIo io(ctx.sim, ctx.log.Child("edge"), dut, ctx.rng.Fork());
  io.Start();
  co_await env.Start();
  Routes routes;
  routes.Set(0, 0, STREAM_C, kW, kRamp);
  co_await routes.Apply(env.cfg());
  const PeImage img = LoadPeImage(ProgramsDir() + "/workloads/stream_mac.elf");
  const TileList one{{0, 0}};
  const std::vector<const PeImage*> images{&img};
  co_await env.Prepare(one, images);
  const int32_t scalar = static_cast<int32_t>(ctx.rng.Uniform(-1000, 1000));
  std::vector<uint32_t> acc(static_cast<size_t>(len)), xs(static_cast<size_t>(len));
  std::vector<int32_t> want(static_cast<size_t>(len));
  uint64_t zeros = 0;
  for (size_t i = 0; i < acc.size(); ++i) {
    acc[i] = ctx.rng.Next32();
    const int32_t x = ctx.rng.Chance(zero_fraction) ? 0 : static_cast<int32_t>(ctx.rng.Uniform(-32768, 32767));
    zeros += x == 0;
    // FAB16 uses the low 16 bits: put junk above them.
    xs[i] = (static_cast<uint32_t>(x) & 0xffffu) | (ctx.rng.Next32() & 0xffff0000u);
    want[i] = static_cast<int32_t>(acc[i] + static_cast<uint32_t>(x * scalar));
  }
  co_await env.WriteWords(0, 0, img.Symbol("args"), ArgsWords(1, 1, static_cast<uint32_t>(len), static_cast<uint32_t>(scalar), 0));
  co_await env.WriteWords(0, 0, img.Symbol("acc"), acc);
  io.Send(Dir::kW, 0, STREAM_C, xs);
  std::vector<PeExit> exits;
  co_await env.Launch(one, 5000000, &exits);
  if (exits[0].Code() != 0) throw TestFailure("stream_mac: " + exits[0].Describe());
  std::vector<uint32_t> got, st;
  co_await env.host().ReadWords(0, 0, img.Symbol("acc"), static_cast<size_t>(len), &got);
  for (int i = 0; i < len; ++i)
    if (static_cast<int32_t>(got[static_cast<size_t>(i)]) != want[static_cast<size_t>(i)])
      throw TestFailure("stream_mac: acc[" + std::to_string(i) + "] = " + std::to_string(static_cast<int32_t>(got[static_cast<size_t>(i)])) +
                        ", reference " + std::to_string(want[static_cast<size_t>(i)]));
  co_await env.host().ReadWords(0, 0, img.Symbol("stats"), 4, &st);
  if (st[2] != zeros) throw TestFailure("stream_mac: wsezskip " + std::to_string(st[2]) + ", zeros streamed " + std::to_string(zeros));
  StreamResult r{static_cast<uint64_t>(len), st[0], st[2]};
  ctx.log.Info("stream_mac: " + std::to_string(len) + " streamed MACs in " + std::to_string(r.tmac_cycles) +
               " cycles of one tmac, " + std::to_string(r.zskip) + " zero multiplies skipped");
  if (result) *result = r;
}

WSE_MESH_TEST(pe_stream_mac, "one tmac over 512 int16 operands streamed in at the west edge (30% zeros): "
              "result, zero-skip count and a rate of nearly one MAC per cycle",
              5000000, "pe1x1") {
  StreamResult r;
  co_await RunStreamMac(ctx, dut, 512, 0.3, &r);
  // The engine takes one element per cycle once the stream flows; allow the
  // start-up of the pipeline and the edge-to-PE path.
  if (r.tmac_cycles > r.elements + 16)
    throw TestFailure("stream_mac: " + std::to_string(r.elements) + " elements took " + std::to_string(r.tmac_cycles) +
                      " cycles: the engine does not sustain one MAC per cycle");
}

// ---------------------------------------------------------------------------
// Stencil
// ---------------------------------------------------------------------------
Task RunStencil(TestContext& ctx, MeshDut& dut, const StencilCase& sc, std::vector<int32_t>* result) {
  const int W = dut.width(), H = dut.height(), bh = sc.bh, bw = sc.bw, iters = sc.iters;
  const int rows = H * bh, cols = W * bw;
  if (bh < 1 || bw < 1 || bh * bw > ST_MAX_CELLS) throw TestFailure("stencil: block must have 1.." + std::to_string(ST_MAX_CELLS) + " cells");
  PeEnv env(ctx, dut, sc.lockstep);
  co_await env.Start();
  std::vector<int32_t> grid = sc.grid;
  if (grid.empty()) {
    grid.resize(static_cast<size_t>(rows) * cols);
    for (auto& v : grid) v = static_cast<int32_t>(ctx.rng.Uniform(-100000, 100000));
  }
  if (grid.size() != static_cast<size_t>(rows) * cols) throw TestFailure("stencil: grid size does not match the mesh");
  const std::vector<int32_t> want = StencilReference(grid, rows, cols, iters);
  std::vector<int32_t> out(grid.size());

  Routes routes;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      if (y > 0) routes.Set(x, y, ST_UP(y), kRamp, kN);
      if (y < H - 1) routes.Set(x, y, ST_UP(y + 1), kS, kRamp);
      if (y < H - 1) routes.Set(x, y, ST_DN(y), kRamp, kS);
      if (y > 0) routes.Set(x, y, ST_DN(y - 1), kN, kRamp);
      if (x > 0) routes.Set(x, y, ST_LF(x), kRamp, kW);
      if (x < W - 1) routes.Set(x, y, ST_LF(x + 1), kE, kRamp);
      if (x < W - 1) routes.Set(x, y, ST_RT(x), kRamp, kE);
      if (x > 0) routes.Set(x, y, ST_RT(x - 1), kW, kRamp);
    }
  co_await routes.Apply(env.cfg());

  const PeImage img = LoadWorkload(dut, "stencil");
  const TileList tiles = env.host().AllTiles();
  co_await env.Prepare(tiles, std::vector<const PeImage*>(tiles.size(), &img));
  for (auto [x, y] : tiles) {
    co_await env.WriteWords(x, y, img.Symbol("args"), ArgsWords(W, H, bh, bw, iters));
    std::vector<uint32_t> block;
    for (int i = 0; i < bh; ++i)
      for (int j = 0; j < bw; ++j)
        block.push_back(static_cast<uint32_t>(grid[static_cast<size_t>(y * bh + i) * cols + x * bw + j]));
    co_await env.WriteWords(x, y, img.Symbol("grid"), block);
  }
  std::vector<PeExit> exits;
  co_await env.Launch(tiles, 5000000, &exits);
  for (const auto& e : exits)
    if (e.Code() != 0) throw TestFailure("stencil: " + e.Describe());
  int bad = 0;
  for (auto [x, y] : tiles) {
    std::vector<uint32_t> block;
    co_await env.host().ReadWords(x, y, img.Symbol("grid"), static_cast<size_t>(bh * bw), &block);
    for (int i = 0; i < bh; ++i)
      for (int j = 0; j < bw; ++j) {
        const int gi = y * bh + i, gj = x * bw + j;
        const int32_t got = static_cast<int32_t>(block[static_cast<size_t>(i * bw + j)]);
        const int32_t exp = want[static_cast<size_t>(gi) * cols + gj];
        out[static_cast<size_t>(gi) * cols + gj] = got;
        if (got != exp && bad++ < 5)
          ctx.log.Error("stencil: " + TileName(x, y) + " cell (" + std::to_string(gi) + "," + std::to_string(gj) +
                        ") = " + std::to_string(got) + ", reference " + std::to_string(exp));
      }
  }
  if (bad) throw TestFailure("stencil: " + std::to_string(bad) + " wrong cell(s)");
  ctx.log.Info("stencil " + std::to_string(rows) + "x" + std::to_string(cols) + ", " + std::to_string(iters) +
               " iterations: every cell matches the reference");
  if (result) *result = std::move(out);
}

WSE_MESH_TEST(pe_stencil, "2D 5-point stencil, grid split over the tiles, halo exchange, 4 iterations, "
              "against a C++ reference",
              20000000, "pe2x2", "pe3x2") {
  StencilCase sc;
  co_await RunStencil(ctx, dut, sc, nullptr);
}

// ---------------------------------------------------------------------------
// All-reduce
// ---------------------------------------------------------------------------
Task RunAllreduce(TestContext& ctx, MeshDut& dut, const AllreduceCase& ac, std::vector<uint32_t>* result) {
  const int W = dut.width(), H = dut.height(), len = ac.len;
  if (len < 1 || len > AR_MAX_LEN) throw TestFailure("allreduce: length must be 1.." + std::to_string(AR_MAX_LEN));
  PeEnv env(ctx, dut, ac.lockstep);
  co_await env.Start();
  std::vector<std::vector<uint32_t>> vecs = ac.vecs;
  if (vecs.empty()) {
    vecs.resize(static_cast<size_t>(W * H));
    for (auto& v : vecs)
      for (int i = 0; i < len; ++i) v.push_back(ctx.rng.Next32());
  }
  if (vecs.size() != static_cast<size_t>(W * H)) throw TestFailure("allreduce: need one vector per tile");
  std::vector<uint32_t> sum(static_cast<size_t>(len), 0);
  for (const auto& v : vecs) {
    if (v.size() != static_cast<size_t>(len)) throw TestFailure("allreduce: every vector must have the same length");
    for (int i = 0; i < len; ++i) sum[static_cast<size_t>(i)] += v[static_cast<size_t>(i)];
  }
  Routes routes;
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      if (x > 0) routes.Set(x, y, AR_ROW(x), kRamp, kW);
      if (x < W - 1) routes.Set(x, y, AR_ROW(x + 1), kE, kRamp);
      if (x == 0 && y > 0) routes.Set(x, y, AR_COL(y), kRamp, kN);
      if (x == 0 && y < H - 1) routes.Set(x, y, AR_COL(y + 1), kS, kRamp);
      // Broadcast tree: down column 0, then east along every row. Tile
      // (0,0) keeps its own total and does not receive it back.
      const uint32_t east = x < W - 1 ? kE : 0;
      if (x == 0 && y == 0) routes.Set(x, y, AR_B, kRamp, east | (H > 1 ? kS : 0));
      else if (x == 0) routes.Set(x, y, AR_B, kN, kRamp | east | (y < H - 1 ? kS : 0));
      else routes.Set(x, y, AR_B, kW, kRamp | east);
    }
  co_await routes.Apply(env.cfg());
  const PeImage img = LoadWorkload(dut, "allreduce");
  const TileList tiles = env.host().AllTiles();
  co_await env.Prepare(tiles, std::vector<const PeImage*>(tiles.size(), &img));
  for (auto [x, y] : tiles) {
    co_await env.WriteWords(x, y, img.Symbol("args"), ArgsWords(W, H, len, 0, 0));
    co_await env.WriteWords(x, y, img.Symbol("vec"), vecs[static_cast<size_t>(y * W + x)]);
  }
  std::vector<PeExit> exits;
  co_await env.Launch(tiles, 5000000, &exits);
  for (const auto& e : exits)
    if (e.Code() != 0) throw TestFailure("allreduce: " + e.Describe());
  for (auto [x, y] : tiles) {
    std::vector<uint32_t> got;
    co_await env.host().ReadWords(x, y, img.Symbol("result"), static_cast<size_t>(len), &got);
    for (int i = 0; i < len; ++i)
      if (got[static_cast<size_t>(i)] != sum[static_cast<size_t>(i)])
        throw TestFailure("allreduce: " + TileName(x, y) + " element " + std::to_string(i) + " = " +
                          std::to_string(got[static_cast<size_t>(i)]) + ", reference " +
                          std::to_string(sum[static_cast<size_t>(i)]));
  }
  ctx.log.Info("allreduce of " + std::to_string(W * H) + " vectors of " + std::to_string(len) +
               ": every tile holds the reference sum");
  if (result) *result = sum;
}

WSE_MESH_TEST(pe_allreduce, "all-reduce (sum) of one int32 vector per tile: row and column reduction, "
              "multicast broadcast; every tile checked against a C++ reference",
              20000000, "pe2x2", "pe3x2", "pe1x3") {
  AllreduceCase ac;
  co_await RunAllreduce(ctx, dut, ac, nullptr);
}

}  // namespace wse::tb
