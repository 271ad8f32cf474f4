// Design-for-test block tests: the memory BIST against every SRAM cell-fault
// kind, on the fault-injection tile (dft) and on the synthesizable SRAM (pe).

#include <string>

#include "faults/fault_hooks.h"
#include "faults/reachability.h"
#include "harness/cfg_host.h"
#include "harness/log.h"
#include "harness/rv_encode.h"
#include "harness/test_registry.h"
#include "harness/wavelet.h"
#include "models/mesh_dut.h"
#include "tests/pe_env.h"

namespace wse::tb {
namespace {

struct BistResult {
  uint32_t status = 0, addr = 0, bits = 0, count = 0;
  bool done() const { return (status & 3) == 2; }
  bool fail() const { return status & 4; }
  uint64_t mask() const { return bits | static_cast<uint64_t>((status >> 12) & 0xf) << 32; }
};

// Starts the BIST everywhere with one broadcast, waits it out, reads results.
Task RunBist(Sim& sim, CfgHost& cfg, int w, int h, int words, std::vector<BistResult>* out) {
  auto start = cfg.PostBroadcast(reg::kBistCtrl, 1);
  co_await start->done.Wait();
  co_await sim.ClockCycles(71ull * static_cast<uint64_t>(words) + 16);
  out->assign(static_cast<size_t>(w) * h, {});
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      BistResult& r = (*out)[static_cast<size_t>(y) * w + x];
      co_await cfg.Read(x, y, reg::kBistStatus, &r.status);
      co_await cfg.Read(x, y, reg::kBistAddr, &r.addr);
      co_await cfg.Read(x, y, reg::kBistBits, &r.bits);
      co_await cfg.Read(x, y, reg::kBistCount, &r.count);
    }
}

std::string Describe(const BistResult& r) {
  return "status " + Hex(r.status) + " first fail at word " + std::to_string(r.addr) + " bits " +
         Hex(static_cast<uint32_t>(r.mask() >> 32)) + ":" + Hex(r.bits) + ", " + std::to_string(r.count) +
         " failing reads";
}

}  // namespace

WSE_MESH_TEST(dft_mbist_cell_faults,
              "March C- finds a random stuck-at, transition, coupling (3 kinds) or decoder fault in every tile",
              2000000, "dft3x2", "dft2x2") {
  CfgHost cfg(ctx.sim, ctx.log.Child("cfg"), dut.width(), dut.height(), dut.CfgEntries());
  cfg.Start();
  const int w = dut.width(), h = dut.height(), words = dut.SramWords();
  // Tile i gets kind (i + seed) mod 7; kind 0 leaves the tile fault-free.
  struct Planted {
    int kind;
    uint32_t addr, bit, aux_addr, aux_bit;
    bool value, rise;
  };
  std::vector<Planted> plan;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      Planted p{};
      p.kind = static_cast<int>((static_cast<uint64_t>(y * w + x) + ctx.seed) % 7);
      p.addr = ctx.rng.Next32() % static_cast<uint32_t>(words);
      p.bit = ctx.rng.Next32() % 36;
      do p.aux_addr = ctx.rng.Next32() % static_cast<uint32_t>(words);
      while (p.aux_addr == p.addr && p.kind == 6);
      p.aux_bit = ctx.rng.Next32() % 36;
      if (p.aux_addr == p.addr && p.aux_bit == p.bit) p.aux_bit = (p.bit + 1) % 36;
      p.value = ctx.rng.Next32() & 1;
      p.rise = ctx.rng.Next32() & 1;
      plan.push_back(p);
      if (p.kind != 0) {
        dut.SetSramFault(x, y, 0,
                         flt::SramSlot(static_cast<flt::SramKind>(p.kind), p.addr, p.bit, p.aux_addr, p.aux_bit,
                                       p.value, p.rise));
      }
      ctx.log.Info("tile (" + std::to_string(x) + "," + std::to_string(y) + "): kind " + std::to_string(p.kind) +
                   " victim " + std::to_string(p.addr) + "." + std::to_string(p.bit) + " aggressor " +
                   std::to_string(p.aux_addr) + "." + std::to_string(p.aux_bit) + " value " +
                   std::to_string(p.value) + " rise " + std::to_string(p.rise));
    }
  co_await ResetDut(ctx.sim);
  co_await cfg.Discover();
  std::vector<BistResult> res;
  co_await RunBist(ctx.sim, cfg, w, h, words, &res);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const Planted& p = plan[static_cast<size_t>(y) * w + x];
      const BistResult& r = res[static_cast<size_t>(y) * w + x];
      const std::string at = "tile (" + std::to_string(x) + "," + std::to_string(y) + ") kind " +
                             std::to_string(p.kind) + ": ";
      if (!r.done()) {
        ctx.log.Error(at + "BIST not done: " + Describe(r));
        continue;
      }
      if (p.kind == 0) {
        if (r.fail() || r.count) ctx.log.Error(at + "fault-free tile failed: " + Describe(r));
        continue;
      }
      if (!r.fail()) {
        ctx.log.Error(at + "fault not detected: " + Describe(r));
        continue;
      }
      // Stuck-at and transition faults fail first at the faulty cell itself.
      const bool exact = p.kind == 1 || p.kind == 2;
      if (exact && (r.addr != p.addr || r.mask() != (1ull << p.bit)))
        ctx.log.Error(at + "wrong location: " + Describe(r));
      if (!exact && r.addr != p.addr && r.addr != p.aux_addr)
        ctx.log.Error(at + "failure at neither cell: " + Describe(r));
    }
}

