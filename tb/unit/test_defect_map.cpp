// The defect map format (docs/dft.md): what the writer emits reads back
// identically, and every malformed map is refused with the entry and field
// named.
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "unit_helpers.h"
#include "firmware/defect_map.h"
#include "util/atomic_file.h"
#include "util/json.h"

namespace wse::fw {
namespace {

namespace fs = std::filesystem;
using util::Json;

using unit::ErrorOf;

using unit::Contains;

// The map of docs/dft.md plus a link defect.
DefectMap Example() {
  DefectMap m;
  m.width = 4;
  m.height = 4;
  m.tests = {"tap", "mbist", "pe_kat"};
  m.reachable = 15;
  m.defects.push_back({2, 2, Unit::kTile, -1, "unreachable", Json::Object()});
  Json ev = Json::Object();
  ev.Set("addr", Json(40));
  ev.Set("bit", Json(3));
  ev.Set("background", Json(0));
  ev.Set("element", Json(1));
  ev.Set("fail_count", Json(7));
  m.defects.push_back({1, 2, Unit::kSram, -1, "march_c-", ev});
  Json why = Json::Object();
  why.Set("reason", Json("timeout"));
  m.defects.push_back({1, 1, Unit::kPe, -1, "known_answer", why});
  m.defects.push_back({3, 0, Unit::kLink, 1, "link_bist", Json::Object()});
  return m;
}

// Parses `text` as a defect map named "defects.json"; returns the error.
std::string Refusal(const std::string& text) {
  return ErrorOf([&] { DefectMapFromJson(Json::Parse(text), "defects.json"); });
}

// A valid document with `defect` as its only entry.
std::string WithDefect(const std::string& defect) {
  return R"({"format": "wse-defect-map", "version": 1, "mesh": {"width": 4, "height": 4},
             "tests": ["tap"], "reachable": 16, "defects": [)" +
         defect + "]}";
}

struct TempDir : unit::TempDir {
  TempDir() : unit::TempDir("defect_map") {}
};

}  // namespace

BOOST_AUTO_TEST_SUITE(defect_map)

BOOST_AUTO_TEST_CASE(names_round_trip) {
  for (Unit u : {Unit::kTile, Unit::kPe, Unit::kSram, Unit::kRouter, Unit::kLink}) {
    BOOST_TEST((ParseUnit(UnitName(u)) == u));
  }
  BOOST_TEST(!ParseUnit("Tile").has_value());
  BOOST_TEST(!ParseUnit("").has_value());
  for (int d = 0; d < 4; ++d) BOOST_TEST((ParseDir(DirName(d)) == d));
  BOOST_TEST(std::string(DirName(0)) == "N");
  BOOST_TEST(std::string(DirName(3)) == "W");
  BOOST_TEST(std::string(DirName(4)) == "?");
  BOOST_TEST(std::string(DirName(-1)) == "?");
  BOOST_TEST(!ParseDir("north").has_value());
}

BOOST_AUTO_TEST_CASE(docs_example_reads) {
  // Verbatim from docs/dft.md.
  const DefectMap m = DefectMapFromJson(Json::Parse(R"({
  "format": "wse-defect-map", "version": 1,
  "mesh": {"width": 4, "height": 4},
  "tests": ["tap", "mbist", "pe_kat"],
  "reachable": 15,
  "defects": [
    {"tile": [2, 2], "unit": "tile",  "kind": "unreachable", "evidence": {}},
    {"tile": [1, 2], "unit": "sram",  "kind": "march_c-",
     "evidence": {"addr": 40, "bit": 3, "background": 0, "element": 1, "fail_count": 7}},
    {"tile": [1, 1], "unit": "pe",    "kind": "known_answer", "evidence": {"reason": "timeout"}}
  ]
})"),
                                        "docs");
  BOOST_TEST(m.width == 4);
  BOOST_TEST(m.height == 4);
  BOOST_TEST(m.tests.size() == 3u);
  BOOST_TEST(m.reachable == 15);
  BOOST_TEST_REQUIRE(m.defects.size() == 3u);
  BOOST_TEST(m.defects[1].x == 1);
  BOOST_TEST(m.defects[1].y == 2);
  BOOST_TEST((m.defects[1].unit == Unit::kSram));
  BOOST_TEST(m.defects[1].kind == "march_c-");
  BOOST_TEST(m.defects[1].evidence.Get("fail_count")->AsInt() == 7);
  BOOST_TEST(m.defects[2].evidence.Get("reason")->AsString() == "timeout");
  BOOST_TEST(Has(m, 2, 2, Unit::kTile));
  BOOST_TEST(Has(m, 1, 1, Unit::kPe));
  BOOST_TEST(!Has(m, 1, 1, Unit::kSram));
  BOOST_TEST(!Has(m, 0, 0, Unit::kTile));
}

