#pragma once
// Task: the coroutine type of every testbench process.
//
// A Task starts suspended. `co_await task` runs it to completion inside the
// awaiting coroutine (symmetric transfer, no scheduler round trip);
// Sim::Fork() instead hands it to the scheduler to run concurrently and
// returns a JoinHandle. An exception escaping a Task propagates to whoever
// awaits it; from a forked Task it fails the test.

#include <coroutine>
#include <exception>
#include <memory>
#include <utility>

namespace wse::tb {

class Sim;
struct ForkState;

/// Coroutine return type for testbench processes.
class [[nodiscard]] Task {
 public:
  struct promise_type {
    std::coroutine_handle<> continuation;  // awaiting coroutine, if awaited directly
    std::exception_ptr exception;
    std::shared_ptr<ForkState> fork;  // set when forked onto the scheduler

    Task get_return_object() { return Task(Handle::from_promise(*this)); }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct FinalAwaiter {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept;
      void await_resume() noexcept {}
    };
    FinalAwaiter final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { exception = std::current_exception(); }
  };
  using Handle = std::coroutine_handle<promise_type>;

  Task() = default;
  explicit Task(Handle h) : h_(h) {}
  Task(Task&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  Task& operator=(Task&& o) noexcept {
    if (this != &o) {
      Reset();
      h_ = std::exchange(o.h_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() { Reset(); }

  bool Valid() const { return static_cast<bool>(h_); }
  bool Done() const { return h_ && h_.done(); }
  /// Gives up ownership of the coroutine frame (used by Sim::Fork).
  Handle Release() { return std::exchange(h_, {}); }

  // Awaiting a Task runs it to completion in the caller's context.
  bool await_ready() const noexcept { return !h_ || h_.done(); }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) noexcept {
    h_.promise().continuation = caller;
    return h_;
  }
  void await_resume() {
    if (h_ && h_.promise().exception) std::rethrow_exception(h_.promise().exception);
  }

 private:
  void Reset() {
    if (h_) h_.destroy();
    h_ = {};
  }
  Handle h_;
};

}  // namespace wse::tb