WSE_MESH_TEST(dft_mbist_clean, "March C- passes on the synthesizable SRAM (48 KiB) and leaves it zeroed",
              2000000, "pe1x1") {
  CfgHost cfg(ctx.sim, ctx.log.Child("cfg"), dut.width(), dut.height(), dut.CfgEntries());
  cfg.Start();
  co_await ResetDut(ctx.sim);
  co_await cfg.Discover();
  // Fill some words with a pattern first: the BIST must leave them zero.
  co_await cfg.Write(0, 0, reg::kMemAddr, 0x100);
  for (int i = 0; i < 8; ++i) co_await cfg.Write(0, 0, reg::kMemData, 0xdeadbeefu + static_cast<uint32_t>(i));
  std::vector<BistResult> res;
  const uint64_t t0 = ctx.sim.cycle();
  co_await RunBist(ctx.sim, cfg, 1, 1, dut.SramWords(), &res);
  if (!res[0].done() || res[0].fail() || res[0].count) ctx.log.Error("BIST: " + Describe(res[0]));
  ctx.log.Info("March C- over " + std::to_string(dut.SramWords()) + " words: done within " +
               std::to_string(ctx.sim.cycle() - t0) + " cycles");
  for (int i = 0; i < 8; ++i) {
    uint32_t v = 0;
    co_await cfg.Write(0, 0, reg::kMemAddr, 0x100 + 4 * static_cast<uint32_t>(i));
    co_await ctx.sim.ClockCycles(2);
    co_await cfg.Read(0, 0, reg::kMemData, &v);
    if (v != 0) ctx.log.Error("word " + Hex(0x100u + 4u * static_cast<uint32_t>(i)) + " not cleared: " + Hex(v));
  }
}

}  // namespace wse::tb

