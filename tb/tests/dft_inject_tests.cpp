// Error detection in operation and timed faults: link parity on live
// traffic, transient upsets struck by the fault injector at their cycle, PE
// halt and reset through CTRL, faults that appear during a run (timed
// events, a degrading link) as the firmware's scan sees them. Each test
// predicts the counters from what it sent and planted, independently of the
// RTL.

#include <optional>
#include <string>

#include "faults/fault_hooks.h"
#include "faults/fault_injector.h"
#include "firmware/scan/defect_scan.h"
#include "harness/cfg_host.h"
#include "harness/edge_io.h"
#include "harness/log.h"
#include "harness/rv_encode.h"
#include "harness/test_registry.h"
#include "harness/wavelet.h"
#include "models/mesh_dut.h"
#include "tests/pe_env.h"
#include "wafer/mesh_wafer_port.h"

namespace wse::tb {
namespace {

// Steps the fault injector after every clock edge until *stop.
Task StepFaults(Sim& sim, FaultInjector& injector, const bool* stop) {
  while (!*stop) {
    co_await sim.ClockCycles(1);
    injector.Step(sim.cycle());
  }
}

std::string Describe(const fw::DefectMap& map) {
  std::string s;
  for (const fw::Defect& d : map.defects)
    s += std::string(s.empty() ? "" : "; ") + fw::UnitName(d.unit) + " " + d.kind + " at (" + std::to_string(d.x) +
         "," + std::to_string(d.y) + ")" + (d.dir >= 0 ? std::string(" ") + fw::DirName(d.dir) : "");
  return s.empty() ? "none" : s;
}

std::string Cycle(std::optional<uint64_t> c) { return c ? std::to_string(*c) : "never"; }

}  // namespace

WSE_MESH_TEST(dft_link_parity,
              "link parity in operation: a stuck data wire and a stuck parity wire on links carrying traffic "
              "count exactly the words they corrupt in LINK_PERR of the receiving side, and nothing elsewhere",
              200000, "dft3x1") {
  const int w = dut.width();
  // West edge -> (0,0) -> (1,0) -> (2,0) -> east edge on color 3. The link
  // (0,0)->(1,0) has data wire `bit` stuck at `value`; the link
  // (1,0)->(2,0) has its parity wire (bit 39) stuck at `pvalue`.
  const int bit = static_cast<int>(ctx.rng.Next32() % 32), value = ctx.rng.Next32() & 1;
  const int pvalue = ctx.rng.Next32() & 1;
  LinkFault data_fault, par_fault;
  (value ? data_fault.stuck1 : data_fault.stuck0) = 1ull << bit;
  (pvalue ? par_fault.stuck1 : par_fault.stuck0) = 1ull << 39;
  dut.SetLinkFault(0, 0, Dir::kE, data_fault);
  dut.SetLinkFault(1, 0, Dir::kE, par_fault);
  ctx.log.Info("data wire " + std::to_string(bit) + " stuck at " + std::to_string(value) +
               " on (0,0)->E; parity wire stuck at " + std::to_string(pvalue) + " on (1,0)->E");
  CfgHost cfg(ctx.sim, ctx.log.Child("cfg"), w, 1, dut.CfgEntries());
  cfg.Start();
  EdgeIo edge(ctx.sim, ctx.log.Child("edge"), dut, ctx.rng.Fork());
  edge.Start();
  co_await ResetDut(ctx.sim);
  co_await cfg.Discover();
  constexpr uint8_t kColor = 3;
  const Route west_to_east{1u << 3, 1u << 1};  // port masks N, E, S, W, ramp
  for (int x = 0; x < w; ++x) cfg.Post(x, 0, static_cast<uint8_t>(reg::kRouteBase + kColor), true, west_to_east.Pack());
  co_await cfg.Drain();
  std::vector<uint32_t> sent(200), got;
  for (auto& d : sent) d = ctx.rng.Next32();
  edge.Send(Dir::kW, 0, kColor, sent);
  co_await edge.Receive(Dir::kE, 0, kColor, sent.size(), &got, 20000);
  // The reference: wire `bit` forced from (0,0) on; the parity of a 38-bit
  // wavelet {ctrl 0, color, data} against the forced parity wire after (1,0).
  uint32_t want_data_errs = 0, want_par_errs = 0;
  for (size_t i = 0; i < sent.size(); ++i) {
    const uint32_t forced = value ? sent[i] | 1u << bit : sent[i] & ~(1u << bit);
    if (got[i] != forced) ctx.log.Error("word " + std::to_string(i) + ": got " + Hex(got[i]) + ", expected " + Hex(forced));
    want_data_errs += forced != sent[i];
    const uint64_t word = forced | static_cast<uint64_t>(kColor) << 32;
    want_par_errs += static_cast<uint32_t>(__builtin_parityll(word)) != static_cast<uint32_t>(pvalue);
  }
  // LINK_PERR: 8 bits per receiving side N, E, S, W.
  for (int x = 0; x < w; ++x) {
    uint32_t v = 0;
    co_await cfg.Read(x, 0, reg::kLinkPerr, &v);
    const uint32_t want = x == 1 ? want_data_errs << 24 : x == 2 ? want_par_errs << 24 : 0;
    if (v != want) ctx.log.Error(TileName(x, 0) + ": LINK_PERR " + Hex(v) + ", expected " + Hex(want));
  }
  // A write clears the counters.
  co_await cfg.Write(1, 0, reg::kLinkPerr, 0);
  uint32_t v = 0;
  co_await cfg.Read(1, 0, reg::kLinkPerr, &v);
  if (v != 0) ctx.log.Error("LINK_PERR not cleared by a write: " + Hex(v));
  ctx.log.Info(std::to_string(want_data_errs) + " words with a wrong data wire, " + std::to_string(want_par_errs) +
               " with a wrong parity wire");
}

WSE_MESH_TEST(dft_transients,
              "transient faults from a fault list strike at their cycle: a config upset (ROUTE, TAP) is flagged in "
              "CFG_CHECK of that tile only after it, an SRAM flip changes one bit of one word and a PE load of it "
              "counts in ERR_SRAM",
              200000, "dft2x2") {
  const int w = dut.width(), h = dut.height();
  CfgHost cfg(ctx.sim, ctx.log.Child("cfg"), w, h, dut.CfgEntries());
  cfg.Start();
  co_await ResetDut(ctx.sim);
  co_await cfg.Discover();
  // A child bit of (0,1)'s TAP that is not set: flipping it adds a side the
  // node takes responses from, which cuts nobody off.
  uint32_t tap = 0;
  co_await cfg.Read(0, 1, reg::kTap, &tap);
  int tap_bit = 4;
  while (tap_bit < 8 && (tap >> tap_bit & 1)) ++tap_bit;
  const int route_bit = static_cast<int>(ctx.rng.Next32() % 10), mem_bit = static_cast<int>(ctx.rng.Next32() % 32);
  const uint32_t mem_word = 0x40 + ctx.rng.Next32() % 64, pattern = ctx.rng.Next32();
  const uint64_t now = ctx.sim.cycle(), t_cfg = now + 200, t_sram = now + 400;
  FaultList list;
  list.seed = ctx.seed;
  auto add = [&](FaultClass cls, int x, int y, int reg, int bit, uint64_t cycle) {
    Fault f;
    f.cls = cls, f.x = x, f.y = y, f.reg = reg, f.bit = bit, f.cycle = cycle;
    f.addr = static_cast<int>(mem_word);
    list.faults.push_back(f);
  };
  add(FaultClass::kCfgFlip, 1, 0, reg::kRouteBase + 5, route_bit, t_cfg);
  if (tap_bit < 8) add(FaultClass::kCfgFlip, 0, 1, reg::kTap, tap_bit, t_cfg + 30);
  add(FaultClass::kSramFlip, 1, 1, 0, mem_bit, t_sram);
  FaultInjector injector(dut, list);
  bool stop = false;
  ctx.sim.Fork(StepFaults(ctx.sim, injector, &stop));
  // (1,1): a word to flip and a program that loads it and stops.
  namespace rv = wse::tb::rv;
  const std::vector<uint32_t> prog = {rv::Lw(10, 0, static_cast<int32_t>(4 * mem_word)), rv::Sw(10, 0, 0x100),
                                      rv::J(0, 0)};
  co_await cfg.Write(1, 1, reg::kMemAddr, 0);
  for (uint32_t word : prog) co_await cfg.Write(1, 1, reg::kMemData, word);
  co_await cfg.Write(1, 1, reg::kMemAddr, 4 * mem_word);
  co_await cfg.Write(1, 1, reg::kMemData, pattern);
  co_await cfg.Write(1, 1, reg::kTohostAddr, 0x100);
  auto check_all = [&](const char* when, int flagged_a, int flagged_b) -> Task {
    std::vector<CfgOpPtr> checks;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) checks.push_back(cfg.Post(x, y, reg::kCfgCheck, false));
    co_await cfg.Drain();
    for (int i = 0; i < w * h; ++i) {
      const bool want = i == flagged_a || i == flagged_b;
      const uint32_t v = checks[static_cast<size_t>(i)]->rdata;
      if (((v & 2) != 0) != want)
        ctx.log.Error(std::string(when) + ": " + TileName(i % w, i / w) + " CFG_CHECK " + Hex(v) +
                      (want ? ", the upset is not flagged" : ", flags an upset that did not happen"));
    }
  };
  if (ctx.sim.cycle() + 20 >= t_cfg) ctx.log.Error("set-up ran past the first upset (cycle " + std::to_string(t_cfg) + ")");
  co_await check_all("before the upsets", -1, -1);
  co_await ctx.sim.ClockCycles(t_sram + 10 - ctx.sim.cycle());
  co_await check_all("after the upsets", 1, tap_bit < 8 ? 2 : -1);
  // The SRAM word reads back with exactly one bit flipped...
  uint32_t v = 0;
  co_await cfg.Write(1, 1, reg::kMemAddr, 4 * mem_word);
  co_await ctx.sim.ClockCycles(2);
  co_await cfg.Read(1, 1, reg::kMemData, &v);
  if (v != (pattern ^ 1u << mem_bit))
    ctx.log.Error("SRAM word " + std::to_string(mem_word) + " reads " + Hex(v) + ", expected " +
                  Hex(pattern ^ 1u << mem_bit) + " (bit " + std::to_string(mem_bit) + " flipped once)");
  // ...and the PE that loads it sees a parity error.
  co_await cfg.Write(1, 1, reg::kPeCtrl, 1);
  co_await ctx.sim.ClockCycles(200);
  co_await cfg.Read(1, 1, reg::kErrSram, &v);
  if (v != 1) ctx.log.Error("ERR_SRAM " + std::to_string(v) + " after one load of the flipped word, expected 1");
  for (size_t i = 0; i < list.faults.size(); ++i)
    if (injector.active_cycles()[i] != 1) ctx.log.Error("transient " + std::to_string(i) + " did not strike once");
  stop = true;
}

