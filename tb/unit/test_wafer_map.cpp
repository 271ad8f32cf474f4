// The wafer map SVG: well-formed, one shape per defect in its category's
// colour, the legend counts what the map holds, and a 1000x1000 wafer stays
// compact.
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "unit_helpers.h"
#include "firmware/defect_map.h"
#include "firmware/report/wafer_map_svg.h"
#include "util/atomic_file.h"
#include "util/json.h"

namespace wse::fw {
namespace {

namespace fs = std::filesystem;
using util::Json;

using unit::ErrorOf;

using unit::Contains;

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1))
    ++n;
  return n;
}

// Every '<' opens a tag that closes, and elements nest: enough structure to
// catch a missing '/' or an unescaped title without an XML library.
bool Balanced(const std::string& svg) {
  std::vector<std::string> open;
  for (size_t p = svg.find('<'); p != std::string::npos; p = svg.find('<', p + 1)) {
    const size_t end = svg.find('>', p);
    if (end == std::string::npos) return false;
    const std::string tag = svg.substr(p + 1, end - p - 1);
    if (tag.empty() || tag.find('<') != std::string::npos) return false;
    if (tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return false;
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(tag.substr(0, tag.find(' ')));
    }
    p = end;
  }
  return open.empty();
}

Defect D(int x, int y, Unit u, int dir = -1, const char* kind = "test") {
  return {x, y, u, dir, kind, Json::Object()};
}

