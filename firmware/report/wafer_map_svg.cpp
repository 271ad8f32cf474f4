#include "firmware/report/wafer_map_svg.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <vector>

#include "firmware/report/svg_text.h"
#include "util/atomic_file.h"

namespace wse::fw {
namespace {

using svg::Escape;
using svg::LabelStep;
using svg::Num;

enum Cat { kGood, kSram, kPe, kRouter, kDead, kLinkCat, kNumCats };

constexpr svg::Style kCats[kNumCats] = {
    {"g", "#a5d79b", "good"},
    {"s", "#f2b134", "sram"},
    {"p", "#ee6b1f", "pe"},
    {"r", "#8e5cc2", "router"},
    {"t", "#2b2b2b", "tile (dead/unreachable)"},
    {"l", "#e0201b", "link"},
};

Cat CatOf(Unit u) {
  switch (u) {
    case Unit::kSram:
      return kSram;
    case Unit::kPe:
      return kPe;
    case Unit::kRouter:
      return kRouter;
    case Unit::kTile:
      return kDead;
    case Unit::kLink:
      return kLinkCat;
  }
  return kDead;
}

// Which unit's colour a tile takes: the one whose loss costs the most.
int Severity(Unit u) {
  switch (u) {
    case Unit::kTile:
      return 4;
    case Unit::kRouter:
      return 3;
    case Unit::kPe:
      return 2;
    case Unit::kSram:
      return 1;
    case Unit::kLink:
      return 0;
  }
  return 0;
}

// Where a lesser unit defect of an already coloured tile is marked, inside
// the link bars (which take the outer 0.22 of each side).
constexpr double kBar = svg::kLinkBarDepth, kInset = 0.25;
void InsetOrigin(Unit u, double* dx, double* dy) {
  *dx = u == Unit::kSram ? 0.25 : 0.5;
  *dy = u == Unit::kRouter ? 0.25 : 0.5;
}

std::string Tip(const Defect& d) {
  std::string t = "(" + std::to_string(d.x) + "," + std::to_string(d.y) + ") " + UnitName(d.unit);
  if (d.unit == Unit::kLink) t += std::string(" ") + DirName(d.dir);
  t += ": " + d.kind;
  if (d.evidence.Size() > 0) t += " " + d.evidence.Dump(0);
  return t;
}

}  // namespace

std::string RenderWaferMapSvg(const DefectMap& map, const std::string& title) {
  svg::CheckDrawable(map, "wafer map");
  const int w = map.width, h = map.height;

  const int64_t tiles = int64_t{w} * h;
  const bool detail = tiles <= kWaferMapDetailTiles;
  const double s = std::min(28.0, 800.0 / std::max(w, h));  // pixels per tile
  const double left = 48, top = 64, mw = w * s, mh = h * s;
  const double legend_top = top + mh + 26, row = 18;
  const int legend_rows = kNumCats + 1;
  const double width = std::max(left + mw + 24, 460.0);
  const double height = legend_top + legend_rows * row + 8;

  // Row-major, and within a tile the worst unit first: it takes the fill.
  std::vector<size_t> order(map.defects.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Defect &da = map.defects[a], &db = map.defects[b];
    if (da.y != db.y) return da.y < db.y;
    if (da.x != db.x) return da.x < db.x;
    if (Severity(da.unit) != Severity(db.unit)) return Severity(da.unit) > Severity(db.unit);
    return a < b;
  });

  int64_t count[kNumCats] = {};
  int64_t filled = 0;
  svg::RectBatch shapes(kCats, kNumCats, detail);
  // Fills first, so the grid lines and the marks (insets, link bars) land on top.
  std::vector<size_t> marks;  // lesser unit defects and links, drawn over the grid
  for (size_t k = 0; k < order.size(); ++k) {
    const Defect& d = map.defects[order[k]];
    ++count[CatOf(d.unit)];
    const bool first_of_tile =
        k == 0 || map.defects[order[k - 1]].x != d.x || map.defects[order[k - 1]].y != d.y;
    if (d.unit != Unit::kLink && first_of_tile) {
      shapes.Add(CatOf(d.unit), d.x, d.y, 1, 1, Tip(d));
      ++filled;
    } else {
      marks.push_back(order[k]);
    }
  }
  // "good" is what the legend's green means: no unit defect (a link defect
  // alone leaves the tile green, with a bar).
  count[kGood] = tiles - filled;

