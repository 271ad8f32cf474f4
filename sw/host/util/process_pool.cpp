#include "util/process_pool.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace wse::util {
namespace {

using Clock = std::chrono::steady_clock;

pid_t Spawn(const Job& job) {
  if (job.argv.empty()) throw std::invalid_argument("job '" + job.id + "' has no command");
  if (job.log_path.has_parent_path()) std::filesystem::create_directories(job.log_path.parent_path());
  std::vector<char*> argv;
  for (const auto& a : job.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const std::string log = job.log_path.string();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid == 0) {
    setpgid(0, 0);  // own group, so a timeout kills the whole tree
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    execvp(argv[0], argv.data());
    const std::string msg = std::string("cannot run ") + argv[0] + ": " + std::strerror(errno) + "\n";
    if (write(2, msg.data(), msg.size()) < 0) {
    }
    _exit(127);
  }
  setpgid(pid, pid);
  return pid;
}

}  // namespace

std::vector<JobResult> ProcessPool::Run(
    const std::vector<Job>& jobs, const std::function<void(const JobResult&, size_t, size_t)>& on_done) {
  struct Running {
    size_t index;
    pid_t pid;
    Clock::time_point start;
    bool killed;
  };
  std::vector<JobResult> results(jobs.size());
  std::vector<Running> running;
  size_t next = 0, done = 0;
  while (done < jobs.size()) {
    while (static_cast<int>(running.size()) < max_parallel_ && next < jobs.size()) {
      results[next].id = jobs[next].id;
      running.push_back({next, Spawn(jobs[next]), Clock::now(), false});
      ++next;
    }
    int status = 0;
    struct rusage ru {};
    const pid_t pid = wait4(-1, &status, WNOHANG, &ru);
    if (pid > 0) {
      for (size_t i = 0; i < running.size(); ++i) {
        if (running[i].pid != pid) continue;
        JobResult& r = results[running[i].index];
        r.seconds = std::chrono::duration<double>(Clock::now() - running[i].start).count();
        r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
        r.timed_out = running[i].killed;
        r.max_rss_kb = ru.ru_maxrss;
        running.erase(running.begin() + static_cast<long>(i));
        ++done;
        if (on_done) on_done(r, done, jobs.size());
        break;
      }
      continue;
    }
    if (pid < 0 && errno != EINTR && errno != ECHILD) {
      throw std::runtime_error(std::string("wait4 failed: ") + std::strerror(errno));
    }
    if (timeout_ > 0) {
      for (auto& r : running) {
        if (!r.killed && std::chrono::duration<double>(Clock::now() - r.start).count() > timeout_) {
          kill(-r.pid, SIGKILL);
          r.killed = true;
        }
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return results;
}

JobResult RunAndMeasure(const Job& job, double timeout_seconds) {
  ProcessPool pool(1);
  pool.SetTimeout(timeout_seconds);
  return pool.Run({job}).front();
}

}  // namespace wse::util
