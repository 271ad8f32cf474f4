// The fault list (docs/dft.md): every class reads back what was written,
// every malformed field is refused by name, and the generator draws the same
// list from the same seed on any platform, one fault per tile.
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "unit_helpers.h"
#include "faults/fault_list.h"
#include "util/atomic_file.h"
#include "util/json.h"

namespace wse::tb {
namespace {

namespace fs = std::filesystem;
using util::Json;

constexpr MeshLimits kLimits{4, 4, 1024};

using unit::ErrorOf;

using unit::Contains;

FaultList Parse(const std::string& text, const MeshLimits& limits = kLimits) {
  return ParseFaultList(Json::Parse(text), "faults.json", limits);
}

// A list whose only fault is `fault` (JSON text of one object).
std::string WithFault(const std::string& fault) {
  return R"({"format": "wse-fault-list", "version": 1, "seed": 7, "faults": [)" + fault + "]}";
}

std::string Refusal(const std::string& text, const MeshLimits& limits = kLimits) {
  return ErrorOf([&] { Parse(text, limits); });
}

std::string Dump(const FaultList& l) { return ToJson(l).Dump(); }

// One fault of every class with every field away from its default.
FaultList EveryClass() {
  FaultList l;
  l.seed = 99;
  auto add = [&](FaultClass c, int x, int y) -> Fault& {
    Fault f;
    f.cls = c;
    f.x = x;
    f.y = y;
    l.faults.push_back(f);
    return l.faults.back();
  };
  Fault* f = &add(FaultClass::kSramStuckAt, 1, 2);
  f->addr = 40, f->bit = 35, f->value = 1;
  f->intermittent = Intermittent{0.25, 0.9};
  f = &add(FaultClass::kSramTransition, 0, 0);
  f->addr = 1023, f->bit = 0, f->value = 1;
  f = &add(FaultClass::kSramCoupling, 2, 1);
  f->addr = 9, f->bit = 0, f->aggressor_addr = 9, f->aggressor_bit = 4,
  f->kind = CouplingKind::kState;
  f->rising = true, f->value = 1;
  f = &add(FaultClass::kSramAddressDecoder, 3, 0);
  f->addr = 12, f->alias_addr = 13;
  f = &add(FaultClass::kSramFlip, 3, 3);
  f->addr = 5, f->bit = 33, f->cycle = 123456789012345ULL;
  add(FaultClass::kPeDead, 1, 1).intermittent = Intermittent{1.0, 0.7};
  add(FaultClass::kPeWrongResult, 0, 1).bit = 31;
  add(FaultClass::kRouterDead, 2, 3);
  add(FaultClass::kRouterDeadPort, 2, 0).port = kPortRamp;
  add(FaultClass::kTileDead, 2, 2);
  f = &add(FaultClass::kLinkStuck, 0, 3);
  f->dir = 3, f->bit = 38, f->value = 1;
  f = &add(FaultClass::kLinkOpen, 3, 1);
  f->dir = 1, f->bit = 17;
  f = &add(FaultClass::kLinkBridge, 1, 3);
  f->dir = 2, f->bit = 3, f->bit2 = 4;
  f = &add(FaultClass::kLinkDrop, 3, 2);
  f->dir = 0, f->rate = 0.125;
  f = &add(FaultClass::kCfgFlip, 1, 0);
  f->reg = 255, f->bit = 31, f->cycle = 77;
  return l;
}

struct TempDir : unit::TempDir {
  TempDir() : unit::TempDir("fault_list") {}
};

}  // namespace

BOOST_AUTO_TEST_SUITE(fault_list)

BOOST_AUTO_TEST_CASE(class_names_and_permanence) {
  const std::vector<FaultClass> all = AllFaultClasses();
  BOOST_TEST(all.size() == static_cast<size_t>(kNumFaultClasses));
  std::set<std::string> names;
  for (FaultClass c : all) {
    BOOST_TEST((ParseFaultClass(FaultClassName(c)) == c));
    names.insert(FaultClassName(c));
  }
  BOOST_TEST(names.size() == all.size());
  for (const char* n :
       {"sram_stuck_at", "sram_transition", "sram_coupling", "sram_address_decoder", "sram_flip",
        "pe_dead", "pe_wrong_result", "router_dead", "router_dead_port", "tile_dead", "link_stuck",
        "link_open", "link_bridge", "link_drop", "cfg_flip"}) {
    BOOST_TEST(names.count(n) == 1u, n);
  }
  BOOST_TEST(!ParseFaultClass("stuck_at").has_value());
  for (FaultClass c : all) {
    const bool transient =
        c == FaultClass::kSramFlip || c == FaultClass::kCfgFlip || c == FaultClass::kLinkDrop;
    BOOST_TEST(IsPermanent(c) == !transient, FaultClassName(c));
  }
}

BOOST_AUTO_TEST_CASE(docs_example_reads) {
  // Verbatim from docs/dft.md.
  const FaultList l = Parse(R"({
  "format": "wse-fault-list", "version": 1,
  "seed": 7,
  "faults": [
    {"class": "sram_stuck_at",   "tile": [1, 2], "addr": 40, "bit": 3, "value": 1},
    {"class": "sram_transition", "tile": [0, 0], "addr": 7, "bit": 35, "value": 1},
    {"class": "sram_coupling",   "tile": [2, 1], "addr": 9, "bit": 0,
     "aggressor_addr": 10, "aggressor_bit": 4, "kind": "inversion", "rising": true, "value": 0},
    {"class": "sram_address_decoder", "tile": [3, 0], "addr": 12, "alias_addr": 13},
    {"class": "tile_dead",  "tile": [2, 2]},
    {"class": "pe_dead",    "tile": [1, 1]}
  ]
})");
  BOOST_TEST(l.seed == 7u);
  BOOST_TEST(!l.random);
  BOOST_TEST_REQUIRE(l.faults.size() == 6u);
  const Fault& c = l.faults[2];
  BOOST_TEST((c.cls == FaultClass::kSramCoupling));
  BOOST_TEST(c.x == 2);
  BOOST_TEST(c.y == 1);
  BOOST_TEST(c.aggressor_addr == 10);
  BOOST_TEST(c.aggressor_bit == 4);
  BOOST_TEST((c.kind == CouplingKind::kInversion));
  BOOST_TEST(c.rising);
  BOOST_TEST(c.value == 0);
  BOOST_TEST(l.faults[3].alias_addr == 13);
  BOOST_TEST((l.faults[5].cls == FaultClass::kPeDead));
  BOOST_TEST(!l.faults[0].intermittent.has_value());
}

