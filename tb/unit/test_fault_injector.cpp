// The fault injector over time (docs/dft.md): permanent hooks set once,
// intermittent faults switched per cycle at rate x Arrhenius factor and
// reproducibly from the seed, transients struck once at their cycle, and
// every list the hooks cannot carry refused by name. A recording mesh stands
// in for the Verilated one; expected hook words are written out from the
// bit layout of docs/dft.md, not taken from the injector's helpers.
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "unit_helpers.h"
#include "faults/fault_injector.h"

namespace wse::tb {
namespace {

using unit::Contains;
using unit::ErrorOf;

// Records what the injector drives; no simulation behind it.
class RecordingMesh final : public MeshDut {
 public:
  RecordingMesh(int w, int h, bool faults = true)
      : MeshDut(w, h, 24), faults_(faults), tile(static_cast<size_t>(w) * h, 0),
        sram(2 * static_cast<size_t>(w) * h, 0) {}
  void SetReset(bool) override {}
  void EvalComb() override {}
  void Tick() override {}
  void OpenTrace(const std::string&) override {}
  void CloseTrace() override {}
  std::string Describe() const override { return "recording mesh"; }
  LinkPins EdgeIn(Dir, int, int) override { throw std::logic_error("unused"); }
  LinkPins EdgeOut(Dir, int, int) override { throw std::logic_error("unused"); }
  LinkPins RampIn(int, int) override { throw std::logic_error("unused"); }
  LinkPins RampOut(int, int) override { throw std::logic_error("unused"); }
  CfgEntryPins CfgEntry(Dir, int) override { throw std::logic_error("unused"); }
  std::string TileScope(int, int) const override { return ""; }
  bool HasFaults() const override { return faults_; }
  void SetTileFault(int x, int y, uint32_t bits) override { tile.at(Index(x, y)) = bits; }
  void SetSramFault(int x, int y, int slot, uint64_t v) override { sram.at(2 * Index(x, y) + slot) = v; }
  void FlipConfigBit(int x, int y, int reg, int bit) override { flips.push_back({x, y, reg, bit, now}); }
  int SetLinkFault(int, int, Dir, const LinkFault&) override {
    link_active.push_back(true);
    return static_cast<int>(link_active.size()) - 1;
  }
  void SetLinkFaultActive(int id, bool on) override { link_active.at(static_cast<size_t>(id)) = on; }
  void SetLinkDropRate(int id, double rate) override {
    link_active.at(static_cast<size_t>(id));
    rates.push_back({id, rate, now});
  }
  size_t Index(int x, int y) const { return static_cast<size_t>(y) * width() + x; }

