#include "firmware/report/repair_map_svg.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <vector>

#include "firmware/report/svg_text.h"
#include "util/atomic_file.h"

namespace wse::fw {
namespace {

using svg::Escape;
using svg::Num;

// Tile fills and link-defect bars.
enum Cat { kUsed, kSpare, kDead, kDeadUsed, kLinkBar, kNumCats };
constexpr svg::Style kCats[kNumCats] = {
    {"u", "#a5d79b", "used (logical x above y)"},
    {"s", "#c8c8c8", "spare, unused"},
    {"d", "#e0201b", "dead, mapped out"},
    {"x", "#2b2b2b", "dead but used (invalid repair)"},
    {"l", "#ee6b1f", "link defect (side it leaves)"},
};

// Logical links by how they sit on the wafer.
enum LinkCat { kStraight, kSkip, kDiagonal, kNumLinkCats };
constexpr svg::Style kLinks[kNumLinkCats] = {
    {"ln", "#5a5a5a", "logical link, nearest neighbour"},
    {"lk", "#1f6fd1", "logical link skipping 1-2 tiles"},
    {"lg", "#b0279c", "logical link one column aside"},
};

constexpr double kBar = svg::kLinkBarDepth;

bool IsDeadUnit(Unit u) { return u != Unit::kLink; }

void CheckInputs(const DefectMap& defects, const Repair* repair) {
  svg::CheckDrawable(defects, "repair map");
  const int w = defects.width, h = defects.height;
  if (!repair) return;
  if (repair->phys_width != w || repair->phys_height != h) {
    throw RepairError("repair map: repair: the repair is for a " +
                      std::to_string(repair->phys_width) + "x" +
                      std::to_string(repair->phys_height) + " wafer, the defect map for " +
                      std::to_string(w) + "x" + std::to_string(h));
  }
  if (static_cast<int>(repair->cols.size()) != repair->height || repair->height != h) {
    throw RepairError("repair map: rows: " + std::to_string(repair->cols.size()) +
                      " rows for a logical height of " + std::to_string(repair->height) + " on " +
                      std::to_string(h) + " physical rows");
  }
  for (size_t y = 0; y < repair->cols.size(); ++y) {
    if (static_cast<int>(repair->cols[y].size()) != repair->width) {
      throw RepairError("repair map: rows[" + std::to_string(y) +
                        "]: " + std::to_string(repair->cols[y].size()) +
                        " columns for a logical width of " + std::to_string(repair->width));
    }
    for (size_t l = 0; l < repair->cols[y].size(); ++l) {
      const int x = repair->cols[y][l];
      if (x < 0 || x >= w) {
        throw RepairError("repair map: rows[" + std::to_string(y) + "][" + std::to_string(l) +
                          "]: column " + std::to_string(x) + " is outside the wafer (0.." +
                          std::to_string(w - 1) + ")");
      }
    }
  }
}

}  // namespace

RepairMapWindow SelectRepairMapWindow(const DefectMap& defects, const RepairMapOptions& options) {
  const int w = defects.width, h = defects.height;
  if (options.crop < 0 || options.crop > kRepairMapMaxWindow) {
    throw std::invalid_argument("crop " + std::to_string(options.crop) + " is not 0.." +
                                std::to_string(kRepairMapMaxWindow) + " tiles");
  }
  int edge = options.crop;
  if (edge == 0)
    edge = std::max(w, h) <= kRepairMapWholeWafer ? std::max(w, h) : kRepairMapDefaultCrop;
  RepairMapWindow win;
  win.width = std::min(edge, w);
  win.height = std::min(edge, h);
  if (options.centre_x >= 0 || options.centre_y >= 0) {
    if (options.centre_x < 0 || options.centre_y < 0 || options.centre_x >= w ||
        options.centre_y >= h) {
      throw std::invalid_argument("centre (" + std::to_string(options.centre_x) + "," +
                                  std::to_string(options.centre_y) + ") is outside the " +
                                  std::to_string(w) + "x" + std::to_string(h) + " wafer");
    }
    win.x0 = std::clamp(options.centre_x - win.width / 2, 0, w - win.width);
    win.y0 = std::clamp(options.centre_y - win.height / 2, 0, h - win.height);
    return win;
  }
  if (win.width == w && win.height == h) return win;
  // Densest window: defects per tile in a 2-D prefix sum, every position tried.
  const size_t pw = static_cast<size_t>(w) + 1;
  std::vector<int32_t> sum(pw * (static_cast<size_t>(h) + 1), 0);
  for (const Defect& d : defects.defects) {
    if (d.x >= 0 && d.y >= 0 && d.x < w && d.y < h)
      ++sum[(static_cast<size_t>(d.y) + 1) * pw + static_cast<size_t>(d.x) + 1];
  }
  for (size_t y = 1; y <= static_cast<size_t>(h); ++y)
    for (size_t x = 1; x < pw; ++x)
      sum[y * pw + x] += sum[(y - 1) * pw + x] + sum[y * pw + x - 1] - sum[(y - 1) * pw + x - 1];
  int32_t best = -1;
  for (int y0 = 0; y0 + win.height <= h; ++y0) {
    const size_t top = static_cast<size_t>(y0) * pw,
                 bottom = static_cast<size_t>(y0 + win.height) * pw;
    for (int x0 = 0; x0 + win.width <= w; ++x0) {
      const size_t l = static_cast<size_t>(x0), r = static_cast<size_t>(x0 + win.width);
      const int32_t n = sum[bottom + r] - sum[top + r] - sum[bottom + l] + sum[top + l];
      if (n > best) {
        best = n;
        win.x0 = x0;
        win.y0 = y0;
      }
    }
  }
  // The first best window has its defects on its edge: centre it on them
  // instead (their bounding box fits, so none is lost).
  int lx = w, hx = -1, ly = h, hy = -1;
  for (const Defect& d : defects.defects) {
    if (d.x < win.x0 || d.x >= win.x0 + win.width || d.y < win.y0 || d.y >= win.y0 + win.height)
      continue;
    lx = std::min(lx, d.x);
    hx = std::max(hx, d.x);
    ly = std::min(ly, d.y);
    hy = std::max(hy, d.y);
  }
  if (hx >= 0) {
    win.x0 = std::clamp((lx + hx + 1 - win.width) / 2, 0, w - win.width);
    win.y0 = std::clamp((ly + hy + 1 - win.height) / 2, 0, h - win.height);
  }
  return win;
}

RepairMapFragment RenderRepairMapFragment(const DefectMap& defects, const Repair* repair,
                                          const std::string& title, const RepairMapOptions& options,
                                          const std::string& clip_id) {
  CheckInputs(defects, repair);
  const RepairMapWindow win = SelectRepairMapWindow(defects, options);
  const int W = defects.width, H = defects.height;
  const size_t tiles = static_cast<size_t>(W) * static_cast<size_t>(H);

  // The whole wafer: dead tiles, link defects per tile, the logical tile each
  // physical tile plays (-1: none), and the legend's counts.
  std::vector<uint8_t> dead(tiles, 0), bars(tiles, 0);
  std::vector<std::string> dead_units(tiles);
  for (const Defect& d : defects.defects) {
    const size_t i = static_cast<size_t>(d.y) * static_cast<size_t>(W) + static_cast<size_t>(d.x);
    if (IsDeadUnit(d.unit)) {
      dead[i] = 1;
      dead_units[i] += std::string(dead_units[i].empty() ? "" : ", ") + UnitName(d.unit);
    } else {
      bars[i] |= static_cast<uint8_t>(1u << d.dir);
    }
  }
  std::vector<int32_t> logical(tiles, -1);  // lx of the tile (ly is its row)
  int64_t count[kNumCats] = {}, links[kNumLinkCats] = {};
  if (repair) {
    for (int y = 0; y < H; ++y) {
      const std::vector<int>& row = repair->cols[static_cast<size_t>(y)];
      for (size_t l = 0; l < row.size(); ++l) {
        logical[static_cast<size_t>(y) * static_cast<size_t>(W) + static_cast<size_t>(row[l])] =
            static_cast<int32_t>(l);
        if (l + 1 < row.size()) ++links[row[l + 1] - row[l] == 1 ? kStraight : kSkip];
        if (y + 1 < H)
          ++links[row[l] == repair->cols[static_cast<size_t>(y) + 1][l] ? kStraight : kDiagonal];
      }
    }
  }
  for (size_t i = 0; i < tiles; ++i) {
    if (dead[i]) {
      ++count[logical[i] >= 0 ? kDeadUsed : kDead];
    } else {
      ++count[logical[i] >= 0 ? kUsed : kSpare];
    }
    for (int side = 0; side < 4; ++side) count[kLinkBar] += (bars[i] >> side) & 1;
  }

  // Layout in pixels.
  const int cw = win.width, ch = win.height;
  const double s = std::min(28.0, 800.0 / std::max(cw, ch));  // pixels per tile
  const double left = 48, top = 80, mw = cw * s, mh = ch * s;
  const double legend_top = top + mh + 26, row_px = 18;
  const int legend_rows = int{kNumCats} + int{kNumLinkCats} + 1;
  const double width = std::max(left + mw + 24, 520.0);
  const double height = legend_top + legend_rows * row_px + 8;
  const bool detail = static_cast<int64_t>(cw) * ch <= kRepairMapDetailTiles;

  RepairMapFragment frag;
  frag.width = width;
  frag.height = height;
  frag.window = win;
  frag.left = left;
  frag.top = top;
  frag.tile_px = s;
  std::string& out = frag.svg;
  out.reserve(8192 + static_cast<size_t>(cw) * static_cast<size_t>(ch) * (detail ? 200 : 60));
  out += "<text x=\"" + Num(width / 2) + "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">" +
         Escape(title) + "</text>\n";
  std::string grid = "no logical grid";
  if (repair) {
    grid = "logical " + std::to_string(repair->width) + "x" + std::to_string(repair->height) +
           (repair->degraded() ? " DEGRADED (full " + std::to_string(repair->full_width) + ")"
                               : " full");
  }
  out += "<text x=\"" + Num(width / 2) + "\" y=\"40\" text-anchor=\"middle\">physical " +
         std::to_string(W) + "x" + std::to_string(H) + ", " + grid + "</text>\n";
  const bool whole = cw == W && ch == H;
  out += "<text x=\"" + Num(width / 2) + "\" y=\"56\" text-anchor=\"middle\" fill=\"#444\">" +
         (whole ? std::string("whole wafer")
                : "window x " + std::to_string(win.x0) + ".." + std::to_string(win.x0 + cw - 1) +
                      ", y " + std::to_string(win.y0) + ".." + std::to_string(win.y0 + ch - 1) +
                      (options.centre_x < 0 ? " (around the densest defects)" : "")) +
         "</text>\n";

  // Physical coordinates along the top and down the left side.
  const int step = svg::LabelStep(s, 28);
  out += "<g font-size=\"10\" fill=\"#444\">\n";
  for (int x = win.x0 - win.x0 % step + (win.x0 % step ? step : 0); x < win.x0 + cw; x += step) {
    out += "<text x=\"" + Num(left + (x - win.x0 + 0.5) * s) + "\" y=\"" + Num(top - 6) +
           "\" text-anchor=\"middle\">" + std::to_string(x) + "</text>\n";
  }
  for (int y = win.y0 - win.y0 % step + (win.y0 % step ? step : 0); y < win.y0 + ch; y += step) {
    out += "<text x=\"" + Num(left - 6) + "\" y=\"" + Num(top + (y - win.y0 + 0.5) * s + 3.5) +
           "\" text-anchor=\"end\">" + std::to_string(y) + "</text>\n";
  }
  out += "</g>\n";

  // The window in tile units, clipped so links leaving it stop at its edge.
  const std::string id = Escape(clip_id);
  out += "<defs><clipPath id=\"" + id + "\"><rect width=\"" + std::to_string(cw) + "\" height=\"" +
         std::to_string(ch) + "\"/></clipPath></defs>\n";
  out += "<g transform=\"translate(" + Num(left) + " " + Num(top) + ") scale(" + Num(s) +
         ")\" clip-path=\"url(#" + id + ")\">\n";
  svg::RectBatch fills(kCats, kNumCats, detail);
  std::string labels;
  const bool text = s >= 12;
  for (int y = win.y0; y < win.y0 + ch; ++y) {
    for (int x = win.x0; x < win.x0 + cw; ++x) {
      const size_t i = static_cast<size_t>(y) * static_cast<size_t>(W) + static_cast<size_t>(x);
      const int lx = logical[i];
      const Cat c = dead[i] ? (lx >= 0 ? kDeadUsed : kDead) : (lx >= 0 ? kUsed : kSpare);
      std::string tip;
      if (detail) {
        tip = "(" + std::to_string(x) + "," + std::to_string(y) + ") ";
        if (lx >= 0) tip += "logical (" + std::to_string(lx) + "," + std::to_string(y) + ")";
        if (dead[i]) tip += std::string(lx >= 0 ? ", " : "") + "dead: " + dead_units[i];
        if (lx < 0 && !dead[i]) tip += "spare";
        for (int side = 0; side < 4; ++side)
          if ((bars[i] >> side) & 1) tip += std::string(", link ") + DirName(side) + " defect";
      }
      fills.Add(c, x - win.x0, y - win.y0, 1, 1, tip);
      if (text && lx >= 0) {
        const double cx = x - win.x0 + 0.5, cy = y - win.y0 + 0.5;
        labels += "<text x=\"" + Num(cx) + "\" y=\"" + Num(cy - 0.06) + "\">" + std::to_string(lx) +
                  "</text><text x=\"" + Num(cx) + "\" y=\"" + Num(cy + 0.3) + "\">" +
                  std::to_string(y) + "</text>\n";
      }
    }
  }
  fills.FlushTo(out);
  // Tile borders.
  {
    std::string d;
    for (int x = 1; x < cw; ++x) d += "M" + std::to_string(x) + " 0V" + std::to_string(ch);
    for (int y = 1; y < ch; ++y) d += "M0 " + std::to_string(y) + "H" + std::to_string(cw);
    if (!d.empty())
      out += "<path d=\"" + d + "\" fill=\"none\" stroke=\"white\" stroke-width=\"" + Num(1.5 / s) +
             "\"/>\n";
  }
  // Link defects: a bar on the side the wires leave from.
  svg::RectBatch link_bars(kCats, kNumCats, false);
  for (int y = win.y0; y < win.y0 + ch; ++y) {
    for (int x = win.x0; x < win.x0 + cw; ++x) {
      const uint8_t b =
          bars[static_cast<size_t>(y) * static_cast<size_t>(W) + static_cast<size_t>(x)];
      for (int side = 0; side < 4; ++side) {
        if (!((b >> side) & 1)) continue;
        const double bx = x - win.x0 + (side == 1 ? 1 - kBar : 0),
                     by = y - win.y0 + (side == 2 ? 1 - kBar : 0);
        const bool vertical = side == 1 || side == 3;
        link_bars.Add(kLinkBar, bx, by, vertical ? kBar : 1, vertical ? 1 : kBar, "");
      }
    }
  }
  link_bars.FlushTo(out);
  // The logical mesh: centre to centre, from every logical tile near the
  // window to its east and south neighbours.
  if (repair) {
    std::string paths[kNumLinkCats];
    auto near = [&](int x) {
      return x >= win.x0 - fw::kSkipReach - 1 && x <= win.x0 + cw + fw::kSkipReach;
    };
    auto seg = [&](LinkCat c, int x1, int y1, int x2, int y2) {
      paths[c] += "M" + Num(x1 - win.x0 + 0.5) + " " + Num(y1 - win.y0 + 0.5) + "L" +
                  Num(x2 - win.x0 + 0.5) + " " + Num(y2 - win.y0 + 0.5);
    };
    for (int y = std::max(0, win.y0 - 1); y < std::min(H, win.y0 + ch); ++y) {
      const std::vector<int>& row = repair->cols[static_cast<size_t>(y)];
      for (size_t l = 0; l < row.size(); ++l) {
        if (!near(row[l])) continue;
        if (y >= win.y0 && l + 1 < row.size())
          seg(row[l + 1] - row[l] == 1 ? kStraight : kSkip, row[l], y, row[l + 1], y);
        if (y + 1 < H) {
          const int below = repair->cols[static_cast<size_t>(y) + 1][l];
          seg(below == row[l] ? kStraight : kDiagonal, row[l], y, below, y + 1);
        }
      }
    }
    for (int c = 0; c < kNumLinkCats; ++c) {
      if (paths[c].empty()) continue;
      out += std::string("<path class=\"") + kLinks[c].cls + "\" d=\"" + paths[c] +
             "\" fill=\"none\" stroke=\"" + kLinks[c].colour + "\" stroke-width=\"" +
             Num(c == kStraight ? 0.05 : 0.12) + "\" stroke-linecap=\"round\"/>\n";
    }
  }
  if (!labels.empty()) {
    out += "<g font-size=\"0.3\" text-anchor=\"middle\" fill=\"#123\">\n" + labels + "</g>\n";
  }
  out += "<rect width=\"" + std::to_string(cw) + "\" height=\"" + std::to_string(ch) +
         "\" fill=\"none\" stroke=\"#666\" stroke-width=\"" + Num(1.0 / s) + "\"/>\n</g>\n";

  // Legend: counts over the whole wafer, not just the window.
  out += "<g>\n";
  int r = 0;
  for (int c = 0; c < kNumCats; ++c, ++r) {
    const double y = legend_top + r * row_px;
    out += std::string("<rect fill=\"") + kCats[c].colour + "\" x=\"" + Num(left) + "\" y=\"" +
           Num(y) + "\" width=\"12\" height=\"12\" stroke=\"#666\" stroke-width=\"0.5\"/>";
    out += "<text x=\"" + Num(left + 18) + "\" y=\"" + Num(y + 10) + "\">" +
           Escape(kCats[c].label) + ": " + std::to_string(count[c]) + "</text>\n";
  }
  for (int c = 0; c < kNumLinkCats; ++c, ++r) {
    const double y = legend_top + r * row_px;
    out += "<line x1=\"" + Num(left) + "\" y1=\"" + Num(y + 6) + "\" x2=\"" + Num(left + 12) +
           "\" y2=\"" + Num(y + 6) + "\" stroke=\"" + kLinks[c].colour + "\" stroke-width=\"" +
           (c == kStraight ? "1.5" : "3") + "\"/>";
    out += "<text x=\"" + Num(left + 18) + "\" y=\"" + Num(y + 10) + "\">" +
           Escape(kLinks[c].label) + ": " + std::to_string(links[c]) + "</text>\n";
  }
  out += "<text x=\"" + Num(left) + "\" y=\"" + Num(legend_top + r * row_px + 10) +
         "\" fill=\"#444\">counts are over the whole wafer</text>\n</g>\n";
  return frag;
}

std::string RenderRepairMapSvg(const DefectMap& defects, const Repair* repair,
                               const std::string& title, const RepairMapOptions& options) {
  const RepairMapFragment frag = RenderRepairMapFragment(defects, repair, title, options, "win");
  std::string out;
  out.reserve(frag.svg.size() + 512);
  out += svg::Open(frag.width, frag.height);
  out += frag.svg;
  out += "</svg>\n";
  return out;
}

void WriteRepairMapSvg(const std::string& path, const DefectMap& defects, const Repair* repair,
                       const std::string& title, const RepairMapOptions& options) {
  util::WriteFileAtomic(path, RenderRepairMapSvg(defects, repair, title, options));
}

}  // namespace wse::fw