BOOST_AUTO_TEST_CASE(every_class_round_trips) {
  const FaultList l = EveryClass();
  std::set<FaultClass> covered;
  for (const Fault& f : l.faults) covered.insert(f.cls);
  BOOST_TEST(covered.size() == static_cast<size_t>(kNumFaultClasses));
  const std::string text = ToJson(l).Dump();
  const FaultList back = Parse(text);
  BOOST_TEST(Dump(back) == text);
  BOOST_TEST_REQUIRE(back.faults.size() == l.faults.size());
  for (size_t i = 0; i < l.faults.size(); ++i) {
    const Fault &a = l.faults[i], &b = back.faults[i];
    BOOST_TEST((a.cls == b.cls));
    BOOST_TEST(a.x == b.x);
    BOOST_TEST(a.y == b.y);
  }
  BOOST_TEST(back.faults[0].intermittent->rate == 0.25);
  BOOST_TEST(back.faults[0].intermittent->ea_ev == 0.9);
  BOOST_TEST(back.faults[4].cycle == 123456789012345ULL);
  BOOST_TEST(back.faults[8].port == kPortRamp);
  BOOST_TEST(back.faults[13].rate == 0.125);
  // Only the class's own fields are written.
  const Json doc = ToJson(l);
  const Json& dead = doc.Get("faults")->Items()[9];
  BOOST_TEST(dead.Size() == 2u);  // class, tile
  const Json& port = doc.Get("faults")->Items()[8];
  BOOST_TEST(port.Get("port")->AsString() == "ramp");
  BOOST_TEST(port.Get("bit") == nullptr);
  BOOST_TEST(doc.Get("faults")->Items()[10].Get("dir")->AsString() == "W");
  BOOST_TEST(doc.Get("faults")->Items()[2].Get("kind")->AsString() == "state");
}

