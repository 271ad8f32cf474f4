#pragma once
// ProcessPool: runs commands as child processes, several at a time, each with
// its own log file, a wall-clock limit and a measurement of its peak memory.
// The regression runner uses it so one crashing or hanging test cannot take
// the rest down; the benchmark uses it to time Verilator builds.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace wse::util {

/// A command to run. argv[0] is looked up in PATH; no shell is involved, so
/// arguments need no quoting. stdout and stderr both go to log_path (created,
/// with its directories, or truncated); stdin is /dev/null.
struct Job {
  /// Program and arguments; must not be empty.
  std::vector<std::string> argv;
  /// Receives the command's stdout and stderr.
  std::filesystem::path log_path;
  /// Copied to the result, for the caller to match results to jobs.
  std::string id;
};

/// What happened to a job.
struct JobResult {
  /// The job's id.
  std::string id;
  /// The exit status; -N if killed by signal N (-9 after a timeout); 127 if
  /// the command could not be started (the reason is in the log).
  int exit_code = 0;
  /// Killed for exceeding the pool's timeout.
  bool timed_out = false;
  /// Wall-clock time from start to finish.
  double seconds = 0;
  /// Largest resident set, in KiB, of any process in the job's tree that was
  /// waited for by its parent (see ProcessPool). 0 or an underestimate for a
  /// job killed by the timeout.
  long max_rss_kb = 0;
};

/// Runs jobs, at most `max_parallel` at a time.
///
/// Each job runs under a small intermediate process forked from the caller.
/// It puts itself in a new process group, redirects the log, forks and execs
/// the command, waits for it, and sends the command's wait status and
/// getrusage(RUSAGE_CHILDREN).ru_maxrss back through a pipe. Linux folds the
/// peak RSS of every process a child reaps into that child's own figure, so
/// this is the maximum over the whole tree of processes that were waited for
/// (compiler drivers and make wait for everything they start); the
/// intermediate's own memory is not counted. wait4() on the command alone
/// would give the same figure on Linux but not on every POSIX system, and
/// would mix in nothing else. Caveat: Linux carries a forked child's pre-exec
/// peak across exec, so the figure is never below roughly the caller's own
/// anonymous memory at the time of the fork.
///
/// The timeout kills the job's whole process group with SIGKILL; processes
/// that moved to a group of their own (setsid, setpgid) escape it. All
/// intermediates are reaped before Run returns or throws, and the command
/// itself is reaped by its intermediate (or by init after a kill): no zombies
/// are left. The pool does not reap children it did not start.
class ProcessPool {
 public:
  /// Callback for each finished job: its result, how many jobs have finished
  /// (1-based) and how many there are.
  using DoneCallback = std::function<void(const JobResult&, size_t done, size_t total)>;

  /// A pool running up to max_parallel jobs at once (at least 1).
  explicit ProcessPool(int max_parallel) : max_parallel_(max_parallel < 1 ? 1 : max_parallel) {}

  /// Per-job wall-clock limit in seconds; 0 (the default) or less means none.
  void SetTimeout(double seconds) { timeout_seconds_ = seconds; }

  /// Runs every job and returns the results in job order. on_done, if set, is
  /// called from this thread as each job finishes. Throws std::invalid_argument
  /// for a job without argv (before anything starts) and std::runtime_error if
  /// a log cannot be opened or a process cannot be created; jobs already
  /// running are then killed and reaped before the exception propagates, as
  /// they are if on_done throws.
  std::vector<JobResult> Run(const std::vector<Job>& jobs, const DoneCallback& on_done = {});

 private:
  int max_parallel_;
  double timeout_seconds_ = 0;
};

/// Runs one job to completion (killed after timeout_seconds if > 0) and
/// returns its exit status, duration and peak memory as ProcessPool does.
JobResult RunAndMeasure(const Job& job, double timeout_seconds = 0);

}  // namespace wse::util