WSE_MESH_TEST(dft_pe_halt_reset,
              "CTRL.pe_halt stops a PE between instructions with its state kept and the program finishes in "
              "lockstep after the resume; CTRL.pe_reset holds it at its start and it restarts when released",
              4000000, "pe1x1") {
  PeEnv env(ctx, dut, /*lockstep=*/true);
  co_await env.Start();
  CfgHost& cfg = env.cfg();
  const PeImage img = LoadPeImage(ProgramsDir() + "/c/fib_mul_div.elf");
  const TileList one{{0, 0}};
  const std::vector<const PeImage*> images{&img};
  co_await env.Prepare(one, images);
  // Halt a few hundred cycles in, while the program runs; the lockstep
  // checker keeps watching every retired instruction.
  const uint64_t halt_after = 100 + ctx.rng.Next32() % 400;
  auto halt = [&]() -> Task {
    co_await ctx.sim.ClockCycles(halt_after);
    co_await cfg.Write(0, 0, reg::kCtrl, reg::kCtrlEnable | reg::kCtrlPeHalt);
    co_await ctx.sim.ClockCycles(10);
    uint32_t status = 0, pc0 = 0, n0 = 0, pc1 = 0, n1 = 0;
    co_await cfg.Read(0, 0, reg::kPeStatus, &status);
    co_await cfg.Read(0, 0, reg::kPePc, &pc0);
    co_await cfg.Read(0, 0, reg::kPeInstret, &n0);
    co_await ctx.sim.ClockCycles(300);
    co_await cfg.Read(0, 0, reg::kPePc, &pc1);
    co_await cfg.Read(0, 0, reg::kPeInstret, &n1);
    if (!(status & 0x10)) ctx.log.Error("PE_STATUS " + Hex(status) + " does not show halted");
    if (status & 0x2) ctx.log.Error("the program exited before the halt (cycle " + std::to_string(halt_after) + ")");
    if (pc0 != pc1 || n0 != n1)
      ctx.log.Error("halted PE moved: pc " + Hex(pc0) + " -> " + Hex(pc1) + ", instret " + std::to_string(n0) + " -> " +
                    std::to_string(n1));
    if (n0 == 0) ctx.log.Error("halted before the first instruction");
    ctx.log.Info("halted at pc " + Hex(pc0) + " after " + std::to_string(n0) + " instructions");
    co_await cfg.Write(0, 0, reg::kCtrl, reg::kCtrlEnable);
  };
  ctx.sim.Fork(halt());
  std::vector<PeExit> exits;
  co_await env.Launch(one, 2000000, &exits);
  if (exits.at(0).Code() != 0) ctx.log.Error("fib_mul_div after the halt: " + exits[0].Describe());

  // Reset: a program that counts in memory word 0x200 from zero.
  namespace rv = wse::tb::rv;
  const std::vector<uint32_t> counter = {rv::Sw(0, 0, 0x200), rv::Lw(10, 0, 0x200), rv::Addi(10, 10, 1),
                                         rv::Sw(10, 0, 0x200), rv::J(0, -12)};
  co_await cfg.Write(0, 0, reg::kPeCtrl, 0);
  co_await cfg.Write(0, 0, reg::kTohostAddr, 0x1000);
  co_await cfg.Write(0, 0, reg::kMemAddr, 0);
  for (uint32_t word : counter) co_await cfg.Write(0, 0, reg::kMemData, word);
  co_await cfg.Write(0, 0, reg::kPeCtrl, 1);
  co_await ctx.sim.ClockCycles(2000);
  co_await cfg.Write(0, 0, reg::kCtrl, reg::kCtrlEnable | reg::kCtrlPeReset);
  co_await ctx.sim.ClockCycles(10);
  uint32_t pc = 1, n = 1, n_later = 1, count = 0;
  co_await cfg.Read(0, 0, reg::kPePc, &pc);
  co_await cfg.Read(0, 0, reg::kPeInstret, &n);
  co_await ctx.sim.ClockCycles(200);
  co_await cfg.Read(0, 0, reg::kPeInstret, &n_later);
  if (pc != 0 || n != 0 || n_later != 0)
    ctx.log.Error("PE held in reset: pc " + Hex(pc) + ", instret " + std::to_string(n) + " then " +
                  std::to_string(n_later) + " (expected 0, 0, 0)");
  co_await cfg.Write(0, 0, reg::kCtrl, reg::kCtrlEnable);
  co_await ctx.sim.ClockCycles(100);
  co_await cfg.Write(0, 0, reg::kPeCtrl, 0);  // stop it to read its memory
  co_await cfg.Write(0, 0, reg::kMemAddr, 0x200);
  co_await ctx.sim.ClockCycles(2);
  co_await cfg.Read(0, 0, reg::kMemData, &count);
  // About 2000 / 5 counts before the reset; the restart counts from zero.
  if (count == 0 || count > 60)
    ctx.log.Error("counter " + std::to_string(count) + " about 100 cycles after the release: did not restart from 0");
}

