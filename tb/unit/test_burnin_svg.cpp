// The burn-in pictures: one marker per failure with its class, tile and
// diagnosis; iterations not committed drawn apart from committed ones; the
// temperature line through the profile's values, clipped to the run; the
// before/after maps with every tile once per side and the mapped-out tiles
// outlined; well-formed output for empty and degenerate reports.
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include "firmware/report/burnin_svg.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "firmware/burnin/burnin_report.h"
#include "firmware/repair/repair.h"
#include "firmware/report/repair_map_svg.h"
#include "unit_helpers.h"
#include "util/atomic_file.h"

namespace wse::fw {
namespace {

using unit::Contains;
using Profile = std::vector<std::pair<uint64_t, double>>;

size_t Occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
    ++n;
  return n;
}

// Element names open and close in nested order, with one <svg> root and no
// stray '<' or '>' in text or attributes: what a viewer needs to parse it.
std::string WellFormedProblem(const std::string& doc) {
  std::vector<std::string> stack;
  int roots = 0;
  size_t at = 0;
  while (true) {
    const size_t lt = doc.find('<', at);
    const std::string text = doc.substr(at, lt == std::string::npos ? std::string::npos : lt - at);
    if (text.find('>') != std::string::npos) return "stray '>' in text near " + std::to_string(at);
    if (lt == std::string::npos) break;
    const size_t gt = doc.find('>', lt);
    if (gt == std::string::npos) return "unterminated tag at " + std::to_string(lt);
    const std::string tag = doc.substr(lt + 1, gt - lt - 1);
    if (tag.find('<') != std::string::npos) return "'<' inside tag at " + std::to_string(lt);
    if (Occurrences(tag, "\"") % 2 != 0) return "odd quotes in <" + tag + ">";
    if (!tag.empty() && tag[0] == '/') {
      if (stack.empty() || stack.back() != tag.substr(1))
        return "</" + tag.substr(1) + "> closes " + (stack.empty() ? "nothing" : stack.back());
      stack.pop_back();
    } else {
      const std::string name = tag.substr(0, tag.find_first_of(" \n/"));
      if (name.empty()) return "empty tag at " + std::to_string(lt);
      if (stack.empty()) {
        if (name != "svg") return "root element " + name;
        ++roots;
      }
      if (tag.back() != '/') stack.push_back(name);
    }
    at = gt + 1;
  }
  if (!stack.empty()) return "<" + stack.back() + "> never closed";
  if (roots != 1) return std::to_string(roots) + " root elements";
  return "";
}

// No number printed as NaN or infinity, in any spelling std::to_chars or
// printf use.
bool HasNonFinite(const std::string& doc) {
  for (const char* bad : {"nan", "NaN", "inf", "Inf", "INF"})
    if (Contains(doc, bad)) return true;
  return false;
}

// The text of the first <title> after `from`.
std::string TitleAfter(const std::string& doc, size_t from) {
  const size_t a = doc.find("<title>", from);
  if (a == std::string::npos) return "";
  const size_t b = doc.find("</title>", a);
  return doc.substr(a + 7, b - a - 7);
}

// The value of attribute `name` in the first element starting at or after
// `from` that has it.
std::string AttrAfter(const std::string& doc, size_t from, const std::string& name) {
  const std::string key = " " + name + "=\"";
  const size_t a = doc.find(key, from);
  if (a == std::string::npos) return "";
  const size_t v = a + key.size();
  return doc.substr(v, doc.find('"', v) - v);
}

// The group of one iteration, from its opening tag to its </g>.
std::string IterationGroup(const std::string& doc, int index) {
  const size_t t = doc.find("<title>iteration " + std::to_string(index) + " ");
  BOOST_REQUIRE(t != std::string::npos);
  const size_t open = doc.rfind("<g class=\"iteration", t);
  return doc.substr(open, doc.find("</g>", t) + 4 - open);
}

struct Point {
  double x, y;
};
// The points of the temperature polyline.
std::vector<Point> TemperatureLine(const std::string& doc) {
  std::vector<Point> pts;
  const size_t at = doc.find("<polyline class=\"temperature\"");
  if (at == std::string::npos) return pts;
  const std::string list = AttrAfter(doc, at, "points");
  size_t p = 0;
  while (p < list.size()) {
    size_t used = 0;
    const double x = std::stod(list.substr(p), &used);
    p += used + 1;  // the comma
    const double y = std::stod(list.substr(p), &used);
    p += used + 1;  // the space
    pts.push_back({x, y});
  }
  return pts;
}

BurnInReport SmallRun() {
  BurnInReport r;
  r.phys_width = 6;
  r.phys_height = 3;
  r.start_cycle = 0;
  r.end_cycle = 100000;
  return r;
}

FailureRecord Failure(int id, FailureClass cls, uint64_t at, int x, int y,
                      const std::string& diagnosis) {
  FailureRecord f;
  f.id = id;
  f.cls = cls;
  f.detected_cycle = at;
  f.resumed_cycle = at + 6000;
  f.reintegration_cycles = 6000;
  f.lost_cycles = 9000;
  f.x = x;
  f.y = y;
  f.symptom = "wrong_result";
  f.kernel = "gemv";
  f.diagnosis = diagnosis;
  f.action = "mapped_out";
  return f;
}

IterationRecord Iteration(int index, const char* kernel, uint64_t from, uint64_t to, bool ok,
                          bool committed) {
  IterationRecord it;
  it.index = index;
  it.kernel = kernel;
  it.start_cycle = from;
  it.end_cycle = to;
  it.ok = ok;
  it.committed = committed;
  return it;
}

Defect Dead(int x, int y, Unit unit) {
  Defect d;
  d.x = x;
  d.y = y;
  d.unit = unit;
  d.kind = "test";
  return d;
}

// 6x3 with one spare column: (5,2) dead from the fab; the run maps out (2,1)
// and row 1 skips it onto the spare.
BurnInReport MappedOutRun() {
  BurnInReport r = SmallRun();
  r.initial_repair = IdentityRepair(6, 3, 1);
  r.final_repair = r.initial_repair;
  r.final_repair.cols[1] = {0, 1, 3, 4, 5};
  r.initial_defects.width = r.final_defects.width = 6;
  r.initial_defects.height = r.final_defects.height = 3;
  r.initial_defects.defects = {Dead(5, 2, Unit::kTile)};
  r.final_defects.defects = {Dead(5, 2, Unit::kTile), Dead(2, 1, Unit::kPe)};
  r.mapped_out = {{2, 1}};
  return r;
}

// The map of one side: from its <g id="..."> to the next side or the end.
std::string Side(const std::string& doc, const std::string& id) {
  const size_t a = doc.find("<g id=\"" + id + "\"");
  BOOST_REQUIRE(a != std::string::npos);
  const size_t b = doc.find("<g id=\"", a + 1);
  return doc.substr(a, b == std::string::npos ? std::string::npos : b - a);
}

size_t Tiles(const std::string& side) {
  size_t n = 0;
  for (const char* c : {"u", "s", "d", "x"})
    n += Occurrences(side, "<rect class=\"" + std::string(c) + "\"");
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(burnin_svg)

BOOST_AUTO_TEST_CASE(each_failure_gets_a_marker_with_its_class_tile_and_diagnosis) {
  BurnInReport r = SmallRun();
  r.failures = {Failure(1, FailureClass::kPermanent, 25000, 3, 1, "pe_kat failed 2 of 2 runs"),
                Failure(2, FailureClass::kLink, 75000, 2, 0, "link test <E> failed 3 of 3")};
  r.failures[1].dir = 1;
  const std::string svg = RenderBurnInTimelineSvg(r, {});
  BOOST_TEST(WellFormedProblem(svg) == "");
  BOOST_TEST(Occurrences(svg, "<g class=\"failure ") == 2u);
  const std::string perm = FailureClassName(FailureClass::kPermanent),
                    link = FailureClassName(FailureClass::kLink);
  const size_t p = svg.find("<g class=\"failure " + perm + "\">");
  const size_t l = svg.find("<g class=\"failure " + link + "\">");
  BOOST_REQUIRE(p != std::string::npos);
  BOOST_REQUIRE(l != std::string::npos);
  const std::string ptip = TitleAfter(svg, p), ltip = TitleAfter(svg, l);
  BOOST_TEST(Contains(ptip, "failure 1: " + perm + " at (3,1), cycle 25000"));
  BOOST_TEST(Contains(ptip, "diagnosis: pe_kat failed 2 of 2 runs"));
  BOOST_TEST(Contains(ptip, "resumed at cycle 31000"));
  BOOST_TEST(Contains(ltip, "failure 2: " + link + " at (2,0) E, cycle 75000"));
  BOOST_TEST(Contains(ltip, "diagnosis: link test &lt;E&gt; failed 3 of 3"));
  // Different classes, different shapes and colours: a square and a triangle.
  const std::string pg = svg.substr(p, svg.find("</g>", p) - p),
                    lg = svg.substr(l, svg.find("</g>", l) - l);
  BOOST_TEST(Contains(pg, "<rect "));
  BOOST_TEST(Contains(lg, "<path "));
  BOOST_TEST(AttrAfter(pg, 0, "fill") != AttrAfter(lg, 0, "fill"));
  // Each reintegration is shaded, and the legend counts the classes.
  BOOST_TEST(Occurrences(svg, "<rect class=\"reintegration\"") == 2u);
  BOOST_TEST(Contains(svg, "failure 1 reintegration: cycles 25000..31000"));
  const size_t s1 = svg.find("<rect class=\"reintegration\""),
               s2 = svg.find("<rect class=\"reintegration\"", s1 + 1);
  BOOST_TEST(AttrAfter(svg, s1, "fill") == AttrAfter(pg, 0, "fill"));  // in its class's colour
  BOOST_TEST(AttrAfter(svg, s2, "fill") == AttrAfter(lg, 0, "fill"));
  BOOST_TEST(Contains(svg, ">" + perm + ": 1</text>"));
  BOOST_TEST(Contains(svg, ">" + link + ": 1</text>"));
  BOOST_TEST(
      Contains(svg, std::string(">") + FailureClassName(FailureClass::kStall) + ": 0</text>"));
  // The earlier failure sits left of the later one, a quarter of the way.
  const double xp = std::stod(AttrAfter(svg, p, "x")),
               xl = std::stod(AttrAfter(svg, l, "d").substr(1));
  BOOST_TEST(xp < xl);
}

BOOST_AUTO_TEST_CASE(uncommitted_iterations_are_pale_and_hatched_failed_ones_outlined) {
  BurnInReport r = SmallRun();
  r.iterations = {Iteration(0, "gemv", 0, 20000, true, true),
                  Iteration(1, "gemv", 20000, 40000, false, false),
                  Iteration(1, "stencil", 40000, 60000, true, false),
                  Iteration(2, "stencil", 60000, 80000, true, true)};
  r.committed = 2;
  r.discarded = 2;
  const std::string svg = RenderBurnInTimelineSvg(r, {});
  BOOST_TEST(WellFormedProblem(svg) == "");
  BOOST_TEST(Occurrences(svg, "<g class=\"iteration committed\">") == 2u);
  BOOST_TEST(Occurrences(svg, "<g class=\"iteration uncommitted\">") == 1u);
  BOOST_TEST(Occurrences(svg, "<g class=\"iteration uncommitted failed\">") == 1u);
  const std::string kept = IterationGroup(svg, 0), lost = IterationGroup(svg, 1);
  BOOST_TEST(Contains(kept, "gemv, cycles 0..20000, ok, committed"));
  BOOST_TEST(Contains(lost, "gemv, cycles 20000..40000, failed, not committed"));
  // Same kernel: the committed bar is solid, the other pale under a hatch.
  const std::string kept_fill = AttrAfter(kept, 0, "fill"), lost_fill = AttrAfter(lost, 0, "fill");
  BOOST_TEST(kept_fill.size() == 7u);
  BOOST_TEST(lost_fill.size() == 7u);
  BOOST_TEST(kept_fill != lost_fill);
  BOOST_TEST(!Contains(kept, "url(#burnin-hatch)"));
  BOOST_TEST(Contains(lost, "url(#burnin-hatch)"));
  BOOST_TEST(Contains(svg, "<pattern id=\"burnin-hatch\""));
  // Only the failed one carries the red outline.
  BOOST_TEST(Contains(lost, "stroke=\"#e0201b\""));
  BOOST_TEST(!Contains(kept, "stroke=\"#e0201b\""));
  // A rolled-back ok iteration is hatched but not outlined.
  const size_t rb = svg.find("<g class=\"iteration uncommitted\">");
  const std::string rolled = svg.substr(rb, svg.find("</g>", rb) - rb);
  BOOST_TEST(Contains(rolled, "url(#burnin-hatch)"));
  BOOST_TEST(!Contains(rolled, "stroke=\"#e0201b\""));
  // Kernels keep their colour: the second stencil bar differs from gemv's.
  BOOST_TEST(AttrAfter(IterationGroup(svg, 2), 0, "fill") != kept_fill);
  BOOST_TEST(Contains(svg, ">gemv: 2 (1 committed)</text>"));
  BOOST_TEST(Contains(svg, ">stencil: 2 (1 committed)</text>"));
}

BOOST_AUTO_TEST_CASE(temperature_line_spans_the_profile_and_is_clipped_to_the_run) {
  BurnInReport r = SmallRun();
  r.end_cycle = 300000;
  const Profile ramp = {{0, 25}, {20000, 25}, {150000, 150}, {250000, 150}, {300000, 55}};
  const std::string svg = RenderBurnInTimelineSvg(r, ramp);
  BOOST_TEST(WellFormedProblem(svg) == "");
  const std::vector<Point> pts = TemperatureLine(svg);
  BOOST_REQUIRE(pts.size() == 5u);
  // Hotter is higher on the page; equal temperatures at equal heights.
  BOOST_TEST(pts[0].y == pts[1].y);
  BOOST_TEST(pts[2].y == pts[3].y);
  BOOST_TEST(pts[2].y < pts[4].y);
  BOOST_TEST(pts[4].y < pts[0].y);
  // Cycles proportional along the axis, from the first to the last.
  const double span = pts[4].x - pts[0].x;
  BOOST_TEST(span > 0);
  BOOST_TEST(std::abs((pts[1].x - pts[0].x) / span - 20000.0 / 300000) < 1e-3);
  BOOST_TEST(std::abs((pts[2].x - pts[0].x) / span - 150000.0 / 300000) < 1e-3);
  BOOST_TEST(Contains(svg, "<title>temperature 25..150 \u00b0C over cycles 0..300000</title>"));
  // The right-hand axis covers both extremes.
  const size_t ax = svg.find("<g class=\"temperature-axis\"");
  BOOST_REQUIRE(ax != std::string::npos);
  const std::string axis = svg.substr(ax, svg.find("</g>", ax) - ax);
  BOOST_TEST(Contains(axis, ">0</text>"));
  BOOST_TEST(Contains(axis, ">150</text>"));
  BOOST_TEST(!Contains(axis, ">200</text>"));
  // A shorter run sees the profile cut at its edges, interpolated there.
  r.start_cycle = 100000;
  r.end_cycle = 200000;
  const std::string cut = RenderBurnInTimelineSvg(r, ramp);
  BOOST_TEST(TemperatureLine(cut).size() == 3u);  // 100k (interpolated), 150k, 200k
  BOOST_TEST(Contains(cut, "temperature 101.923..150 \u00b0C over cycles 100000..200000"));
  // Points that are not numbers are left out, not drawn.
  r.start_cycle = 0;
  r.end_cycle = 300000;
  Profile gaps = ramp;
  gaps.push_back({100000, std::nan("")});
  gaps.push_back({200000, std::numeric_limits<double>::infinity()});
  const std::string holes = RenderBurnInTimelineSvg(r, gaps);
  BOOST_TEST(TemperatureLine(holes).size() == 5u);
  BOOST_TEST(!HasNonFinite(holes));
  // No profile, no line.
  const std::string none = RenderBurnInTimelineSvg(r, {});
  BOOST_TEST(!Contains(none, "class=\"temperature\""));
  BOOST_TEST(Contains(none, "no temperature profile"));
}

BOOST_AUTO_TEST_CASE(maps_show_every_tile_per_side_and_outline_the_mapped_out) {
  BurnInReport r = MappedOutRun();
  const std::string svg = RenderBurnInMapsSvg(r, "burn-in <6x3>");
  BOOST_TEST(WellFormedProblem(svg) == "");
  BOOST_TEST(Contains(svg, "burn-in &lt;6x3&gt;"));
  const std::string before = Side(svg, "before"), after = Side(svg, "after");
  BOOST_TEST(Tiles(before) == 18u);
  BOOST_TEST(Tiles(after) == 18u);
  BOOST_TEST(Contains(before, ">dead, mapped out: 1</text>"));
  BOOST_TEST(Contains(before, ">spare, unused: 2</text>"));
  BOOST_TEST(Contains(after, ">dead, mapped out: 2</text>"));
  BOOST_TEST(Contains(after, ">spare, unused: 1</text>"));
  BOOST_TEST(Contains(before, "<title>(2,1) logical (2,1)</title>"));
  BOOST_TEST(Contains(after, "<title>(2,1) dead: pe</title>"));
  BOOST_TEST(Contains(after, "<title>(5,1) logical (4,1)</title>"));
  // The run's map-out outlined on both sides, and only it.
  BOOST_TEST(Occurrences(before, "<rect class=\"mapped-out\"") == 1u);
  BOOST_TEST(Occurrences(after, "<rect class=\"mapped-out\"") == 1u);
  BOOST_TEST(Contains(after, "<title>(2,1) mapped out during the burn-in</title>"));
  BOOST_TEST(Contains(svg, "mapped out during the burn-in: 1 tile</text>"));
  // The outline sits on the tile: same place as the tile's square, inset.
  {
    const size_t tile = after.find("<title>(2,1) dead: pe</title>");
    const size_t rect = after.rfind("<rect class=\"d\"", tile);
    const size_t mark = after.find("<rect class=\"mapped-out\"");
    // The tile is in tile units inside a scaled group; the outline in
    // pixels: the fragment draws tile (2,1) at left + 2 s, top + s.
    BOOST_TEST(AttrAfter(after, rect, "x") == "2");
    BOOST_TEST(AttrAfter(after, rect, "y") == "1");
    const double mx = std::stod(AttrAfter(after, mark, "x")),
                 my = std::stod(AttrAfter(after, mark, "y"));
    const double s = 28, left = 48, top = 80;  // a 6x3 wafer: 28 px tiles
    BOOST_TEST(mx > left + 2 * s);
    BOOST_TEST(mx < left + 2 * s + s / 4);
    BOOST_TEST(my > top + s);
    BOOST_TEST(my < top + s + s / 4);
  }
  // Two clip paths with distinct ids.
  BOOST_TEST(Contains(before, "clip-path=\"url(#burnin-before)\""));
  BOOST_TEST(Contains(after, "clip-path=\"url(#burnin-after)\""));
  BOOST_TEST(!Contains(svg, "id=\"win\""));

  // No grid at the end: the right side has tiles but no logical mesh.
  r.has_final_repair = false;
  const std::string gone = RenderBurnInMapsSvg(r, "t");
  BOOST_TEST(WellFormedProblem(gone) == "");
  const std::string after_none = Side(gone, "after");
  BOOST_TEST(Tiles(after_none) == 18u);
  BOOST_TEST(Contains(after_none, "no logical grid"));
  BOOST_TEST(!Contains(after_none, "class=\"ln\""));
  BOOST_TEST(Contains(Side(gone, "before"), "class=\"ln\""));
  BOOST_TEST(Occurrences(after_none, "<rect class=\"mapped-out\"") == 1u);
}

BOOST_AUTO_TEST_CASE(large_wafer_maps_share_the_window_around_the_mapped_out_tiles) {
  BurnInReport r;
  r.phys_width = 120;
  r.phys_height = 90;
  r.initial_repair = IdentityRepair(120, 90, 2);
  r.final_repair = r.initial_repair;
  r.initial_defects.width = r.final_defects.width = 120;
  r.initial_defects.height = r.final_defects.height = 90;
  r.final_defects.defects = {Dead(100, 70, Unit::kTile), Dead(104, 72, Unit::kTile),
                             Dead(5, 5, Unit::kTile)};
  r.mapped_out = {{100, 70}, {104, 72}, {5, 5}, {100, 70}};  // one repeated
  const std::string svg = RenderBurnInMapsSvg(r, "t");
  BOOST_TEST(WellFormedProblem(svg) == "");
  const std::string before = Side(svg, "before"), after = Side(svg, "after");
  const size_t w = static_cast<size_t>(kRepairMapDefaultCrop);
  BOOST_TEST(Tiles(before) == w * w);
  BOOST_TEST(Tiles(after) == w * w);
  // The same window on both sides, holding the two neighbours.
  const size_t wb = before.find("window x "), wa = after.find("window x ");
  BOOST_REQUIRE(wb != std::string::npos);
  BOOST_REQUIRE(wa != std::string::npos);
  BOOST_TEST(before.substr(wb, 30) == after.substr(wa, 30));
  BOOST_TEST(Occurrences(after, "<rect class=\"mapped-out\"") == 2u);
  BOOST_TEST(Contains(svg, "mapped out during the burn-in: 3 tiles (1 outside the window)"));
}

BOOST_AUTO_TEST_CASE(degenerate_reports_draw_well_formed_and_finite) {
  // Nothing at all: zero iterations, failures, timeline; start == end.
  BurnInReport empty = SmallRun();
  empty.start_cycle = empty.end_cycle = 5000;
  for (const Profile& prof :
       {Profile{}, Profile{{5000, 40}}, Profile{{0, 30}, {10000, 50}},
        Profile{{1000, std::nan("")}, {5000, std::numeric_limits<double>::infinity()}},
        Profile{{4000, 1e300}, {6000, -1e300}},
        Profile{{0, std::numeric_limits<double>::max()},
                {9000, std::numeric_limits<double>::lowest()}},
        Profile{{0, 1e20}, {9000, 1e20}}, Profile{{0, 5e-320}, {9000, 0}}}) {
    const std::string svg = RenderBurnInTimelineSvg(empty, prof);
    BOOST_TEST(WellFormedProblem(svg) == "");
    BOOST_TEST(!HasNonFinite(svg));
    BOOST_TEST(svg.rfind("<svg ", 0) == 0u);
    BOOST_TEST(svg.substr(svg.size() - 7) == "</svg>\n");
  }
  // A single point on the run is a dot, not a line.
  BOOST_TEST(
      Contains(RenderBurnInTimelineSvg(empty, {{5000, 40}}), "<circle class=\"temperature\""));
  BOOST_TEST(Contains(RenderBurnInTimelineSvg(empty, {{0, 30}, {10000, 50}}),
                      "temperature 40..40 \u00b0C"));

  // Everything at one cycle, events and a failure never resumed; and a run
  // whose end is before its start is drawn as one cycle.
  BurnInReport busy = SmallRun();
  busy.start_cycle = busy.end_cycle = 7;
  busy.iterations = {Iteration(0, "traffic", 7, 7, false, false),
                     Iteration(1, "custom <k>", 7, 7, true, true)};
  FailureRecord f = Failure(4, FailureClass::kStall, 7, -1, -1, "");
  f.resumed_cycle = 0;
  busy.failures = {f, Failure(5, FailureClass::kTransient, 7, 1, 1, "cfg_check cleared")};
  busy.timeline = {{7, "checkpoint", ""},
                   {7, "remap", "row 1"},
                   {7, "map_out", "(1,1)"},
                   {7, "boot", "not drawn"}};
  for (uint64_t end : {uint64_t{7}, uint64_t{3}}) {
    busy.end_cycle = end;
    const std::string svg = RenderBurnInTimelineSvg(busy, {{0, 20}, {7, 21}, {9, 22}});
    BOOST_TEST(WellFormedProblem(svg) == "");
    BOOST_TEST(!HasNonFinite(svg));
    BOOST_TEST(Occurrences(svg, "<g class=\"failure ") == 2u);
    BOOST_TEST(Occurrences(svg, "<line class=\"event ") == 3u);
    BOOST_TEST(Contains(svg, "failure 4: " + std::string(FailureClassName(FailureClass::kStall)) +
                                 " at no tile, cycle 7"));
    BOOST_TEST(Contains(svg, "no resumption recorded"));
    BOOST_TEST(Contains(svg, "iteration 1 custom &lt;k&gt;"));
  }

  // Maps of a report whose defect maps were left empty and which never
  // loaded a repair.
  BurnInReport bare = SmallRun();
  bare.has_final_repair = false;
  const std::string maps = RenderBurnInMapsSvg(bare, "t");
  BOOST_TEST(WellFormedProblem(maps) == "");
  BOOST_TEST(!HasNonFinite(maps));
  BOOST_TEST(Tiles(Side(maps, "before")) == 18u);
  BOOST_TEST(Contains(maps, "before: no repair loaded"));
  // A repair of another wafer is refused, as by the repair map.
  BurnInReport wrong = MappedOutRun();
  wrong.final_repair = IdentityRepair(7, 3, 1);
  BOOST_TEST(Contains(unit::ErrorOf([&] { RenderBurnInMapsSvg(wrong, "t"); }), "7x3 wafer"));
}

BOOST_AUTO_TEST_CASE(writes_both_pictures_atomically) {
  unit::TempDir tmp("burnin_svg");
  const std::string dir = (tmp.path / "out" / "run1").string();  // not there yet
  const BurnInReport r = MappedOutRun();
  const Profile prof = {{0, 25}, {100000, 90}};
  WriteBurnInSvgs(dir, r, prof, "run 1");
  BOOST_TEST(util::ReadFile(tmp.path / "out" / "run1" / kBurnInTimelineSvg) ==
             RenderBurnInTimelineSvg(r, prof, "run 1"));
  BOOST_TEST(util::ReadFile(tmp.path / "out" / "run1" / kBurnInMapsSvg) ==
             RenderBurnInMapsSvg(r, "run 1"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::fw