namespace wse::tb {

WSE_MESH_TEST(dft_tap_dead_tiles,
              "the config network reaches exactly the live tiles joined to the edge, with 25% of tiles dead",
              200000, "dft8x8", "dft5x4") {
  const int w = dut.width(), h = dut.height();
  std::vector<bool> dead(static_cast<size_t>(w) * h, false);
  int n_dead = 0;
  for (size_t i = 0; i < dead.size(); ++i) {
    if (ctx.rng.Next32() % 4 == 0) {
      dead[i] = true;
      ++n_dead;
      dut.SetTileFault(static_cast<int>(i) % w, static_cast<int>(i) / w, flt::kTileDead);
    }
  }
  const auto truth = ReachableFromEdge(w, h, dead);
  CfgHost cfg(ctx.sim, ctx.log.Child("cfg"), w, h, dut.CfgEntries());
  cfg.Start();
  co_await ResetDut(ctx.sim);
  co_await cfg.Discover();
  int reached = 0;
  std::vector<CfgOpPtr> ids;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const size_t i = static_cast<size_t>(y) * w + x;
      reached += cfg.Reachable(x, y);
      if (cfg.Reachable(x, y) != truth[i])
        ctx.log.Error("tile (" + std::to_string(x) + "," + std::to_string(y) + ") reached=" +
                      std::to_string(cfg.Reachable(x, y)) + " but ground truth says " + std::to_string(truth[i]) +
                      (dead[i] ? " (dead)" : " (live)"));
      ids.push_back(cfg.Post(x, y, reg::kId, false));
    }
  co_await cfg.Drain();
  for (size_t i = 0; i < ids.size(); ++i) {
    const bool expect = truth[i];
    const uint32_t want = (static_cast<uint32_t>(i / w) << 10) | static_cast<uint32_t>(i % w);
    if (expect && (ids[i]->status != CfgStatus::kOk || (ids[i]->rdata & 0xfffff) != want))
      ctx.log.Error("reached tile " + std::to_string(i) + " answered ID " + Hex(ids[i]->rdata) + " (" +
                    CfgStatusName(ids[i]->status) + ")");
    if (!expect && ids[i]->status != CfgStatus::kNoResponse)
      ctx.log.Error("unreachable tile " + std::to_string(i) + " answered " + CfgStatusName(ids[i]->status));
  }
  ctx.log.Info(std::to_string(n_dead) + " dead, " + std::to_string(reached) + " of " +
               std::to_string(w * h - n_dead) + " live tiles reached, depth " +
               std::to_string(cfg.tree().max_depth()));
}

}  // namespace wse::tb

namespace wse::tb {

// Every register user code could wish to change, on every tile of the mesh.
static std::vector<uint8_t> WritableConfig(int colors) {
  std::vector<uint8_t> regs{reg::kCtrl,     reg::kScratch,    reg::kTap,        reg::kTohostAddr,
                            reg::kErrCfg,   reg::kLinkTest,   reg::kLinkPerr,   reg::kRouterTest,
                            reg::kWdtLimit, reg::kErrSram};
  for (int c = 0; c < colors; ++c) regs.push_back(static_cast<uint8_t>(reg::kRouteBase + c));
  return regs;
}

WSE_MESH_TEST(dft_pe_cannot_write_config,
              "user PE code storing everywhere outside its SRAM, writing unknown CSRs and sending "
              "packet-shaped wavelets changes no config register of any tile",
              2000000, "pe2x1") {
  PeEnv env(ctx, dut, /*lockstep=*/true);
  co_await env.Start();
  const auto regs = WritableConfig(dut.num_colors());
  // Distinct values in SCRATCH and some routes, so a change shows.
  for (int x = 0; x < dut.width(); ++x) {
    co_await env.cfg().Write(x, 0, reg::kScratch, 0x5ca1ab1eu + static_cast<uint32_t>(x));
    co_await env.cfg().Write(x, 0, static_cast<uint8_t>(reg::kRouteBase + 3), 0x21);
  }
  auto snapshot = [&](std::vector<CfgOpPtr>* ops) {
    for (int x = 0; x < dut.width(); ++x)
      for (uint8_t r : regs) ops->push_back(env.cfg().Post(x, 0, r, false));
  };
  const PeImage img = LoadPeImage(ProgramsDir() + "/c/cfg_attack.elf");
  const TileList one{{0, 0}};
  const std::vector<const PeImage*> images{&img};
  co_await env.Prepare(one, images);
  std::vector<CfgOpPtr> before, after;
  snapshot(&before);
  co_await env.cfg().Drain();
  std::vector<PeExit> exits;
  co_await env.Launch(one, 1000000, &exits);
  if (exits.at(0).Code() != 0) ctx.log.Error("cfg_attack: " + exits[0].Describe() + " (not every attempt trapped)");
  snapshot(&after);
  co_await env.cfg().Drain();
  for (size_t i = 0; i < before.size(); ++i) {
    const int x = static_cast<int>(i / regs.size());
    const uint8_t r = regs[i % regs.size()];
    if (before[i]->status != CfgStatus::kOk || after[i]->rdata != before[i]->rdata)
      ctx.log.Error("tile (" + std::to_string(x) + ",0) register " + Hex(r) + " was " + Hex(before[i]->rdata) +
                    ", after the program " + Hex(after[i]->rdata));
  }
}

}  // namespace wse::tb