BOOST_AUTO_TEST_CASE(json_round_trip_is_exact) {
  const DefectMap m = Example();
  const Json doc = ToJson(m);
  BOOST_TEST(doc.Get("format")->AsString() == "wse-defect-map");
  BOOST_TEST(doc.Get("version")->AsInt() == 1);
  const DefectMap back = DefectMapFromJson(Json::Parse(doc.Dump()), "x");
  BOOST_TEST(ToJson(back).Dump() == doc.Dump());
  BOOST_TEST_REQUIRE(back.defects.size() == m.defects.size());
  BOOST_TEST(back.defects[3].dir == 1);
  BOOST_TEST((back.defects[3].unit == Unit::kLink));
  // Only link entries carry "dir".
  BOOST_TEST(doc.Get("defects")->Items()[0].Get("dir") == nullptr);
  BOOST_TEST(doc.Get("defects")->Items()[3].Get("dir")->AsString() == "E");
}

BOOST_AUTO_TEST_CASE(has_matches_links_by_side) {
  const DefectMap m = Example();
  BOOST_TEST(Has(m, 3, 0, Unit::kLink, 1));
  BOOST_TEST(!Has(m, 3, 0, Unit::kLink, 0));
  BOOST_TEST(Has(m, 3, 0, Unit::kLink));  // any side
  BOOST_TEST(!Has(m, 2, 0, Unit::kLink));
}

BOOST_AUTO_TEST_CASE(file_round_trip_is_atomic_and_exact) {
  TempDir dir;
  const std::string path = (dir.path / "sub" / "defects.json").string();
  WriteDefectMap(path, Example());
  const std::string text = util::ReadFile(path);
  BOOST_TEST(text.back() == '\n');
  BOOST_TEST(ToJson(ReadDefectMap(path)).Dump() == ToJson(Example()).Dump());
  // Nothing but the file: the temp file was renamed over it.
  BOOST_TEST(std::distance(fs::directory_iterator(dir.path / "sub"), fs::directory_iterator()) ==
             1);
  // Rewriting replaces it.
  DefectMap smaller = Example();
  smaller.defects.resize(1);
  WriteDefectMap(path, smaller);
  BOOST_TEST(ReadDefectMap(path).defects.size() == 1u);
}

BOOST_AUTO_TEST_CASE(write_refuses_an_invalid_map_and_keeps_the_old_file) {
  TempDir dir;
  const std::string path = (dir.path / "defects.json").string();
  WriteDefectMap(path, Example());
  const std::string before = util::ReadFile(path);
  DefectMap bad = Example();
  bad.defects[0].x = 9;
  const std::string e = ErrorOf([&] { WriteDefectMap(path, bad); });
  BOOST_TEST(Contains(e, path + ": defects[0].tile: (9,2) is outside the 4x4 mesh"), e);
  BOOST_TEST(util::ReadFile(path) == before);
  DefectMap dup = Example();
  dup.defects.push_back(dup.defects[1]);
  BOOST_TEST(
      Contains(ErrorOf([&] { WriteDefectMap(path, dup); }), "defects[4]: duplicate of defects[1]"));
  DefectMap bad_dir = Example();
  bad_dir.defects[3].dir = 7;
  BOOST_TEST(Contains(ErrorOf([&] { WriteDefectMap(path, bad_dir); }), "defects[3].dir"));
  BOOST_TEST(util::ReadFile(path) == before);
}

BOOST_AUTO_TEST_CASE(read_errors_name_the_file_and_position) {
  TempDir dir;
  const std::string path = (dir.path / "broken.json").string();
  util::WriteFileAtomic(path, "{\n  \"format\": \"wse-defect-map\",\n  \"version\": 1,,\n}\n");
  const std::string e = ErrorOf([&] { ReadDefectMap(path); });
  BOOST_TEST(Contains(e, path + ":3:"), e);
  const std::string missing = ErrorOf([&] { ReadDefectMap((dir.path / "nope.json").string()); });
  BOOST_TEST(Contains(missing, "nope.json"), missing);
  util::WriteFileAtomic(
      path, WithDefect(R"({"tile": [9, 1], "unit": "tile", "kind": "x", "evidence": {}})"));
  BOOST_TEST(ErrorOf([&] { ReadDefectMap(path); }) ==
             path + ": defects[0].tile: (9,1) is outside the 4x4 mesh");
}

