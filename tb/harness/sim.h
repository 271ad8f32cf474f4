#pragma once
// Sim: the cycle scheduler of one simulation (cocotb's model, in C++20).
//
// One clock cycle runs in this order:
//   1. drive phase   resume everything waiting for RisingEdge / ClockCycles /
//                    Until / events; coroutines write DUT inputs here
//   2. settle        Dut::EvalComb()
//   3. read-only     resume ReadOnly waiters; they sample signals and must not
//                    write (wake-ups they cause run in the next drive phase)
//   4. rising edge   Dut::Tick(); cycle() increments
// Time moves only while every coroutine is suspended on a trigger. Several
// Sims may live in one process; nothing here is global.

#include <coroutine>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/task.h"

namespace wse::tb {

class Dut;
class Sim;

/// A coroutine parked on one or more triggers; the first trigger to fire wins.
struct WaitSlot {
  std::coroutine_handle<> handle;
  bool armed = true;
  int fired = -1;  // index of the trigger that fired, for First()
};
using WaitSlotPtr = std::shared_ptr<WaitSlot>;

/// Bookkeeping of a forked Task.
struct ForkState {
  Sim* sim = nullptr;
  bool done = false;
  std::vector<std::pair<WaitSlotPtr, int>> joiners;
};

/// Thrown by the watchdog when a test runs past its cycle limit.
class TimeoutError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Thrown (and counted as a failure) by Check helpers.
class TestFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// -----------------------------------------------------------------------------
// Triggers. Each has Register(slot, index) and may be ready at once (Ready()).
// Any trigger can be awaited directly or combined with Sim::First().
// -----------------------------------------------------------------------------

/// Awaiter shared by all triggers.
template <class Trigger>
struct TriggerAwaiter {
  Trigger trigger;
  bool await_ready() { return trigger.Ready(); }
  void await_suspend(std::coroutine_handle<> h) {
    auto slot = std::make_shared<WaitSlot>();
    slot->handle = h;
    trigger.Register(slot, 0);
  }
  void await_resume() {}
};

/// Resumes in the drive phase right after the next rising edge.
struct RisingEdgeTrigger {
  Sim* sim;
  bool Ready() const { return false; }
  void Register(const WaitSlotPtr& s, int idx);
  TriggerAwaiter<RisingEdgeTrigger> operator co_await() { return {*this}; }
};

/// Resumes in the drive phase n rising edges from now (n = 0: at once).
struct CyclesTrigger {
  Sim* sim;
  uint64_t n;
  bool Ready() const { return n == 0; }
  void Register(const WaitSlotPtr& s, int idx);
  TriggerAwaiter<CyclesTrigger> operator co_await() { return {*this}; }
};

/// Resumes in the read-only phase of the current cycle.
struct ReadOnlyTrigger {
  Sim* sim;
  bool Ready() const { return false; }
  void Register(const WaitSlotPtr& s, int idx);
  TriggerAwaiter<ReadOnlyTrigger> operator co_await() { return {*this}; }
};

/// Resumes in the first drive phase (checked after each edge) where pred() holds.
struct UntilTrigger {
  Sim* sim;
  std::function<bool()> pred;
  bool Ready() const { return pred(); }
  void Register(const WaitSlotPtr& s, int idx);
  TriggerAwaiter<UntilTrigger> operator co_await() { return {*this}; }
};

/// A level-sensitive event (cocotb Event): Wait() returns at once while set.
class Event {
 public:
  explicit Event(Sim& sim, std::string name = {}) : sim_(&sim), name_(std::move(name)) {}
  /// Sets the event and wakes every waiter.
  void Set();
  void Clear() { set_ = false; }
  bool IsSet() const { return set_; }
  const std::string& name() const { return name_; }

  struct WaitTrigger {
    Event* ev;
    bool Ready() const { return ev->set_; }
    void Register(const WaitSlotPtr& s, int idx) { ev->waiters_.emplace_back(s, idx); }
    TriggerAwaiter<WaitTrigger> operator co_await() { return {*this}; }
  };
  /// Trigger that fires when the event is set.
  WaitTrigger Wait() { return {this}; }

 private:
  Sim* sim_;
  std::string name_;
  bool set_ = false;
  std::vector<std::pair<WaitSlotPtr, int>> waiters_;
};

/// Handle of a forked Task; awaitable (join) and usable in First().
class JoinHandle {
 public:
  JoinHandle() = default;
  explicit JoinHandle(std::shared_ptr<ForkState> s) : state_(std::move(s)) {}
  bool Done() const { return !state_ || state_->done; }

  struct JoinTrigger {
    std::shared_ptr<ForkState> state;
    bool Ready() const { return !state || state->done; }
    void Register(const WaitSlotPtr& s, int idx) { state->joiners.emplace_back(s, idx); }
    TriggerAwaiter<JoinTrigger> operator co_await() { return {*this}; }
  };
  /// Trigger that fires when the task has finished.
  JoinTrigger Join() const { return {state_}; }
  TriggerAwaiter<JoinTrigger> operator co_await() const { return {Join()}; }

