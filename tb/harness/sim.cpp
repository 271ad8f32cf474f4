#include "harness/sim.h"

#include <algorithm>

#include "harness/dut.h"

namespace wse::tb {

// When a forked task finishes, wake its joiners through the scheduler; when an
// awaited task finishes, continue straight into its awaiter.
std::coroutine_handle<> Task::promise_type::FinalAwaiter::await_suspend(
    std::coroutine_handle<promise_type> h) noexcept {
  auto& p = h.promise();
  if (p.fork) {
    p.fork->done = true;
    if (p.exception) p.fork->sim->ReportFailure(p.exception);
    for (auto& [slot, idx] : p.fork->joiners) p.fork->sim->Wake(slot, idx);
    p.fork->joiners.clear();
    return std::noop_coroutine();
  }
  return p.continuation ? p.continuation : std::noop_coroutine();
}

void RisingEdgeTrigger::Register(const WaitSlotPtr& s, int idx) { sim->AddEdgeWaiter(s, idx); }

void CyclesTrigger::Register(const WaitSlotPtr& s, int idx) {
  sim->AddTimer(sim->cycle() + n, s, idx);
}

void ReadOnlyTrigger::Register(const WaitSlotPtr& s, int idx) { sim->AddReadOnlyWaiter(s, idx); }

void UntilTrigger::Register(const WaitSlotPtr& s, int idx) { sim->AddPoll(pred, s, idx); }

void Event::Set() {
  set_ = true;
  auto waiters = std::move(waiters_);
  waiters_.clear();
  for (auto& [slot, idx] : waiters) sim_->Wake(slot, idx);
}

Sim::Sim(Dut& dut) : dut_(dut) {}

Sim::~Sim() { Cleanup(); }

UntilTrigger Sim::ValueChange(std::function<uint64_t()> getter) {
  const uint64_t initial = getter();
  return {this, [getter = std::move(getter), initial] { return getter() != initial; }};
}

void Sim::AddReadOnlyWaiter(const WaitSlotPtr& s, int i) {
  if (phase_ == Phase::kReadOnly) {
    throw std::logic_error("ReadOnly awaited during the read-only phase (await RisingEdge first)");
  }
  readonly_waiters_.emplace_back(s, i);
}

void Sim::Wake(const WaitSlotPtr& slot, int index) {
  if (!slot->armed) return;  // already resumed by another trigger of a First()
  slot->armed = false;
  slot->fired = index;
  if (phase_ == Phase::kReadOnly) {
    deferred_.push_back(slot->handle);
  } else {
    ready_.push_back(slot->handle);
  }
}

JoinHandle Sim::Fork(Task task) {
  auto h = task.Release();
  auto state = std::make_shared<ForkState>();
  state->sim = this;
  h.promise().fork = state;
  forked_.push_back(h);
  if (phase_ == Phase::kReadOnly) {
    deferred_.push_back(h);
  } else {
    ready_.push_back(h);
  }
  return JoinHandle(state);
}

void Sim::RunReady() {
  while (!ready_.empty() && !Finished()) {
    auto h = ready_.front();
    ready_.pop_front();
    h.resume();
    if (failure_) std::rethrow_exception(failure_);
  }
}

void Sim::DriveWakeups() {
  for (auto& h : deferred_) ready_.push_back(h);
  deferred_.clear();
  auto edge = std::move(edge_waiters_);
  edge_waiters_.clear();
  for (auto& [s, i] : edge) Wake(s, i);
  while (!timers_.empty() && timers_.begin()->first <= cycle_) {
    auto [s, i] = timers_.begin()->second;
    timers_.erase(timers_.begin());
    Wake(s, i);
  }
  // Polls whose slot was resumed elsewhere are dropped; true ones fire.
  std::vector<Poll> keep;
  keep.reserve(polls_.size());
  auto polls = std::move(polls_);
  polls_.clear();
  for (auto& p : polls) {
    if (!p.slot->armed) continue;
    if (p.pred()) {
      Wake(p.slot, p.index);
    } else {
      keep.push_back(std::move(p));
    }
  }
  for (auto& p : polls_) keep.push_back(std::move(p));
  polls_ = std::move(keep);
}

void Sim::Run(Task main, uint64_t timeout_cycles) {
  auto h = main.Release();
  main_ = std::make_shared<ForkState>();
  main_->sim = this;
  h.promise().fork = main_;
  forked_.push_back(h);
  ready_.push_back(h);
  const uint64_t limit = cycle_ + timeout_cycles;
  try {
    for (;;) {
      phase_ = Phase::kDrive;
      DriveWakeups();
      RunReady();
      if (Finished()) break;
      dut_.EvalComb();
      phase_ = Phase::kReadOnly;
      auto ro = std::move(readonly_waiters_);
      readonly_waiters_.clear();
      for (auto& [s, i] : ro) {
        if (Finished()) break;
        if (!s->armed) continue;
        s->armed = false;
        s->fired = i;
        s->handle.resume();
        if (failure_) std::rethrow_exception(failure_);
      }
      if (Finished()) break;
      phase_ = Phase::kIdle;
      dut_.Tick();
      ++cycle_;
      if (cycle_ >= limit) {
        throw TimeoutError("watchdog: test still running after " +
                           std::to_string(timeout_cycles) + " cycles");
      }
    }
  } catch (...) {
    phase_ = Phase::kIdle;
    Cleanup();
    throw;
  }
  phase_ = Phase::kIdle;
  Cleanup();
}

void Sim::Cleanup() {
  // Drop every reference to suspended frames before destroying them.
  ready_.clear();
  deferred_.clear();
  edge_waiters_.clear();
  readonly_waiters_.clear();
  timers_.clear();
  polls_.clear();
  for (auto h : forked_) h.destroy();
  forked_.clear();
  main_.reset();
}

}  // namespace wse::tb