WSE_MESH_TEST(dft_event_appears,
              "a dead PE or dead tile that appears at cycle T (a timed event of the fault injector): a scan that "
              "ends just before T finds nothing, the next scan finds exactly it, and the injector says it "
              "appeared at T",
              5000000, "dft3x3", "dft4x3") {
  const int w = dut.width(), h = dut.height();
  host::MeshWaferPort port(dut);
  fw::ScanOptions opt;
  opt.mbist = false;  // the known-answer test and the network growth see these faults
  // A clean scan to learn how long one takes: the scan under test must end
  // just before T, so that a fault set a little early would show.
  const uint64_t c0 = port.cycle();
  const fw::DefectMap clean = fw::ScanWafer(port, opt);
  const uint64_t length = port.cycle() - c0;
  if (!clean.defects.empty()) ctx.log.Error("clean wafer: " + Describe(clean));
  TimedFault e;
  e.fault.cls = (ctx.seed & 1) ? FaultClass::kPeDead : FaultClass::kTileDead;
  e.fault.x = static_cast<int>(ctx.rng.Next32() % static_cast<uint32_t>(w));
  e.fault.y = static_cast<int>(ctx.rng.Next32() % static_cast<uint32_t>(h));
  e.at_cycle = port.cycle() + length + 1 + ctx.rng.Next32() % 16;
  FaultList list;
  list.seed = ctx.seed;
  FaultInjector injector(dut, list, {e});
  port.OnCycle([&injector](uint64_t cycle) { injector.Step(cycle); });
  const std::string what = std::string(FaultClassName(e.fault.cls)) + " at (" + std::to_string(e.fault.x) + "," +
                           std::to_string(e.fault.y) + ") from cycle " + std::to_string(e.at_cycle);
  ctx.log.Info(what + "; a scan takes " + std::to_string(length) + " cycles");
  const fw::DefectMap before = fw::ScanWafer(port, opt);
  const uint64_t end = port.cycle();
  if (end >= e.at_cycle) ctx.log.Error("the first scan ended at cycle " + std::to_string(end) + ", not before T");
  if (!before.defects.empty()) ctx.log.Error("scan ending at cycle " + std::to_string(end) + ", before " + what +
                                              ", reports " + Describe(before));
  if (injector.appeared_at(0))
    ctx.log.Error("appeared_at " + Cycle(injector.appeared_at(0)) + " after a scan ending at " + std::to_string(end));
  // The next scan starts once the fault is there: a tile dying during the
  // scan's network growth confuses it (id_mismatch, links of its
  // neighbours), which is not what this test is about.
  if (port.cycle() <= e.at_cycle) port.Idle(e.at_cycle + 1 - port.cycle(), nullptr);
  if (injector.appeared_at(0) != e.at_cycle)
    ctx.log.Error("appeared_at " + Cycle(injector.appeared_at(0)) + " at cycle " + std::to_string(port.cycle()) +
                  ", expected " + std::to_string(e.at_cycle));
  const fw::DefectMap after = fw::ScanWafer(port, opt);
  if (injector.appeared_at(0) != e.at_cycle)
    ctx.log.Error("appeared_at " + Cycle(injector.appeared_at(0)) + ", expected " + std::to_string(e.at_cycle));
  const ScanVerdict v = JudgeScan(injector.list(), after);
  for (const auto& m : v.missed) ctx.log.Error("scan after T missed " + m);
  for (const auto& sp : v.spurious) ctx.log.Error("scan after T: false positive " + sp);
  const fw::Unit unit = e.fault.cls == FaultClass::kPeDead ? fw::Unit::kPe : fw::Unit::kTile;
  if (!fw::Has(after, e.fault.x, e.fault.y, unit)) ctx.log.Error("scan after T: " + what + " not found");
  ctx.log.Info("before: " + Describe(before) + "; after: " + Describe(after));
  co_return;
}