BOOST_AUTO_TEST_CASE(intermittent_defaults_its_activation_energy) {
  const FaultList l =
      Parse(WithFault(R"({"class": "tile_dead", "tile": [0, 0], "intermittent": {"rate": 0.5}})"));
  BOOST_TEST_REQUIRE(l.faults[0].intermittent.has_value());
  BOOST_TEST(l.faults[0].intermittent->rate == 0.5);
  BOOST_TEST(l.faults[0].intermittent->ea_ev == 0.7);
  // An integer rate of 1 is a number like any other.
  const FaultList one =
      Parse(WithFault(R"({"class": "link_drop", "tile": [0, 0], "dir": "N", "rate": 1})"));
  BOOST_TEST(one.faults[0].rate == 1.0);
}

BOOST_AUTO_TEST_CASE(seed_without_faults_asks_for_random_faults) {
  const FaultList l = Parse(R"({"format": "wse-fault-list", "version": 1, "seed": 123})");
  BOOST_TEST(l.random);
  BOOST_TEST(l.seed == 123u);
  BOOST_TEST(l.faults.empty());
  const Json doc = ToJson(l);
  BOOST_TEST(doc.Get("faults") == nullptr);
  BOOST_TEST(Parse(doc.Dump()).random);
  // An explicit empty list is a clean run, not a random one.
  const FaultList none = Parse(R"({"format": "wse-fault-list", "version": 1, "faults": []})");
  BOOST_TEST(!none.random);
  BOOST_TEST(ToJson(none).Get("faults")->Size() == 0u);
  BOOST_TEST(Contains(Refusal(R"({"format": "wse-fault-list", "version": 1})"),
                      "faults.json: faults: missing"));
}

BOOST_AUTO_TEST_CASE(seeds_beyond_json_integers_are_refused_on_write) {
  FaultList l;
  l.seed = 1ULL << 63;
  BOOST_TEST(Contains(ErrorOf([&] { ToJson(l); }),
                      "seed: 9223372036854775808 is beyond the JSON integer range"));
  l.seed = (1ULL << 63) - 1;
  BOOST_TEST(Parse(ToJson(l).Dump()).seed == (1ULL << 63) - 1);
}

BOOST_AUTO_TEST_CASE(top_level_errors_name_the_field) {
  struct Case {
    std::string text, expected;
  };
  const std::vector<Case> cases = {
      {"[]", "faults.json: expected an object at the top level, found an array"},
      {R"({"version": 1, "faults": []})", "faults.json: format: missing"},
      {R"({"format": "wse-defect-map", "version": 1, "faults": []})",
       R"(faults.json: format: expected "wse-fault-list", found "wse-defect-map")"},
      {R"({"format": "wse-fault-list", "faults": []})", "faults.json: version: missing"},
      {R"({"format": "wse-fault-list", "version": 2, "faults": [], "new": 1})",
       "faults.json: version: 2 is newer than this build reads (version 1)"},
      {R"({"format": "wse-fault-list", "version": 0, "faults": []})",
       "faults.json: version: 0 is not a version"},
      {R"({"format": "wse-fault-list", "version": 1, "faults": [], "seeds": 3})",
       "faults.json: seeds: unknown field"},
      {R"({"format": "wse-fault-list", "version": 1, "seed": -1, "faults": []})",
       "faults.json: seed: -1 is out of range 0..9223372036854775807"},
      {R"({"format": "wse-fault-list", "version": 1, "seed": "7", "faults": []})",
       "faults.json: seed: expected an integer, found a string"},
      {R"({"format": "wse-fault-list", "version": 1, "faults": {}})",
       "faults.json: faults: expected an array, found an object"},
      {R"({"format": "wse-fault-list", "version": 1, "faults": [[]]})",
       "faults.json: faults[0]: expected an object, found an array"},
  };
  for (const Case& c : cases) {
    const std::string e = Refusal(c.text);
    BOOST_TEST(Contains(e, c.expected), c.text << "\n  gave: " << e << "\n  want: " << c.expected);
  }
}

