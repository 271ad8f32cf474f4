// Burn-in scenarios (docs/burnin.md): every shipped scenario reads, a parsed
// scenario writes back to a document that reads to the same scenario, the
// acceleration factor matches the formula, and each kind of malformed input
// is refused with the field named.
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "burnin/scenario.h"
#include "unit_helpers.h"
#include "util/atomic_file.h"
#include "util/json.h"

namespace wse::burnin {
namespace {

using unit::Contains;
using unit::ErrorOf;
using util::Json;

const char* kShipped[] = {"infant_mortality", "thermal_ramp", "soft_error_storm", "link_degradation",
                          "clustered_degraded"};

std::string ScenarioPath(const std::string& name) {
  return std::string(WSE_SCENARIOS_DIR) + "/" + name + ".json";
}

// A small valid scenario; each refusal test changes one thing in it.
Json Base() {
  return Json::Parse(R"({
    "format": "wse-burnin-scenario", "version": 1, "name": "base", "description": "A test scenario.",
    "mesh": {"width": 6, "height": 4, "spares": 1},
    "manufacturing": {"faults": [{"class": "tile_dead", "tile": [1, 1]}]},
    "stress": {"profile": [{"at_cycle": 0, "temperature_c": 25},
                           {"from_cycle": 100, "to_cycle": 1000, "from_c": 25, "to_c": 125}]},
    "events": [{"at_cycle": 500, "fault": {"class": "link_drop", "tile": [2, 2], "dir": "E", "rate": 0.01},
                "ramp": {"to_rate": 0.5, "to_cycle": 2000}},
               {"fault": {"class": "cfg_flip", "tile": [0, 0], "reg": 32, "bit": 1, "cycle": 700}}],
    "workload": {"mix": [{"kernel": "gemv", "weight": 2}, {"kernel": "traffic"}], "duration_cycles": 5000},
    "seeds": {"faults": 1, "workload": 2}
  })");
}

std::string Refusal(const Json& doc) {
  return ErrorOf([&] { ParseScenario(doc, "s.json"); });
}

// Base() with the member at `path` (object keys only) replaced by `value`,
// or removed when `value` is nullptr.
Json With(const std::string& key, const Json* value, Json doc = Base()) {
  Json out = Json::Object();
  for (const auto& [k, v] : doc.Members()) {
    if (k == key) {
      if (value) out.Set(k, *value);
    } else {
      out.Set(k, v);
    }
  }
  if (value && !doc.Get(key)) out.Set(key, *value);
  return out;
}

BOOST_AUTO_TEST_SUITE(burnin_scenario)

BOOST_AUTO_TEST_CASE(every_shipped_scenario_reads) {
  for (const char* name : kShipped) {
    BOOST_TEST_CONTEXT(name) {
      const Scenario s = ReadScenario(ScenarioPath(name));
      BOOST_TEST(s.name == name);
      BOOST_TEST(!s.description.empty());
      BOOST_TEST(s.mesh.width >= 6);
      BOOST_TEST(s.mesh.width <= 8);
      BOOST_TEST(s.mesh.height >= 4);
      BOOST_TEST(s.mesh.height <= 6);
      BOOST_TEST(s.workload.duration_cycles >= 100000u);
      BOOST_TEST(s.workload.duration_cycles <= 1000000u);
      BOOST_TEST(ProfileUseHours(s) > 0);
      // The manufacturing faults (drawn or listed) come out in range.
      for (const tb::Fault& f : ManufacturingFaults(s).faults) {
        BOOST_TEST(f.x < s.mesh.width);
        BOOST_TEST(f.y < s.mesh.height);
      }
    }
  }
  // The folder holds these five and the listing reads them all.
  const auto listed = ListScenarios(WSE_SCENARIOS_DIR);
  BOOST_TEST(listed.size() >= std::size(kShipped));
  for (const auto& l : listed) BOOST_TEST(l.error.empty(), l.name << ": " << l.error);
}

BOOST_AUTO_TEST_CASE(clustered_degraded_has_more_dead_tiles_in_a_row_than_spares) {
  const Scenario s = ReadScenario(ScenarioPath("clustered_degraded"));
  BOOST_TEST(s.expect.degraded.value_or(false));
  std::vector<int> per_row(static_cast<size_t>(s.mesh.height), 0);
  for (const tb::Fault& f : ManufacturingFaults(s).faults) ++per_row[static_cast<size_t>(f.y)];
  for (const Event& e : s.events) {
    if (tb::IsPermanent(e.fault.cls)) ++per_row[static_cast<size_t>(e.fault.y)];
  }
  BOOST_TEST(*std::max_element(per_row.begin(), per_row.end()) > s.mesh.spares);
}

// Every member `file` sets appears in `written` with the same value (the
// writer adds the defaults): the writer against the file itself, not
// against its own output.
void CheckSubset(const Json& file, const Json& written, const std::string& path) {
  if (file.IsObject()) {
    for (const auto& [k, v] : file.Members()) {
      const Json* w = written.Get(k);
      BOOST_TEST(w != nullptr, path + "." + k + " was not written back");
      if (w) CheckSubset(v, *w, path + "." + k);
    }
  } else if (file.IsArray()) {
    BOOST_TEST(file.Items().size() == written.Items().size(), path + ": element count");
    for (size_t i = 0; i < std::min(file.Items().size(), written.Items().size()); ++i)
      CheckSubset(file.Items()[i], written.Items()[i], path + "[" + std::to_string(i) + "]");
  } else if (file.IsNumber() && written.IsNumber()) {
    BOOST_TEST(file.AsDouble() == written.AsDouble(), path);  // 125 and 125.0 are one temperature
  } else {
    BOOST_TEST(file.Dump(0) == written.Dump(0), path);
  }
}

BOOST_AUTO_TEST_CASE(written_scenario_keeps_every_field_of_the_file) {
  for (const char* name : kShipped) {
    BOOST_TEST_CONTEXT(name) {
      const std::string path = ScenarioPath(name);
      CheckSubset(Json::Parse(util::ReadFile(path), path), ToJson(ReadScenario(path)), name);
    }
  }
}

BOOST_AUTO_TEST_CASE(round_trip_is_equal) {
  for (const char* name : kShipped) {
    BOOST_TEST_CONTEXT(name) {
      const Scenario a = ReadScenario(ScenarioPath(name));
      const Json doc = ToJson(a);
      const Scenario b = ParseScenario(Json::Parse(doc.Dump()), "round_trip");
      BOOST_TEST(ToJson(b).Dump() == doc.Dump());
      BOOST_TEST(b.events.size() == a.events.size());
      BOOST_TEST(b.stress.profile.size() == a.stress.profile.size());
      BOOST_TEST(b.mesh.spares == a.mesh.spares);
    }
  }
  const Scenario base = ParseScenario(Base(), "base");
  BOOST_TEST(ToJson(ParseScenario(ToJson(base), "again")).Dump() == ToJson(base).Dump());
  BOOST_TEST(base.events[1].Cycle() == 700u);
  BOOST_TEST(base.events[0].ramp->to_cycle == 2000u);
}

BOOST_AUTO_TEST_CASE(arrhenius_factor_matches_the_formula) {
  // Computed here from the constants, not through the library.
  const double k = 8.617333262e-5, ea = 0.7;
  const double t_use = 55.0 + 273.15, t_stress = 125.0 + 273.15;
  const double expected = std::exp(ea / k * (1.0 / t_use - 1.0 / t_stress));
  // 77.65 with T = C + 273.15 (about 78 is often quoted from rounded kelvins).
  BOOST_TEST(expected > 77.6);
  BOOST_TEST(expected < 77.7);
  const Arrhenius a;  // defaults: 0.7 eV, 125 C, 55 C
  BOOST_TEST(AccelerationFactor(a) == expected, boost::test_tools::tolerance(1e-9));
  // One hour of stress at 1 GHz stands for AF use-hours.
  BOOST_TEST(UseHours(a, 3'600'000'000'000ULL, 1e9) == expected, boost::test_tools::tolerance(1e-9));
  // A flat 125 C profile gives the same as the nominal figure.
  Scenario s = ParseScenario(Base(), "base");
  s.stress.profile = {Segment{false, 0, 0, 0, 125.0}};
  BOOST_TEST(ProfileUseHours(s) == UseHours(a, s.workload.duration_cycles, 1e9),
             boost::test_tools::tolerance(1e-9));
  // The ramp: the temperature halfway is halfway.
  const Scenario b = ParseScenario(Base(), "base");
  BOOST_TEST(TemperatureAt(b.stress, 50) == 25.0);
  BOOST_TEST(TemperatureAt(b.stress, 550) == 75.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(TemperatureAt(b.stress, 4000) == 125.0);
}

BOOST_AUTO_TEST_CASE(malformed_input_is_refused_with_the_field_named) {
  // Unknown field, at the top and nested.
  Json extra = Base();
  extra.Set("colour", Json("red"));
  BOOST_TEST(Contains(Refusal(extra), "s.json: colour: unknown field"));
  Json mesh = Json::Parse(R"({"width": 6, "height": 4, "spare": 1})");
  BOOST_TEST(Contains(Refusal(With("mesh", &mesh)), "s.json: mesh.spare: unknown field"));
  // Missing mesh.
  BOOST_TEST(Contains(Refusal(With("mesh", nullptr)), "s.json: mesh: missing"));
  // Wrong type.
  mesh = Json::Parse(R"({"width": "6", "height": 4})");
  BOOST_TEST(Contains(Refusal(With("mesh", &mesh)), "s.json: mesh.width: expected an integer, found a string"));
  // Spares >= width.
  mesh = Json::Parse(R"({"width": 6, "height": 4, "spares": 6})");
  BOOST_TEST(Contains(Refusal(With("mesh", &mesh)), "s.json: mesh.spares:"));
  // Tile outside the mesh: the fault list's rule, under the scenario's path.
  Json mfg = Json::Parse(R"({"faults": [{"class": "tile_dead", "tile": [6, 0]}]})");
  BOOST_TEST(Contains(Refusal(With("manufacturing", &mfg)),
                      "s.json: manufacturing.faults[0].tile: (6,0) is outside the 6x4 mesh"));
  Json events = Json::Parse(R"([{"at_cycle": 1, "fault": {"class": "pe_dead", "tile": [0, 4]}}])");
  BOOST_TEST(Contains(Refusal(With("events", &events)), "s.json: events[0].fault.tile: (0,4) is outside"));
  // A link off the mesh edge.
  events = Json::Parse(R"([{"at_cycle": 1, "fault": {"class": "link_drop", "tile": [5, 0], "dir": "E", "rate": 0.1}}])");
  BOOST_TEST(Contains(Refusal(With("events", &events)), "s.json: events[0].fault.dir: E of (5,0) leads off"));
  // Decreasing profile cycle.
  Json stress = Json::Parse(
      R"({"profile": [{"at_cycle": 0, "temperature_c": 25}, {"at_cycle": 300, "temperature_c": 50},
                      {"at_cycle": 200, "temperature_c": 75}]})");
  BOOST_TEST(Contains(Refusal(With("stress", &stress)), "s.json: stress.profile[2].at_cycle: 200 is not after"));
  // A profile not starting at cycle 0.
  stress = Json::Parse(R"({"profile": [{"at_cycle": 10, "temperature_c": 25}]})");
  BOOST_TEST(Contains(Refusal(With("stress", &stress)), "s.json: stress.profile[0].at_cycle:"));
  // Temperature out of range.
  stress = Json::Parse(R"({"profile": [{"at_cycle": 0, "temperature_c": 250}]})");
  BOOST_TEST(Contains(Refusal(With("stress", &stress)),
                      "s.json: stress.profile[0].temperature_c: 250 C is out of range -55..200 C"));
  stress = Json::Parse(R"({"profile": [{"at_cycle": 0, "temperature_c": 25}], "arrhenius": {"use_c": 150}})");
  BOOST_TEST(Contains(Refusal(With("stress", &stress)), "s.json: stress.arrhenius.use_c:"));
  // Wrong version and format.
  Json v2(2);
  BOOST_TEST(Contains(Refusal(With("version", &v2)), "s.json: version: 2 is not a version this build reads"));
  Json fmt("wse-fault-list");
  BOOST_TEST(Contains(Refusal(With("format", &fmt)), "s.json: format: expected \"wse-burnin-scenario\""));
  // Field rules of the fault objects come from the fault list.
  mfg = Json::Parse(R"({"faults": [{"class": "sram_stuck_at", "tile": [0, 0], "addr": 1024, "bit": 0, "value": 1}]})");
  BOOST_TEST(Contains(Refusal(With("manufacturing", &mfg)), "s.json: manufacturing.faults[0].addr: 1024 is beyond"));
  // Manufacturing: both a density and a count.
  mfg = Json::Parse(R"({"seed": 3, "count": 2, "density_per_tile": 0.1})");
  BOOST_TEST(Contains(Refusal(With("manufacturing", &mfg)), "s.json: manufacturing.count: give exactly one"));
  // A transient with at_cycle, and a ramp on something else than link_drop.
  events = Json::Parse(
      R"([{"at_cycle": 5, "fault": {"class": "sram_flip", "tile": [0, 0], "addr": 1, "bit": 1, "cycle": 5}}])");
  BOOST_TEST(Contains(Refusal(With("events", &events)), "s.json: events[0].at_cycle: not for sram_flip"));
  events = Json::Parse(
      R"([{"at_cycle": 5, "fault": {"class": "pe_dead", "tile": [0, 0]}, "ramp": {"to_rate": 1, "to_cycle": 9}}])");
  BOOST_TEST(Contains(Refusal(With("events", &events)), "s.json: events[0].ramp: only a link_drop"));
  // An event after the end of the run.
  events = Json::Parse(R"([{"at_cycle": 5000, "fault": {"class": "pe_dead", "tile": [0, 0]}}])");
  BOOST_TEST(Contains(Refusal(With("events", &events)), "s.json: events[0].at_cycle: 5000 is out of range"));
  // Workload: unknown kernel.
  Json wl = Json::Parse(R"({"mix": [{"kernel": "fft"}], "duration_cycles": 5000})");
  BOOST_TEST(Contains(Refusal(With("workload", &wl)), "s.json: workload.mix[0].kernel: expected one of"));
  // A syntax error keeps the parser's line and column.
  BOOST_TEST(Contains(ErrorOf([] { Json::Parse("{\"format\": ,}", "bad.json"); }), "bad.json:1:"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace wse::burnin