BOOST_AUTO_TEST_CASE(top_level_errors_name_the_field) {
  const std::string good_tail =
      R"("mesh": {"width": 4, "height": 4}, "tests": [], "reachable": 16, "defects": [])";
  struct Case {
    std::string text, expected;
  };
  const std::vector<Case> cases = {
      {"[]", "defects.json: expected an object at the top level, found an array"},
      {"{" + good_tail + "}", "defects.json: format: missing"},
      {R"({"format": "wse-fault-list", "version": 1, )" + good_tail + "}",
       R"(defects.json: format: expected "wse-defect-map", found "wse-fault-list")"},
      {R"({"format": 3, "version": 1, )" + good_tail + "}",
       "defects.json: format: expected a string, found an integer"},
      {R"({"format": "wse-defect-map", )" + good_tail + "}", "defects.json: version: missing"},
      {R"({"format": "wse-defect-map", "version": 2, )" + good_tail + "}",
       "defects.json: version: 2 is newer than this build reads (version 1)"},
      // A newer file is reported as newer even if it has fields we do not know.
      {R"({"format": "wse-defect-map", "version": 3, "repairs": [], )" + good_tail + "}",
       "defects.json: version: 3 is newer than this build reads (version 1)"},
      {R"({"format": "wse-defect-map", "version": 0, )" + good_tail + "}",
       "defects.json: version: 0 is not a version"},
      {R"({"format": "wse-defect-map", "version": 1.0, )" + good_tail + "}",
       "defects.json: version: expected an integer, found a non-integer number"},
      {R"({"format": "wse-defect-map", "version": 1, "extra": 1, )" + good_tail + "}",
       "defects.json: extra: unknown field"},
      {R"({"format": "wse-defect-map", "version": 1, "tests": [], "reachable": 0, "defects": []})",
       "defects.json: mesh: missing"},
      {R"({"format": "wse-defect-map", "version": 1, "mesh": [4, 4], "tests": [], "reachable": 0, "defects": []})",
       "defects.json: mesh: expected an object, found an array"},
      {R"({"format": "wse-defect-map", "version": 1, "mesh": {"width": 4}, "tests": [], "reachable": 0, "defects": []})",
       "defects.json: mesh.height: missing"},
      {R"({"format": "wse-defect-map", "version": 1, "mesh": {"width": 0, "height": 4}, "tests": [], "reachable": 0, "defects": []})",
       "defects.json: mesh.width: 0 is not in 1.."},
      {R"({"format": "wse-defect-map", "version": 1, "mesh": {"width": 4, "height": -1}, "tests": [], "reachable": 0, "defects": []})",
       "defects.json: mesh.height: -1 is not in 1.."},
      {R"({"format": "wse-defect-map", "version": 1, "mesh": {"width": 4, "height": 4, "depth": 1}, "tests": [], "reachable": 0, "defects": []})",
       "defects.json: mesh.depth: unknown field"},
      {R"({"format": "wse-defect-map", "version": 1, "mesh": {"width": 4, "height": 4}, "tests": "tap", "reachable": 0, "defects": []})",
       "defects.json: tests: expected an array, found a string"},
      {R"({"format": "wse-defect-map", "version": 1, "mesh": {"width": 4, "height": 4}, "tests": ["tap", 3], "reachable": 0, "defects": []})",
       "defects.json: tests[1]: expected a string, found an integer"},
      {R"({"format": "wse-defect-map", "version": 1, "mesh": {"width": 4, "height": 4}, "tests": [], "reachable": 17, "defects": []})",
       "defects.json: reachable: 17 is not in 0..16"},
      {R"({"format": "wse-defect-map", "version": 1, "mesh": {"width": 4, "height": 4}, "tests": [], "defects": []})",
       "defects.json: reachable: missing"},
      {R"({"format": "wse-defect-map", "version": 1, "mesh": {"width": 4, "height": 4}, "tests": [], "reachable": 1})",
       "defects.json: defects: missing"},
      {R"({"format": "wse-defect-map", "version": 1, "mesh": {"width": 4, "height": 4}, "tests": [], "reachable": 1, "defects": {}})",
       "defects.json: defects: expected an array, found an object"},
  };
  for (const Case& c : cases) {
    const std::string e = Refusal(c.text);
    BOOST_TEST(Contains(e, c.expected), c.text << "\n  gave: " << e << "\n  want: " << c.expected);
  }
}