 private:
  std::shared_ptr<ForkState> state_;
};

/// Awaiter for Sim::First(): resumes when any trigger fires, yields its index.
template <class... Ts>
struct FirstAwaiter {
  std::tuple<Ts...> triggers;
  int ready_index = -1;
  WaitSlotPtr slot;

  bool await_ready() {
    int i = 0;
    std::apply([&](auto&... t) { ((ready_index < 0 && t.Ready() ? ready_index = i : 0, ++i), ...); },
               triggers);
    return ready_index >= 0;
  }
  void await_suspend(std::coroutine_handle<> h) {
    slot = std::make_shared<WaitSlot>();
    slot->handle = h;
    int i = 0;
    std::apply([&](auto&... t) { (t.Register(slot, i++), ...); }, triggers);
  }
  int await_resume() { return slot ? slot->fired : ready_index; }
};

// -----------------------------------------------------------------------------
// The scheduler
// -----------------------------------------------------------------------------

/// Phase of the current cycle.
enum class Phase { kIdle, kDrive, kReadOnly };

/// The scheduler: owns forked tasks and advances the DUT clock.
class Sim {
 public:
  explicit Sim(Dut& dut);
  ~Sim();
  Sim(const Sim&) = delete;
  Sim& operator=(const Sim&) = delete;

  /// Cycles completed since construction (rising edges seen).
  uint64_t cycle() const { return cycle_; }
  Phase phase() const { return phase_; }
  Dut& dut() { return dut_; }

  // Triggers.
  RisingEdgeTrigger RisingEdge() { return {this}; }
  CyclesTrigger ClockCycles(uint64_t n) { return {this, n}; }
  ReadOnlyTrigger ReadOnly() { return {this}; }
  UntilTrigger Until(std::function<bool()> pred) { return {this, std::move(pred)}; }
  /// Fires after an edge at which getter() differs from its value now.
  UntilTrigger ValueChange(std::function<uint64_t()> getter);
  /// Resumes when the first of the triggers fires; co_await yields its index.
  template <class... Ts>
  FirstAwaiter<Ts...> First(Ts... ts) {
    return FirstAwaiter<Ts...>{std::tuple<Ts...>(std::move(ts)...), -1, nullptr};
  }

  /// Starts a task concurrently with the caller; it first runs in the current phase.
  JoinHandle Fork(Task task);
  /// True once the main task of Run() has returned.
  bool Finished() const { return main_ && main_->done; }

  /// Runs `main` until it returns; throws TimeoutError past `timeout_cycles`.
  /// Rethrows the first exception of any task. Nothing else is resumed after
  /// `main` returns; forked tasks still suspended then are destroyed.
  void Run(Task main, uint64_t timeout_cycles);

  /// Wakes a slot (used by triggers); the wake-up runs in the current drive
  /// phase, or in the next one if called during read-only.
  void Wake(const WaitSlotPtr& slot, int index);

  // Trigger registration (used by the trigger types).
  void AddEdgeWaiter(const WaitSlotPtr& s, int i) { edge_waiters_.emplace_back(s, i); }
  void AddReadOnlyWaiter(const WaitSlotPtr& s, int i);
  void AddTimer(uint64_t at_cycle, const WaitSlotPtr& s, int i) { timers_.emplace(at_cycle, std::make_pair(s, i)); }
  void AddPoll(std::function<bool()> pred, const WaitSlotPtr& s, int i) {
    polls_.push_back(Poll{std::move(pred), s, i});
  }

  /// Records the failure of a forked task (the first one is kept).
  void ReportFailure(std::exception_ptr e) {
    if (!failure_) failure_ = e;
  }

 private:
  struct Poll {
    std::function<bool()> pred;
    WaitSlotPtr slot;
    int index;
  };
  void RunReady();
  void DriveWakeups();
  void Cleanup();

  Dut& dut_;
  uint64_t cycle_ = 0;
  Phase phase_ = Phase::kIdle;
  std::deque<std::coroutine_handle<>> ready_;
  std::deque<std::coroutine_handle<>> deferred_;  // woken during read-only
  std::vector<std::pair<WaitSlotPtr, int>> edge_waiters_;
  std::vector<std::pair<WaitSlotPtr, int>> readonly_waiters_;
  std::multimap<uint64_t, std::pair<WaitSlotPtr, int>> timers_;
  std::vector<Poll> polls_;
  std::vector<Task::Handle> forked_;
  std::exception_ptr failure_;
  // The test body. Once it returns, its locals (drivers, monitors) are gone,
  // so no other coroutine may be resumed after that point.
  std::shared_ptr<ForkState> main_;
};

}  // namespace wse::tb
