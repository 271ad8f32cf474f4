// Regression runner: each (test instance, seed) runs as a child process of
// this same binary ("wse sim --test X --seed S"), so a crash or hang in one
// test cannot take the others down, and the cores are kept busy.

#include "cli/regression.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "harness/test_registry.h"
#include "util/atomic_file.h"
#include "util/json.h"
#include "util/junit.h"
#include "util/process_pool.h"
#include "util/text_table.h"

namespace wse::cli {
namespace {

std::string SelfPath() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) throw std::runtime_error("cannot find the wse binary (/proc/self/exe)");
  buf[n] = 0;
  return buf;
}

struct Row {
  std::string name;
  uint64_t seed = 0;
  bool passed = false;
  bool timed_out = false;
  uint64_t cycles = 0;
  double seconds = 0;
  std::string message;
  std::filesystem::path log;
};

// The child's last lines say "PASS|FAIL <name> seed=.. cycles=N ..." and
// "first error: ...".
void ParseLog(Row* row) {
  std::ifstream in(row->log);
  std::string line;
  static const std::regex kResult(R"(^(PASS|FAIL) \S+ seed=\d+ cycles=(\d+))");
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, kResult)) row->cycles = std::stoull(m[2]);
    if (line.rfind("first error: ", 0) == 0) row->message = line.substr(13);
  }
}

std::string Fixed(double v, int prec) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", prec, v);
  return b;
}

}  // namespace

int RunRegression(const RegressionOptions& opts) {
  std::vector<tb::TestInstance> insts;
  for (const auto& i : tb::TestRegistry::Get().Instances()) {
    if (opts.filter.empty() || i.Name().find(opts.filter) != std::string::npos) insts.push_back(i);
  }
  if (insts.empty()) {
    std::cerr << "wse sim: no test matches '" << opts.filter << "' (see 'wse sim --list')\n";
    return 2;
  }
  std::filesystem::create_directories(opts.log_dir);
  std::filesystem::create_directories(opts.reports_dir);
  const std::string self = SelfPath();

  std::vector<util::Job> jobs;
  std::vector<Row> rows;
  for (const auto& inst : insts) {
    for (int s = 0; s < opts.seeds; ++s) {
      Row r;
      r.name = inst.Name();
      r.seed = opts.first_seed + static_cast<uint64_t>(s);
      r.log = opts.log_dir / (r.name + ".seed" + std::to_string(r.seed) + ".log");
      util::Job j;
      j.argv = {self, "sim", "--test", r.name, "--seed", std::to_string(r.seed), "--log-level", "warn"};
      j.log_path = r.log;
      j.id = r.name + " seed=" + std::to_string(r.seed);
      jobs.push_back(j);
      rows.push_back(r);
    }
  }
  std::cout << "regression: " << jobs.size() << " runs (" << insts.size() << " instances x "
            << opts.seeds << " seeds), " << opts.jobs << " in parallel; logs in "
            << opts.log_dir.string() << "\n"
            << std::flush;

  util::ProcessPool pool(opts.jobs);
  pool.SetTimeout(opts.timeout_seconds);
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < jobs.size(); ++i) index[jobs[i].id] = i;
  const auto results = pool.Run(jobs, [&](const util::JobResult& jr, size_t done, size_t total) {
    Row& r = rows[index.at(jr.id)];
    r.passed = jr.exit_code == 0 && !jr.timed_out;
    r.timed_out = jr.timed_out;
    r.seconds = jr.seconds;
    ParseLog(&r);
    if (r.timed_out) r.message = "killed after " + Fixed(opts.timeout_seconds, 0) + " s wall clock";
    if (!r.passed && r.message.empty()) r.message = "exit code " + std::to_string(jr.exit_code);
    std::printf("[%3zu/%zu] %s %-40s seed=%-4llu %9llu cycles %6.2fs\n", done, total,
                r.passed ? "PASS" : "FAIL", r.name.c_str(), static_cast<unsigned long long>(r.seed),
                static_cast<unsigned long long>(r.cycles), r.seconds);
    std::fflush(stdout);
  });

  // Summary table.
  util::TextTable table({"test", "seed", "cycles", "kcycles/s", "time s", "result"});
  table.SetAlign(1, util::TextTable::Align::kRight);
  table.SetAlign(2, util::TextTable::Align::kRight);
  table.SetAlign(3, util::TextTable::Align::kRight);
  table.SetAlign(4, util::TextTable::Align::kRight);
  int passed = 0, failed = 0;
  std::vector<util::TestCaseResult> junit;
  util::Json tests = util::Json::Array();
  for (const Row& r : rows) {
    (r.passed ? passed : failed)++;
    const double speed = r.seconds > 0 ? r.cycles / r.seconds / 1000.0 : 0;
    table.AddRow({r.name, std::to_string(r.seed), std::to_string(r.cycles), Fixed(speed, 1),
                  Fixed(r.seconds, 2), r.passed ? "PASS" : "FAIL"});
    util::TestCaseResult tc;
    tc.suite = "wse.sim";
    tc.name = r.name + " seed=" + std::to_string(r.seed);
    tc.seconds = r.seconds;
    tc.passed = r.passed;
    tc.skipped = false;
    if (!r.passed) {
      tc.failure_message = r.message;
      tc.system_out = "reproduce: make sim TEST=" + r.name + " SEED=" + std::to_string(r.seed) +
                      " WAVES=1\nlog: " + r.log.string();
    }
    junit.push_back(tc);
    util::Json t = util::Json::Object();
    t.Set("name", util::Json(r.name));
    t.Set("seed", util::Json(static_cast<int64_t>(r.seed)));
    t.Set("result", util::Json(std::string(r.passed ? "pass" : "fail")));
    t.Set("cycles", util::Json(static_cast<int64_t>(r.cycles)));
    t.Set("seconds", util::Json(r.seconds));
    if (!r.passed) t.Set("message", util::Json(r.message));
    tests.Push(t);
  }
  std::cout << "\n" << table.Render() << "\n";
  util::Json summary = util::Json::Object();
  summary.Set("passed", util::Json(static_cast<int64_t>(passed)));
  summary.Set("failed", util::Json(static_cast<int64_t>(failed)));
  summary.Set("tests", tests);
  util::WriteFileAtomic(opts.reports_dir / "sim.json", summary.Dump(2) + "\n");
  util::WriteFileAtomic(opts.reports_dir / "sim.junit.xml", util::JunitXml("wse.sim", junit));

  if (failed) {
    std::cout << "failures:\n";
    for (const Row& r : rows) {
      if (r.passed) continue;
      std::cout << "  " << r.name << " seed=" << r.seed << ": " << r.message << "\n"
                << "    reproduce: make sim TEST=" << r.name << " SEED=" << r.seed << " WAVES=1\n"
                << "    log:       " << r.log.string() << "\n";
    }
  }
  std::cout << "reports: " << (opts.reports_dir / "sim.json").string() << ", "
            << (opts.reports_dir / "sim.junit.xml").string() << "\n";
  std::cout << "regression: " << passed << " passed, " << failed << " failed\n";
  (void)results;
  return failed ? 1 : 0;
}

}  // namespace wse::cli