namespace wse::tb {

WSE_MESH_TEST(dft_cfg_upset,
              "a bit flipped in a protected config register (CTRL, TOHOST_ADDR, LINK_TEST, WDT_LIMIT, ROUTER_TEST, "
              "ROUTE, REPAIR) is flagged in CFG_CHECK of exactly that tile, and a rewrite scrubs it",
              200000, "dft3x3", "dft4x2") {
  CfgHost cfg(ctx.sim, ctx.log.Child("cfg"), dut.width(), dut.height(), dut.CfgEntries());
  cfg.Start();
  co_await ResetDut(ctx.sim);
  co_await cfg.Discover();
  const int w = dut.width(), h = dut.height();
  // Values in every protected register of every tile.
  const std::vector<uint8_t> regs{reg::kCtrl,
                                  reg::kTohostAddr,
                                  reg::kLinkTest,
                                  reg::kWdtLimit,
                                  reg::kRouterTest,
                                  static_cast<uint8_t>(reg::kRouteBase + 0),
                                  static_cast<uint8_t>(reg::kRouteBase + 23),
                                  reg::kRepairBase,
                                  static_cast<uint8_t>(reg::kRepairBase + 3)};
  auto value = [](uint8_t r) -> uint32_t {
    if (r == reg::kCtrl) return 1;
    if (r == reg::kLinkTest || r == reg::kRouterTest) return 0;  // tests would disturb nothing here, but keep them off
    if (r >= reg::kRouteBase && r < reg::kRouteBase + 32) return 0x155u & 0x3ff;
    return 0xA5A5F00Du + r;
  };
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (uint8_t r : regs) cfg.Post(x, y, r, true, value(r));
  co_await cfg.Drain();
  // Upset a random register bit in about half the tiles.
  std::vector<int> hit(static_cast<size_t>(w) * h, -1);
  for (size_t i = 0; i < hit.size(); ++i) {
    if (ctx.rng.Next32() % 2) continue;
    const uint8_t r = regs[ctx.rng.Next32() % regs.size()];
    const int width = r == reg::kCtrl         ? 3
                      : r == reg::kLinkTest   ? 8
                      : r == reg::kRouterTest ? 13
                      : (r >= reg::kRouteBase && r < reg::kRepairBase) ? 10
                                                                      : 32;
    const int bit = static_cast<int>(ctx.rng.Next32() % static_cast<uint32_t>(width));
    dut.FlipConfigBit(static_cast<int>(i) % w, static_cast<int>(i) / w, r, bit);
    hit[i] = r;
    ctx.log.Info("upset tile " + std::to_string(i) + " register " + Hex(r) + " bit " + std::to_string(bit));
  }
  // Flagged the edge after the upset; a few cycles of margin.
  co_await ctx.sim.ClockCycles(4);
  std::vector<CfgOpPtr> checks;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) checks.push_back(cfg.Post(x, y, reg::kCfgCheck, false));
  co_await cfg.Drain();
  for (size_t i = 0; i < hit.size(); ++i) {
    const uint32_t v = checks[i]->rdata;
    const bool flagged = (v & 3) == 3 && (v >> 8) == 1;
    if (flagged != (hit[i] >= 0))
      ctx.log.Error("tile " + std::to_string(i) + ": CFG_CHECK " + Hex(v) + (hit[i] >= 0 ? " misses the upset" : " flags an upset that did not happen"));
  }
  // Scrub: rewrite the upset register, clear the flag; the check must be clean.
  for (size_t i = 0; i < hit.size(); ++i) {
    if (hit[i] < 0) continue;
    const int x = static_cast<int>(i) % w, y = static_cast<int>(i) / w;
    co_await cfg.Write(x, y, static_cast<uint8_t>(hit[i]), value(static_cast<uint8_t>(hit[i])));
    co_await cfg.Write(x, y, reg::kCfgCheck, 0);
    uint32_t v = 0;
    co_await cfg.Read(x, y, reg::kCfgCheck, &v);
    if (v != 0) ctx.log.Error("tile " + std::to_string(i) + ": CFG_CHECK " + Hex(v) + " after the scrub");
  }
}