BOOST_AUTO_TEST_CASE(fault_errors_name_the_entry_and_field) {
  struct Case {
    std::string fault, expected;
  };
  const std::vector<Case> cases = {
      // class
      {R"({"tile": [0, 0]})", "faults[0].class: missing"},
      {R"({"class": "stuck", "tile": [0, 0]})", R"(faults[0].class: unknown fault class "stuck")"},
      {R"({"class": 1, "tile": [0, 0]})", "faults[0].class: expected a string, found an integer"},
      // unknown fields, including another class's
      {R"({"class": "tile_dead", "tile": [0, 0], "addr": 1})",
       "faults[0].addr: unknown field for tile_dead (known: class, tile, intermittent)"},
      {R"({"class": "sram_stuck_at", "tile": [0, 0], "addr": 1, "bitt": 2, "value": 0})",
       "faults[0].bitt: unknown field for sram_stuck_at"},
      // tile
      {R"({"class": "pe_dead"})", "faults[0].tile: missing"},
      {R"({"class": "pe_dead", "tile": [4, 0]})",
       "faults.json: faults[0].tile: (4,0) is outside the 4x4 mesh"},
      {R"({"class": "pe_dead", "tile": [0, -1]})",
       "faults[0].tile: (0,-1) is outside the 4x4 mesh"},
      {R"({"class": "pe_dead", "tile": [0, 0, 0]})",
       "faults[0].tile: expected [x, y] (two integers)"},
      {R"({"class": "pe_dead", "tile": {"x": 0}})",
       "faults[0].tile: expected [x, y] (two integers)"},
      // SRAM cells
      {R"({"class": "sram_stuck_at", "tile": [0, 0], "bit": 3, "value": 1})",
       "faults[0].addr: missing"},
      {R"({"class": "sram_stuck_at", "tile": [0, 0], "addr": 1024, "bit": 3, "value": 1})",
       "faults[0].addr: 1024 is beyond the SRAM (1024 words: 0..1023)"},
      {R"({"class": "sram_stuck_at", "tile": [0, 0], "addr": -1, "bit": 3, "value": 1})",
       "faults[0].addr: -1 is negative"},
      {R"({"class": "sram_stuck_at", "tile": [0, 0], "addr": "4", "bit": 3, "value": 1})",
       "faults[0].addr: expected an integer, found a string"},
      {R"({"class": "sram_stuck_at", "tile": [0, 0], "addr": 4, "bit": 36, "value": 1})",
       "faults[0].bit: 36 is out of range 0..35"},
      {R"({"class": "sram_stuck_at", "tile": [0, 0], "addr": 4, "bit": 2.0, "value": 1})",
       "faults[0].bit: expected an integer, found a non-integer number"},
      {R"({"class": "sram_stuck_at", "tile": [0, 0], "addr": 4, "bit": 2, "value": 2})",
       "faults[0].value: 2 is out of range 0..1"},
      {R"({"class": "sram_transition", "tile": [0, 0], "addr": 4, "bit": 2, "value": true})",
       "faults[0].value: expected an integer, found a boolean"},
      {R"({"class": "sram_transition", "tile": [0, 0], "addr": 4, "bit": 2})",
       "faults[0].value: missing"},
      // coupling
      {R"({"class": "sram_coupling", "tile": [0, 0], "addr": 9, "bit": 0, "aggressor_addr": 9, "aggressor_bit": 0,
           "kind": "inversion", "rising": true, "value": 0})",
       "faults[0].aggressor_bit: the aggressor is the victim cell (addr 9, bit 0)"},
      {R"({"class": "sram_coupling", "tile": [0, 0], "addr": 9, "bit": 0, "aggressor_addr": 2000, "aggressor_bit": 0,
           "kind": "inversion", "rising": true, "value": 0})",
       "faults[0].aggressor_addr: 2000 is beyond the SRAM"},
      {R"({"class": "sram_coupling", "tile": [0, 0], "addr": 9, "bit": 0, "aggressor_addr": 10, "aggressor_bit": 40,
           "kind": "inversion", "rising": true, "value": 0})",
       "faults[0].aggressor_bit: 40 is out of range 0..35"},
      {R"({"class": "sram_coupling", "tile": [0, 0], "addr": 9, "bit": 0, "aggressor_addr": 10, "aggressor_bit": 4,
           "kind": "bridge", "rising": true, "value": 0})",
       R"(faults[0].kind: expected one of "inversion", "idempotent", "state", found "bridge")"},
      {R"({"class": "sram_coupling", "tile": [0, 0], "addr": 9, "bit": 0, "aggressor_addr": 10, "aggressor_bit": 4,
           "kind": "state", "rising": 1, "value": 0})",
       "faults[0].rising: expected a boolean, found an integer"},
      {R"({"class": "sram_coupling", "tile": [0, 0], "addr": 9, "bit": 0, "aggressor_addr": 10, "aggressor_bit": 4,
           "kind": "state", "value": 0})",
       "faults[0].rising: missing"},
      // address decoder
      {R"({"class": "sram_address_decoder", "tile": [0, 0], "addr": 12, "alias_addr": 12})",
       "faults[0].alias_addr: equals addr (12)"},
      {R"({"class": "sram_address_decoder", "tile": [0, 0], "addr": 12, "alias_addr": 1024})",
       "faults[0].alias_addr: 1024 is beyond the SRAM"},
      // transient SRAM flip
      {R"({"class": "sram_flip", "tile": [0, 0], "addr": 1, "bit": 1})",
       "faults[0].cycle: missing"},
      {R"({"class": "sram_flip", "tile": [0, 0], "addr": 1, "bit": 1, "cycle": -5})",
       "faults[0].cycle: -5 is out of range"},
      {R"({"class": "sram_flip", "tile": [0, 0], "addr": 1, "bit": 1, "cycle": 1e3})",
       "faults[0].cycle: expected an integer, found a non-integer number"},
      // PE and router
      {R"({"class": "pe_wrong_result", "tile": [0, 0], "bit": 32})",
       "faults[0].bit: 32 is out of range 0..31"},
      {R"({"class": "router_dead_port", "tile": [0, 0], "port": "X"})",
       R"(faults[0].port: expected one of "N", "E", "S", "W", "ramp", found "X")"},
      {R"({"class": "router_dead_port", "tile": [0, 0]})", "faults[0].port: missing"},
      // links
      {R"({"class": "link_stuck", "tile": [0, 0], "dir": "NE", "bit": 0, "value": 0})",
       R"(faults[0].dir: expected one of "N", "E", "S", "W", found "NE")"},
      {R"({"class": "link_stuck", "tile": [0, 0], "dir": 0, "bit": 0, "value": 0})",
       "faults[0].dir: expected a string, found an integer"},
      {R"({"class": "link_stuck", "tile": [0, 0], "dir": "N", "bit": 40, "value": 0})",
       "faults[0].bit: 40 is out of range 0..39"},
      {R"({"class": "link_open", "tile": [0, 0], "dir": "N"})", "faults[0].bit: missing"},
      {R"({"class": "link_bridge", "tile": [0, 0], "dir": "N", "bit": 5, "bit2": 5})",
       "faults[0].bit2: equals bit (5)"},
      {R"({"class": "link_bridge", "tile": [0, 0], "dir": "N", "bit": 5, "bit2": 40})",
       "faults[0].bit2: 40 is out of range 0..39"},
      {R"({"class": "link_drop", "tile": [0, 0], "dir": "N", "rate": 0})",
       "faults[0].rate: 0.0 is not in (0, 1]"},
      {R"({"class": "link_drop", "tile": [0, 0], "dir": "N", "rate": 1.5})",
       "faults[0].rate: 1.5 is not in (0, 1]"},
      {R"({"class": "link_drop", "tile": [0, 0], "dir": "N", "rate": "0.5"})",
       "faults[0].rate: expected a number, found a string"},
      // config flip
      {R"({"class": "cfg_flip", "tile": [0, 0], "reg": 256, "bit": 0, "cycle": 1})",
       "faults[0].reg: 256 is out of range 0..255"},
      {R"({"class": "cfg_flip", "tile": [0, 0], "reg": 1, "bit": 32, "cycle": 1})",
       "faults[0].bit: 32 is out of range 0..31"},
      // intermittent
      {R"({"class": "sram_flip", "tile": [0, 0], "addr": 1, "bit": 1, "cycle": 5, "intermittent": {"rate": 0.5}})",
       "faults[0].intermittent: sram_flip is not a permanent fault"},
      {R"({"class": "link_drop", "tile": [0, 0], "dir": "N", "rate": 0.5, "intermittent": {"rate": 0.5}})",
       "faults[0].intermittent: link_drop is not a permanent fault"},
      {R"({"class": "pe_dead", "tile": [0, 0], "intermittent": 0.5})",
       "faults[0].intermittent: expected an object, found a non-integer number"},
      {R"({"class": "pe_dead", "tile": [0, 0], "intermittent": {}})",
       "faults[0].intermittent.rate: missing"},
      {R"({"class": "pe_dead", "tile": [0, 0], "intermittent": {"rate": 0}})",
       "faults[0].intermittent.rate: 0.0 is not in (0, 1]"},
      {R"({"class": "pe_dead", "tile": [0, 0], "intermittent": {"rate": 0.5, "ea_ev": -1}})",
       "faults[0].intermittent.ea_ev: -1.0 is not a positive activation energy"},
      {R"({"class": "pe_dead", "tile": [0, 0], "intermittent": {"rate": 0.5, "ea_ev": "high"}})",
       "faults[0].intermittent.ea_ev: expected a number, found a string"},
      {R"({"class": "pe_dead", "tile": [0, 0], "intermittent": {"rate": 0.5, "temp": 85}})",
       "faults[0].intermittent.temp: unknown field"},
  };
  for (const Case& c : cases) {
    const std::string e = Refusal(WithFault(c.fault));
    BOOST_TEST(Contains(e, "faults.json: faults[0]"), c.fault << "\n  gave: " << e);
    BOOST_TEST(Contains(e, c.expected), c.fault << "\n  gave: " << e << "\n  want: " << c.expected);
  }
  // The index is the failing entry's, not the first one's.
  const std::string e = Refusal(WithFault(R"({"class": "pe_dead", "tile": [0, 0]},
                                              {"class": "pe_dead", "tile": [0, 1]},
                                              {"class": "pe_dead", "tile": [0, 9]})"));
  BOOST_TEST(e == "faults.json: faults[2].tile: (0,9) is outside the 4x4 mesh");
}

