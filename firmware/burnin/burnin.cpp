#include "firmware/burnin/burnin.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

#include "firmware/apply/apply_repair.h"
#include "firmware/cfg_regs.h"
#include "firmware/repair/repair.h"
#include "firmware/scan/defect_scan.h"
#include "firmware/scan/pe_kat.h"
#include "firmware/tap/tap_master.h"

namespace wse::fw {
namespace {

using TileXY = std::pair<int, int>;

std::string Tile(const TileXY& t) { return TileText(t.first, t.second); }

// What the error counters of the logical tiles said after an iteration.
struct Counters {
  std::vector<TileXY> cfg, sram, unrouted, silent;
  std::vector<std::pair<TileXY, int>> perr;  // tile, receiving side
  bool Clean() const {
    return cfg.empty() && sram.empty() && unrouted.empty() && silent.empty() && perr.empty();
  }
};

// One unit a targeted test failed: (tile, unit, dir) and how often.
struct Finding {
  int x = 0, y = 0;
  Unit unit = Unit::kTile;
  int dir = -1;
  std::string test;
  int fails = 0;
  util::Json evidence = util::Json::Object();
  // The unit: a finding of the same key is the same unit failing again.
  std::tuple<int, int, int, int> Key() const { return {x, y, static_cast<int>(unit), dir}; }
};

class BurnIn {
 public:
  BurnIn(WaferPort& port, const BurnInOptions& o) : port_(port), o_(o) {}
  BurnInReport Run();

 private:
  std::string Path(const char* f) const { return o_.state_dir + "/" + f; }
  void Note(const std::string& kind, const std::string& text) {
    report_.timeline.push_back({port_.cycle(), kind, text});
    if (o_.progress) o_.progress(port_.cycle(), kind + ": " + text);
  }
  // Reset, grow the config network, apply the repair (re-planning first if
  // the defect map has outgrown it), test the logical links. False: no grid.
  bool Boot(bool scan);
  bool Replan(const std::string& why);
  void AddDefect(const Finding& f, const std::string& kind);
  Counters ReadCounters();
  // The shadow after a boot: reset values, then the repair's writes.
  void ResetShadow();
  bool Scrub(const std::vector<TileXY>& tiles);
  // The targeted tests, diagnosis_passes times; March C- on `sram_suspects`.
  // `prior`: findings of an earlier run of the same tests, counted as one more pass.
  std::vector<Finding> Battery(const std::vector<TileXY>& sram_suspects, std::vector<Finding> prior = {});
  std::vector<Finding> Mbist(const std::vector<TileXY>& tiles);
  std::vector<Finding> Kat(uint32_t seed);
  std::vector<Finding> Routers();
  std::vector<Finding> Links(uint32_t words);
  // Handles a failed iteration; false when the wafer has no grid left.
  bool Handle(const KernelOutcome& out, const Counters& c, std::optional<Kernel> kernel,
              uint64_t seed, uint64_t checkpoint_cycle);
  // One kernel run and the counters after it: clean or not.
  bool RunClean(Kernel k, uint64_t seed, KernelOutcome* out);
  // Known-answer reruns of a failing kernel; on reproduction, the suspects
  // are tried out one at a time (mapped out on trial). True when one was
  // confirmed and mapped out.
  bool Substitute(Kernel k, uint64_t seed, const KernelOutcome& first, FailureRecord* rec,
                  bool* grid);
  bool MapOut(std::vector<Finding> found, FailureRecord* rec,
              std::optional<FailureClass> cls = std::nullopt);
  void FinalTest();
  // The self-tests run at every checkpoint; false when the wafer has no grid left.
  bool Patrol();

  WaferPort& port_;
  const BurnInOptions& o_;
  std::unique_ptr<TapMaster> tap_;
  DefectMap defects_;
  Repair repair_;
  RegShadow shadow_;
  int colors_ = 32;
  BurnInReport report_;
  std::map<std::pair<TileXY, int>, int> blame_;  // (tile, side or -1) -> unexplained failures
  FailureRecord* current_ = nullptr;             // the failure being handled, if any
  bool trial_ = false;                           // a trial repair: nothing is persisted
  bool no_grid_ = false;