WSE_MESH_TEST(dft_watchdog,
              "the watchdog fires on a PE stalled on a receive and on a dead PE, not on one that loops or exits",
              200000, "dft2x2") {
  dut.SetTileFault(1, 1, flt::kPeDead);
  CfgHost cfg(ctx.sim, ctx.log.Child("cfg"), dut.width(), dut.height(), dut.CfgEntries());
  cfg.Start();
  co_await ResetDut(ctx.sim);
  co_await cfg.Discover();
  namespace rv = wse::tb::rv;
  // (0,0) waits forever for a wavelet on color 5; (1,0) loops; (0,1) exits;
  // (1,1) has a dead PE. Every program starts at 0; tohost is at 0x100.
  const std::vector<std::vector<uint32_t>> progs = {
      {rv::Frecv(10, 5), rv::J(0, 0)},
      {rv::Addi(10, 10, 1), rv::J(0, -4)},
      {rv::Addi(10, 0, 1), rv::Sw(10, 0, 0x100), rv::J(0, 0)},
      {rv::J(0, 0)},
  };
  for (int t = 0; t < 4; ++t) {
    const int x = t % 2, y = t / 2;
    co_await cfg.Write(x, y, reg::kMemAddr, 0);
    for (uint32_t word : progs[static_cast<size_t>(t)]) co_await cfg.Write(x, y, reg::kMemData, word);
    co_await cfg.Write(x, y, reg::kTohostAddr, 0x100);
    co_await cfg.Write(x, y, reg::kWdtLimit, 200);
  }
  for (int t = 0; t < 4; ++t) co_await cfg.Write(t % 2, t / 2, reg::kPeCtrl, 1);
  co_await ctx.sim.ClockCycles(1000);
  const bool expect[4] = {true, false, false, true};
  for (int t = 0; t < 4; ++t) {
    uint32_t v = 0;
    co_await cfg.Read(t % 2, t / 2, reg::kWdtStatus, &v);
    if (static_cast<bool>(v & 1) != expect[t] || (expect[t] && (v >> 8) != 1))
      ctx.log.Error("tile " + std::to_string(t) + ": WDT_STATUS " + Hex(v) + ", expected " +
                    (expect[t] ? "fired once" : "quiet"));
  }
  // Clearing re-arms it: the stalled tile fires again after another limit.
  co_await cfg.Write(0, 0, reg::kWdtStatus, 0);
  uint32_t v = 0;
  co_await cfg.Read(0, 0, reg::kWdtStatus, &v);
  if (v != 0) ctx.log.Error("WDT_STATUS not cleared: " + Hex(v));
  co_await ctx.sim.ClockCycles(400);
  co_await cfg.Read(0, 0, reg::kWdtStatus, &v);
  if ((v & 1) == 0) ctx.log.Error("watchdog did not fire again after being cleared: " + Hex(v));
}

}  // namespace wse::tb