  struct Flip {
    int x, y, reg, bit;
    uint64_t cycle;
  };
  struct Rate {
    int id;
    double rate;
    uint64_t cycle;
  };
  bool faults_;
  std::vector<uint32_t> tile;
  std::vector<uint64_t> sram;
  std::vector<Flip> flips;
  std::vector<Rate> rates;  // SetLinkDropRate calls
  std::vector<bool> link_active;
  uint64_t now = 0;  // the cycle of the Step being made
};

Fault Make(FaultClass cls, int x, int y) {
  Fault f;
  f.cls = cls, f.x = x, f.y = y;
  return f;
}

// appeared_at(i) as a number: -1 for "not yet".
int64_t Appeared(const FaultInjector& inj, size_t i) {
  const std::optional<uint64_t> a = inj.appeared_at(i);
  return a ? static_cast<int64_t>(*a) : -1;
}

// Runs `n` cycles and counts those in which `on()` held after the Step.
template <typename On>
uint64_t CountOn(FaultInjector& inj, RecordingMesh& dut, uint64_t first, uint64_t n, On on) {
  uint64_t count = 0;
  for (uint64_t c = first; c < first + n; ++c) {
    dut.now = c;
    inj.Step(c);
    count += on();
  }
  return count;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fault_injector)

BOOST_AUTO_TEST_CASE(arrhenius_factor_matches_the_formula) {
  BOOST_TEST(ArrheniusFactor(0.7, 125, 125) == 1.0, boost::test_tools::tolerance(1e-12));
  // exp[(Ea/k)(1/T_ref - 1/T)], T in kelvin, k = 8.617333262e-5 eV/K.
  BOOST_TEST(ArrheniusFactor(0.7, 125, 85) == 0.10242461701185436, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(ArrheniusFactor(1.0, 125, 25) == 5.681850468841031e-05, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(ArrheniusFactor(0.7, 125, 150) == 3.33802833640805, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(permanent_hooks_are_set_once) {
  RecordingMesh dut(3, 2);
  FaultList list;
  list.faults.push_back(Make(FaultClass::kTileDead, 0, 0));
  Fault alu = Make(FaultClass::kPeWrongResult, 1, 0);
  alu.bit = 5, alu.value = 1;
  list.faults.push_back(alu);
  Fault port = Make(FaultClass::kRouterDeadPort, 1, 0);
  port.port = 2;
  list.faults.push_back(port);
  list.faults.push_back(Make(FaultClass::kRouterDead, 2, 1));
  list.faults.push_back(Make(FaultClass::kPeDead, 0, 1));
  Fault stuck = Make(FaultClass::kSramStuckAt, 2, 0);
  stuck.addr = 9, stuck.bit = 33, stuck.value = 1;
  list.faults.push_back(stuck);
  FaultInjector inj(dut, list);
  // flt_tile_i: [0] tile dead, [1] PE dead, [2] ALU on, [3] value, [8:4] bit, [13:9] dead ports.
  BOOST_TEST(dut.tile[dut.Index(0, 0)] == 0x1u);
  BOOST_TEST(dut.tile[dut.Index(1, 0)] == (0x4u | 0x8u | 5u << 4 | 1u << 11));
  BOOST_TEST(dut.tile[dut.Index(2, 1)] == 0x1fu << 9);
  BOOST_TEST(dut.tile[dut.Index(0, 1)] == 0x2u);
  // SRAM slot: kind 1 (stuck), value bit 3, victim bit [13:8], address [47:32].
  BOOST_TEST(dut.sram[2 * dut.Index(2, 0)] == (1ull | 1ull << 3 | 33ull << 8 | 9ull << 32));
  const auto before = dut.tile;
  CountOn(inj, dut, 1, 100, [] { return false; });
  BOOST_TEST((dut.tile == before));
  for (uint64_t a : inj.active_cycles()) BOOST_TEST(a == 0u);
}

BOOST_AUTO_TEST_CASE(intermittent_rate_follows_temperature) {
  RecordingMesh dut(2, 1);
  FaultList list;
  list.seed = 11;
  Fault alu = Make(FaultClass::kPeWrongResult, 1, 0);
  alu.bit = 3, alu.value = 0;
  alu.intermittent = Intermittent{0.3, 0.7};
  list.faults.push_back(alu);
  Fault port = Make(FaultClass::kRouterDeadPort, 1, 0);  // permanent, same tile
  port.port = 4;
  list.faults.push_back(port);
  FaultInjector inj(dut, list);
  const uint32_t ramp_dead = 1u << 13, alu_bits = 0x4u | 3u << 4;
  BOOST_TEST(dut.tile[1] == ramp_dead);  // off until the first Step draws it
  const uint64_t n = 40000;
  for (const double celsius : {125.0, 85.0, 25.0}) {
    inj.SetTemperature(celsius);
    const double p = 0.3 * std::exp(0.7 / 8.617333262e-5 * (1 / 398.15 - 1 / (celsius + 273.15)));
    BOOST_TEST(inj.ActiveProbability(*alu.intermittent) == p, boost::test_tools::tolerance(1e-9));
    const uint64_t a0 = inj.active_cycles()[0];
    bool permanent_kept = true;
    const uint64_t on = CountOn(inj, dut, 1, n, [&] {
      permanent_kept = permanent_kept && (dut.tile[1] & ramp_dead);
      return (dut.tile[1] & alu_bits) == alu_bits;
    });
    BOOST_TEST(permanent_kept);
    BOOST_TEST(inj.active_cycles()[0] - a0 == on);  // its count is what the hook held
    const double sigma = std::sqrt(static_cast<double>(n) * p * (1 - p));
    BOOST_TEST(std::abs(static_cast<double>(on) - p * n) < 5 * sigma + 2, "at " << celsius << " C: " << on
                                                                                 << " cycles on, expected " << p * n);
  }
}

BOOST_AUTO_TEST_CASE(intermittent_draws_repeat_from_the_seed) {
  auto trace = [](uint64_t seed) {
    RecordingMesh dut(2, 2);
    FaultList list;
    list.seed = seed;
    Fault link = Make(FaultClass::kLinkStuck, 0, 0);
    link.dir = 1, link.bit = 4, link.value = 1;
    link.intermittent = Intermittent{0.5, 0.7};
    list.faults.push_back(link);
    Fault s = Make(FaultClass::kSramTransition, 1, 1);
    s.addr = 3, s.bit = 2, s.value = 1;
    s.intermittent = Intermittent{0.5, 0.7};
    list.faults.push_back(s);
    FaultInjector inj(dut, list);
    std::string t;
    t += dut.link_active.at(0) ? '1' : '0';  // set inactive before the first draw
    for (uint64_t c = 1; c <= 64; ++c) {
      inj.Step(c);
      t += dut.link_active[0] ? 'L' : '.';
      t += dut.sram[2 * dut.Index(1, 1)] != 0 ? 'S' : '.';
    }
    return t;
  };
  const std::string a = trace(5), b = trace(5), c = trace(6);
  BOOST_TEST(a == b);
  BOOST_TEST(a != c);
  BOOST_TEST(a[0] == '0');
  BOOST_TEST(Contains(a, "L"));
  BOOST_TEST(Contains(a, "S"));
}

BOOST_AUTO_TEST_CASE(transients_strike_once_at_their_cycle) {
  RecordingMesh dut(2, 2);
  FaultList list;
  Fault cfg = Make(FaultClass::kCfgFlip, 1, 0);
  cfg.reg = 0x20 + 7, cfg.bit = 9, cfg.cycle = 40;  // ROUTE[7], 10 bits
  list.faults.push_back(cfg);
  Fault sram = Make(FaultClass::kSramFlip, 0, 1);
  sram.addr = 17, sram.bit = 30, sram.cycle = 25;
  list.faults.push_back(sram);
  Fault stuck = Make(FaultClass::kSramStuckAt, 0, 1);  // shares the tile: the flip takes the other slot
  stuck.addr = 2, stuck.bit = 1, stuck.value = 0;
  list.faults.push_back(stuck);
  FaultInjector inj(dut, list);
  const size_t t = dut.Index(0, 1);
  const uint64_t stuck_slot = 1ull | 1ull << 8 | 2ull << 32, flip_slot = 7ull | 30ull << 8 | 17ull << 32;
  BOOST_TEST(dut.sram[2 * t] + dut.sram[2 * t + 1] == stuck_slot);
  for (uint64_t c = 1; c <= 60; ++c) {
    dut.now = c;
    inj.Step(c);
    const bool flip_on = dut.sram[2 * t] == flip_slot || dut.sram[2 * t + 1] == flip_slot;
    BOOST_TEST(flip_on == (c == 25), "cycle " << c);  // for exactly the edge after cycle 25
    BOOST_TEST((dut.sram[2 * t] == stuck_slot || dut.sram[2 * t + 1] == stuck_slot));
  }
  BOOST_REQUIRE(dut.flips.size() == 1u);
  BOOST_TEST(dut.flips[0].cycle == 40u);
  BOOST_TEST(dut.flips[0].reg == 0x27);
  BOOST_TEST(dut.flips[0].bit == 9);
  BOOST_TEST(inj.active_cycles()[0] == 1u);
  BOOST_TEST(inj.active_cycles()[1] == 1u);
  // A transient whose cycle passed before the first Step strikes at once;
  // a second upset of the same tile due then waits one edge.
  RecordingMesh late(2, 2);
  Fault cfg2 = cfg;
  cfg2.reg = 0x01, cfg2.bit = 2, cfg2.cycle = 41;
  list.faults.push_back(cfg2);
  FaultInjector inj2(late, list);
  late.now = 100;
  inj2.Step(100);
  late.now = 101;
  inj2.Step(101);
  BOOST_REQUIRE(late.flips.size() == 2u);
  BOOST_TEST(late.flips[0].cycle == 100u);
  BOOST_TEST(late.flips[1].cycle == 101u);
  BOOST_TEST(late.flips[1].reg == 0x01);
}

BOOST_AUTO_TEST_CASE(lists_the_hooks_cannot_carry_are_refused_by_name) {
  auto refuse = [](std::vector<Fault> faults, bool has_faults = true) {
    RecordingMesh dut(2, 2, has_faults);
    FaultList list;
    list.faults = std::move(faults);
    return ErrorOf([&] { FaultInjector inj(dut, list); });
  };
  Fault f = Make(FaultClass::kCfgFlip, 0, 0);
  f.reg = 0x03;  // SCRATCH: not guarded, no hook
  BOOST_TEST(Contains(refuse({f}), "faults[0]"));
  BOOST_TEST(Contains(refuse({f}), ".reg"));
  f.reg = 0x01, f.bit = 3;  // CTRL has 3 bits
  BOOST_TEST(Contains(refuse({f}), ".bit"));
  f.reg = 0x50, f.bit = 13;  // ROUTER_TEST has 13
  BOOST_TEST(Contains(refuse({f}), ".bit"));
  f.bit = 12;
  BOOST_TEST(refuse({f}) == "no error");
  Fault twice = f;  // two upsets of one tile in one edge: the hook takes one
  twice.reg = 0x21, twice.bit = 0;
  BOOST_TEST(Contains(refuse({f, twice}), "faults[1]"));
  BOOST_TEST(Contains(refuse({f, twice}), ".cycle"));
  twice.cycle = 1;
  BOOST_TEST(refuse({f, twice}) == "no error");
  Fault alu = Make(FaultClass::kPeWrongResult, 1, 1);
  BOOST_TEST(Contains(refuse({alu, alu}), "second pe_wrong_result"));
  Fault dead = Make(FaultClass::kTileDead, 1, 1);
  dead.intermittent = Intermittent{};
  BOOST_TEST(Contains(refuse({dead}), "intermittent"));
  Fault s = Make(FaultClass::kSramStuckAt, 1, 0);
  BOOST_TEST(Contains(refuse({s, s, s}), "faults[2]"));
  BOOST_TEST(Contains(refuse({s, s, s}), "third SRAM fault"));
  BOOST_TEST(Contains(refuse({s}, false), "fault-injection tile"));
  Fault off = Make(FaultClass::kLinkOpen, 0, 0);
  off.dir = 0;  // north of row 0: off the mesh
  BOOST_TEST(Contains(refuse({off}), "off the mesh"));
  BOOST_TEST(Contains(ErrorOf([] {
                        RecordingMesh dut(1, 1);
                        FaultInjector inj(dut, {});
                        inj.SetTemperature(-300);
                      }),
                      "absolute zero"));
}

BOOST_AUTO_TEST_CASE(inject_faults_wants_a_schedule_for_timed_faults) {
  RecordingMesh dut(2, 2);
  FaultList list;
  Fault f = Make(FaultClass::kSramFlip, 0, 0);
  list.faults.push_back(f);
  BOOST_TEST(Contains(ErrorOf([&] { InjectFaults(dut, list); }), "FaultInjector"));
  list.faults[0] = Make(FaultClass::kPeWrongResult, 0, 0);
  list.faults[0].intermittent = Intermittent{};
  BOOST_TEST(Contains(ErrorOf([&] { InjectFaults(dut, list); }), "faults[0]"));
  list.faults[0].intermittent.reset();
  BOOST_TEST(ErrorOf([&] { InjectFaults(dut, list); }) == "no error");
  BOOST_TEST(dut.tile[0] == 0x4u);  // ALU fault on, bit 0 stuck at 0
}

BOOST_AUTO_TEST_CASE(events_take_effect_at_their_cycle) {
  RecordingMesh dut(3, 2);
  FaultList list;
  list.faults.push_back(Make(FaultClass::kTileDead, 0, 0));
  Fault stuck = Make(FaultClass::kSramStuckAt, 1, 0);
  stuck.addr = 2, stuck.bit = 1, stuck.value = 0;
  list.faults.push_back(stuck);
  std::vector<TimedFault> events(5);
  events[0].at_cycle = 50, events[0].fault = Make(FaultClass::kPeDead, 2, 1);
  events[1].at_cycle = 20, events[1].fault = Make(FaultClass::kRouterDeadPort, 0, 1);
  events[1].fault.port = 1;
  events[2].at_cycle = 30, events[2].fault = Make(FaultClass::kSramTransition, 1, 0);  // the tile's second slot
  events[2].fault.addr = 5, events[2].fault.bit = 7, events[2].fault.value = 1;
  events[3].at_cycle = 40, events[3].fault = Make(FaultClass::kLinkStuck, 0, 1);
  events[3].fault.dir = 1, events[3].fault.bit = 38, events[3].fault.value = 0;
  events[4].fault = Make(FaultClass::kSramFlip, 2, 0);  // strikes at its own cycle
  events[4].fault.addr = 3, events[4].fault.bit = 0, events[4].fault.cycle = 35;
  FaultInjector inj(dut, list, events);
  // list(): the list's faults, then the events' in their order.
  BOOST_REQUIRE(inj.list().faults.size() == 7u);
  BOOST_TEST((inj.list().faults[1].cls == FaultClass::kSramStuckAt));
  BOOST_TEST((inj.list().faults[2].cls == FaultClass::kPeDead));
  BOOST_TEST((inj.list().faults[6].cls == FaultClass::kSramFlip));
  BOOST_TEST(Appeared(inj, 0) == 0);
  BOOST_TEST(Appeared(inj, 1) == 0);
  for (size_t i = 2; i < 7; ++i) BOOST_TEST(Appeared(inj, i) == -1);
  BOOST_TEST(ErrorOf([&] { (void)inj.appeared_at(7); }) != "no error");
  const size_t t10 = dut.Index(1, 0), t01 = dut.Index(0, 1), t21 = dut.Index(2, 1);
  const uint64_t stuck_slot = 1ull | 1ull << 8 | 2ull << 32;
  const uint64_t transition_slot = 2ull | 1ull << 3 | 7ull << 8 | 5ull << 32;  // kind 2, value 1, bit 7, addr 5
  BOOST_TEST(dut.tile[dut.Index(0, 0)] == 0x1u);
  BOOST_TEST(dut.sram[2 * t10] == stuck_slot);
  BOOST_TEST(dut.sram[2 * t10 + 1] == 0u);  // the event's slot, empty until it appears
  BOOST_REQUIRE(dut.link_active.size() == 1u);
  BOOST_TEST(!dut.link_active[0]);
  for (uint64_t c = 1; c <= 60; ++c) {
    dut.now = c;
    inj.Step(c);
    BOOST_TEST((dut.tile[t21] == (c >= 50 ? 0x2u : 0u)), "cycle " << c);
    BOOST_TEST((dut.tile[t01] == (c >= 20 ? 1u << 10 : 0u)), "cycle " << c);  // port E dead: bit 9 + 1
    BOOST_TEST((dut.sram[2 * t10 + 1] == (c >= 30 ? transition_slot : 0u)), "cycle " << c);
    BOOST_TEST(dut.sram[2 * t10] == stuck_slot);
    BOOST_TEST(dut.link_active[0] == (c >= 40), "cycle " << c);
    BOOST_TEST((dut.sram[2 * dut.Index(2, 0)] != 0) == (c == 35), "cycle " << c);
    BOOST_TEST(dut.tile[dut.Index(0, 0)] == 0x1u);
  }
  const std::vector<uint64_t> want = {0, 0, 50, 20, 30, 40, 35};
  for (size_t i = 0; i < want.size(); ++i) {
    BOOST_TEST(Appeared(inj, i) == static_cast<int64_t>(want[i]), "fault " << i);
    BOOST_TEST(inj.active_cycles()[i] == (i == 6 ? 1u : 0u), "fault " << i);
  }
  // An event whose cycle passed between two Steps takes effect at the next
  // one, and says so.
  RecordingMesh late(3, 2);
  FaultInjector inj2(late, {}, {events[0]});
  inj2.Step(10);
  BOOST_TEST(late.tile[t21] == 0u);
  inj2.Step(70);
  BOOST_TEST(late.tile[t21] == 0x2u);
  BOOST_TEST(Appeared(inj2, 0) == 70);
}

BOOST_AUTO_TEST_CASE(intermittent_events_draw_from_their_cycle_on) {
  // The list's intermittent fault draws the same whenever the event appears.
  auto run = [](uint64_t at, std::vector<uint64_t>* active) {
    RecordingMesh dut(2, 2);
    FaultList list;
    list.seed = 3;
    Fault alu = Make(FaultClass::kPeWrongResult, 0, 0);
    alu.bit = 2, alu.value = 1;
    alu.intermittent = Intermittent{0.5, 0.7};
    list.faults.push_back(alu);
    TimedFault e;
    e.at_cycle = at;
    e.fault = Make(FaultClass::kRouterDeadPort, 1, 1);
    e.fault.port = 4;
    e.fault.intermittent = Intermittent{1.0, 0.7};  // always on once there
    FaultInjector inj(dut, list, {e});
    std::string t;
    for (uint64_t c = 1; c <= 200; ++c) {
      inj.Step(c);
      t += dut.tile[0] ? 'A' : '.';
      BOOST_TEST((dut.tile[3] != 0) == (c >= at), "cycle " << c);
    }
    *active = inj.active_cycles();
    BOOST_TEST(Appeared(inj, 1) == static_cast<int64_t>(at));
    return t;
  };
  std::vector<uint64_t> a1, a2;
  const std::string early = run(10, &a1), late = run(150, &a2);
  BOOST_TEST(early == late);
  BOOST_TEST(Contains(early, "A"));
  BOOST_TEST(Contains(early, "."));
  BOOST_TEST(a1[0] == a2[0]);
  BOOST_TEST(a1[1] == 191u);  // cycles 10..200
  BOOST_TEST(a2[1] == 51u);   // cycles 150..200
}

BOOST_AUTO_TEST_CASE(a_degrading_link_ramps_its_drop_rate) {
  RecordingMesh dut(2, 2);
  FaultList list;
  Fault fixed = Make(FaultClass::kLinkDrop, 0, 0);
  fixed.dir = 2, fixed.rate = 0.25;
  list.faults.push_back(fixed);
  TimedFault e;
  e.at_cycle = 1000, e.ramp_to_cycle = 3000, e.ramp_to_rate = 0.9;
  e.fault = Make(FaultClass::kLinkDrop, 1, 0);
  e.fault.dir = 3, e.fault.rate = 0.1;
  TimedFault plain = e;  // no ramp: its rate from at_cycle on
  plain.ramp_to_rate.reset();
  plain.at_cycle = 500;
  plain.fault.x = 0, plain.fault.y = 1, plain.fault.dir = 1, plain.fault.rate = 0.5;
  FaultInjector inj(dut, list, {e, plain});
  BOOST_TEST(inj.drop_rate_now(0) == 0.25);
  BOOST_TEST(inj.drop_rate_now(1) == 0.0);
  BOOST_TEST(inj.drop_rate_now(2) == 0.0);
  BOOST_TEST(Contains(ErrorOf([] {
                        RecordingMesh d(2, 2);
                        FaultList l;
                        l.faults.push_back(Make(FaultClass::kPeDead, 0, 0));
                        FaultInjector i(d, l);
                        (void)i.drop_rate_now(0);
                      }),
                      "no drop rate"));
  auto want = [](uint64_t c) {
    return c >= 3000 ? 0.9 : c <= 1000 ? 0.1 : 0.1 + 0.8 * static_cast<double>(c - 1000) / 2000.0;
  };
  for (uint64_t c = 1; c <= 4000; ++c) {
    dut.now = c;
    inj.Step(c);
    BOOST_TEST(dut.link_active[1] == (c >= 1000));
    BOOST_TEST(dut.link_active[2] == (c >= 500));
    if (c == 999) BOOST_TEST(inj.drop_rate_now(1) == 0.0);
    if (c == 2000) {
      // At most kDropRampStep cycles old, so at most that much lower.
      const double now = inj.drop_rate_now(1), slope = 0.8 / 2000;
      BOOST_TEST(now <= want(c) + 1e-12);
      BOOST_TEST(now >= want(c) - slope * kDropRampStep - 1e-12);
    }
  }
  BOOST_TEST(inj.drop_rate_now(1) == 0.9);
  BOOST_TEST(inj.drop_rate_now(2) == 0.5);
  // Every rate written is the ramp's value in the cycle it was written,
  // the first at at_cycle, then at most kDropRampStep apart, the last the
  // final rate at ramp_to_cycle; the fixed links are never touched.
  BOOST_REQUIRE(dut.rates.size() >= 2000 / kDropRampStep + 1);
  uint64_t last = 0;
  for (const auto& r : dut.rates) {
    BOOST_TEST(r.id == 1);
    BOOST_TEST(r.rate == want(r.cycle), boost::test_tools::tolerance(1e-12));
    if (last) BOOST_TEST(r.cycle - last <= kDropRampStep);
    last = r.cycle;
  }
  BOOST_TEST(dut.rates.front().cycle == 1000u);
  BOOST_TEST(dut.rates.back().cycle == 3000u);
  BOOST_TEST(dut.rates.back().rate == 0.9);
  BOOST_TEST(dut.rates.size() < 40u);  // not every cycle
  BOOST_TEST(Appeared(inj, 1) == 1000);
  // Steps that skip cycles still write the rate of the cycle they are at.
  RecordingMesh skip(2, 2);
  FaultInjector inj2(skip, {}, {e});
  for (const uint64_t c : {999ull, 1500ull, 1501ull, 2900ull, 5000ull}) {
    skip.now = c;
    inj2.Step(c);
  }
  BOOST_REQUIRE(skip.rates.size() == 3u);
  BOOST_TEST(skip.rates[0].cycle == 1500u);
  BOOST_TEST(skip.rates[0].rate == want(1500), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(skip.rates[1].cycle == 2900u);
  BOOST_TEST(skip.rates[2].rate == 0.9);
  BOOST_TEST(Appeared(inj2, 0) == 1500);
}

BOOST_AUTO_TEST_CASE(events_are_refused_by_name_before_anything_is_injected) {
  auto refuse = [](std::vector<TimedFault> events, RecordingMesh* seen = nullptr) {
    RecordingMesh local(2, 2);
    RecordingMesh& dut = seen ? *seen : local;
    FaultList list;
    Fault link = Make(FaultClass::kLinkStuck, 0, 0);  // set first if nothing checked the events
    link.dir = 1, link.bit = 3, link.value = 1;
    list.faults.push_back(link);
    Fault s = Make(FaultClass::kSramStuckAt, 1, 1);
    list.faults.push_back(s);
    return ErrorOf([&] { FaultInjector inj(dut, list, std::move(events)); });
  };
  TimedFault ok;
  ok.at_cycle = 10, ok.fault = Make(FaultClass::kLinkDrop, 0, 0);
  ok.fault.dir = 2, ok.fault.rate = 0.01;
  ok.ramp_to_rate = 1.0, ok.ramp_to_cycle = 11;
  BOOST_TEST(refuse({ok}) == "no error");
  TimedFault bad = ok;
  bad.fault = Make(FaultClass::kPeDead, 1, 0);
  RecordingMesh seen(2, 2);
  const std::string e = refuse({bad}, &seen);
  BOOST_TEST(Contains(e, "events[0]"));
  BOOST_TEST(Contains(e, "pe_dead"));
  BOOST_TEST(Contains(e, "ramp_to_rate"));
  BOOST_TEST(seen.link_active.empty());  // the list's link fault was not set either
  BOOST_TEST(Contains(refuse({ok, bad}), "events[1]"));
  for (const double r : {0.0, -0.5, 1.5, std::numeric_limits<double>::quiet_NaN()}) {
    bad = ok;
    bad.ramp_to_rate = r;
    BOOST_TEST(Contains(refuse({bad}), "events[0]"));
    BOOST_TEST(Contains(refuse({bad}), "outside (0, 1]"));
  }
  bad = ok;
  bad.ramp_to_cycle = 10;
  BOOST_TEST(Contains(refuse({bad}), "events[0]"));
  BOOST_TEST(Contains(refuse({bad}), ".ramp_to_cycle"));
  // The list's rules, with the list's faults counted.
  TimedFault dead;
  dead.fault = Make(FaultClass::kTileDead, 0, 1);
  dead.fault.intermittent = Intermittent{};
  BOOST_TEST(Contains(refuse({ok, dead}), "events[1]"));
  BOOST_TEST(Contains(refuse({ok, dead}), "intermittent"));
  TimedFault sram;
  sram.fault = Make(FaultClass::kSramStuckAt, 1, 1);
  BOOST_TEST(refuse({sram}) == "no error");
  BOOST_TEST(Contains(refuse({sram, sram}), "events[1]"));
  BOOST_TEST(Contains(refuse({sram, sram}), "third SRAM fault"));
  TimedFault off = ok;
  off.ramp_to_rate.reset();
  off.fault.dir = 0;  // north of row 0
  BOOST_TEST(Contains(refuse({off}), "events[0]"));
  BOOST_TEST(Contains(refuse({off}), "off the mesh"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::tb