WSE_MESH_TEST(dft_link_degrades,
              "a link_drop event whose rate ramps from 0.001 to 1: the link test is clean before it appears, the "
              "injector's rate follows the line mid-ramp (updated every 256 cycles), and after the ramp, every "
              "word lost, the scan names exactly that link",
              5000000, "dft3x3") {
  const int w = dut.width(), h = dut.height();
  host::MeshWaferPort port(dut);
  fw::ScanOptions opt;
  opt.mbist = false;
  opt.pe_kat = false;
  // A link between two tiles of the mesh, drawn from the seed.
  TimedFault e;
  e.fault.cls = FaultClass::kLinkDrop;
  for (;;) {
    e.fault.x = static_cast<int>(ctx.rng.Next32() % static_cast<uint32_t>(w));
    e.fault.y = static_cast<int>(ctx.rng.Next32() % static_cast<uint32_t>(h));
    e.fault.dir = static_cast<int>(ctx.rng.Next32() % 4);
    const int nx = e.fault.x + (e.fault.dir == 1) - (e.fault.dir == 3);
    const int ny = e.fault.y + (e.fault.dir == 2) - (e.fault.dir == 0);
    if (nx >= 0 && ny >= 0 && nx < w && ny < h) break;
  }
  e.fault.rate = 0.001;
  e.at_cycle = 40000 + ctx.rng.Next32() % 1000;
  e.ramp_to_rate = 1.0;
  e.ramp_to_cycle = e.at_cycle + 20000 + ctx.rng.Next32() % 5000;
  FaultList list;
  list.seed = ctx.seed;
  FaultInjector injector(dut, list, {e});
  port.OnCycle([&injector](uint64_t cycle) { injector.Step(cycle); });
  const std::string link = "link (" + std::to_string(e.fault.x) + "," + std::to_string(e.fault.y) + ") " +
                           fw::DirName(e.fault.dir);
  ctx.log.Info(link + " drops 0.001 at cycle " + std::to_string(e.at_cycle) + " rising to 1 at cycle " +
               std::to_string(e.ramp_to_cycle));
  const fw::DefectMap before = fw::ScanWafer(port, opt);
  if (port.cycle() >= e.at_cycle) ctx.log.Error("the first scan ran past at_cycle (" + std::to_string(port.cycle()) + ")");
  if (!before.defects.empty()) ctx.log.Error("scan before the link degrades reports " + Describe(before));
  if (injector.drop_rate_now(0) != 0.0 || injector.appeared_at(0))
    ctx.log.Error("before at_cycle: drop rate " + std::to_string(injector.drop_rate_now(0)) + ", appeared_at " +
                  Cycle(injector.appeared_at(0)));
  // Mid-ramp: the rate lags the line by at most 256 cycles of its slope.
  const uint64_t mid = e.at_cycle + (e.ramp_to_cycle - e.at_cycle) * (1 + ctx.rng.Next32() % 8) / 10;
  if (port.cycle() < mid) port.Idle(mid - port.cycle(), nullptr);
  const double slope = (1.0 - 0.001) / static_cast<double>(e.ramp_to_cycle - e.at_cycle);
  const double line = 0.001 + slope * static_cast<double>(mid - e.at_cycle), now = injector.drop_rate_now(0);
  if (now > line + 1e-12 || now < line - slope * 256 - 1e-12)
    ctx.log.Error("cycle " + std::to_string(mid) + ": drop rate " + std::to_string(now) + ", the ramp is at " +
                  std::to_string(line) + " (at most " + std::to_string(slope * 256) + " behind)");
  if (injector.appeared_at(0) != e.at_cycle)
    ctx.log.Error("appeared_at " + Cycle(injector.appeared_at(0)) + ", expected " + std::to_string(e.at_cycle));
  ctx.log.Info("cycle " + std::to_string(mid) + ": drop rate " + std::to_string(now) + " (line " +
               std::to_string(line) + ")");
  if (port.cycle() <= e.ramp_to_cycle) port.Idle(e.ramp_to_cycle + 1 - port.cycle(), nullptr);
  if (injector.drop_rate_now(0) != 1.0)
    ctx.log.Error("after the ramp: drop rate " + std::to_string(injector.drop_rate_now(0)) + ", expected 1");
  const fw::DefectMap after = fw::ScanWafer(port, opt);
  if (!fw::Has(after, e.fault.x, e.fault.y, fw::Unit::kLink, e.fault.dir))
    ctx.log.Error("scan after the ramp does not name " + link + ": " + Describe(after));
  for (const fw::Defect& d : after.defects)
    if (d.unit != fw::Unit::kLink || d.x != e.fault.x || d.y != e.fault.y || d.dir != e.fault.dir)
      ctx.log.Error("scan after the ramp: false positive in " + Describe(after));
  ctx.log.Info("after: " + Describe(after));
  co_return;
}

