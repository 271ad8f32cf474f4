#pragma once
// WorkerPool: runs a function over index ranges on persistent threads, with
// the caller as worker 0. Built for many short parallel phases per simulated
// cycle, so workers spin briefly before sleeping instead of paying a
// condition-variable round trip every phase.

#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace wse::tb {

/// Persistent threads executing ParallelFor phases.
class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int threads() const { return threads_; }
  /// Calls fn(begin, end) on disjoint slices covering [0, n); returns when all are done.
  void ParallelFor(size_t n, const std::function<void(size_t, size_t)>& fn);

 private:
  void Worker(int id);

  int threads_;
  std::vector<std::thread> workers_;
  const std::function<void(size_t, size_t)>* fn_ = nullptr;
  size_t n_ = 0;
  std::atomic<uint64_t> generation_{0};
  std::atomic<int> remaining_{0};
  std::atomic<bool> stop_{false};
};

}  // namespace wse::tb
