#include "models/worker_pool.h"

namespace wse::tb {

WorkerPool::WorkerPool(int threads) : threads_(threads < 1 ? 1 : threads) {
  for (int i = 1; i < threads_; ++i) workers_.emplace_back([this, i] { Worker(i); });
}

WorkerPool::~WorkerPool() {
  stop_.store(true);
  generation_.fetch_add(1);
  generation_.notify_all();
  for (auto& t : workers_) t.join();
}

void WorkerPool::ParallelFor(size_t n, const std::function<void(size_t, size_t)>& fn) {
  if (threads_ == 1 || n < 2) {
    fn(0, n);
    return;
  }
  fn_ = &fn;
  n_ = n;
  remaining_.store(threads_ - 1);
  generation_.fetch_add(1, std::memory_order_release);
  generation_.notify_all();
  fn(0, n / threads_);
  // Spin briefly (phases are microseconds apart), then yield so a preempted
  // worker gets the core back instead of this thread burning its timeslice.
  for (int spin = 0; remaining_.load(std::memory_order_acquire) != 0; ++spin) {
    if (spin > 2000) std::this_thread::yield();
  }
}

void WorkerPool::Worker(int id) {
  uint64_t seen = 0;
  for (;;) {
    // Spin for a while (phases come every few microseconds), then sleep.
    uint64_t g = generation_.load(std::memory_order_acquire);
    for (int spin = 0; g == seen && spin < 20000; ++spin) {
      if (spin > 2000) std::this_thread::yield();
      g = generation_.load(std::memory_order_acquire);
    }
    while (g == seen) {
      generation_.wait(seen);
      g = generation_.load(std::memory_order_acquire);
    }
    seen = g;
    if (stop_.load()) return;
    const size_t begin = n_ * id / threads_;
    const size_t end = n_ * (id + 1) / threads_;
    (*fn_)(begin, end);
    remaining_.fetch_sub(1, std::memory_order_acq_rel);
  }
}

}  // namespace wse::tb
