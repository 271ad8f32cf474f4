#include "cli/bench_burnin.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>

#include "burnin/scenario.h"
#include "util/atomic_file.h"
#include "util/json.h"
#include "util/process_pool.h"
#include "yield/yield_stats.h"

namespace wse::cli {
namespace {

int64_t Int(const util::Json& j, const char* key) {
  const util::Json* v = j.Get(key);
  return v ? v->AsInt() : 0;
}

}  // namespace

void BenchBurnin(const std::filesystem::path& reports, int jobs, int seeds, const AddFigure& add) {
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  std::map<std::string, std::array<int64_t, 2>> per_class;  // appeared, out of the grid
  int64_t runs = 0, failed = 0, accepted = 0, wrong = 0, stalls = 0, recovered = 0;
  double seconds = 0, reint_max = 0;
  for (const auto& l : burnin::ListScenarios(burnin::ScenariosDir())) {
    if (!l.error.empty()) continue;
    const std::filesystem::path out = reports / "burnin_campaign" / l.name;
    util::Job job;
    job.argv = {self,
                "burnin",
                l.path,
                "--campaign",
                std::to_string(seeds),
                "--seed-offset",
                "1",
                "--jobs",
                std::to_string(jobs),
                "--out",
                out.string()};
    job.log_path = out.string() + ".log";
    job.id = l.name;
    const util::JobResult r = util::RunAndMeasure(job);
    seconds += r.seconds;
    util::Json c;
    try {
      c = util::Json::Parse(util::ReadFile(out / "campaign.json"), "campaign.json");
    } catch (const std::exception& e) {
      std::cout << "  " << l.name << ": no campaign report (" << e.what() << "); log "
                << job.log_path.string() << "\n";
      ++failed;
      continue;
    }
    runs += Int(c, "runs");
    failed += Int(c, "failed_runs") + Int(c, "errors");
    accepted += Int(c, "accepted_results");
    wrong += Int(c, "silent_data_corruptions");
    stalls += Int(c, "stalls");
    recovered += Int(c, "stalls_recovered");
    if (const util::Json* m = c.Get("reintegration_max_cycles"))
      reint_max = std::max(reint_max, m->AsDouble());
    static const util::Json kNone = util::Json::Object();
    const util::Json* classes = c.Get("per_class");
    for (const auto& [cls, e] : (classes ? *classes : kNone).Members()) {
      per_class[cls][0] += Int(e, "injected");
      per_class[cls][1] += Int(e, "mapped_out");
    }
    std::printf(
        "  %-20s %lld runs, %lld failed their judgement, %lld results accepted, %lld wrong; %.0f "
        "s\n",
        l.name.c_str(), static_cast<long long>(Int(c, "runs")),
        static_cast<long long>(Int(c, "failed_runs") + Int(c, "errors")),
        static_cast<long long>(Int(c, "accepted_results")),
        static_cast<long long>(Int(c, "silent_data_corruptions")), r.seconds);
  }
  int64_t injected = 0;
  for (const auto& [cls, a] : per_class) {
    std::printf("    %-32s %lld appeared, %lld required ones out of the grid\n", cls.c_str(),
                static_cast<long long>(a[0]), static_cast<long long>(a[1]));
    injected += a[0];
  }
  const double bound = 1 - yield::ClopperPearsonLower(accepted - wrong, accepted);
  std::printf(
      "  %lld runs, %lld failed; %lld faults appeared; stalls %lld/%lld recovered; %lld results "
      "accepted, "
      "%lld silent data corruptions (95%% bound on the rate %.4f); %.0f s\n",
      static_cast<long long>(runs), static_cast<long long>(failed),
      static_cast<long long>(injected), static_cast<long long>(recovered),
      static_cast<long long>(stalls), static_cast<long long>(accepted),
      static_cast<long long>(wrong), bound, seconds);
  add("burnin.campaign.runs", static_cast<double>(runs), "runs");
  add("burnin.campaign.failed_runs", static_cast<double>(failed), "runs");
  add("burnin.campaign.faults_appeared", static_cast<double>(injected), "faults");
  add("burnin.campaign.accepted_results", static_cast<double>(accepted), "results");
  add("burnin.campaign.silent_data_corruptions", static_cast<double>(wrong), "results");
  add("burnin.campaign.sdc_rate_upper_95", bound, "per result");
  add("burnin.campaign.stalls_recovered", static_cast<double>(recovered), "stalls");
  add("burnin.campaign.reintegration_max", reint_max, "cycles");
  add("burnin.campaign.seconds", seconds, "s");
}

}  // namespace wse::cli