  std::string svg;
  svg.reserve(4096 + map.defects.size() * (detail ? 120 : 24));
  svg += svg::Open(width, height);
  svg += "<text x=\"" + Num(width / 2) + "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">" +
         Escape(title) + "</text>\n";
  svg += "<text x=\"" + Num(width / 2) + "\" y=\"40\" text-anchor=\"middle\">" + std::to_string(w) +
         "x" + std::to_string(h) + " mesh, reachable " + std::to_string(map.reachable) + " of " +
         std::to_string(tiles) + " tiles</text>\n";

  // Coordinates: x along the top, y down the left side.
  const int step = LabelStep(s, 28);
  svg += "<g font-size=\"10\" fill=\"#444\">\n";
  for (int x = 0; x < w; x += step) {
    svg += "<text x=\"" + Num(left + (x + 0.5) * s) + "\" y=\"" + Num(top - 6) +
           "\" text-anchor=\"middle\">" + std::to_string(x) + "</text>\n";
  }
  for (int y = 0; y < h; y += step) {
    svg += "<text x=\"" + Num(left - 6) + "\" y=\"" + Num(top + (y + 0.5) * s + 3.5) +
           "\" text-anchor=\"end\">" + std::to_string(y) + "</text>\n";
  }
  svg += "</g>\n";

  // The mesh in tile units: good tiles are the one background rectangle.
  svg += "<g transform=\"translate(" + Num(left) + " " + Num(top) + ") scale(" + Num(s) + ")\">\n";
  svg += std::string("<rect class=\"g\" fill=\"") + kCats[kGood].colour + "\" width=\"" +
         std::to_string(w) + "\" height=\"" + std::to_string(h) + "\"/>\n";
  shapes.FlushTo(svg);
  if (s >= 4) {  // below that the lines would hide the tiles
    std::string d;
    for (int x = 1; x < w; ++x) d += "M" + std::to_string(x) + " 0V" + std::to_string(h);
    for (int y = 1; y < h; ++y) d += "M0 " + std::to_string(y) + "H" + std::to_string(w);
    if (!d.empty()) {
      svg += "<path d=\"" + d + "\" fill=\"none\" stroke=\"white\" stroke-width=\"" + Num(1.0 / s) +
             "\"/>\n";
    }
  }
  for (size_t i : marks) {
    const Defect& d = map.defects[i];
    if (d.unit == Unit::kLink) {
      const double bx = d.x + (d.dir == 1 ? 1 - kBar : 0), by = d.y + (d.dir == 2 ? 1 - kBar : 0);
      const bool vertical = d.dir == 1 || d.dir == 3;
      shapes.Add(kLinkCat, bx, by, vertical ? kBar : 1, vertical ? 1 : kBar, Tip(d));
    } else {
      double dx, dy;
      InsetOrigin(d.unit, &dx, &dy);
      shapes.Add(CatOf(d.unit), d.x + dx, d.y + dy, kInset, kInset, Tip(d));
    }
  }
  shapes.FlushTo(svg);
  svg += "<rect width=\"" + std::to_string(w) + "\" height=\"" + std::to_string(h) +
         "\" fill=\"none\" stroke=\"#666\" stroke-width=\"" + Num(1.0 / s) + "\"/>\n</g>\n";

  // Legend: one row per category with its count, then the tests that ran.
  svg += "<g>\n";
  for (int c = 0; c < kNumCats; ++c) {
    const double y = legend_top + c * row;
    svg += std::string("<rect fill=\"") + kCats[c].colour + "\" x=\"" + Num(left) + "\" y=\"" +
           Num(y) + "\" width=\"12\" height=\"12\" stroke=\"#666\" stroke-width=\"0.5\"/>";
    svg += "<text x=\"" + Num(left + 18) + "\" y=\"" + Num(y + 10) + "\">" + kCats[c].label + ": " +
           std::to_string(count[c]) + "</text>\n";
  }
  std::string tests;
  for (const std::string& t : map.tests) tests += (tests.empty() ? "" : ", ") + t;
  svg += "<text x=\"" + Num(left) + "\" y=\"" + Num(legend_top + legend_rows * row - 8) +
         "\">tests: " + Escape(tests.empty() ? "none" : tests) + "</text>\n</g>\n</svg>\n";
  return svg;
}

void WriteWaferMapSvg(const std::string& path, const DefectMap& map, const std::string& title) {
  util::WriteFileAtomic(path, RenderWaferMapSvg(map, title));
}

}  // namespace wse::fw
