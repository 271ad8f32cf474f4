// wse burnin: list, check and run burn-in scenarios (docs/burnin.md), one
// run or a campaign over many seeds (child processes, a few at a time).

#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include <array>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <thread>

#include "burnin/runner.h"
#include "burnin/scenario.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "tests/pe_env.h"
#include "util/atomic_file.h"
#include "util/process_pool.h"
#include "yield/yield_stats.h"

namespace wse::cli {
namespace {

const char* kBurninHelp =
    "usage: wse burnin [--list]\n"
    "       wse burnin --check FILE\n"
    "       wse burnin FILE [--out DIR] [--cycles N] [--seed-offset K] [--quiet]\n"
    "       wse burnin FILE --campaign N [--jobs J] [--out DIR] [--cycles N]\n"
    "       wse burnin --all [--jobs J] [--out DIR]\n"
    "\n"
    "Burn-in scenarios (docs/burnin.md): the wafer, its manufacturing defects, a\n"
    "temperature profile, faults injected during the run, the workload mix and the\n"
    "seeds. A run scans and repairs the wafer, then hands it to the firmware's\n"
    "burn-in loop (boot, stress, detect, diagnose, map out, resume) and judges\n"
    "the firmware's report against the injector's ground truth.\n"
    "\n"
    "  --list          every scenario in the scenarios folder with its one-line\n"
    "                  description (also with no argument)\n"
    "  --check FILE    validate one scenario and summarise it\n"
    "  FILE            a path, or the name of a shipped scenario\n"
    "  --out DIR       report.json, summary.txt, burnin_timeline.svg,\n"
    "                  burnin_maps.svg and state/ (default\n"
    "                  build/reports/burnin/<name>)\n"
    "  --cycles N      run the workload phase for N cycles instead of the\n"
    "                  scenario's duration (events after it never happen)\n"
    "  --seed-offset K add K to the scenario's seeds\n"
    "  --campaign N    run N seeds (offsets K..K+N-1, K = --seed-offset or 0)\n"
    "                  and print the aggregate:\n"
    "                  faults per class injected, detected and mapped out,\n"
    "                  stalls, reintegration cycles, silent data corruptions\n"
    "                  with their 95% upper bound; writes campaign.json\n"
    "  --all           run every shipped scenario once (child processes), print\n"
    "                  a line each; exit 1 if any fails its judgement (make test)\n"
    "  --jobs J        campaign or --all runs at once (default: the cores)\n"
    "  --quiet         no progress lines\n"
    "\n"
    "exit status: 0 listed, valid, or the run passed its judgement; 1 a listed\n"
    "scenario is invalid, or a run failed its judgement (the problems are\n"
    "printed with the command that reproduces the run); 2 invalid file or usage\n"
    "error.\n";

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


const util::Json& Field(const util::Json& j, const char* key) {
  const util::Json* v = j.Get(key);
  if (!v) throw std::runtime_error(std::string("campaign: a run's report.json lacks '") + key + "'");
  return *v;
}

std::string ResolveScenario(const std::string& arg) {
  if (std::filesystem::exists(arg)) return arg;
  const std::string shipped = burnin::ScenariosDir() + "/" + arg + ".json";
  if (arg.find('/') == std::string::npos && std::filesystem::exists(shipped)) return shipped;
  return arg;  // the reader names the missing file
}

std::string Reproduce(const std::string& path, const std::string& out, uint64_t offset, uint64_t cycles) {
  std::string c = "build/bin/wse burnin " + path + " --out " + out;
  if (offset) c += " --seed-offset " + std::to_string(offset);
  if (cycles) c += " --cycles " + std::to_string(cycles);
  return c;
}

int RunOne(const burnin::Scenario& s, const std::string& path, const std::string& out, uint64_t offset,
           uint64_t cycles, bool quiet) {
  burnin::RunOptions o;
  o.out_dir = out;
  o.programs_dir = tb::ProgramsDir();
  o.seed_offset = offset;
  o.duration_override = cycles;
  if (!quiet) o.progress = [](const std::string& line) { std::cerr << "  " << line << "\n"; };
  std::cout << "burn-in " << s.name << " (seed offset " << offset << ")\n" << std::flush;
  const burnin::RunResult r = burnin::RunScenario(s, o);
  std::cout << fw::Summary(r.report);
  const burnin::Judgement& j = r.judge;
  std::cout << "judged against the injector's ground truth:\n";
  for (const auto& [cls, c] : j.per_class)
    std::cout << "  " << cls << ": " << c.injected << " appeared, " << c.detected << " named by the firmware, "
              << c.out << " of " << c.required << " required out of the grid\n";
  std::cout << "  cfg_flip on grid tiles: " << j.transients_scrubbed << " of " << j.transients
            << " scrubbed; sram_flip: " << j.sram_flips_detected << " of " << j.sram_flips
            << " seen by parity (the rest overwritten by reloads)\n";
  std::cout << "  stalls: " << j.stalls_recovered << " of " << j.stalls << " recovered; results accepted: "
            << j.accepted << ", wrong: " << j.wrong_accepted << "; failures charged to a fault-free tile: " << j.false_mapouts
            << "\n";
  std::cout << "  the run stands for " << Fixed(r.use_hours * 3600 * 1000, 2) << " use-milliseconds at the use temperature; "
            << Fixed(r.seconds, 1) << " s of simulation\n";
  std::cout << "report: " << out << "/report.json, " << out << "/summary.txt, " << out << "/burnin_timeline.svg, "
            << out << "/burnin_maps.svg\n";
  if (j.Pass()) {
    std::cout << "PASS\n";
    return 0;
  }
  for (const auto& p : j.problems) std::cout << "  problem: " << p << "\n";
  std::cout << "FAIL; reproduce with: " << Reproduce(path, out, offset, cycles) << "\n";
  return 1;
}

// Campaign: every seed in a child process (one crash cannot take the rest
// down), then the aggregate from their report.json files.
int Campaign(const burnin::Scenario& s, const std::string& path, const std::string& out, int n, int jobs,
             uint64_t cycles, uint64_t first) {
  std::vector<util::Job> list;
  for (uint64_t k = first; k < first + static_cast<uint64_t>(n); ++k) {
    util::Job j;
    j.argv = {"/proc/self/exe", "burnin", path, "--out", out + "/run" + std::to_string(k), "--seed-offset",
              std::to_string(k), "--quiet"};
    if (cycles) j.argv.insert(j.argv.end(), {"--cycles", std::to_string(cycles)});
    j.log_path = out + "/run" + std::to_string(k) + ".log";
    j.id = std::to_string(k);
    list.push_back(std::move(j));
  }
  // A report left by an earlier campaign in the same folder must not be read as this one's.
  for (const auto& j : list) std::filesystem::remove_all(j.argv[4]);
  // /proc/self/exe of the pool's children would be the pool's process image: resolve it now.
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  for (auto& j : list) j.argv[0] = self;
  std::cout << "campaign: " << s.name << ", " << n << " seeds, " << jobs << " at a time\n" << std::flush;
  const auto t0 = std::chrono::steady_clock::now();
  util::ProcessPool pool(jobs);
  const auto results = pool.Run(list, [&](const util::JobResult& r, size_t done, size_t total) {
    std::cerr << "  [" << done << "/" << total << "] seed offset " << r.id << ": "
              << (r.exit_code == 0 ? "pass" : r.exit_code == 1 ? "FAIL" : "error " + std::to_string(r.exit_code))
              << " (" << Fixed(r.seconds, 1) << " s)\n";
  });
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::map<std::string, std::array<int64_t, 4>> per_class;  // injected, detected, required, out
  int64_t accepted = 0, wrong = 0, stalls = 0, recovered = 0, cfg = 0, cfg_ok = 0, failed_runs = 0, errors = 0;
  int64_t reint_n = 0, false_out = 0;
  double reint_sum = 0, reint_max = 0;
  for (const auto& r : results) {
    if (r.exit_code != 0 && r.exit_code != 1) {
      ++errors;
      continue;
    }
    const std::string report = out + "/run" + r.id + "/report.json";
    if (!std::filesystem::exists(report)) {  // the run stopped before its report (see its log)
      ++errors;
      continue;
    }
    failed_runs += r.exit_code == 1;
    const util::Json doc = util::Json::Parse(util::ReadFile(report), "report.json");
    const util::Json& j = Field(doc, "judge");
    for (const auto& [cls, c] : Field(j, "per_class").Members()) {
      auto& a = per_class[cls];
      a[0] += Field(c, "injected").AsInt(), a[1] += Field(c, "detected").AsInt(), a[2] += Field(c, "required").AsInt(),
          a[3] += Field(c, "mapped_out").AsInt();
    }
    accepted += Field(j, "accepted_results").AsInt();
    wrong += Field(j, "wrong_accepted").AsInt();
    stalls += Field(j, "stalls").AsInt();
    recovered += Field(j, "stalls_recovered").AsInt();
    cfg += Field(j, "cfg_flips").AsInt();
    cfg_ok += Field(j, "cfg_flips_scrubbed").AsInt();
    false_out += Field(j, "false_mapouts").AsInt();
    for (const auto& f : Field(Field(doc, "report"), "failures").Items()) {
      const double c = static_cast<double>(Field(f, "reintegration_cycles").AsInt());
      reint_sum += c, reint_max = std::max(reint_max, c), ++reint_n;
    }
  }
  // The exact 95% upper bound on the SDC rate per accepted result; with
  // none in n it is 1 - 0.05^(1/n), about 3/n (the rule of three).
  const double sdc_bound = 1 - yield::ClopperPearsonLower(accepted - wrong, accepted);
  std::cout << "faults per class (all seeds): appeared / named by the firmware / required out / out of the grid\n";
  for (const auto& [cls, a] : per_class)
    std::cout << "  " << cls << ": " << a[0] << " / " << a[1] << " / " << a[2] << " / " << a[3] << "\n";
  std::cout << "cfg_flips on grid tiles scrubbed: " << cfg_ok << " of " << cfg << "\n";
  std::cout << "stalls recovered: " << recovered << " of " << stalls << "\n";
  std::cout << "reintegration: " << reint_n << " failures, mean "
            << Fixed(reint_n ? reint_sum / static_cast<double>(reint_n) : 0, 0) << " cycles, max " << Fixed(reint_max, 0)
            << "\n";
  std::cout << "results accepted: " << accepted << ", silent data corruptions: " << wrong;
  if (wrong == 0) std::cout << " (95% upper bound on the SDC rate per result: " << std::setprecision(3) << sdc_bound << ")";
  std::cout << "\nfailures charged to a fault-free tile: " << false_out << "\n";
  std::cout << "runs: " << n << ", failed their judgement: " << failed_runs << ", errors: " << errors << "; "
            << Fixed(secs, 1) << " s\n";
  util::Json c = util::Json::Object();
  c.Set("scenario", util::Json(s.name));
  c.Set("runs", util::Json(static_cast<int64_t>(n)));
  c.Set("first_seed_offset", util::Json(static_cast<int64_t>(first)));
  c.Set("failed_runs", util::Json(failed_runs));
  c.Set("errors", util::Json(errors));
  c.Set("accepted_results", util::Json(accepted));
  c.Set("silent_data_corruptions", util::Json(wrong));
  c.Set("sdc_rate_upper_95", util::Json(sdc_bound));
  c.Set("stalls", util::Json(stalls));
  c.Set("stalls_recovered", util::Json(recovered));
  c.Set("reintegration_mean_cycles", util::Json(reint_n ? reint_sum / static_cast<double>(reint_n) : 0.0));
  c.Set("reintegration_max_cycles", util::Json(reint_max));
  c.Set("false_mapouts", util::Json(false_out));
  c.Set("seconds", util::Json(secs));
  util::Json pc = util::Json::Object();
  for (const auto& [cls, a] : per_class) {
    util::Json e = util::Json::Object();
    e.Set("injected", util::Json(a[0]));
    e.Set("detected", util::Json(a[1]));
    e.Set("required", util::Json(a[2]));
    e.Set("mapped_out", util::Json(a[3]));
    pc.Set(cls, std::move(e));
  }
  c.Set("per_class", std::move(pc));
  util::WriteFileAtomic(out + "/campaign.json", c.Dump(2) + "\n");
  std::cout << "campaign report: " << out << "/campaign.json\n";
  return failed_runs == 0 && errors == 0 && wrong == 0 ? 0 : 1;
}

// Every shipped scenario once, each in a child process.
int RunAll(const std::string& out, int jobs) {
  const auto all = burnin::ListScenarios(burnin::ScenariosDir());
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  std::vector<util::Job> list;
  for (const auto& l : all) {
    if (!l.error.empty()) {
      std::cout << "scenario " << l.path << " is invalid: " << l.error << "\n";
      return 1;
    }
    util::Job j;
    j.argv = {self, "burnin", l.path, "--out", out + "/" + l.name, "--quiet"};
    j.log_path = out + "/" + l.name + ".log";
    j.id = l.name;
    list.push_back(std::move(j));
  }
  std::cout << "burn-in: " << list.size() << " scenarios, " << jobs << " at a time\n" << std::flush;
  util::ProcessPool pool(jobs);
  int bad = 0;
  pool.Run(list, [&](const util::JobResult& r, size_t done, size_t total) {
    const bool pass = r.exit_code == 0;
    bad += !pass;
    std::cout << "  [" << done << "/" << total << "] " << r.id << ": "
              << (pass ? "PASS" : r.exit_code == 1 ? "FAIL" : "ERROR " + std::to_string(r.exit_code)) << " ("
              << Fixed(r.seconds, 1) << " s)";
    if (!pass) std::cout << "; log " << out << "/" << r.id << ".log";
    std::cout << "\n" << std::flush;
    if (!pass) {
      // The run's own last lines: the problems and the command that reproduces it.
      const std::string log = util::ReadFile(out + "/" + r.id + ".log");
      std::istringstream in(log);
      std::string line;
      while (std::getline(in, line))
        if (line.find("problem:") != std::string::npos || line.find("reproduce") != std::string::npos)
          std::cout << "    " << line << "\n";
    }
  });
  return bad ? 1 : 0;
}

}  // namespace

int RunBurnin(const std::vector<std::string>& argv) {
  const Args a(argv, {"help", "list", "quiet", "all"}, {"check", "out", "cycles", "seed-offset", "campaign", "jobs"});
  if (a.Has("help")) {
    std::cout << kBurninHelp;
    return 0;
  }
  const long long jobs = a.GetInt("jobs", std::max(1u, std::thread::hardware_concurrency()));
  if (jobs < 1) throw UsageError("--jobs: at least 1");
  if (a.Has("all")) {
    if (!a.positional().empty()) throw UsageError("--all takes no scenario");
    return RunAll(a.Get("out", "build/reports/burnin"), static_cast<int>(jobs));
  }
  const auto& pos = a.positional();
  if (a.Has("list") || (pos.empty() && !a.Has("check"))) {
    if (!pos.empty() || a.Has("check")) throw UsageError("--list takes no other argument");
    return List();
  }
  if (pos.size() > 1) throw UsageError("one scenario file at a time");
  if (a.Has("check") && !pos.empty()) throw UsageError("--check FILE or FILE, not both");
  const std::string path = ResolveScenario(a.Has("check") ? a.Get("check") : pos.front());
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
  const long long cycles = a.GetInt("cycles", 0), offset = a.GetInt("seed-offset", 0);
  if (cycles < 0) throw UsageError("--cycles: must be positive");
  if (offset < 0) throw UsageError("--seed-offset: must be 0 or more");
  const std::string out = a.Get("out", "build/reports/burnin/" + s.name);
  if (a.Has("campaign")) {
    const long long n = a.GetInt("campaign", 0);
    if (n < 1 || n > 100000) throw UsageError("--campaign: 1..100000 runs");
    return Campaign(s, path, out, static_cast<int>(n), static_cast<int>(jobs), static_cast<uint64_t>(cycles),
                    static_cast<uint64_t>(offset));
  }
  return RunOne(s, path, out, static_cast<uint64_t>(offset), static_cast<uint64_t>(cycles), a.Has("quiet"));
}

}  // namespace wse::cli