WSE_MESH_TEST(dft_event_refused,
              "the fault injector refuses a drop ramp on a class other than link_drop, naming events[0], and "
              "injects nothing of a refused list: the scan then finds a clean wafer",
              5000000, "dft3x3") {
  FaultList list;
  list.seed = ctx.seed;
  Fault dead;  // set before the events are checked, were they checked late
  dead.cls = FaultClass::kTileDead, dead.x = 1, dead.y = 1;
  Fault wire;
  wire.cls = FaultClass::kLinkStuck, wire.x = 0, wire.y = 0, wire.dir = 1, wire.bit = 38, wire.value = 0;
  list.faults = {wire, dead};
  TimedFault e;
  e.at_cycle = 100;
  e.fault.cls = (ctx.seed & 1) ? FaultClass::kPeDead : FaultClass::kRouterDead;
  e.fault.x = 0, e.fault.y = 1;
  e.ramp_to_rate = 0.5;
  e.ramp_to_cycle = 200;
  std::string error = "no error";
  try {
    FaultInjector injector(dut, list, {e});
  } catch (const FaultListError& x) {
    error = x.what();
  }
  if (error.find("events[0]") == std::string::npos || error.find("ramp_to_rate") == std::string::npos)
    ctx.log.Error("a ramp on " + std::string(FaultClassName(e.fault.cls)) + ": got \"" + error +
                  "\", expected an error naming events[0] and ramp_to_rate");
  ctx.log.Info("refused: " + error);
  host::MeshWaferPort port(dut);
  fw::ScanOptions opt;
  opt.mbist = false;
  const fw::DefectMap map = fw::ScanWafer(port, opt);
  if (!map.defects.empty()) ctx.log.Error("after the refusal the scan reports " + Describe(map));
  co_return;
}

}  // namespace wse::tb
