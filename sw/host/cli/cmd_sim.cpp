// wse sim: one test in this process, or the whole regression as parallel
// child processes (one per test instance and seed).

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/regression.h"
#include "harness/test_registry.h"

namespace wse::cli {
namespace {

const char* kHelp =
    "usage: wse sim [options]\n"
    "\n"
    "Without --test: runs every regression test instance with --seeds seeds each,\n"
    "in parallel child processes, shows progress and a summary table, writes\n"
    "<reports>/sim.json and <reports>/sim.junit.xml, exits 1 if anything failed.\n"
    "With --test: runs that one instance in this process.\n"
    "\n"
    "options:\n"
    "  --test NAME       run one instance, NAME = <test>@<config> (see --list)\n"
    "  --seed N          seed of the single run (default 1)\n"
    "  --waves FILE      write an FST waveform of the single run (and FILE.gtkw)\n"
    "  --log-level L     error | warn | info | debug (default info)\n"
    "  --threads N       worker threads per stitched mesh (default 1)\n"
    "  --list            list the test instances and exit\n"
    "  --filter TEXT     regression: only instances whose name contains TEXT\n"
    "  --seeds N         regression: seeds per instance (default 3)\n"
    "  --first-seed N    regression: first seed (default 1); seeds are N, N+1, ...\n"
    "  --jobs N          regression: parallel processes (default: number of cores)\n"
    "  --reports DIR     regression: where sim.json and sim.junit.xml go\n"
    "                    (default build/reports)\n"
    "  --timeout SEC     regression: wall-clock limit per test process (default 600)\n";

int RunOne(const Args& a) {
  tb::TestInstance inst;
  const std::string name = a.Get("test");
  if (!tb::TestRegistry::Get().Find(name, &inst)) {
    throw UsageError("unknown test '" + name + "' (run 'wse sim --list')");
  }
  tb::RunOptions opts;
  opts.seed = static_cast<uint64_t>(a.GetInt("seed", 1));
  opts.waves_path = a.Get("waves");
  opts.level = tb::ParseLogLevel(a.Get("log-level", "info"));
  opts.threads = static_cast<int>(a.GetInt("threads", 1));
  if (!opts.waves_path.empty()) {
    std::filesystem::path p(opts.waves_path);
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  }
  const tb::TestResult r = tb::RunTest(inst, opts, std::cout);
  char line[256];
  std::snprintf(line, sizeof line, "%s %s seed=%llu cycles=%llu time=%.2fs", r.passed ? "PASS" : "FAIL",
                name.c_str(), static_cast<unsigned long long>(opts.seed),
                static_cast<unsigned long long>(r.cycles), r.seconds);
  std::cout << line << "\n";
  if (!opts.waves_path.empty()) {
    std::cout << "waves written: " << opts.waves_path << " (open: gtkwave " << opts.waves_path
              << ".gtkw)\n";
  }
  if (!r.passed) {
    std::cout << "first error: " << r.message << "\n"
              << "reproduce:   make sim TEST=" << name << " SEED=" << opts.seed << " WAVES=1\n";
    return 1;
  }
  return 0;
}

}  // namespace

int RunSim(const std::vector<std::string>& argv) {
  const Args a(argv, {"help", "list"},
               {"test", "seed", "waves", "log-level", "threads", "filter", "seeds", "first-seed",
                "jobs", "reports", "timeout"});
  if (a.Has("help")) {
    std::cout << kHelp;
    return 0;
  }
  if (!a.positional().empty()) throw UsageError("unexpected argument '" + a.positional()[0] + "'");
  if (a.Has("list")) {
    for (const auto& inst : tb::TestRegistry::Get().Instances()) {
      std::printf("%-40s %s\n", inst.Name().c_str(), inst.def->description.c_str());
    }
    return 0;
  }
  if (a.Has("test")) return RunOne(a);
  RegressionOptions ro;
  ro.filter = a.Get("filter");
  ro.seeds = static_cast<int>(a.GetInt("seeds", 3));
  ro.first_seed = static_cast<uint64_t>(a.GetInt("first-seed", 1));
  ro.jobs = static_cast<int>(a.GetInt("jobs", std::max(1u, std::thread::hardware_concurrency())));
  ro.reports_dir = a.Get("reports", "build/reports");
  ro.timeout_seconds = a.GetDouble("timeout", 600);
  ro.log_dir = std::filesystem::path(ro.reports_dir).parent_path() / "sim";
  if (ro.seeds < 1 || ro.jobs < 1) throw UsageError("--seeds and --jobs must be at least 1");
  return RunRegression(ro);
}

}  // namespace wse::cli
