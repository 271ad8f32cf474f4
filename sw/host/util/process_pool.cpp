#include "util/process_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <stdexcept>

namespace wse::util {
namespace {

using Clock = std::chrono::steady_clock;

// Sent by the intermediate process once the command has been reaped.
struct Report {
  int status;       // waitpid status of the command
  long max_rss_kb;  // getrusage(RUSAGE_CHILDREN).ru_maxrss
};

// A job in flight. pid is the intermediate, which leads the job's process group.
struct Running {
  size_t index = 0;
  pid_t pid = -1;
  int report_fd = -1;  // read end of the report pipe; EOF once the intermediate exits
  Clock::time_point start;
  bool killed = false;
  std::string report;  // bytes of Report received so far
};

// Only async-signal-safe calls from here on: the caller may have other
// threads, one of which could have held the malloc lock at the fork.
void WriteAll(int fd, const char* s) {
  for (size_t len = std::strlen(s); len > 0;) {
    const ssize_t n = ::write(fd, s, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    s += n;
    len -= static_cast<size_t>(n);
  }
}

[[noreturn]] void CantRun(const char* what, const char* arg0, int err) {
  WriteAll(2, what);
  WriteAll(2, arg0);
  WriteAll(2, ": ");
  WriteAll(2, std::strerror(err));
  WriteAll(2, "\n");
  ::_exit(127);
}

// SIGHUP handler of the intermediate, delivered when the pool's owner dies
// (Ctrl-C, a crash): take the job's whole process group down with it rather
// than leave builds and simulations running unattended.
void KillOwnGroup(int) { ::kill(0, SIGKILL); }

// The intermediate process (see the class comment in the header). Never returns.
[[noreturn]] void Intermediate(char* const* argv, int log_fd, int report_fd, pid_t owner) {
  ::setpgid(0, 0);
  // Undo what the caller may have changed: a blocked or ignored signal would
  // be inherited across exec, and an ignored SIGCHLD would make the command
  // unwaitable and its rusage lost.
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig : {SIGPIPE, SIGCHLD, SIGINT, SIGQUIT, SIGTERM}) ::sigaction(sig, &dfl, nullptr);
  struct sigaction orphaned {};
  orphaned.sa_handler = KillOwnGroup;
  ::sigaction(SIGHUP, &orphaned, nullptr);
  ::prctl(PR_SET_PDEATHSIG, SIGHUP);
  if (::getppid() != owner) KillOwnGroup(0);  // the owner died before prctl

  // Parallel jobs must not compete for the terminal's input.
  const int null_fd = ::open("/dev/null", O_RDONLY);
  if (null_fd >= 0 && null_fd != 0) {
    ::dup2(null_fd, 0);
    ::close(null_fd);
  }
  if (::dup2(log_fd, 1) < 0 || ::dup2(log_fd, 2) < 0) ::_exit(127);

  const pid_t cmd = ::fork();
  if (cmd < 0) CantRun("cannot fork to run ", argv[0], errno);
  if (cmd == 0) {
    // log_fd and report_fd are close-on-exec; the command sees only 0, 1, 2.
    ::execvp(argv[0], argv);
    CantRun("cannot run ", argv[0], errno);
  }
  int status = 0;
  while (::waitpid(cmd, &status, 0) < 0) {
    if (errno != EINTR) ::_exit(127);
  }
  struct rusage ru {};
  ::getrusage(RUSAGE_CHILDREN, &ru);
  const Report report{status, ru.ru_maxrss};
  // One write of a few bytes to a pipe is atomic; nothing to retry but EINTR.
  while (::write(report_fd, &report, sizeof report) < 0 && errno == EINTR) {
  }
  ::_exit(0);
}

Running Spawn(const Job& job, size_t index) {
  std::error_code ec;
  if (job.log_path.has_parent_path())
    std::filesystem::create_directories(job.log_path.parent_path(), ec);
  const int log_fd = ::open(job.log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (log_fd < 0) {
    throw std::runtime_error("job '" + job.id + "': cannot open log " + job.log_path.string() +
                             ": " + std::strerror(errno));
  }
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    const int err = errno;
    ::close(log_fd);
    throw std::runtime_error("job '" + job.id + "': pipe: " + std::strerror(err));
  }
  // argv is built before the fork: the child must not allocate.
  std::vector<char*> argv;
  for (const auto& a : job.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  Running r;
  r.index = index;
  r.start = Clock::now();
  const pid_t owner = ::getpid();
  r.pid = ::fork();
  if (r.pid == 0) {
    ::close(pipe_fds[0]);
    Intermediate(argv.data(), log_fd, pipe_fds[1], owner);
  }
  const int fork_errno = errno;
  ::close(log_fd);
  ::close(pipe_fds[1]);
  if (r.pid < 0) {
    ::close(pipe_fds[0]);
    throw std::runtime_error("job '" + job.id + "': fork: " + std::strerror(fork_errno));
  }
  // Also set here, so a timeout that fires before the child has run still
  // finds the group (the classic race; the child never execs, so this works).
  ::setpgid(r.pid, r.pid);
  r.report_fd = pipe_fds[0];
  return r;
}

// Reaps a finished (or killed) intermediate and fills in its job's result.
void Finish(Running& r, JobResult& result) {
  ::close(r.report_fd);
  int status = 0;
  struct rusage ru {};
  pid_t got;
  while ((got = ::wait4(r.pid, &status, 0, &ru)) < 0 && errno == EINTR) {
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - r.start).count();
  result.timed_out = r.killed;
  if (r.report.size() == sizeof(Report)) {
    Report report;
    std::memcpy(&report, r.report.data(), sizeof report);
    status = report.status;
    result.max_rss_kb = report.max_rss_kb;
  } else {
    // Killed before the command finished, or the intermediate failed: its own
    // status (-9 after a timeout) and whatever it had reaped.
    result.max_rss_kb = got > 0 ? ru.ru_maxrss : 0;
    if (got <= 0) status = r.killed ? SIGKILL : (127 << 8);
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.exit_code = -WTERMSIG(status);
  } else {
    result.exit_code = 127;
  }
}

void KillAndReap(std::vector<Running>& running) {
  for (auto& r : running) ::kill(-r.pid, SIGKILL);
  for (auto& r : running) {
    ::close(r.report_fd);
    while (::waitpid(r.pid, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  running.clear();
}

}  // namespace

std::vector<JobResult> ProcessPool::Run(const std::vector<Job>& jobs, const DoneCallback& on_done) {
  for (const auto& job : jobs) {
    if (job.argv.empty()) throw std::invalid_argument("job '" + job.id + "' has no command");
  }
  std::vector<JobResult> results(jobs.size());
  for (size_t i = 0; i < jobs.size(); ++i) results[i].id = jobs[i].id;
  std::vector<Running> running;
  size_t next = 0, done = 0;
  const auto limit = std::chrono::duration<double>(timeout_seconds_);
  try {
    while (done < jobs.size()) {
      while (running.size() < static_cast<size_t>(max_parallel_) && next < jobs.size()) {
        running.push_back(Spawn(jobs[next], next));
        ++next;
      }
      // Sleep until a report pipe has news or the earliest deadline passes.
      int wait_ms = -1;
      std::vector<pollfd> fds;
      for (const auto& r : running) {
        fds.push_back({r.report_fd, POLLIN, 0});
        if (timeout_seconds_ <= 0 || r.killed) continue;
        const double left = std::chrono::duration<double>(r.start + limit - Clock::now()).count();
        const int ms = static_cast<int>(std::ceil(std::max(0.0, left) * 1000.0));
        wait_ms = wait_ms < 0 ? ms : std::min(wait_ms, ms);
      }
      if (::poll(fds.data(), fds.size(), wait_ms) < 0 && errno != EINTR) {
        throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
      }
      std::vector<Running> finished;
      for (size_t i = running.size(); i-- > 0;) {
        Running& r = running[i];
        if (timeout_seconds_ > 0 && !r.killed && Clock::now() - r.start >= limit) {
          ::kill(-r.pid, SIGKILL);  // the whole group: the command and all it started
          r.killed = true;
        }
        if (fds[i].revents == 0) continue;
        char buf[64];
        const ssize_t n = ::read(r.report_fd, buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n > 0) {
          r.report.append(buf, static_cast<size_t>(n));
          continue;
        }
        finished.push_back(std::move(r));  // EOF (or a broken pipe): the intermediate is gone
        running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
      }
      // Report simultaneous finishes in job order, so callbacks are deterministic.
      std::sort(finished.begin(), finished.end(),
                [](const Running& a, const Running& b) { return a.index < b.index; });
      for (auto& r : finished) Finish(r, results[r.index]);
      for (auto& r : finished) {
        ++done;
        if (on_done) on_done(results[r.index], done, jobs.size());
      }
    }
  } catch (...) {
    KillAndReap(running);
    throw;
  }
  return results;
}

JobResult RunAndMeasure(const Job& job, double timeout_seconds) {
  ProcessPool pool(1);
  pool.SetTimeout(timeout_seconds);
  return pool.Run({job}).front();
}

}  // namespace wse::util
