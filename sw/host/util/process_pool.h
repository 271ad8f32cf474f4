#pragma once
// ProcessPool: runs commands as child processes, several at a time, with a
// log file each, a wall-clock limit, and their peak memory. The regression
// runner uses it so one crashing or hanging test cannot take the rest down;
// the benchmark uses it to measure Verilator builds.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace wse::util {

/// A command to run (no shell); stdout and stderr go to log_path.
struct Job {
  std::vector<std::string> argv;
  std::filesystem::path log_path;
  std::string id;
};

/// What happened to a job.
struct JobResult {
  std::string id;
  int exit_code = 0;  // -N if killed by signal N
  bool timed_out = false;
  double seconds = 0;
  // Largest resident set of the job or any descendant it waited for
  // (wait4 reports the maximum over the reaped subtree), in KiB.
  long max_rss_kb = 0;
};

/// Runs jobs with at most `max_parallel` at once.
class ProcessPool {
 public:
  explicit ProcessPool(int max_parallel) : max_parallel_(max_parallel < 1 ? 1 : max_parallel) {}
  /// Per-job wall-clock limit in seconds (0 = none); the job's process group is killed.
  void SetTimeout(double seconds) { timeout_ = seconds; }
  /// Runs every job; on_done is called (from this thread) as each finishes.
  /// Results come back in job order.
  std::vector<JobResult> Run(
      const std::vector<Job>& jobs,
      const std::function<void(const JobResult&, size_t done, size_t total)>& on_done = {});

 private:
  int max_parallel_;
  double timeout_ = 0;
};

/// Runs one job to completion and measures it.
JobResult RunAndMeasure(const Job& job, double timeout_seconds = 0);

}  // namespace wse::util