  // Closes the failure being handled: the workload resumes now, from the
  // checkpoint taken at `checkpoint_cycle`.
  void Resume(FailureRecord rec, uint64_t checkpoint_cycle) {
    rec.resumed_cycle = port_.cycle();
    rec.reintegration_cycles = rec.resumed_cycle - rec.detected_cycle;
    rec.lost_cycles = rec.resumed_cycle - checkpoint_cycle;
    current_ = nullptr;
    Note("resume", "failure " + std::to_string(report_.failures.size() + 1) + " (" +
                       FailureClassName(rec.cls) + "): " + rec.action + ", back in " +
                       std::to_string(rec.reintegration_cycles) + " cycles");
    PushFailure(std::move(rec));
  }
  // Accepts the results of the window (the last window.size() iterations).
  void Commit(std::vector<KernelData>* window) {
    for (const KernelData& d : *window)
      if (o_.on_commit) o_.on_commit(d);
    for (size_t i = report_.iterations.size() - window->size(); i < report_.iterations.size(); ++i)
      report_.iterations[i].committed = true;
    report_.committed += static_cast<int>(window->size());
    window->clear();
  }
  void PushFailure(FailureRecord rec) {
    rec.id = static_cast<int>(report_.failures.size()) + 1;
    report_.failures.push_back(std::move(rec));
  }
};

void BurnIn::AddDefect(const Finding& f, const std::string& kind) {
  if (Has(defects_, f.x, f.y, f.unit, f.dir)) return;
  Defect d;
  d.x = f.x, d.y = f.y, d.unit = f.unit, d.dir = f.dir, d.kind = kind, d.evidence = f.evidence;
  defects_.defects.push_back(std::move(d));
}

bool BurnIn::Replan(const std::string& why) {
  const Repair before = repair_;
  const RemapResult r = Remap(defects_, RemapOptions{o_.spares, true, 0}, &repair_);
  if (trial_) {
    // Within a trial repair: plan, but record and persist nothing.
    if (!r.repair || !CheckRepair(defects_, *r.repair).empty()) return false;
    repair_ = *r.repair;
    return true;
  }
  if (!r.repair) {
    no_grid_ = true;
    report_.has_final_repair = false;
    report_.stopped = "no logical grid is left after " + why;
    WriteDefectMap(Path("defects.json"), defects_);
    Note("remap", report_.stopped);
    return false;
  }
  const std::vector<std::string> problems = CheckRepair(defects_, *r.repair);
  if (!problems.empty())
    throw RepairError("burn-in: the remap's plan fails the check: " + problems.front());
  repair_ = *r.repair;
  // Defects first: a stop between the two writes leaves a repair the
  // defect map still justifies at the next boot (which re-checks and re-plans).
  WriteDefectMap(Path("defects.json"), defects_);
  WriteRepairFile(Path("repair.json"), repair_);
  ++report_.remaps;
  const std::vector<TileSetting> was = TileSettings(before), now = TileSettings(repair_);
  for (size_t i = 0; i < was.size(); ++i)
    if (was[i].used && !now[i].used)
      report_.mapped_out.emplace_back(static_cast<int>(i) % repair_.phys_width,
                                      static_cast<int>(i) / repair_.phys_width);
  Note("remap", why + ": " + r.summary);
  return true;
}

bool BurnIn::Boot(bool scan) {
  if (scan) {
    ScanOptions so;
    so.mbist = false;  // the boot scan is the quick one; March C- runs in the final test
    const DefectMap found = ScanWafer(port_, so);
    for (const Defect& d : found.defects) {
      if (Has(defects_, d.x, d.y, d.unit, d.dir)) continue;
      defects_.defects.push_back(d);
      FailureRecord rec;
      rec.detected_cycle = port_.cycle();
      rec.symptom = "boot_test";
      rec.cls = FailureClass::kPermanent;
      rec.x = d.x, rec.y = d.y, rec.dir = d.dir;
      rec.diagnosis = std::string("boot scan: ") + UnitName(d.unit) + " / " + d.kind;
      rec.evidence = d.evidence;
      rec.action = "mapped_out";
      PushFailure(std::move(rec));
    }
  } else {
    port_.Reset();
  }
  for (int attempt = 0; attempt < 8; ++attempt) {
    if (!CheckRepair(defects_, repair_).empty() && !Replan("new defects")) return false;
    tap_ = std::make_unique<TapMaster>(port_);
    tap_->Discover();
    // A tile of the grid the config network no longer reaches is dead.
    std::vector<Finding> bad;
    for (const TileXY& t : GridTiles(repair_))
      if (!tap_->Reachable(t.first, t.second)) {
        Finding f;
        f.x = t.first, f.y = t.second, f.unit = Unit::kTile, f.test = "unreachable", f.fails = 1;
        bad.push_back(std::move(f));
      }
    const bool lost = !bad.empty();
    if (!lost) {
      ApplyRepair(*tap_, defects_, repair_);
      const auto ids = tap_->ReadAll({GridTiles(repair_).front()}, reg::kId);
      if (ids[0].answered) colors_ = static_cast<int>(ids[0].data >> 20 & 0xff);
      ResetShadow();
      bad = Links(64);
      if (bad.empty()) return true;
      // A config upset during the boot (a flipped REPAIR0 steers a link
      // elsewhere) is not a broken link: scrub and test again.
      const Counters c = ReadCounters();
      if (!c.cfg.empty() && Scrub(c.cfg)) {
        Note("scrub", "config upset during the boot's link test");
        bad = Links(64);
        if (bad.empty()) return true;
      }
    }
    // A trial repair that loses a tile or a link is simply a failed trial.
    if (trial_) return false;
    for (const Finding& f : bad) AddDefect(f, lost ? "unreachable" : "repaired_link_test");
    // During the handling of a failure, what the boot finds is that
    // failure's diagnosis; otherwise (at boot) a failure of its own.
    FailureRecord own;
    FailureRecord& rec = current_ ? *current_ : own;
    if (!current_) {
      rec.detected_cycle = port_.cycle();
      rec.symptom = "boot_test";
    }
    rec.cls = lost ? FailureClass::kPermanent : FailureClass::kLink;
    rec.x = bad[0].x, rec.y = bad[0].y, rec.dir = bad[0].dir;
    rec.diagnosis =
        (lost ? std::string("config network discovery") : std::string("post-repair link test")) +
        (current_ ? " after the reset: " : " at boot: ") + std::to_string(bad.size()) +
        (lost ? " tile(s) of the grid unreachable" : " logical link(s) failed");
    rec.evidence.Set(lost ? "unreachable" : "link_test",
                     lost ? util::Json(TileText(bad[0].x, bad[0].y)) : bad[0].evidence);
    rec.action = "mapped_out";
    if (!current_) PushFailure(std::move(own));
    if (!Replan(lost ? "unreachable tile" : "post-repair link test")) return false;
    port_.Reset();
  }
  throw RepairError("burn-in: the grid kept losing tiles or links after 8 re-plans");
}

Counters BurnIn::ReadCounters() {
  Counters c;
  const std::vector<TileXY> tiles = GridTiles(repair_);
  std::vector<TapOp> ops;
  for (auto [x, y] : tiles)
    for (uint8_t a : {reg::kCfgCheck, reg::kErrSram, reg::kLinkPerr, reg::kErrUnrouted})
      ops.push_back(tap_->Access(x, y, a, false));
  const auto res = tap_->Run(ops);
  std::vector<TapOp> clear;
  for (size_t i = 0; i < tiles.size(); ++i) {
    const TapResult* r = &res[4 * i];
    if (!r[0].answered || !r[1].answered || !r[2].answered || !r[3].answered) {
      c.silent.push_back(tiles[i]);
      continue;
    }
    if (r[0].data & 3) c.cfg.push_back(tiles[i]);
    if (r[1].data) c.sram.push_back(tiles[i]);
    for (int s = 0; s < 4; ++s)
      if (r[2].data >> (8 * s) & 0xff) c.perr.push_back({tiles[i], s});
    if (r[3].data) c.unrouted.push_back(tiles[i]);
    // ERR_SRAM and ERR_UNROUTED are set by a write; LINK_PERR cleared by any.
    if (r[1].data)
      clear.push_back(tap_->Access(tiles[i].first, tiles[i].second, reg::kErrSram, true, 0));
    if (r[2].data)
      clear.push_back(tap_->Access(tiles[i].first, tiles[i].second, reg::kLinkPerr, true, 0));
    if (r[3].data)
      clear.push_back(tap_->Access(tiles[i].first, tiles[i].second, reg::kErrUnrouted, true, 0));
  }
  if (!clear.empty()) tap_->Run(clear);
  return c;
}

void BurnIn::ResetShadow() {
  // Every guarded register as a reset leaves it (docs/config.md), then the
  // repair's writes: a scrub can rewrite any of them, written since or not.
  shadow_.Clear();
  const int w = repair_.phys_width, h = repair_.phys_height;
  shadow_.SetAll(w, h, reg::kCtrl, reg::kCtrlEnable);
  shadow_.SetAll(w, h, reg::kTohostAddr, 0xFFFFFFFFu);
  shadow_.SetAll(w, h, reg::kLinkTest, 0);
  shadow_.SetAll(w, h, reg::kWdtLimit, 0);
  shadow_.SetAll(w, h, reg::kRouterTest, 0);
  for (int c = 0; c < colors_; ++c) shadow_.SetAll(w, h, static_cast<uint8_t>(reg::kRouteBase + c), 0);
  for (const RegWrite& rw : RepairWrites(repair_))
    if (IsGuarded(rw.addr, colors_)) shadow_.Set(rw.x, rw.y, rw.addr, rw.data);
}

bool BurnIn::Scrub(const std::vector<TileXY>& tiles) {
  // Rewrite every guarded register from the shadow, clear CFG_CHECK, and
  // check that nothing guarded still disagrees with its parity.
  std::vector<TapOp> ops;
  for (auto [x, y] : tiles) {
    for (auto [a, v] : shadow_.Of(x, y)) ops.push_back(tap_->Access(x, y, a, true, v));
    ops.push_back(tap_->Access(x, y, reg::kCfgCheck, true, 0));
  }
  tap_->Run(ops);
  const auto check = tap_->ReadAll(tiles, reg::kCfgCheck);
  for (const TapResult& r : check)
    if (!r.answered || (r.data & 3)) return false;
  return true;
}

// A scan-level unit failure as a diagnosis finding.
Finding ToFinding(const UnitFailure& u, const std::string& test) {
  Finding f;
  f.x = u.x, f.y = u.y, f.unit = u.unit, f.fails = 1, f.evidence = u.evidence;
  f.test = u.unit == Unit::kTile ? u.kind : test;
  return f;
}

std::vector<Finding> BurnIn::Kat(uint32_t seed) {
  std::vector<Finding> out;
  const PeKat kat = MakePeKat(seed);
  shadow_.SetAll(repair_.phys_width, repair_.phys_height, reg::kTohostAddr, kat.tohost_addr);
  // Started on the grid only: the spares stay halted.
  for (const UnitFailure& u : RunPeKat(port_, *tap_, GridTiles(repair_), seed, false)) out.push_back(ToFinding(u, "pe_kat"));
  return out;
}

std::vector<Finding> BurnIn::Routers() {
  std::vector<Finding> out;
  const std::vector<TileXY> tiles = GridTiles(repair_);
  const std::vector<RouterTestResult> rt = RunRouterTest(port_, *tap_, tiles, colors_, 48);
  for (int c = 0; c < colors_; ++c)
    shadow_.SetAll(repair_.phys_width, repair_.phys_height,
                   static_cast<uint8_t>(reg::kRouteBase + c), 0);
  shadow_.SetAll(repair_.phys_width, repair_.phys_height, reg::kRouterTest, 0);
  for (size_t i = 0; i < tiles.size(); ++i) {
    if (!rt[i].bad_ports) continue;
    Finding f;
    f.x = tiles[i].first, f.y = tiles[i].second, f.unit = Unit::kRouter, f.test = "loopback",
    f.fails = 1;
    f.evidence.Set("ports", util::Json(RouterPortNames(rt[i].bad_ports)));
    f.evidence.Set("errors", util::Json(static_cast<int64_t>(rt[i].first_errors)));
    f.evidence.Set("words", util::Json(static_cast<int64_t>(rt[i].first_words)));
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<Finding> BurnIn::Links(uint32_t words) {
  std::vector<Finding> out;
  for (const LinkTestResult& r : RunRepairedLinkTest(port_, *tap_, repair_, words)) {
    Finding f;
    // A nearest-neighbour wire is a link defect of its sender; the defect
    // map has no place for a skip or diagonal wire, so its sender is taken
    // out instead (docs/burnin.md, "Taxonomy").
    f.x = r.tx_x, f.y = r.tx_y, f.fails = 1, f.test = "link_test";
    if (!r.answered)
      f.x = r.rx_x, f.y = r.rx_y, f.unit = Unit::kTile, f.test = "no_answer";  // the silent one
    else if (r.code == 0)
      f.unit = Unit::kLink, f.dir = (r.side + 2) % 4;
    else
      f.unit = Unit::kTile;
    const bool seen = std::any_of(out.begin(), out.end(), [&](const Finding& g) {
      return g.Key() == f.Key();
    });
    if (seen) continue;
    f.evidence.Set("link", util::Json(r.text));
    out.push_back(std::move(f));
  }
  shadow_.SetAll(repair_.phys_width, repair_.phys_height, reg::kLinkTest, 0);
  return out;
}

std::vector<Finding> BurnIn::Mbist(const std::vector<TileXY>& tiles) {
  std::vector<Finding> out;
  for (const UnitFailure& u : RunMbist(port_, *tap_, tiles, port_.Part().sram_words, false))
    out.push_back(ToFinding(u, "march_c-"));
  return out;
}

std::vector<Finding> BurnIn::Battery(const std::vector<TileXY>& sram_suspects, std::vector<Finding> prior) {
  // Per unit: how many of the passes it failed.
  std::map<std::tuple<int, int, int, int>, Finding> found;
  for (Finding& p : prior) {
    const auto key = p.Key();
    found.emplace(key, std::move(p));
  }
  for (int pass = 0; pass < o_.diagnosis_passes; ++pass) {
    std::vector<Finding> f =
        Kat(static_cast<uint32_t>(0x9000 + pass + 7 * report_.failures.size()));
    // The router loopback test is short (about 400 cycles) and catches a
    // marginal port only while it misbehaves: several runs per pass, a
    // port counted once per pass.
    for (int r = 0; r < o_.router_runs; ++r)
      for (Finding& g : Routers()) f.push_back(std::move(g));
    for (Finding& r : Links(255)) f.push_back(std::move(r));
    for (Finding& r : Mbist(sram_suspects)) f.push_back(std::move(r));
    // A config upset during the pass (CFG_CHECK) explains a failure on its
    // tile: that tile's findings of this pass are not held against it.
    const Counters c = ReadCounters();
    if (!c.cfg.empty()) {
      Scrub(c.cfg);
      f.erase(std::remove_if(
                  f.begin(), f.end(),
                  [&](const Finding& r) {
                    return std::find(c.cfg.begin(), c.cfg.end(), TileXY{r.x, r.y}) != c.cfg.end();
                  }),
              f.end());
    }
    std::set<std::tuple<int, int, int, int>> this_pass;  // a unit counts once per pass
    for (Finding& r : f) {
      const auto key = r.Key();
      if (!this_pass.insert(key).second) continue;
      auto it = found.find(key);
      if (it == found.end())
        found.emplace(key, std::move(r));
      else
        ++it->second.fails;
    }
  }
  std::vector<Finding> out;
  for (auto& [k, f] : found) out.push_back(std::move(f));
  return out;
}

bool BurnIn::MapOut(std::vector<Finding> found, FailureRecord* rec,
                    std::optional<FailureClass> cls) {
  // The failure is charged to the unit found most often.
  std::stable_sort(found.begin(), found.end(),
                   [](const Finding& a, const Finding& b) { return a.fails > b.fails; });
  const Finding& f = found.front();
  rec->x = f.x, rec->y = f.y, rec->dir = f.dir;
  rec->cls = f.unit == Unit::kLink            ? FailureClass::kLink
             : f.fails >= o_.diagnosis_passes ? FailureClass::kPermanent
                                              : FailureClass::kMarginal;
  if (cls) rec->cls = *cls;
  rec->diagnosis = f.test + " failed " + std::to_string(f.fails) + " of " +
                   std::to_string(o_.diagnosis_passes) + " runs on " + TileText(f.x, f.y) +
                   (f.dir >= 0 ? std::string(" ") + DirName(f.dir) : std::string());
  rec->evidence.Set("test", f.evidence);
  if (found.size() > 1) {
    util::Json others = util::Json::Array();
    for (size_t i = 1; i < found.size(); ++i)
      others.Push(util::Json(found[i].test + " " + TileText(found[i].x, found[i].y) + " failed " +
                             std::to_string(found[i].fails)));
    rec->evidence.Set("also_found", std::move(others));
  }
  rec->action = "mapped_out";
  for (const Finding& g : found) AddDefect(g, "burnin_" + g.test);
  Note("map_out", std::string(FailureClassName(rec->cls)) + " " + UnitName(f.unit) + " on " +
                      TileText(f.x, f.y) + ": " + rec->diagnosis);
  const std::string why = "burn-in failure " + std::to_string(report_.failures.size() + 1);
  if (!CheckRepair(defects_, repair_).empty()) return Replan(why);
  // The grid survives as it is (the unit was already out of it): the
  // finding still goes into the persisted defect map for the next boot.
  if (!trial_) WriteDefectMap(Path("defects.json"), defects_);
  return true;
}

bool BurnIn::RunClean(Kernel k, uint64_t seed, KernelOutcome* out) {
  KernelRunner runner(port_, *tap_, repair_, o_.programs, o_.limits, shadow_, colors_);
  *out = runner.Run(k, seed);
  const Counters c = ReadCounters();
  if (out->ok && !c.Clean()) {
    out->ok = false;
    out->symptom = "counters";
    for (const auto& v : {c.cfg, c.sram, c.unrouted, c.silent})
      out->suspects.insert(out->suspects.end(), v.begin(), v.end());
    for (const auto& [t, side] : c.perr) out->suspects.push_back(t);
  }
  return out->ok;
}

bool BurnIn::Substitute(Kernel k, uint64_t seed, const KernelOutcome& first, FailureRecord* rec,
                        bool* grid) {
  // Votes: how many failing runs named each tile.
  std::map<TileXY, int> votes;
  for (const TileXY& t : first.suspects) ++votes[t];
  int fails = 1, runs = 1;
  for (int r = 0; r < o_.known_answer_runs; ++r) {
    KernelOutcome o;
    ++runs;
    if (RunClean(k, seed, &o)) continue;
    ++fails;
    for (const TileXY& t : o.suspects) ++votes[t];
    if (!Boot(false)) return *grid = false;
  }
  rec->evidence.Set("known_answer_runs",
                    util::Json(std::to_string(fails) + " of " + std::to_string(runs) + " failed"));
  if (fails == 1) return false;  // not reproduced
  std::vector<std::pair<int, TileXY>> ranked;
  for (const auto& [t, n] : votes) ranked.push_back({-n, t});
  std::sort(ranked.begin(), ranked.end());
  Note("diagnose", std::string(KernelName(k)) + " failed " + std::to_string(fails) + " of " +
                       std::to_string(runs) +
                       " known-answer runs; trying the suspects out one at a time");
  for (size_t i = 0; i < ranked.size() && i < static_cast<size_t>(o_.substitution_candidates);
       ++i) {
    const TileXY cand = ranked[i].second;
    const Repair saved = repair_;
    const DefectMap saved_defects = defects_;
    Defect d;
    d.x = cand.first, d.y = cand.second, d.unit = Unit::kTile, d.kind = "burnin_known_answer";
    defects_.defects.push_back(d);
    const RemapResult trial = Remap(defects_, RemapOptions{o_.spares, true, 0}, &repair_);
    bool clean = false;
    // A narrower trial grid would drop tiles in every row, the culprit
    // perhaps among them: only trials that keep the width can confirm.
    if (trial.repair && trial.repair->width == repair_.width &&
        CheckRepair(defects_, *trial.repair).empty()) {
      repair_ = *trial.repair;
      trial_ = true;
      const bool booted = Boot(false);
      trial_ = false;
      if (booted) {
        clean = true;
        for (int r = 0; r < o_.known_answer_runs && clean; ++r) {
          KernelOutcome o;
          clean = RunClean(k, seed, &o);
        }
      }
    }
    // Trials are never persisted: the state files change only on a confirmed culprit.
    repair_ = saved;
    defects_ = saved_defects;
    if (!clean) {
      if (!Boot(false)) return *grid = false;
      continue;
    }
    Finding f;
    f.x = cand.first, f.y = cand.second, f.unit = Unit::kTile, f.test = "known_answer",
    f.fails = fails;
    f.evidence.Set("votes", util::Json(static_cast<int64_t>(-ranked[i].first)));
    f.evidence.Set("runs_failed",
                   util::Json(std::to_string(fails) + " of " + std::to_string(runs)));
    f.evidence.Set("clean_runs_without_it", util::Json(static_cast<int64_t>(o_.known_answer_runs)));
    *grid = MapOut({f}, rec, FailureClass::kMarginal);
    rec->diagnosis = std::string(KernelName(k)) + " failed " + std::to_string(fails) + " of " +
                     std::to_string(runs) + " known-answer runs and ran clean " +
                     std::to_string(o_.known_answer_runs) + " times with " + Tile(cand) +
                     " mapped out; no BIST reproduced it";
    if (*grid) *grid = Boot(false);
    return true;
  }
  return false;
}

bool BurnIn::Handle(const KernelOutcome& out, const Counters& c, std::optional<Kernel> k,
                    uint64_t seed, uint64_t checkpoint_cycle) {
  const std::string kernel = k ? KernelName(*k) : "";
  FailureRecord rec;
  current_ = &rec;
  rec.detected_cycle = port_.cycle();
  rec.kernel = kernel;
  rec.suspects = out.suspects;
  rec.evidence.Set("kernel", out.evidence);
  if (!out.ok)
    rec.symptom = out.symptom;
  else if (!c.cfg.empty())
    rec.symptom = "cfg_check";
  else if (!c.sram.empty())
    rec.symptom = "sram_parity";
  else if (!c.perr.empty())
    rec.symptom = "link_parity";
  else if (!c.unrouted.empty())
    rec.symptom = "unrouted";
  else
    rec.symptom = "no_answer";
  auto add_suspects = [&](const std::vector<TileXY>& v) {
    for (const TileXY& t : v)
      if (std::find(rec.suspects.begin(), rec.suspects.end(), t) == rec.suspects.end())
        rec.suspects.push_back(t);
  };
  add_suspects(c.cfg);
  add_suspects(c.sram);
  add_suspects(c.silent);
  add_suspects(c.unrouted);
  for (const auto& [t, s] : c.perr) add_suspects({t});
  Note("detect", rec.symptom + (kernel.empty() ? "" : " in " + kernel) + ", " +
                     std::to_string(rec.suspects.size()) + " suspect tile(s)");

  bool grid = true;
  if (!c.cfg.empty()) {
    // A config upset: CFG_CHECK names the tile. Rewrite from the shadow.
    std::string tiles;
    for (const TileXY& t : c.cfg) tiles += (tiles.empty() ? "" : " ") + Tile(t);
    rec.cls = FailureClass::kTransient;
    rec.x = c.cfg[0].first, rec.y = c.cfg[0].second;
    rec.evidence.Set("cfg_check_tiles", util::Json(tiles));
    if (Scrub(c.cfg)) {
      rec.diagnosis = "CFG_CHECK flagged " + tiles + "; cleared by rewriting the guarded registers";
      rec.action = "scrubbed";
      Note("scrub", "config registers of " + tiles);
      // The upset may have misrouted wavelets that are still in the fabric.
      grid = Boot(false);
    } else {
      // A guarded register that a rewrite cannot set right is broken, not upset.
      Finding f;
      f.x = c.cfg[0].first, f.y = c.cfg[0].second, f.unit = Unit::kTile, f.test = "cfg_check",
      f.fails = 1;
      f.evidence.Set("cfg_check_tiles", util::Json(tiles));
      grid = MapOut({f}, &rec, FailureClass::kPermanent);
      rec.diagnosis =
          "CFG_CHECK flagged " + tiles + " and a rewrite from the shadow did not clear it";
      if (grid) grid = Boot(false);
    }
  } else {
    // Start from a clean wafer: a stall leaves wavelets in the fabric.
    if (!Boot(false)) grid = false;
    const std::vector<TileXY>& sram = c.sram;
    // The link test after the reset may already have found and mapped out a link.
    const bool link_found = rec.action == "mapped_out";
    std::vector<Finding> found;
    if (grid && !link_found) {
      Note("diagnose",
           std::to_string(o_.diagnosis_passes) +
               " passes of known-answer, router loopback and link tests" +
               (sram.empty() ? std::string()
                             : ", March C- on " + std::to_string(sram.size()) + " tile(s)"));
      found = Battery(sram);
    }
    if (!grid) {
      rec.action = "none";
    } else if (link_found) {
      // Diagnosed and re-planned by the post-repair link test.
    } else if (!found.empty()) {
      grid = MapOut(found, &rec);
      if (grid) grid = Boot(false);
    } else if (k && !out.ok && out.symptom != "link_test" && !out.suspects.empty() &&
               Substitute(*k, seed, out, &rec, &grid)) {
      // Localised by known-answer runs and substitution.
    } else if (!grid) {
      rec.action = "none";
    } else {
      // Nothing reproduced. One tile (or link) alone to blame counts
      // toward the threshold; past it, the tile is marginal.
      // A stall's lone suspect is the PE that waited: as likely the victim
      // of a neighbour as the culprit, so stalls blame nobody.
      const bool stall = rec.symptom == "stall" || rec.symptom == "watchdog";
      std::vector<std::pair<TileXY, int>> alone;
      if (rec.suspects.size() == 1 && !stall) alone.push_back({rec.suspects[0], -1});
      if (c.perr.size() == 1 && rec.suspects.size() <= 1)
        alone = {{c.perr[0].first, c.perr[0].second}};
      if (out.symptom == "link_test" && out.suspects.size() == 1)
        alone = {{out.suspects[0], out.suspect_sides[0]}};
      rec.cls = rec.symptom == "stall" || rec.symptom == "watchdog" ? FailureClass::kStall
                : rec.symptom == "link_test" || rec.symptom == "link_parity"
                    ? FailureClass::kLink
                    : FailureClass::kTransient;
      rec.diagnosis = "not reproduced by " + std::to_string(o_.diagnosis_passes) +
                      " passes of the targeted tests";
      rec.action = "reset_and_retried";
      if (!alone.empty()) {
        const auto [t, side] = alone[0];
        rec.x = t.first, rec.y = t.second;
        const int n = ++blame_[{t, side}];
        rec.evidence.Set("blamed", util::Json(static_cast<int64_t>(n)));
        if (n >= o_.blame_threshold) {
          Finding f;
          f.x = t.first, f.y = t.second, f.fails = 0;
          if (side >= 0) {
            // The receiving side's wires come from the logical neighbour.
            const TileSetting& s =
                TileSettings(repair_)[static_cast<size_t>(t.second) * repair_.phys_width + t.first];
            int nlx, nly;
            if (!s.used || !Neighbour(repair_.width, repair_.height, s.lx, s.ly, side, &nlx, &nly)) {
              // An edge-facing side or a tile no longer in the grid: charge the tile itself.
              f.x = t.first, f.y = t.second, f.unit = Unit::kTile, f.dir = -1;
            } else {
              f.x = repair_.PhysX(nlx, nly), f.y = nly;
              f.unit = s.code[side] == 0 ? Unit::kLink : Unit::kTile;
              f.dir = s.code[side] == 0 ? (side + 2) % 4 : -1;
            }
          } else {
            f.unit = Unit::kTile;
          }
          f.test = "blame";
          f.evidence.Set("unexplained_failures", util::Json(static_cast<int64_t>(n)));
          grid = MapOut({f}, &rec, side >= 0 ? FailureClass::kLink : FailureClass::kMarginal);
          rec.diagnosis = "blamed alone for " + std::to_string(n) +
                          " failures no test reproduced (threshold " +
                          std::to_string(o_.blame_threshold) + ")";
          if (grid) grid = Boot(false);
        }
      }
    }
  }
  Resume(std::move(rec), checkpoint_cycle);
  return grid;
}

bool BurnIn::Patrol() {
  std::vector<Finding> found = Kat(static_cast<uint32_t>(0x7000 + report_.checkpoints));
  for (int r = 0; r < o_.router_runs && found.empty(); ++r)
    for (Finding& f : Routers()) found.push_back(std::move(f));
  const Counters c = ReadCounters();
  if (found.empty() && c.Clean()) return true;
  if (!c.Clean()) {
    // An upset or error during the patrol: handled like one after a kernel.
    KernelOutcome out;
    out.ok = found.empty();
    out.symptom = "patrol";
    for (const Finding& f : found) out.suspects.emplace_back(f.x, f.y);
    return Handle(out, c, std::nullopt, 0, port_.cycle());
  }
  FailureRecord rec;
  current_ = &rec;
  rec.detected_cycle = port_.cycle();
  rec.symptom = "patrol";
  for (const Finding& f : found) rec.suspects.emplace_back(f.x, f.y);
  Note("detect", "patrol self-test failed on " + std::to_string(found.size()) + " unit(s)");
  bool grid = Boot(false);
  if (grid) {
    Note("diagnose", std::to_string(o_.diagnosis_passes) +
                         " passes of known-answer, router loopback and link tests");
    // The patrol's own result counts as one more run of the same tests.
    found = Battery({}, std::move(found));
    const int runs = o_.diagnosis_passes + 1;
    std::stable_sort(found.begin(), found.end(),
                     [](const Finding& a, const Finding& b) { return a.fails > b.fails; });
    const FailureClass cls = found.front().unit == Unit::kLink ? FailureClass::kLink
                             : found.front().fails >= runs     ? FailureClass::kPermanent
                                                               : FailureClass::kMarginal;
    grid = MapOut(found, &rec, cls);
    rec.diagnosis = found.front().test + " failed " + std::to_string(found.front().fails) + " of " +
                    std::to_string(runs) + " runs (the patrol and " +
                    std::to_string(o_.diagnosis_passes) + " diagnosis passes) on " +
                    TileText(found.front().x, found.front().y);
    if (grid) grid = Boot(false);
  }
  Resume(std::move(rec), rec.detected_cycle);  // just after a checkpoint: no work thrown away
  return grid;
}

void BurnIn::FinalTest() {
  Note("final_test", "full scan with March C-, then the post-repair link test");
  ScanOptions so;
  const DefectMap found = ScanWafer(port_, so);
  std::vector<Finding> fresh;
  for (const Defect& d : found.defects) {
    if (Has(defects_, d.x, d.y, d.unit, d.dir)) continue;
    Finding f;
    f.x = d.x, f.y = d.y, f.unit = d.unit, f.dir = d.dir, f.test = d.kind, f.fails = 1,
    f.evidence = d.evidence;
    fresh.push_back(std::move(f));
  }
  for (const Finding& f : fresh) {
    FailureRecord rec;
    rec.detected_cycle = port_.cycle();
    rec.symptom = "final_test";
    rec.suspects = {{f.x, f.y}};
    // One scan cannot tell permanent from marginal; a unit the stress loop
    // never tripped on is called permanent (it failed a full test at the end).
    if (!MapOut({f}, &rec,
                f.unit == Unit::kLink ? FailureClass::kLink : FailureClass::kPermanent)) {
      PushFailure(std::move(rec));
      return;
    }
    rec.diagnosis = "final scan: " + std::string(UnitName(f.unit)) + " / " + f.test;
    PushFailure(std::move(rec));
  }
  const size_t first = report_.failures.size() - fresh.size(), last = report_.failures.size();
  if (!Boot(false)) return;
  // The wafer is back (re-planned, applied, links tested) now.
  for (size_t i = first; i < last; ++i) {
    report_.failures[i].resumed_cycle = port_.cycle();
    report_.failures[i].reintegration_cycles = port_.cycle() - report_.failures[i].detected_cycle;
  }
  Note("final_test",
       fresh.empty() ? "clean" : std::to_string(fresh.size()) + " new defect(s) mapped out");
}

BurnInReport BurnIn::Run() {
  defects_ = ReadDefectMap(Path("defects.json"));
  repair_ = ReadRepairFile(Path("repair.json"));
  const PartInfo part = port_.Part();
  if (repair_.phys_width != part.width || repair_.phys_height != part.height ||
      defects_.width != part.width || defects_.height != part.height)
    throw RepairError(o_.state_dir + ": the repair is for a " + std::to_string(repair_.phys_width) +
                      "x" + std::to_string(repair_.phys_height) +
                      " wafer and the defect map for a " + std::to_string(defects_.width) + "x" +
                      std::to_string(defects_.height) + " one; the part is " +
                      std::to_string(part.width) + "x" + std::to_string(part.height));
  report_.phys_width = repair_.phys_width;
  report_.phys_height = repair_.phys_height;
  report_.initial_repair = repair_;
  report_.initial_defects = defects_;
  report_.start_cycle = port_.cycle();
  const uint64_t end = report_.start_cycle + o_.duration_cycles;
  Note("boot", "repair " + std::to_string(repair_.width) + "x" + std::to_string(repair_.height) +
                   " of " + std::to_string(repair_.phys_width) + "x" +
                   std::to_string(repair_.phys_height) + ", " +
                   std::to_string(defects_.defects.size()) + " known defect(s)");
  bool grid = true;
  int next = 0, checkpoint = 0;
  std::vector<KernelData> window;
  try {
    grid = Boot(o_.quick_scan_at_boot);
    uint64_t checkpoint_cycle = port_.cycle();
    while (grid && port_.cycle() < end) {
      const Kernel k = KernelOf(o_, next);
      IterationRecord it;
      it.index = next;
      it.kernel = KernelName(k);
      it.start_cycle = port_.cycle();
      KernelRunner runner(port_, *tap_, repair_, o_.programs, o_.limits, shadow_, colors_);
      KernelOutcome out = runner.Run(k, SeedOf(o_, next));
      const Counters c = ReadCounters();
      it.end_cycle = port_.cycle();
      it.ok = out.ok && c.Clean();
      report_.iterations.push_back(it);
      if (it.ok) {
        window.push_back(std::move(out.data));
        ++next;
        if (next - checkpoint >= o_.checkpoint_every) {
          Commit(&window);
          checkpoint = next;
          checkpoint_cycle = port_.cycle();
          ++report_.checkpoints;
          Note("checkpoint", "iteration " + std::to_string(next));
          if (o_.patrol) {
            grid = Patrol();
            checkpoint_cycle = port_.cycle();
          }
        }
        continue;
      }
      // Everything since the last checkpoint is suspect: thrown away and redone.
      report_.discarded += static_cast<int>(window.size()) + 1;
      window.clear();
      grid = Handle(out, c, k, SeedOf(o_, next), checkpoint_cycle);
      next = checkpoint;
      checkpoint_cycle = port_.cycle();
    }
    // Results of a last, partial window are accepted only with the final test clean.
    if (grid && o_.final_test) {
      const size_t before = report_.failures.size();
      FinalTest();
      grid = !no_grid_;
      if (report_.failures.size() != before) {
        report_.discarded += static_cast<int>(window.size());
        window.clear();
      }
    }
  } catch (const RepairError& e) {
    // The wafer refused the repair (a tile stopped answering between
    // discovery and the write, a read-back differed): the run stops here
    // and the report says why.
    current_ = nullptr;
    report_.stopped = e.what();
    Note("done", std::string("stopped: ") + e.what());
    grid = false;
  }
  if (grid) {
    Commit(&window);
  } else {
    report_.discarded += static_cast<int>(window.size());
  }
  report_.final_repair = repair_;
  report_.has_final_repair = !no_grid_;
  report_.final_defects = defects_;
  report_.end_cycle = port_.cycle();
  Note("done", std::to_string(report_.committed) + " iterations accepted, " +
                   std::to_string(report_.failures.size()) + " failure(s), " +
                   std::to_string(report_.mapped_out.size()) + " tile(s) mapped out");
  return report_;
}

}  // namespace

Kernel KernelOf(const BurnInOptions& o, int i) {
  int total = 0;
  for (const auto& [k, w] : o.mix) total += w;
  if (total <= 0) throw std::invalid_argument("burn-in: the workload mix is empty");
  int pick =
      o.sequence
          ? i % total
          : static_cast<int>(Mix64(o.workload_seed * 0x100000001b3ULL + static_cast<uint64_t>(i)) %
                             static_cast<uint64_t>(total));
  for (const auto& [k, w] : o.mix) {
    if (pick < w) return k;
    pick -= w;
  }
  return o.mix.back().first;
}

uint64_t SeedOf(const BurnInOptions& o, int i) {
  return Mix64(o.workload_seed ^ (0x9e3779b97f4a7c15ULL * static_cast<uint64_t>(i + 1)));
}

BurnInReport RunBurnIn(WaferPort& port, const BurnInOptions& options) {
  return BurnIn(port, options).Run();
}

}  // namespace wse::fw