namespace wse::tb {

// The router loopback test done by hand over the config network, independent
// of the firmware: per phase k, color c routed from port (c + k) mod 5 back
// to itself, all five ports looped, run, drain, read the counts. Phases start
// both ways the hardware allows: a port looped from the fabric (after 1 and
// 3 the ports are reconnected) and drain falling on a looped port. Expected:
// every port of every tile takes at least `cycles` words and counts no error,
// except the ports of a dead port fault, which take nothing.
WSE_MESH_TEST(dft_router_loopback,
              "the router loopback test passes every port and color of a clean router and fails exactly the "
              "ports made dead, in every phase, and the port a route-table upset misroutes a color to",
              400000, "dft2x2", "dft3x1") {
  const int w = dut.width(), h = dut.height(), colors = dut.num_colors();
  // One random tile gets a dead port (or a dead router on odd seeds).
  const int ft = static_cast<int>(ctx.rng.Next32() % static_cast<uint32_t>(w * h));
  const int fport = static_cast<int>(ctx.rng.Next32() % 5);
  const uint32_t dead_mask = (ctx.seed & 1) ? 0x1fu : 1u << fport;
  dut.SetTileFault(ft % w, ft / w, (ctx.seed & 1) ? flt::kRouterDead : flt::PortDead(fport));
  // Another tile, in phase 2, gets color mc also sent out of port mq by an
  // upset of its route entry: mq's checker sees a color not its own.
  const int mt = (ft + 1) % (w * h), mc = static_cast<int>(ctx.rng.Next32() % static_cast<uint32_t>(colors));
  const int mq = static_cast<int>((static_cast<uint32_t>(mc) + 2 + 1 + ctx.rng.Next32() % 4) % 5);
  ctx.log.Info("tile " + std::to_string(ft) + " dead ports " + Hex(dead_mask) + "; tile " + std::to_string(mt) +
               " sends color " + std::to_string(mc) + " also to port " + std::to_string(mq) + " in phase 2");
  CfgHost cfg(ctx.sim, ctx.log.Child("cfg"), w, h, dut.CfgEntries());
  cfg.Start();
  co_await ResetDut(ctx.sim);
  co_await cfg.Discover();
  constexpr uint32_t kCycles = 40;
  cfg.PostBroadcast(reg::kRouterTest, 0x1fu | reg::kRouterTestDrain);
  for (uint32_t k = 0; k < 5; ++k) {
    for (int c = 0; c < colors; ++c) {
      const auto port = static_cast<uint8_t>(1u << ((static_cast<uint32_t>(c) + k) % 5));
      cfg.PostBroadcast(static_cast<uint8_t>(reg::kRouteBase + c), Route{port, port}.Pack());
    }
    co_await cfg.Drain();
    if (k == 2) dut.FlipConfigBit(mt % w, mt / w, reg::kRouteBase + mc, mq);
    const uint32_t test = 0x1fu | k << reg::kRouterTestPhaseShift;
    cfg.PostBroadcast(reg::kRouterTest, test);
    co_await cfg.Drain();
    co_await ctx.sim.ClockCycles(kCycles);
    cfg.PostBroadcast(reg::kRouterTest, test | reg::kRouterTestDrain);
    co_await cfg.Drain();
    co_await ctx.sim.ClockCycles(16);
    std::vector<CfgOpPtr> errs, words;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        errs.push_back(cfg.Post(x, y, reg::kRouterErr, false));
        words.push_back(cfg.Post(x, y, reg::kRouterWords, false));
      }
    if (k % 2 == 1) cfg.PostBroadcast(reg::kRouterTest, 0);
    co_await cfg.Drain();
    for (int i = 0; i < w * h; ++i)
      for (int p = 0; p < 5; ++p) {
        const uint32_t e = errs[static_cast<size_t>(i)]->rdata >> (6 * p) & 0x3f;
        const uint32_t n = words[static_cast<size_t>(i)]->rdata >> (6 * p) & 0x3f;
        const bool dead = i == ft && (dead_mask >> p & 1);
        const bool misrouted = k == 2 && i == mt && p == mq;
        const bool pass = e == 0 && n >= kCycles;
        if (pass == (dead || misrouted) || (dead && n != 0))
          ctx.log.Error("phase " + std::to_string(k) + " tile " + std::to_string(i) + " port " + std::to_string(p) +
                        ": " + std::to_string(e) + " errors, " + std::to_string(n) + " words" +
                        (dead ? " (dead port: expected no words)" : misrouted ? " (misrouted color: expected errors)" : ""));
      }
  }
}

}  // namespace wse::tb
