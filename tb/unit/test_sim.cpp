// Unit tests of the coroutine scheduler against a fake DUT.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "harness/dut.h"
#include "harness/sim.h"

namespace wse::tb {
namespace {

// A register that counts rising edges and latches `in` at each edge.
class FakeDut : public Dut {
 public:
  uint64_t edges = 0, evals = 0;
  uint32_t in = 0, latched = 0;
  bool reset = false;
  void SetReset(bool a) override { reset = a; }
  void EvalComb() override { ++evals; }
  void Tick() override {
    ++edges;
    latched = in;
  }
  void OpenTrace(const std::string&) override {}
  void CloseTrace() override {}
  std::string Describe() const override { return "fake"; }
  std::vector<WaveGroup> WaveLayout() const override { return {}; }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(scheduler)

BOOST_AUTO_TEST_CASE(clock_cycles_advance_time) {
  FakeDut dut;
  Sim sim(dut);
  uint64_t seen = 0;
  sim.Run([](Sim& s, uint64_t* out) -> Task {
    co_await s.ClockCycles(5);
    *out = s.cycle();
  }(sim, &seen), 100);
  BOOST_TEST(seen == 5u);
  BOOST_TEST(dut.edges == 5u);
}

BOOST_AUTO_TEST_CASE(drive_then_sample_then_edge) {
  FakeDut dut;
  Sim sim(dut);
  std::vector<std::string> order;
  sim.Run([](Sim& s, FakeDut& d, std::vector<std::string>* o) -> Task {
    co_await s.RisingEdge();
    d.in = 42;  // drive phase
    o->push_back("drive@" + std::to_string(s.cycle()));
    co_await s.ReadOnly();
    o->push_back("sample@" + std::to_string(s.cycle()) + " latched=" + std::to_string(d.latched));
    co_await s.RisingEdge();
    o->push_back("after@" + std::to_string(s.cycle()) + " latched=" + std::to_string(d.latched));
  }(sim, dut, &order), 100);
  const std::vector<std::string> want = {"drive@1", "sample@1 latched=0", "after@2 latched=42"};
  BOOST_TEST(order == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(fork_join_and_events) {
  FakeDut dut;
  Sim sim(dut);
  std::vector<std::string> log;
  sim.Run([](Sim& s, std::vector<std::string>* l) -> Task {
    Event ev(s, "go");
    auto child = s.Fork([](Sim& s2, Event& e, std::vector<std::string>* l2) -> Task {
      co_await e.Wait();
      l2->push_back("child woke @" + std::to_string(s2.cycle()));
      co_await s2.ClockCycles(3);
      l2->push_back("child done @" + std::to_string(s2.cycle()));
    }(s, ev, l));
    co_await s.ClockCycles(2);
    ev.Set();
    co_await child;
    l->push_back("joined @" + std::to_string(s.cycle()));
  }(sim, &log), 100);
  const std::vector<std::string> want = {"child woke @2", "child done @5", "joined @5"};
  BOOST_TEST(log == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(first_of_reports_which_fired) {
  FakeDut dut;
  Sim sim(dut);
  int which = -1;
  uint64_t when = 0;
  sim.Run([](Sim& s, int* w, uint64_t* t) -> Task {
    Event never(s);
    *w = co_await s.First(never.Wait(), s.ClockCycles(7));
    *t = s.cycle();
    // The losing trigger must not resume us later.
    never.Set();
    co_await s.ClockCycles(2);
  }(sim, &which, &when), 100);
  BOOST_TEST(which == 1);
  BOOST_TEST(when == 7u);
}

BOOST_AUTO_TEST_CASE(until_and_value_change) {
  FakeDut dut;
  Sim sim(dut);
  uint64_t t1 = 0, t2 = 0;
  sim.Run([](Sim& s, FakeDut& d, uint64_t* a, uint64_t* b) -> Task {
    co_await s.Until([&] { return d.edges >= 4; });
    *a = s.cycle();
    s.Fork([](Sim& s2, FakeDut& d2) -> Task {
      co_await s2.ClockCycles(3);
      d2.in = 9;
    }(s, d));
    co_await s.ValueChange([&] { return static_cast<uint64_t>(d.latched); });
    *b = s.cycle();
  }(sim, dut, &t1, &t2), 100);
  BOOST_TEST(t1 == 4u);
  BOOST_TEST(t2 == 8u);  // driven at cycle 7, latched by the edge into cycle 8
}

BOOST_AUTO_TEST_CASE(watchdog_times_out) {
  FakeDut dut;
  Sim sim(dut);
  BOOST_CHECK_THROW(sim.Run([](Sim& s) -> Task {
    for (;;) co_await s.RisingEdge();
  }(sim), 50), TimeoutError);
  BOOST_TEST(dut.edges == 50u);
}

BOOST_AUTO_TEST_CASE(exception_in_forked_task_fails_run) {
  FakeDut dut;
  Sim sim(dut);
  BOOST_CHECK_THROW(sim.Run([](Sim& s) -> Task {
    s.Fork([](Sim& s2) -> Task {
      co_await s2.ClockCycles(2);
      throw TestFailure("boom");
    }(s));
    co_await s.ClockCycles(10);
  }(sim), 100), TestFailure);
}

BOOST_AUTO_TEST_CASE(readonly_phase_defers_wakeups) {
  FakeDut dut;
  Sim sim(dut);
  uint64_t woke = 0;
  sim.Run([](Sim& s, uint64_t* w) -> Task {
    Event ev(s);
    auto h = s.Fork([](Sim& s2, Event& e, uint64_t* w2) -> Task {
      co_await e.Wait();
      *w2 = s2.cycle();
    }(s, ev, w));
    co_await s.ClockCycles(1);
    co_await s.ReadOnly();
    ev.Set();  // set while sampling: the waiter runs in the next drive phase
    co_await h;
  }(sim, &woke), 100);
  BOOST_TEST(woke == 2u);
}

BOOST_AUTO_TEST_CASE(nothing_runs_after_main_returns) {
  FakeDut dut;
  Sim sim(dut);
  int after = 0;
  sim.Run([](Sim& s, int* a) -> Task {
    s.Fork([](Sim& s2, int* a2) -> Task {
      for (;;) {
        co_await s2.RisingEdge();
        ++*a2;
      }
    }(s, a));
    co_await s.ClockCycles(3);
  }(sim, &after), 100);
  const int at_end = after;
  BOOST_TEST(at_end <= 3);
  BOOST_TEST(dut.edges == 3u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::tb