DefectMap Small() {
  DefectMap m;
  m.width = 4;
  m.height = 4;
  m.tests = {"tap", "mbist", "pe_kat"};
  m.reachable = 15;
  m.defects = {D(2, 2, Unit::kTile, -1, "unreachable"), D(1, 2, Unit::kSram, -1, "march_c-"),
               D(1, 1, Unit::kPe), D(3, 0, Unit::kRouter), D(0, 3, Unit::kLink, 3),
               D(3, 3, Unit::kLink, 1),
               // A second unit defect on a tile already coloured: an inset.
               D(1, 1, Unit::kSram)};
  m.defects[1].evidence.Set("addr", Json(40));
  return m;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(wafer_map)

BOOST_AUTO_TEST_CASE(small_map_has_one_element_per_defect) {
  const std::string svg = RenderWaferMapSvg(Small(), "scan <dft4x4> & more");
  BOOST_TEST(svg.rfind("<svg ", 0) == 0u);
  BOOST_TEST(Contains(svg, "xmlns=\"http://www.w3.org/2000/svg\""));
  BOOST_TEST(svg.substr(svg.size() - 7) == "</svg>\n");
  BOOST_TEST(Balanced(svg));
  // Title escaped, reachable count shown.
  BOOST_TEST(Contains(svg, "scan &lt;dft4x4&gt; &amp; more"));
  BOOST_TEST(Contains(svg, "reachable 15 of 16 tiles"));
  // One shape per defect (background rect is the only other "g").
  BOOST_TEST(Count(svg, "<rect class=\"t\"") == 1u);
  BOOST_TEST(Count(svg, "<rect class=\"s\"") == 2u);  // a fill and an inset
  BOOST_TEST(Count(svg, "<rect class=\"p\"") == 1u);
  BOOST_TEST(Count(svg, "<rect class=\"r\"") == 1u);
  BOOST_TEST(Count(svg, "<rect class=\"l\"") == 2u);
  BOOST_TEST(Count(svg, "<rect class=\"g\"") == 1u);
  BOOST_TEST(Count(svg, "<title>") == Small().defects.size());
  // Tooltips name tile, unit and evidence.
  BOOST_TEST(Contains(svg, "<title>(1,2) sram: march_c- {&quot;addr&quot;: 40}</title>"));
  BOOST_TEST(Contains(svg, "<title>(0,3) link W: test</title>"));
  // The PE fills (1,1); its SRAM defect is an inset, not a second fill.
  BOOST_TEST(Contains(
      svg, "<rect class=\"p\" fill=\"#ee6b1f\" x=\"1\" y=\"1\" width=\"1\" height=\"1\">"));
  BOOST_TEST(Contains(
      svg,
      "<rect class=\"s\" fill=\"#f2b134\" x=\"1.25\" y=\"1.5\" width=\"0.25\" height=\"0.25\">"));
  // Link bars on the side they leave from: west of (0,3), east of (3,3).
  BOOST_TEST(Contains(
      svg, "<rect class=\"l\" fill=\"#e0201b\" x=\"0\" y=\"3\" width=\"0.22\" height=\"1\">"));
  BOOST_TEST(Contains(
      svg, "<rect class=\"l\" fill=\"#e0201b\" x=\"3.78\" y=\"3\" width=\"0.22\" height=\"1\">"));
  // Legend: 16 tiles, 4 filled ((2,2), (1,2), (1,1), (3,0)); a link bar leaves its tile green.
  BOOST_TEST(Contains(svg, ">good: 12</text>"));
  BOOST_TEST(Contains(svg, ">sram: 2</text>"));
  BOOST_TEST(Contains(svg, ">pe: 1</text>"));
  BOOST_TEST(Contains(svg, ">router: 1</text>"));
  BOOST_TEST(Contains(svg, ">tile (dead/unreachable): 1</text>"));
  BOOST_TEST(Contains(svg, ">link: 2</text>"));
  BOOST_TEST(Contains(svg, ">tests: tap, mbist, pe_kat</text>"));
  // Coordinates label every tile on a 4x4 mesh.
  BOOST_TEST(Contains(svg, "text-anchor=\"middle\">3</text>"));
  BOOST_TEST(Contains(svg, "text-anchor=\"end\">3</text>"));
}

BOOST_AUTO_TEST_CASE(worst_unit_takes_the_fill) {
  DefectMap m;
  m.width = 2;
  m.height = 1;
  m.defects = {D(0, 0, Unit::kSram), D(0, 0, Unit::kRouter), D(0, 0, Unit::kPe)};
  const std::string svg = RenderWaferMapSvg(m, "t");
  BOOST_TEST(Contains(
      svg, "<rect class=\"r\" fill=\"#8e5cc2\" x=\"0\" y=\"0\" width=\"1\" height=\"1\">"));
  BOOST_TEST(Count(svg, "width=\"0.25\"") == 2u);
  BOOST_TEST(Contains(svg, ">good: 1</text>"));
  BOOST_TEST(Balanced(svg));
}

BOOST_AUTO_TEST_CASE(clean_map_is_one_green_rectangle) {
  DefectMap m;
  m.width = 3;
  m.height = 2;
  m.reachable = 6;
  const std::string svg = RenderWaferMapSvg(m, "clean");
  BOOST_TEST(Balanced(svg));
  BOOST_TEST(Count(svg, "<rect class=") == 1u);
  BOOST_TEST(Contains(svg, ">good: 6</text>"));
  BOOST_TEST(Contains(svg, ">tests: none</text>"));
}

BOOST_AUTO_TEST_CASE(invalid_maps_are_refused) {
  DefectMap m = Small();
  m.defects[2].x = 4;
  BOOST_TEST(Contains(ErrorOf([&] { RenderWaferMapSvg(m, "t"); }),
                      "defects[2].tile: (4,1) is outside the 4x4 mesh"));
  m = Small();
  m.defects[4].dir = -1;
  BOOST_TEST(Contains(ErrorOf([&] { RenderWaferMapSvg(m, "t"); }), "defects[4].dir"));
  m.width = 0;
  BOOST_TEST(Contains(ErrorOf([&] { RenderWaferMapSvg(m, "t"); }), "no tiles"));
}

BOOST_AUTO_TEST_CASE(wafer_scale_map_is_compact) {
  DefectMap m;
  m.width = 1000;
  m.height = 1000;
  m.tests = {"tap"};
  std::mt19937_64 rng(3);
  int64_t dead = 0, links = 0;
  for (int y = 0; y < m.height; ++y) {
    for (int x = 0; x < m.width; ++x) {
      const uint64_t r = rng() % 100;
      if (r < 20) {
        m.defects.push_back(D(x, y, Unit::kTile, -1, "unreachable")), ++dead;
      } else if (r < 21) {
        m.defects.push_back(D(x, y, Unit::kLink, static_cast<int>(rng() % 4))), ++links;
      }
    }
  }
  m.reachable = static_cast<int>(1000000 - dead);
  const std::string svg = RenderWaferMapSvg(m, "wafer");
  BOOST_TEST(Balanced(svg));
  // One path per category present, a handful of bytes per defect.
  BOOST_TEST(Count(svg, "<path class=\"t\"") == 1u);
  BOOST_TEST(Count(svg, "<path class=\"l\"") == 1u);
  BOOST_TEST(Count(svg, "<title>") == 0u);
  BOOST_TEST(svg.size() < 30 * m.defects.size() + 20000, svg.size() << " bytes");
  // Each defect is one subpath.
  BOOST_TEST(Count(svg, "z") >= m.defects.size());
  BOOST_TEST(Contains(svg, ">tile (dead/unreachable): " + std::to_string(dead) + "</text>"));
  BOOST_TEST(Contains(svg, ">link: " + std::to_string(links) + "</text>"));
  BOOST_TEST(Contains(svg, ">good: " + std::to_string(1000000 - dead) + "</text>"));
  BOOST_TEST(Contains(svg, "reachable " + std::to_string(m.reachable) + " of 1000000 tiles"));
  // Labels are spaced, not one per tile.
  BOOST_TEST(Count(svg, "text-anchor=\"end\"") < 40u);
}

BOOST_AUTO_TEST_CASE(writes_atomically) {
  const unit::TempDir dir("wafer_map");
  const std::string path = (dir.path / "sub" / "map.svg").string();
  WriteWaferMapSvg(path, Small(), "scan");
  BOOST_TEST(util::ReadFile(path) == RenderWaferMapSvg(Small(), "scan"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::fw