BOOST_AUTO_TEST_CASE(defect_errors_name_the_entry_and_field) {
  struct Case {
    std::string defect, expected;
  };
  const std::vector<Case> cases = {
      {"3", "defects[0]: expected an object, found an integer"},
      {R"({"unit": "tile", "kind": "x", "evidence": {}})", "defects[0].tile: missing"},
      {R"({"tile": [9, 1], "unit": "tile", "kind": "x", "evidence": {}})",
       "defects.json: defects[0].tile: (9,1) is outside the 4x4 mesh"},
      {R"({"tile": [1, -1], "unit": "tile", "kind": "x", "evidence": {}})",
       "defects[0].tile: (1,-1) is outside the 4x4 mesh"},
      {R"({"tile": [1, 4], "unit": "tile", "kind": "x", "evidence": {}})",
       "defects[0].tile: (1,4) is outside the 4x4 mesh"},
      {R"({"tile": [1], "unit": "tile", "kind": "x", "evidence": {}})",
       "defects[0].tile: expected [x, y] (two integers), found [1]"},
      {R"({"tile": [1, 1.5], "unit": "tile", "kind": "x", "evidence": {}})",
       "defects[0].tile: expected [x, y] (two integers)"},
      {R"({"tile": "1,1", "unit": "tile", "kind": "x", "evidence": {}})",
       "defects[0].tile: expected [x, y] (two integers)"},
      {R"({"tile": [1, 1], "kind": "x", "evidence": {}})", "defects[0].unit: missing"},
      {R"({"tile": [1, 1], "unit": "cpu", "kind": "x", "evidence": {}})",
       R"(defects[0].unit: unknown unit "cpu")"},
      {R"({"tile": [1, 1], "unit": 2, "kind": "x", "evidence": {}})",
       "defects[0].unit: expected a string, found an integer"},
      {R"({"tile": [1, 1], "unit": "link", "kind": "x", "evidence": {}})",
       "defects[0].dir: missing"},
      {R"({"tile": [1, 1], "unit": "link", "dir": "U", "kind": "x", "evidence": {}})",
       R"(defects[0].dir: expected N, E, S or W, found "U")"},
      {R"({"tile": [1, 1], "unit": "link", "dir": 1, "kind": "x", "evidence": {}})",
       "defects[0].dir: expected a string, found an integer"},
      {R"({"tile": [1, 1], "unit": "sram", "dir": "N", "kind": "x", "evidence": {}})",
       "defects[0].dir: only link defects have a dir"},
      {R"({"tile": [1, 1], "unit": "sram", "evidence": {}})", "defects[0].kind: missing"},
      {R"({"tile": [1, 1], "unit": "sram", "kind": "", "evidence": {}})", "defects[0].kind: empty"},
      {R"({"tile": [1, 1], "unit": "sram", "kind": "x"})", "defects[0].evidence: missing"},
      {R"({"tile": [1, 1], "unit": "sram", "kind": "x", "evidence": [1]})",
       "defects[0].evidence: expected an object, found an array"},
      {R"({"tile": [1, 1], "unit": "sram", "kind": "x", "evidence": {}, "dirr": "N"})",
       "defects[0].dirr: unknown field"},
      // The third entry repeats the first; the message names both.
      {R"({"tile": [1, 1], "unit": "sram", "kind": "x", "evidence": {}},
          {"tile": [1, 1], "unit": "pe", "kind": "x", "evidence": {}},
          {"tile": [1, 1], "unit": "sram", "kind": "y", "evidence": {}})",
       "defects.json: defects[2]: duplicate of defects[0]: (1,1) sram"},
      {R"({"tile": [0, 3], "unit": "link", "dir": "S", "kind": "x", "evidence": {}},
          {"tile": [0, 3], "unit": "link", "dir": "S", "kind": "y", "evidence": {}})",
       "defects[1]: duplicate of defects[0]: (0,3) link S"},
  };
  for (const Case& c : cases) {
    const std::string e = Refusal(WithDefect(c.defect));
    BOOST_TEST(Contains(e, c.expected),
               c.defect << "\n  gave: " << e << "\n  want: " << c.expected);
  }
  // Not duplicates: same tile with different units, or a link's other sides.
  const DefectMap ok = DefectMapFromJson(
      Json::Parse(
          WithDefect(R"({"tile": [0, 3], "unit": "link", "dir": "S", "kind": "x", "evidence": {}},
                               {"tile": [0, 3], "unit": "link", "dir": "W", "kind": "x", "evidence": {}},
                               {"tile": [0, 3], "unit": "sram", "kind": "x", "evidence": {}},
                               {"tile": [0, 3], "unit": "router", "kind": "x", "evidence": {}})")),
      "ok");
  BOOST_TEST(ok.defects.size() == 4u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::fw
