#include "burnin/runner.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <set>

#include "faults/fault_injector.h"
#include "firmware/apply/apply_repair.h"
#include "firmware/burnin/burnin.h"
#include "firmware/repair/repair.h"
#include "firmware/report/burnin_svg.h"
#include "firmware/scan/defect_scan.h"
#include "firmware/tap/tap_plan.h"
#include "harness/pe_host.h"
#include "harness/workload_ref.h"
#include "models/mesh_dut.h"
#include "util/atomic_file.h"
#include "wafer/mesh_wafer_port.h"

namespace wse::burnin {
namespace {

/// An intermittent fault active for fewer cycles than this may never have
/// been exercised: it is reported, not required to be mapped out.
constexpr uint64_t kRequiredActiveCycles = 100;
/// A link_drop losing fewer words than this may pass every test.
constexpr double kRequiredDropRate = 0.005;


// Does the final repair still use the nearest-neighbour wires leaving (x, y) toward `dir`?
bool WireUsed(const fw::Repair& r, const std::vector<fw::TileSetting>& st, int x, int y, int dir) {
  int nx, ny;
  if (!fw::Neighbour(r.phys_width, r.phys_height, x, y, dir, &nx, &ny)) return false;  // edge I/O, not judged
  const fw::TileSetting& a = st[static_cast<size_t>(y) * r.phys_width + x];
  const fw::TileSetting& b = st[static_cast<size_t>(ny) * r.phys_width + nx];
  if (!a.used || !b.used || a.code[dir] != 0) return false;
  return std::abs(a.lx - b.lx) + std::abs(a.ly - b.ly) == 1;
}

bool IsLinkClass(tb::FaultClass c) {
  return c == tb::FaultClass::kLinkStuck || c == tb::FaultClass::kLinkOpen ||
         c == tb::FaultClass::kLinkBridge || c == tb::FaultClass::kLinkDrop;
}

class Scoreboard {
 public:
  void Check(const fw::KernelData& d) {
    if (d.kernel == fw::Kernel::kTraffic) {
      ++traffic;  // no data: the link counters are its result
      return;
    }
    ++accepted;
    bool ok = true;
    switch (d.kernel) {
      case fw::Kernel::kGemv:
        ok = tb::GemvReference(d.a, d.x, d.height * d.m, d.width * d.n) == d.out;
        break;
      case fw::Kernel::kStencil:
        ok = tb::StencilReference(d.grid, d.height * d.m, d.width * d.n, d.iters) == d.out;
        break;
      case fw::Kernel::kAllreduce: {
        std::vector<uint32_t> sum(static_cast<size_t>(d.m), 0);
        for (const auto& v : d.vecs)
          for (size_t i = 0; i < v.size() && i < sum.size(); ++i) sum[i] += v[i];
        ok = d.outs.size() == d.vecs.size();
        for (const auto& o : d.outs) ok = ok && o == sum;
        break;
      }
      case fw::Kernel::kTraffic:
        break;
    }
    if (!ok) ++wrong;
  }
  int accepted = 0, wrong = 0, traffic = 0;
};

// Injector cycles are scenario time; the report's are wafer cycles, `base` later.
Judgement Judge(const Scenario& s, const tb::FaultInjector& inj, const fw::BurnInReport& rep,
                const std::vector<uint64_t>& resets, uint64_t base, const Scoreboard& sb) {
  Judgement j;
  j.accepted = sb.accepted;
  j.traffic_accepted = sb.traffic;
  j.wrong_accepted = sb.wrong;
  if (sb.wrong)
    j.problems.push_back(std::to_string(sb.wrong) +
                         " accepted result(s) disagree with the harness's reference");
  const fw::Repair& fin = rep.final_repair;
  const std::vector<fw::TileSetting> st =
      rep.has_final_repair ? fw::TileSettings(fin) : std::vector<fw::TileSetting>{};
  auto used = [&](int x, int y) {
    return rep.has_final_repair && st[static_cast<size_t>(y) * fin.phys_width + x].used;
  };
  // A failure after `after` that names physical tile (x, y): charged to it,
  // among its suspects, or among the tiles CFG_CHECK flagged.
  auto named = [&](int x, int y, uint64_t after) {
    for (const auto& f : rep.failures) {
      if (f.detected_cycle < after) continue;
      if (f.x == x && f.y == y) return true;
      for (const auto& t : f.suspects)
        if (t == std::make_pair(x, y)) return true;
      const util::Json* cfg = f.evidence.Get("cfg_check_tiles");
      if (cfg && (" " + cfg->AsString() + " ").find(" " + fw::TileText(x, y) + " ") != std::string::npos)
        return true;
    }
    return false;
  };
  // The first accepted result after `cycle` (UINT64_MAX: none).
  auto first_commit_after = [&](uint64_t cycle) {
    uint64_t first = UINT64_MAX;
    for (const auto& it : rep.iterations)
      if (it.committed && it.end_cycle > cycle) first = std::min(first, it.end_cycle);
    return first;
  };
  std::set<std::pair<int, int>> faulty;
  const auto& faults = inj.list().faults;
  for (size_t i = 0; i < faults.size(); ++i) {
    const tb::Fault& f = faults[i];
    const auto appeared = inj.appeared_at(i);
    if (!appeared) continue;
    const std::optional<uint64_t> at = *appeared + base;
    if (tb::IsPermanent(f.cls) || f.cls == tb::FaultClass::kLinkDrop) faulty.insert({f.x, f.y});
    if (IsLinkClass(f.cls)) {
      int nx, ny;
      fw::Neighbour(s.mesh.width, s.mesh.height, f.x, f.y, f.dir, &nx, &ny);
      faulty.insert({nx, ny});
    }
    const std::string cls = tb::FaultClassName(f.cls);
    if (f.cls == tb::FaultClass::kCfgFlip) {
      if (!used(f.x, f.y)) continue;
      ++j.transients;
      // Scrubbed: named by a failure after it struck, or wiped by a reset
      // before any result was accepted after it (nothing could have used it).
      const uint64_t commit = first_commit_after(*at);
      bool wiped = false;
      for (uint64_t r : resets) wiped = wiped || (r > *at && r < commit);
      if (named(f.x, f.y, *at) || wiped)
        ++j.transients_scrubbed;
      else
        j.problems.push_back(
            "cfg_flip on " + fw::TileText(f.x, f.y) + " at cycle " + std::to_string(*at) +
            " was not named by the firmware before results were accepted after it");
      continue;
    }
    if (f.cls == tb::FaultClass::kSramFlip) {
      ++j.sram_flips;
      j.sram_flips_detected += named(f.x, f.y, *at);
      continue;
    }
    Judgement::Count& c = j.per_class[cls + (f.intermittent ? " (intermittent)" : "")];
    ++c.injected;
    c.detected +=
        named(f.x, f.y, *at) || fw::Has(rep.initial_defects, f.x, f.y, fw::Unit::kTile) ||
        std::any_of(rep.initial_defects.defects.begin(), rep.initial_defects.defects.end(),
                    [&](const fw::Defect& d) { return d.x == f.x && d.y == f.y; });
    bool required = true;
    if (f.intermittent && inj.active_cycles()[i] < kRequiredActiveCycles) required = false;
    if (f.cls == tb::FaultClass::kLinkDrop && inj.drop_rate_now(i) < kRequiredDropRate)
      required = false;
    if (!required) continue;
    ++c.required;
    const bool out = IsLinkClass(f.cls)
                         ? !WireUsed(fin, st, f.x, f.y, f.dir) || !rep.has_final_repair
                         : !used(f.x, f.y);
    if (out)
      ++c.out;
    else
      j.problems.push_back(
          cls + (f.intermittent ? " (intermittent)" : "") + " on " + fw::TileText(f.x, f.y) +
          (IsLinkClass(f.cls) ? std::string(" ") + fw::DirName(f.dir) : std::string()) +
          " is still in the final grid");
  }
  for (const auto& f : rep.failures) {
    if (f.cls != fw::FailureClass::kStall && f.symptom != "stall" && f.symptom != "watchdog")
      continue;
    ++j.stalls;
    j.stalls_recovered += f.resumed_cycle >= f.detected_cycle && (f.action != "none");
  }
  if (j.stalls_recovered != j.stalls) j.problems.push_back("a stall was not recovered");
  // A tile the firmware charged with a failure it mapped out, with no
  // injected fault on it or on a link it ends (the tiles a degraded grid
  // drops alongside are not charged).
  for (const auto& f : rep.failures)
    if (f.action == "mapped_out" && f.x >= 0 && !faulty.count({f.x, f.y})) {
      ++j.false_mapouts;
      j.problems.push_back("failure " + std::to_string(f.id) + " mapped out " + fw::TileText(f.x, f.y) +
                           ", which carries no injected fault");
    }
  if (s.expect.degraded && rep.has_final_repair && fin.degraded() != *s.expect.degraded)
    j.problems.push_back(std::string("the scenario expects a ") +
                         (*s.expect.degraded ? "degraded" : "full") + " grid; the run ended " +
                         (fin.degraded() ? "degraded" : "full"));
  if (!rep.has_final_repair) j.problems.push_back("the wafer ended with no logical grid");
  if (sb.accepted == 0)
    j.problems.push_back("no result was accepted: the run spent its duration on failures");
  if (!rep.stopped.empty()) j.problems.push_back("the run stopped early: " + rep.stopped);
  return j;
}

}  // namespace

util::Json ToJson(const Judgement& j) {
  util::Json d = util::Json::Object();
  d.Set("pass", util::Json(j.Pass()));
  util::Json pc = util::Json::Object();
  for (const auto& [k, c] : j.per_class) {
    util::Json e = util::Json::Object();
    e.Set("injected", util::Json(static_cast<int64_t>(c.injected)));
    e.Set("required", util::Json(static_cast<int64_t>(c.required)));
    e.Set("mapped_out", util::Json(static_cast<int64_t>(c.out)));
    e.Set("detected", util::Json(static_cast<int64_t>(c.detected)));
    pc.Set(k, std::move(e));
  }
  d.Set("per_class", std::move(pc));
  d.Set("accepted_results", util::Json(static_cast<int64_t>(j.accepted)));
  d.Set("accepted_traffic_runs", util::Json(static_cast<int64_t>(j.traffic_accepted)));
  d.Set("wrong_accepted", util::Json(static_cast<int64_t>(j.wrong_accepted)));
  d.Set("cfg_flips", util::Json(static_cast<int64_t>(j.transients)));
  d.Set("cfg_flips_scrubbed", util::Json(static_cast<int64_t>(j.transients_scrubbed)));
  d.Set("sram_flips", util::Json(static_cast<int64_t>(j.sram_flips)));
  d.Set("sram_flips_detected", util::Json(static_cast<int64_t>(j.sram_flips_detected)));
  d.Set("stalls", util::Json(static_cast<int64_t>(j.stalls)));
  d.Set("stalls_recovered", util::Json(static_cast<int64_t>(j.stalls_recovered)));
  d.Set("false_mapouts", util::Json(static_cast<int64_t>(j.false_mapouts)));
  util::Json p = util::Json::Array();
  for (const auto& s : j.problems) p.Push(util::Json(s));
  d.Set("problems", std::move(p));
  return d;
}

RunResult RunScenario(const Scenario& s0, const RunOptions& o) {
  const auto t0 = std::chrono::steady_clock::now();
  Scenario s = s0;
  s.seeds.faults += o.seed_offset;
  s.seeds.workload += o.seed_offset;
  if (s.manufacturing.drawn) s.manufacturing.seed += o.seed_offset;
  if (o.duration_override) s.workload.duration_cycles = o.duration_override;
  auto say = [&](const std::string& line) {
    if (o.progress) o.progress(line);
  };

  // The programs, as the firmware carries them: the 4 KiB builds.
  fw::KernelPrograms programs;
  const std::string dir = o.programs_dir + "/workloads_4k/";
  programs.gemv = tb::ToFirmwareProgram(tb::LoadPeImage(dir + "gemv.elf"));
  programs.stencil = tb::ToFirmwareProgram(tb::LoadPeImage(dir + "stencil.elf"));
  programs.allreduce = tb::ToFirmwareProgram(tb::LoadPeImage(dir + "allreduce.elf"));

  std::unique_ptr<tb::MeshDut> dut =
      tb::MakeStitchedDftMesh(s.mesh.width, s.mesh.height, o.threads);
  tb::FaultList list = ManufacturingFaults(s);
  list.seed = s.seeds.faults;
  std::vector<tb::TimedFault> events;
  for (const Event& e : s.events) {
    tb::TimedFault t;
    t.at_cycle = e.at_cycle.value_or(0);
    t.fault = e.fault;
    if (e.ramp) t.ramp_to_rate = e.ramp->to_rate, t.ramp_to_cycle = e.ramp->to_cycle;
    events.push_back(t);
  }
  tb::FaultInjector inj(*dut, list, events);
  host::MeshWaferPort port(*dut);
  // Scenario time starts with the burn-in: the manufacturing scan runs
  // before it, with the manufacturing faults set and nothing stepping (an
  // intermittent fault stays dormant, as a marginal tile that passes its
  // manufacturing test).
  uint64_t base = UINT64_MAX;
  port.OnCycle([&](uint64_t c) {
    if (c < base) return;
    const uint64_t t = c - base;
    if ((t & 1023) == 0) inj.SetTemperature(TemperatureAt(s.stress, t));
    inj.Step(t);
  });
  inj.SetTemperature(TemperatureAt(s.stress, 0));

  // Manufacturing test: the full scan and the first repair, persisted where
  // the burn-in's boot reads them.
  const std::string state = o.out_dir + "/state";
  std::filesystem::create_directories(state);
  say("manufacturing scan of the " + std::to_string(s.mesh.width) + "x" +
      std::to_string(s.mesh.height) + " wafer");
  const fw::DefectMap found = fw::ScanWafer(port, fw::ScanOptions{});
  const fw::RemapResult first = fw::Remap(found, fw::RemapOptions{s.mesh.spares, true, 0});
  if (!first.repair)
    throw std::runtime_error(s.name + ": the manufacturing scan leaves no logical grid");
  fw::WriteDefectMap(state + "/defects.json", found);
  fw::WriteRepairFile(state + "/repair.json", *first.repair);
  say("manufacturing repair: " + first.summary);

  fw::BurnInOptions bo;
  bo.state_dir = state;
  bo.programs = programs;
  for (const MixEntry& m : s.workload.mix) bo.mix.emplace_back(m.kernel, m.weight);
  bo.sequence = s.workload.order == MixOrder::kSequence;
  bo.workload_seed = s.seeds.workload;
  bo.duration_cycles = s.workload.duration_cycles;
  bo.checkpoint_every = s.workload.checkpoint_every;
  bo.spares = s.mesh.spares;
  bo.progress = [&](uint64_t cycle, const std::string& line) {
    say("[" + std::to_string(cycle - base) + "/" + std::to_string(s.workload.duration_cycles) +
        "] " + line);
  };
  Scoreboard sb;
  bo.on_commit = [&](const fw::KernelData& d) { sb.Check(d); };
  base = port.cycle();
  fw::BurnInReport rep = fw::RunBurnIn(port, bo);

  RunResult r;
  r.report = rep;
  r.judge = Judge(s, inj, rep, port.resets(), base, sb);
  r.use_hours = ProfileUseHours(s);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  util::Json doc = util::Json::Object();
  doc.Set("scenario", util::Json(s.name));
  doc.Set("seed_offset", util::Json(static_cast<int64_t>(o.seed_offset)));
  util::Json seeds = util::Json::Object();
  seeds.Set("faults", util::Json(static_cast<int64_t>(s.seeds.faults)));
  seeds.Set("workload", util::Json(static_cast<int64_t>(s.seeds.workload)));
  doc.Set("seeds", std::move(seeds));
  doc.Set("use_hours", util::Json(r.use_hours));
  doc.Set("wall_seconds", util::Json(r.seconds));
  doc.Set("judge", ToJson(r.judge));
  util::Json truth = util::Json::Array();
  for (size_t i = 0; i < inj.list().faults.size(); ++i) {
    util::Json f = tb::ToJson(inj.list().faults[i]);
    const auto at = inj.appeared_at(i);
    f.Set("appeared_at", at ? util::Json(static_cast<int64_t>(*at)) : util::Json());
    f.Set("active_cycles", util::Json(static_cast<int64_t>(inj.active_cycles()[i])));
    truth.Push(std::move(f));
  }
  doc.Set("ground_truth", std::move(truth));
  doc.Set("report", fw::ToJson(rep));
  r.doc = doc;

  util::WriteFileAtomic(o.out_dir + "/report.json", doc.Dump(2) + "\n");
  util::WriteFileAtomic(o.out_dir + "/summary.txt", fw::Summary(rep));
  std::vector<std::pair<uint64_t, double>> temps;
  const uint64_t span = rep.end_cycle - base;
  for (int i = 0; i <= 200; ++i) {
    const uint64_t t = span * static_cast<uint64_t>(i) / 200;
    temps.emplace_back(base + t, TemperatureAt(s.stress, t));
  }
  fw::WriteBurnInSvgs(o.out_dir, rep, temps, "burn-in " + s.name);
  return r;
}

}  // namespace wse::burnin