BOOST_AUTO_TEST_CASE(links_may_leave_the_mesh_edge) {
  // The west link of column 0 goes to the edge ports, not off the wafer.
  const FaultList l =
      Parse(WithFault(R"({"class": "link_open", "tile": [0, 0], "dir": "W", "bit": 1},
                                         {"class": "link_stuck", "tile": [3, 3], "dir": "S", "bit": 1, "value": 1})"));
  BOOST_TEST(l.faults.size() == 2u);
}

BOOST_AUTO_TEST_CASE(limits_bound_the_sram) {
  const MeshLimits small{2, 1, 16};
  BOOST_TEST(Contains(
      Refusal(
          WithFault(
              R"({"class": "sram_stuck_at", "tile": [1, 0], "addr": 16, "bit": 0, "value": 0})"),
          small),
      "faults[0].addr: 16 is beyond the SRAM (16 words: 0..15)"));
  BOOST_TEST(Contains(Refusal(WithFault(R"({"class": "pe_dead", "tile": [0, 1]})"), small),
                      "(0,1) is outside the 2x1 mesh"));
  BOOST_TEST(Contains(ErrorOf([] {
                        ParseFaultList(Json::Object(), "f", MeshLimits{0, 1, 1});
                      }),
                      "positive"));
}

BOOST_AUTO_TEST_CASE(read_keeps_parse_positions) {
  TempDir dir;
  const std::string path = (dir.path / "faults.json").string();
  util::WriteFileAtomic(
      path, "{\n  \"format\": \"wse-fault-list\",\n  \"version\": 1\n  \"faults\": []\n}\n");
  const std::string e = ErrorOf([&] { ReadFaultList(path, kLimits); });
  BOOST_TEST(Contains(e, path + ":4:"), e);
  util::WriteFileAtomic(path, ToJson(EveryClass()).Dump());
  BOOST_TEST(Dump(ReadFaultList(path, kLimits)) == Dump(EveryClass()));
  util::WriteFileAtomic(path, WithFault(R"({"class": "pe_dead", "tile": [7, 0]})"));
  BOOST_TEST(ErrorOf([&] { ReadFaultList(path, kLimits); }) ==
             path + ": faults[0].tile: (7,0) is outside the 4x4 mesh");
}

BOOST_AUTO_TEST_CASE(generator_is_deterministic) {
  const MeshLimits lim{16, 16, 1024};
  const auto all = AllFaultClasses();
  const FaultList a = GenerateFaults(42, 100, lim, all);
  const FaultList b = GenerateFaults(42, 100, lim, all);
  BOOST_TEST(Dump(a) == Dump(b));
  BOOST_TEST(a.seed == 42u);
  BOOST_TEST(a.faults.size() == 100u);
  BOOST_TEST(Dump(GenerateFaults(43, 100, lim, all)) != Dump(a));
  // A prefix of classes gives another list, still deterministic.
  const std::vector<FaultClass> sram = {FaultClass::kSramStuckAt, FaultClass::kSramCoupling};
  BOOST_TEST(Dump(GenerateFaults(42, 50, lim, sram)) == Dump(GenerateFaults(42, 50, lim, sram)));
}

BOOST_AUTO_TEST_CASE(generator_output_is_pinned) {
  // The draws come from mt19937_64's raw stream (fixed by the standard), not
  // from std distributions, so this list is the same with any library.
  const FaultList l = GenerateFaults(7, 3, kLimits, AllFaultClasses());
  BOOST_TEST(ToJson(l).Dump(0) ==
             R"({"format": "wse-fault-list", "version": 1, "seed": 7, "faults": [)"
             R"({"class": "tile_dead", "tile": [0, 1]}, )"
             R"({"class": "pe_wrong_result", "tile": [2, 1], "bit": 4, "value": 0}, )"
             R"({"class": "sram_stuck_at", "tile": [3, 1], "addr": 974, "bit": 30, "value": 1}]})");
}

BOOST_AUTO_TEST_CASE(generator_puts_one_valid_fault_per_tile) {
  const MeshLimits lim{8, 8, 256};
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const FaultList l = GenerateFaults(seed, 64, lim, AllFaultClasses());  // every tile
    std::set<std::pair<int, int>> tiles;
    for (const Fault& f : l.faults) {
      BOOST_TEST(tiles.insert({f.x, f.y}).second, "seed " << seed << " tile " << f.x << "," << f.y);
      if (f.cls == FaultClass::kSramCoupling) {
        BOOST_TEST((f.aggressor_addr != f.addr || f.aggressor_bit != f.bit));
      }
      if (f.cls == FaultClass::kSramFlip || f.cls == FaultClass::kCfgFlip)
        BOOST_TEST(f.cycle < 100000u);
    }
    BOOST_TEST(tiles.size() == 64u);
    // Every parameter is in range: the strict parser takes the list back.
    BOOST_TEST(Dump(ParseFaultList(ToJson(l), "generated", lim)) == Dump(l));
  }
  BOOST_TEST(GenerateFaults(1, 0, lim, {}).faults.empty());
  BOOST_TEST(
      Contains(ErrorOf([&] { GenerateFaults(1, 65, lim, AllFaultClasses()); }), "65 faults"));
  BOOST_TEST(
      Contains(ErrorOf([&] { GenerateFaults(1, -1, lim, AllFaultClasses()); }), "-1 faults"));
  BOOST_TEST(Contains(ErrorOf([&] { GenerateFaults(1, 1, lim, {}); }), "no fault classes"));
  BOOST_TEST(
      Contains(ErrorOf([] {
                 GenerateFaults(1, 1, MeshLimits{2, 2, 1}, {FaultClass::kSramAddressDecoder});
               }),
               "2 SRAM words"));
  BOOST_TEST(Contains(ErrorOf([&] { GenerateFaults(1, 1, lim, {FaultClass::kCfgFlip}, 0); }),
                      "cycle window"));
}

