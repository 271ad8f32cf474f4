// wse burnin: list, check and (next step) run burn-in scenarios
// (docs/burnin.md). Only the scenario side exists so far: the burn-in loop
// itself is not implemented yet.

#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "burnin/scenario.h"
#include "cli/args.h"
#include "cli/commands.h"

namespace wse::cli {
namespace {

const char* kBurninHelp =
    "usage: wse burnin [--list]\n"
    "       wse burnin --check FILE\n"
    "       wse burnin FILE\n"
    "\n"
    "Burn-in scenarios (docs/burnin.md, \"Scenario file\"): the wafer, its\n"
    "manufacturing defects, a temperature profile, faults injected during the run,\n"
    "the workload mix and the seeds.\n"
    "\n"
    "  --list        every scenario in the scenarios folder with its one-line\n"
    "                description (also with no argument); a bad file is listed\n"
    "                with its error\n"
    "  --check FILE  read and validate one scenario; print the mesh, the faults,\n"
    "                the stress profile and the use-hours the run stands for\n"
    "  FILE          run the scenario: NOT IMPLEMENTED YET. The burn-in loop\n"
    "                (boot, stress, detect, diagnose, map out, resume, report) is\n"
    "                the next step of issue 6; for now this validates the file and\n"
    "                exits 2.\n"
    "\n"
    "The scenarios folder is $WSE_SCENARIOS_DIR, else the source tree's scenarios/.\n"
    "\n"
    "exit status: 0 listed or valid; 1 a listed scenario is invalid; 2 invalid\n"
    "file, usage error, or a run asked for (not implemented yet).\n";

std::string Fixed(double v, int digits) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(digits) << v;
  return o.str();
}

std::string Tile(const tb::Fault& f) { return "(" + std::to_string(f.x) + "," + std::to_string(f.y) + ")"; }

std::string Describe(const tb::Fault& f) {
  std::string s = std::string(tb::FaultClassName(f.cls)) + " " + Tile(f);
  if (f.cls == tb::FaultClass::kLinkDrop) s += " rate " + util::Json(f.rate).Dump(0);
  if (f.intermittent) {
    s += " intermittent rate " + util::Json(f.intermittent->rate).Dump(0) + " Ea " +
         util::Json(f.intermittent->ea_ev).Dump(0) + " eV";
  }
  return s;
}

int List() {
  const std::string dir = burnin::ScenariosDir();
  const auto all = burnin::ListScenarios(dir);
  if (all.empty()) {
    std::cout << "no scenarios in " << dir << "\n";
    return 1;
  }
  size_t width = 0;
  for (const auto& l : all) width = std::max(width, l.name.size());
  bool bad = false;
  std::cout << "scenarios in " << dir << " (run one with 'make burnin SCENARIO=<name>'):\n";
  for (const auto& l : all) {
    std::cout << "  " << l.name << std::string(width + 2 - l.name.size(), ' ');
    if (l.error.empty()) {
      std::cout << l.description << "\n";
    } else {
      std::cout << "INVALID: " << l.error << "\n";
      bad = true;
    }
  }
  return bad ? 1 : 0;
}

void Summary(const burnin::Scenario& s, const std::string& path) {
  std::cout << "scenario " << s.name << " (" << path << "): valid\n  " << s.description << "\n";
  std::cout << "mesh: " << s.mesh.width << "x" << s.mesh.height << " fault-injection tiles, " << s.mesh.spares
            << " spare(s) per row -> logical " << s.mesh.width - s.mesh.spares << "x" << s.mesh.height << "\n";
  const tb::FaultList mfg = burnin::ManufacturingFaults(s);
  std::cout << "manufacturing: " << mfg.faults.size() << " fault(s)";
  if (s.manufacturing.drawn) std::cout << " drawn from seed " << s.manufacturing.seed;
  std::cout << "\n";
  for (const tb::Fault& f : mfg.faults) std::cout << "  " << Describe(f) << "\n";
  std::cout << "events: " << s.events.size() << "\n";
  for (const burnin::Event& e : s.events) {
    std::cout << "  cycle " << e.Cycle() << ": " << Describe(e.fault);
    if (e.ramp) std::cout << " ramping to " << util::Json(e.ramp->to_rate).Dump(0) << " by cycle " << e.ramp->to_cycle;
    std::cout << "\n";
  }
  std::cout << "stress profile:\n";
  for (const burnin::Segment& seg : s.stress.profile) {
    if (seg.ramp) {
      std::cout << "  cycles " << seg.from_cycle << ".." << seg.to_cycle << ": ramp " << Fixed(seg.from_c, 1)
                << " -> " << Fixed(seg.to_c, 1) << " C\n";
    } else {
      std::cout << "  from cycle " << seg.from_cycle << ": " << Fixed(seg.to_c, 1) << " C\n";
    }
  }
  const burnin::Arrhenius& a = s.stress.arrhenius;
  std::cout << "arrhenius: Ea " << Fixed(a.ea_ev, 2) << " eV, stress " << Fixed(a.stress_c, 1) << " C, use "
            << Fixed(a.use_c, 1) << " C: AF " << Fixed(burnin::AccelerationFactor(a), 1) << "\n";
  const uint64_t cycles = s.workload.duration_cycles;
  std::cout << "workload: " << cycles << " cycles at " << Fixed(s.stress.clock_hz / 1e9, 3) << " GHz ("
            << Fixed(cycles / s.stress.clock_hz * 1e3, 3) << " ms), mix";
  for (const burnin::MixEntry& m : s.workload.mix) std::cout << " " << burnin::KernelName(m.kernel) << "x" << m.weight;
  std::cout << (s.workload.order == burnin::MixOrder::kSequence ? " (in sequence)" : " (weighted draw)")
            << ", checkpoint every " << s.workload.checkpoint_every << " iterations\n";
  const double nominal = burnin::UseHours(a, cycles, s.stress.clock_hz), profile = burnin::ProfileUseHours(s);
  std::cout << std::setprecision(4) << "use-hours: " << profile << " following the profile ("
            << profile * 3600 << " use-seconds); " << nominal << " (" << nominal * 3600
            << " use-seconds) at a flat " << Fixed(a.stress_c, 1) << " C\n";
  std::cout << "seeds: faults " << s.seeds.faults << ", workload " << s.seeds.workload << "\n";
  if (s.expect.degraded) std::cout << "expect: " << (*s.expect.degraded ? "degraded grid" : "full grid") << "\n";
}

}  // namespace

int RunBurnin(const std::vector<std::string>& argv) {
  const Args a(argv, {"help", "list"}, {"check"});
  if (a.Has("help")) {
    std::cout << kBurninHelp;
    return 0;
  }
  const auto& pos = a.positional();
  if (a.Has("list") || (pos.empty() && !a.Has("check"))) {
    if (!pos.empty() || a.Has("check")) throw UsageError("--list takes no other argument");
    return List();
  }
  if (pos.size() > 1) throw UsageError("one scenario file at a time");
  if (a.Has("check") && !pos.empty()) throw UsageError("--check FILE or FILE, not both");
  const std::string path = a.Has("check") ? a.Get("check") : pos.front();
  burnin::Scenario s;
  try {
    s = burnin::ReadScenario(path);
  } catch (const std::exception& e) {
    std::cerr << "wse burnin: error: " << e.what() << "\n";
    return 2;
  }
  if (a.Has("check")) {
    Summary(s, path);
    return 0;
  }
  std::cerr << "wse burnin: scenario " << s.name << " is valid, but the burn-in loop is not implemented yet "
            << "(issue 6, next step); 'wse burnin --check " << path << "' summarises it\n";
  return 2;
}

}  // namespace wse::cli