BOOST_AUTO_TEST_CASE(generator_draws_every_class_and_parameter) {
  const MeshLimits lim{32, 32, 64};
  const FaultList l = GenerateFaults(2024, 1024, lim, AllFaultClasses());
  std::map<FaultClass, int> per_class;
  std::set<int> sram_bits, link_bits, dirs, ports, kinds, values, addrs;
  for (const Fault& f : l.faults) {
    ++per_class[f.cls];
    switch (f.cls) {
      case FaultClass::kSramStuckAt:
        sram_bits.insert(f.bit), values.insert(f.value), addrs.insert(f.addr);
        break;
      case FaultClass::kSramCoupling:
        kinds.insert(static_cast<int>(f.kind));
        break;
      case FaultClass::kRouterDeadPort:
        ports.insert(f.port);
        break;
      case FaultClass::kLinkStuck:
        link_bits.insert(f.bit), dirs.insert(f.dir);
        break;
      default:
        break;
    }
  }
  BOOST_TEST(per_class.size() == static_cast<size_t>(kNumFaultClasses));
  // 1024 draws over 15 classes: ~68 each; a fair draw stays well inside 30..110.
  for (const auto& [c, n] : per_class)
    BOOST_TEST((n > 30 && n < 110), FaultClassName(c) << ": " << n);
  BOOST_TEST(values.size() == 2u);
  BOOST_TEST(kinds.size() == 3u);
  BOOST_TEST(ports.size() == 5u);
  BOOST_TEST(dirs.size() == 4u);
  BOOST_TEST(sram_bits.size() > 20u);
  BOOST_TEST(link_bits.size() > 20u);
  BOOST_TEST(addrs.size() > 25u);
  // Only the requested classes appear.
  for (const Fault& f :
       GenerateFaults(5, 200, lim, {FaultClass::kTileDead, FaultClass::kLinkDrop}).faults) {
    BOOST_TEST((f.cls == FaultClass::kTileDead || f.cls == FaultClass::kLinkDrop));
    if (f.cls == FaultClass::kLinkDrop) BOOST_TEST((f.rate > 0 && f.rate <= 1));
  }
}

BOOST_AUTO_TEST_CASE(generator_scales_to_a_wafer) {
  // One fault per tile on a 1000x1000 wafer is drawn without touching every tile.
  const MeshLimits lim{1000, 1000, 1024};
  const FaultList l = GenerateFaults(9, 20000, lim, AllFaultClasses());
  std::set<std::pair<int, int>> tiles;
  for (const Fault& f : l.faults) tiles.insert({f.x, f.y});
  BOOST_TEST(tiles.size() == 20000u);
  // Sorted row-major.
  for (size_t i = 1; i < l.faults.size(); ++i) {
    BOOST_TEST((std::pair(l.faults[i - 1].y, l.faults[i - 1].x) <
                std::pair(l.faults[i].y, l.faults[i].x)));
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::tb
