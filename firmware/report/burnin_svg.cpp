#include "firmware/report/burnin_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>

#include "firmware/report/repair_map_svg.h"
#include "firmware/report/svg_text.h"
#include "util/atomic_file.h"

namespace wse::fw {
namespace {

using svg::Escape;
using svg::Num;

// ---------------------------------------------------------------------------
// Timeline layout, pixels. The plot spans [kPlotLeft, kPlotRight]; the bands
// stack from kTempTop down to the cycle axis at kIterBottom.
constexpr double kWidth = 1000, kPlotLeft = 96, kPlotRight = kWidth - 76;
constexpr double kTempTop = 64, kTempBottom = 214;
constexpr double kFailTop = 224, kFailBottom = 274;
constexpr double kIterTop = 282, kIterBottom = 312;
constexpr double kLegendTop = 372, kRowPx = 18;
constexpr int kFailLanes = 3;        // marker rows in the failure band
constexpr double kMarkerRadius = 6;  // half a marker's size
constexpr double kMarkerGap = 13;    // markers closer than this go to another lane

// Colours of the failure classes, indexed by FailureClass.
constexpr const char* kClassColour[kNumFailureClasses] = {"#b2182b", "#e08214", "#2166ac",
                                                          "#7b3294", "#4d4d4d"};
constexpr const char* kFailedOutline = "#e0201b";
constexpr const char* kTempColour = "#d94801";
constexpr const char* kHatchId = "burnin-hatch";
constexpr double kTempLimit = 1e300;  // degrees; larger magnitudes are drawn at it

// The timeline entries drawn as vertical lines.
struct EventStyle {
  const char* kind;
  const char* colour;
  const char* width;
  const char* dash;  // empty: solid
  const char* label;
};
constexpr EventStyle kEvents[] = {
    {"checkpoint", "#969696", "1", "2 3", "checkpoint"},
    {"remap", "#08519c", "1.5", "", "remap"},
    {"map_out", "#e0201b", "1.5", "6 3", "map out"},
};

// Kernel colours: the four of docs/burnin.md, then others in order of
// first appearance.
struct Rgb {
  int r, g, b;
};
constexpr std::pair<const char*, Rgb> kKnownKernels[] = {
    {"gemv", {0x1f, 0x77, 0xb4}},
    {"stencil", {0x2c, 0xa0, 0x2c}},
    {"allreduce", {0x94, 0x67, 0xbd}},
    {"traffic", {0xbc, 0xbd, 0x22}},
};
constexpr Rgb kOtherKernels[] = {
    {0x8c, 0x56, 0x4b}, {0x17, 0xbe, 0xcf}, {0xe3, 0x77, 0xc2}, {0x7f, 0x7f, 0x7f}};

std::string Hex(Rgb c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r & 0xff, c.g & 0xff, c.b & 0xff);
  return buf;
}

// `c` a third of the way from white: the fill of an iteration not committed.
Rgb Pale(Rgb c) {
  auto mix = [](int v) { return 255 - (255 - v) * 35 / 100; };
  return {mix(c.r), mix(c.g), mix(c.b)};
}

struct Kernel {
  std::string name;
  Rgb colour;
  int iterations = 0, committed = 0;
};

std::vector<Kernel> KernelsOf(const std::vector<IterationRecord>& its) {
  std::vector<Kernel> ks;
  size_t others = 0;
  for (const IterationRecord& it : its) {
    auto k =
        std::find_if(ks.begin(), ks.end(), [&](const Kernel& x) { return x.name == it.kernel; });
    if (k == ks.end()) {
      Kernel n;
      n.name = it.kernel;
      n.colour = kOtherKernels[others % std::size(kOtherKernels)];
      bool known = false;
      for (const auto& [name, rgb] : kKnownKernels) {
        if (it.kernel == name) {
          n.colour = rgb;
          known = true;
        }
      }
      if (!known) ++others;
      ks.push_back(n);
      k = ks.end() - 1;
    }
    ++k->iterations;
    if (it.committed) ++k->committed;
  }
  return ks;
}

/// Cycles as an axis label: 950, 50k, 1.5M, 2G.
std::string CycleLabel(uint64_t v) {
  const double d = static_cast<double>(v);
  if (v < 1000) return std::to_string(v);
  if (v < 1000000) return Num(d / 1e3) + "k";
  if (v < 1000000000) return Num(d / 1e6) + "M";
  return Num(d / 1e9) + "G";
}

/// The smallest 1, 2 or 5 x 10^k cycles with at most `ticks` steps in `span`.
uint64_t CycleStep(uint64_t span, int ticks) {
  uint64_t decade = 1;
  for (int e = 0; e < 19; ++e, decade *= 10) {
    for (uint64_t m : {1, 2, 5}) {
      if (static_cast<double>(m) * static_cast<double>(decade) * ticks >= static_cast<double>(span))
        return m * decade;
    }
  }
  return decade;
}

/// The smallest 1, 2 or 5 x 10^k with at most `ticks` steps in `range`.
double ValueStep(double range, int ticks) {
  if (!(range > 0) || !std::isfinite(range)) return 1;
  double decade = std::pow(10.0, std::floor(std::log10(range / ticks)));
  for (;; decade *= 10) {
    for (double m : {1.0, 2.0, 5.0}) {
      if (m * decade * ticks >= range) return m * decade;
    }
  }
}

// Maps cycles to x pixels over the run.
class CycleAxis {
 public:
  CycleAxis(uint64_t start, uint64_t end)
      : start_(static_cast<double>(start)),
        span_(end > start ? static_cast<double>(end - start) : 1.0) {}
  double X(double cycle) const {
    const double f = std::clamp((cycle - start_) / span_, 0.0, 1.0);
    return kPlotLeft + f * (kPlotRight - kPlotLeft);
  }
  double X(uint64_t cycle) const { return X(static_cast<double>(cycle)); }

 private:
  double start_, span_;
};

// "1 tile", "2 tiles".
std::string Count(size_t n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string Tile(int x, int y, int dir) {
  if (x < 0 || y < 0) return "no tile";
  std::string t = "(" + std::to_string(x) + "," + std::to_string(y) + ")";
  if (dir >= 0) t += std::string(" ") + DirName(dir);
  return t;
}

std::string FailureTip(const FailureRecord& f, uint64_t end_cycle) {
  std::string t = "failure " + std::to_string(f.id) + ": " + FailureClassName(f.cls) + " at " +
                  Tile(f.x, f.y, f.dir) + ", cycle " + std::to_string(f.detected_cycle);
  if (!f.symptom.empty()) t += ", " + f.symptom;
  if (!f.kernel.empty()) t += " in " + f.kernel;
  if (!f.diagnosis.empty()) t += "\ndiagnosis: " + f.diagnosis;
  if (!f.suspects.empty()) {
    t += "\nsuspects:";
    for (const auto& [sx, sy] : f.suspects) t += " " + Tile(sx, sy, -1);
  }
  if (!f.action.empty()) t += "\naction: " + f.action;
  if (f.resumed_cycle >= f.detected_cycle) {
    t += "\nresumed at cycle " + std::to_string(f.resumed_cycle) + " (reintegration " +
         std::to_string(f.reintegration_cycles) + " cycles, " + std::to_string(f.lost_cycles) +
         " lost)";
  } else {
    t += "\nno resumption recorded before the end at cycle " + std::to_string(end_cycle);
  }
  return t;
}

// A marker of class `c` centred on (x, y), with `tip` as its tooltip.
std::string Marker(FailureClass c, double x, double y, const std::string& tip,
                   const std::string& cls_attr) {
  const int ci = static_cast<int>(c);
  const char* colour = kClassColour[ci];
  const double r = kMarkerRadius;
  std::string shape;
  switch (c) {
    case FailureClass::kPermanent:  // square
      shape = "<rect x=\"" + Num(x - r * 0.85) + "\" y=\"" + Num(y - r * 0.85) + "\" width=\"" +
              Num(r * 1.7) + "\" height=\"" + Num(r * 1.7) + "\"";
      break;
    case FailureClass::kMarginal:  // diamond
      shape = "<path d=\"M" + Num(x) + " " + Num(y - r) + "L" + Num(x + r) + " " + Num(y) + "L" +
              Num(x) + " " + Num(y + r) + "L" + Num(x - r) + " " + Num(y) + "Z\"";
      break;
    case FailureClass::kTransient:  // circle
      shape = "<circle cx=\"" + Num(x) + "\" cy=\"" + Num(y) + "\" r=\"" + Num(r * 0.85) + "\"";
      break;
    case FailureClass::kLink:  // triangle, point up
      shape = "<path d=\"M" + Num(x) + " " + Num(y - r) + "L" + Num(x + r) + " " +
              Num(y + r * 0.8) + "L" + Num(x - r) + " " + Num(y + r * 0.8) + "Z\"";
      break;
    case FailureClass::kStall:  // triangle, point down
      shape = "<path d=\"M" + Num(x) + " " + Num(y + r) + "L" + Num(x + r) + " " +
              Num(y - r * 0.8) + "L" + Num(x - r) + " " + Num(y - r * 0.8) + "Z\"";
      break;
  }
  shape += std::string(" fill=\"") + colour + "\" stroke=\"white\" stroke-width=\"1\"/>";
  std::string out = "<g class=\"" + cls_attr + "\">";
  if (!tip.empty()) out += "<title>" + Escape(tip) + "</title>";
  return out + shape + "</g>\n";
}

// The temperature profile within [start, end]: the points inside, plus the
// profile interpolated at the run's edges where a segment crosses them.
std::vector<std::pair<double, double>> VisibleProfile(
    const std::vector<std::pair<uint64_t, double>>& temperature, uint64_t start, uint64_t end) {
  std::vector<std::pair<uint64_t, double>> pts;
  for (const auto& p : temperature)
    if (std::isfinite(p.second)) pts.push_back(p);
  std::stable_sort(pts.begin(), pts.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<double, double>> vis;
  auto at = [](const std::pair<uint64_t, double>& a, const std::pair<uint64_t, double>& b,
               uint64_t c) {
    const double f = static_cast<double>(c - a.first) / static_cast<double>(b.first - a.first);
    return std::make_pair(static_cast<double>(c), a.second * (1 - f) + b.second * f);
  };
  for (size_t i = 0; i < pts.size(); ++i) {
    const uint64_t c = pts[i].first;
    if (i > 0) {
      const uint64_t pc = pts[i - 1].first;
      if (pc < start && c > start) vis.push_back(at(pts[i - 1], pts[i], start));
      if (pc < end && c > end && end != start) vis.push_back(at(pts[i - 1], pts[i], end));
    }
    if (c >= start && c <= end) vis.emplace_back(static_cast<double>(c), pts[i].second);
  }
  // Beyond any real temperature, but keeps the axis arithmetic finite.
  for (auto& p : vis) p.second = std::clamp(p.second, -kTempLimit, kTempLimit);
  return vis;
}

std::string LegendSwatch(double x, double y, const std::string& fill, const std::string& extra) {
  return "<rect x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" width=\"14\" height=\"12\" fill=\"" +
         fill + "\"" + extra + "/>";
}

std::string LegendText(double x, double y, const std::string& text) {
  return "<text x=\"" + Num(x + 20) + "\" y=\"" + Num(y + 10) + "\">" + Escape(text) + "</text>\n";
}

// ---------------------------------------------------------------------------
// Maps.

// `map`, or a clean wafer of the report's size when it was left empty.
DefectMap OrClean(const DefectMap& map, const BurnInReport& r) {
  if (map.width != 0 || map.height != 0 || !map.defects.empty()) return map;
  DefectMap clean = map;
  clean.width = r.phys_width;
  clean.height = r.phys_height;
  return clean;
}

bool IsUnset(const Repair& repair) {
  return repair.phys_width == 0 && repair.phys_height == 0 && repair.cols.empty();
}

// Outlines the tiles of `tiles` inside the fragment's window; returns how
// many were drawn.
int OutlineTiles(const RepairMapFragment& f, const std::vector<std::pair<int, int>>& tiles,
                 std::string* out) {
  const double s = f.tile_px, sw = std::max(2.0, s * 0.14);
  int drawn = 0;
  for (const auto& [x, y] : tiles) {
    if (x < f.window.x0 || y < f.window.y0 || x >= f.window.x0 + f.window.width ||
        y >= f.window.y0 + f.window.height)
      continue;
    ++drawn;
    const double px = f.left + (x - f.window.x0) * s, py = f.top + (y - f.window.y0) * s;
    *out += "<rect class=\"mapped-out\" x=\"" + Num(px + sw / 2) + "\" y=\"" + Num(py + sw / 2) +
            "\" width=\"" + Num(s - sw) + "\" height=\"" + Num(s - sw) +
            "\" fill=\"none\" stroke=\"#0050ff\" stroke-width=\"" + Num(sw) + "\"><title>(" +
            std::to_string(x) + "," + std::to_string(y) +
            ") mapped out during the burn-in</title></rect>\n";
  }
  return drawn;
}

}  // namespace

std::string RenderBurnInTimelineSvg(const BurnInReport& r,
                                    const std::vector<std::pair<uint64_t, double>>& temperature,
                                    const std::string& title) {
  const uint64_t start = r.start_cycle, end = std::max(r.end_cycle, r.start_cycle);
  const CycleAxis axis(start, end);
  const std::vector<Kernel> kernels = KernelsOf(r.iterations);
  int class_count[kNumFailureClasses] = {};
  for (const FailureRecord& f : r.failures) {
    const int c = static_cast<int>(f.cls);
    if (c >= 0 && c < kNumFailureClasses) ++class_count[c];
  }
  int event_count[std::size(kEvents)] = {};
  for (const TimelineEntry& e : r.timeline)
    for (size_t k = 0; k < std::size(kEvents); ++k)
      if (e.kind == kEvents[k].kind) ++event_count[k];

  // Legend: three columns, iterations / failures / lines.
  const int col1 = static_cast<int>(kernels.size()) + 2, col2 = kNumFailureClasses + 1,
            col3 = static_cast<int>(std::size(kEvents)) + 1;
  const int legend_rows = 1 + std::max({col1, col2, col3});
  const double height = kLegendTop + legend_rows * kRowPx + 10;

  std::string out;
  out.reserve(16384 + r.iterations.size() * 260 + r.failures.size() * 600 +
              r.timeline.size() * 160 + temperature.size() * 24);
  out += svg::Open(kWidth, height);
  out += "<defs><pattern id=\"" + std::string(kHatchId) +
         "\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
         "patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" "
         "stroke=\"#444\" stroke-width=\"1.2\"/></pattern></defs>\n";
  out += "<text x=\"" + Num(kWidth / 2) + "\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">" +
         Escape(title) + "</text>\n";
  std::string sub = "cycles " + std::to_string(start) + ".." + std::to_string(end) + ", " +
                    Count(r.iterations.size(), "iteration") + " (" + std::to_string(r.committed) +
                    " committed, " + std::to_string(r.discarded) + " discarded), " +
                    Count(r.failures.size(), "failure") + ", " +
                    Count(static_cast<size_t>(std::max(r.remaps, 0)), "remap") + ", " +
                    Count(r.mapped_out.size(), "tile") + " mapped out";
  if (!r.stopped.empty()) sub += "; stopped: " + r.stopped;
  out += "<text x=\"" + Num(kWidth / 2) + "\" y=\"44\" text-anchor=\"middle\" fill=\"#444\">" +
         Escape(sub) + "</text>\n";

  // Frames of the bands and their names.
  out += "<g fill=\"#f7f7f7\" stroke=\"#bbb\" stroke-width=\"0.5\">\n";
  for (const auto& [top, bottom] :
       {std::pair{kTempTop, kTempBottom}, std::pair{kFailTop, kFailBottom},
        std::pair{kIterTop, kIterBottom}}) {
    out += "<rect x=\"" + Num(kPlotLeft) + "\" y=\"" + Num(top) + "\" width=\"" +
           Num(kPlotRight - kPlotLeft) + "\" height=\"" + Num(bottom - top) + "\"/>\n";
  }
  out += "</g>\n<g text-anchor=\"end\" fill=\"#333\">\n";
  out += "<text x=\"" + Num(kPlotLeft - 8) + "\" y=\"" + Num((kFailTop + kFailBottom) / 2 + 4) +
         "\">failures</text>\n";
  out += "<text x=\"" + Num(kPlotLeft - 8) + "\" y=\"" + Num((kIterTop + kIterBottom) / 2 + 4) +
         "\">iterations</text>\n</g>\n";

  // Cycle axis: ticks, labels and grid lines through the bands.
  {
    const uint64_t step = CycleStep(end - start, 8);
    uint64_t first = start / step * step;
    if (first < start) first += step;
    std::string grid, labels;
    for (uint64_t c = first; c <= end; c += step) {
      const double x = axis.X(c);
      grid += "M" + Num(x) + " " + Num(kTempTop) + "V" + Num(kIterBottom + 5);
      labels += "<text x=\"" + Num(x) + "\" y=\"" + Num(kIterBottom + 18) + "\">" + CycleLabel(c) +
                "</text>\n";
      if (end - c < step) break;  // the next tick would pass the end (or wrap)
    }
    out += "<path class=\"cycle-grid\" d=\"" + grid +
           "\" fill=\"none\" stroke=\"#ddd\" stroke-width=\"0.7\"/>\n";
    out += "<g class=\"cycle-labels\" text-anchor=\"middle\" font-size=\"11\" fill=\"#333\">\n" +
           labels + "</g>\n";
    out += "<text x=\"" + Num((kPlotLeft + kPlotRight) / 2) + "\" y=\"" + Num(kIterBottom + 38) +
           "\" text-anchor=\"middle\">wafer cycle</text>\n";
  }

  // Temperature on the right-hand axis.
  const std::vector<std::pair<double, double>> vis = VisibleProfile(temperature, start, end);
  if (!vis.empty()) {
    double tmin = vis[0].second, tmax = tmin;
    for (const auto& p : vis) {
      tmin = std::min(tmin, p.second);
      tmax = std::max(tmax, p.second);
    }
    // At least a degree (or a millionth of the values) from bottom to top.
    double lo = tmin, hi = tmax;
    const double pad = std::max(0.5, 1e-6 * std::max(std::abs(tmin), std::abs(tmax)));
    if (hi - lo < 2 * pad) {
      const double mid = tmin / 2 + tmax / 2;
      lo = mid - pad;
      hi = mid + pad;
    }
    const double tstep = ValueStep(hi - lo, 4);
    lo = std::floor(lo / tstep) * tstep;
    hi = std::ceil(hi / tstep) * tstep;
    if (hi <= lo) hi = lo + tstep;
    auto ty = [&](double t) {
      return kTempBottom - (t - lo) / (hi - lo) * (kTempBottom - kTempTop);
    };
    std::string grid, labels;
    const int nticks = std::min(20, static_cast<int>(std::lround((hi - lo) / tstep)));
    for (int i = 0; i <= nticks; ++i) {
      const double t = lo + i * tstep, y = ty(t);
      grid += "M" + Num(kPlotLeft) + " " + Num(y) + "H" + Num(kPlotRight + 5);
      labels += "<text x=\"" + Num(kPlotRight + 8) + "\" y=\"" + Num(y + 4) + "\">" +
                Num(std::abs(t) < tstep * 1e-9 ? 0.0 : t) + "</text>\n";
    }
    out += "<path class=\"temperature-grid\" d=\"" + grid +
           "\" fill=\"none\" stroke=\"#e4e4e4\" stroke-width=\"0.7\"/>\n";
    out += "<g class=\"temperature-axis\" font-size=\"11\" fill=\"" + std::string(kTempColour) +
           "\">\n" + labels + "</g>\n";
    const double ax = kWidth - 14, ay = (kTempTop + kTempBottom) / 2;
    out += "<text x=\"" + Num(ax) + "\" y=\"" + Num(ay) + "\" transform=\"rotate(90 " + Num(ax) +
           " " + Num(ay) + ")\" text-anchor=\"middle\" fill=\"" + kTempColour +
           "\">temperature (\u00b0C)</text>\n";
    const std::string tip = "temperature " + Num(tmin) + ".." + Num(tmax) +
                            " \u00b0C over cycles " +
                            std::to_string(static_cast<uint64_t>(vis.front().first)) + ".." +
                            std::to_string(static_cast<uint64_t>(vis.back().first));
    if (vis.size() == 1) {
      out += "<circle class=\"temperature\" cx=\"" + Num(axis.X(vis[0].first)) + "\" cy=\"" +
             Num(ty(vis[0].second)) + "\" r=\"3\" fill=\"" + kTempColour + "\"><title>" +
             Escape(tip) + "</title></circle>\n";
    } else {
      std::string pts;
      for (const auto& [c, t] : vis)
        pts += (pts.empty() ? "" : " ") + Num(axis.X(c)) + "," + Num(ty(t));
      out += "<polyline class=\"temperature\" points=\"" + pts + "\" fill=\"none\" stroke=\"" +
             kTempColour + "\" stroke-width=\"1.8\" stroke-linejoin=\"round\"><title>" +
             Escape(tip) + "</title></polyline>\n";
    }
  } else {
    out += "<text x=\"" + Num((kPlotLeft + kPlotRight) / 2) + "\" y=\"" +
           Num((kTempTop + kTempBottom) / 2) + "\" text-anchor=\"middle\" fill=\"#888\">" +
           (temperature.empty() ? "no temperature profile"
                                : "no temperature within the run's cycles") +
           "</text>\n";
  }

  // Reintegration spans, under the markers and bars.
  out += "<g class=\"reintegrations\">\n";
  for (const FailureRecord& f : r.failures) {
    const int c = static_cast<int>(f.cls);
    if (c < 0 || c >= kNumFailureClasses) continue;
    const bool resumed = f.resumed_cycle >= f.detected_cycle;
    const double x0 = axis.X(f.detected_cycle), x1 = axis.X(resumed ? f.resumed_cycle : end);
    out += "<rect class=\"reintegration\" x=\"" + Num(x0) + "\" y=\"" + Num(kFailTop) +
           "\" width=\"" + Num(std::max(x1 - x0, 1.0)) + "\" height=\"" +
           Num(kIterBottom - kFailTop) + "\" fill=\"" + kClassColour[c] +
           "\" fill-opacity=\"0.16\"><title>" +
           Escape("failure " + std::to_string(f.id) + " reintegration: cycles " +
                  std::to_string(f.detected_cycle) + ".." +
                  (resumed ? std::to_string(f.resumed_cycle) : "end (not resumed)")) +
           "</title></rect>\n";
  }
  out += "</g>\n";

  // Iterations.
  out += "<g class=\"iterations\">\n";
  for (const IterationRecord& it : r.iterations) {
    const Kernel& k = *std::find_if(kernels.begin(), kernels.end(),
                                    [&](const Kernel& x) { return x.name == it.kernel; });
    const double x0 = axis.X(it.start_cycle), x1 = axis.X(std::max(it.end_cycle, it.start_cycle));
    const double w = std::max(x1 - x0, 1.0), y = kIterTop + 3, h = kIterBottom - kIterTop - 6;
    const std::string geom = " x=\"" + Num(x0) + "\" y=\"" + Num(y) + "\" width=\"" + Num(w) +
                             "\" height=\"" + Num(h) + "\"";
    const std::string stroke =
        it.ok ? std::string(" stroke=\"white\" stroke-width=\"0.5\"")
              : std::string(" stroke=\"") + kFailedOutline + "\" stroke-width=\"1.5\"";
    std::string cls = it.committed ? "iteration committed" : "iteration uncommitted";
    if (!it.ok) cls += " failed";
    out +=
        "<g class=\"" + cls + "\"><title>" +
        Escape("iteration " + std::to_string(it.index) + " " + it.kernel + ", cycles " +
               std::to_string(it.start_cycle) + ".." + std::to_string(it.end_cycle) + ", " +
               (it.ok ? "ok" : "failed") + ", " + (it.committed ? "committed" : "not committed")) +
        "</title>";
    if (it.committed) {
      out += "<rect" + geom + " fill=\"" + Hex(k.colour) + "\"" + stroke + "/>";
    } else {
      out += "<rect" + geom + " fill=\"" + Hex(Pale(k.colour)) + "\"/><rect" + geom +
             " fill=\"url(#" + kHatchId + ")\"" + stroke + "/>";
    }
    out += "</g>\n";
  }
  out += "</g>\n";

  // Checkpoints, remaps and map-outs.
  out += "<g class=\"events\">\n";
  for (const TimelineEntry& e : r.timeline) {
    for (const EventStyle& st : kEvents) {
      if (e.kind != st.kind) continue;
      const double x = axis.X(e.cycle);
      out += std::string("<line class=\"event ") + st.kind + "\" x1=\"" + Num(x) + "\" y1=\"" +
             Num(kTempTop) + "\" x2=\"" + Num(x) + "\" y2=\"" + Num(kIterBottom) + "\" stroke=\"" +
             st.colour + "\" stroke-width=\"" + st.width + "\"" +
             (*st.dash ? std::string(" stroke-dasharray=\"") + st.dash + "\"" : std::string()) +
             "><title>" +
             Escape(std::string(st.label) + " at cycle " + std::to_string(e.cycle) +
                    (e.text.empty() ? "" : ": " + e.text)) +
             "</title></line>\n";
    }
  }
  out += "</g>\n";

  // Failure markers in detection order, spread over lanes where they crowd.
  {
    std::vector<size_t> order(r.failures.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return r.failures[a].detected_cycle < r.failures[b].detected_cycle;
    });
    double last[kFailLanes];
    std::fill(std::begin(last), std::end(last), -1e9);
    const double lane_h = (kFailBottom - kFailTop) / kFailLanes;
    out += "<g class=\"failures\">\n";
    for (size_t i : order) {
      const FailureRecord& f = r.failures[i];
      const int c = static_cast<int>(f.cls);
      if (c < 0 || c >= kNumFailureClasses) continue;
      const double x = axis.X(f.detected_cycle);
      int lane = 0;
      for (int l = 0; l < kFailLanes; ++l) {
        if (last[l] + kMarkerGap <= x) {
          lane = l;
          break;
        }
        if (last[l] < last[lane]) lane = l;
      }
      last[lane] = x;
      constexpr int kLaneRow[kFailLanes] = {1, 0, 2};  // the middle row first
      out += Marker(f.cls, x, kFailTop + lane_h * (kLaneRow[lane] + 0.5), FailureTip(f, end),
                    std::string("failure ") + FailureClassName(f.cls));
    }
    out += "</g>\n";
  }

  // Legend.
  out += "<g class=\"legend\">\n";
  const double cx[3] = {kPlotLeft, kPlotLeft + 290, kPlotLeft + 580};
  out += "<g font-weight=\"bold\">" + LegendText(cx[0] - 20, kLegendTop - 2, "iterations") +
         LegendText(cx[1] - 20, kLegendTop - 2, "failures") +
         LegendText(cx[2] - 20, kLegendTop - 2, "lines") + "</g>\n";
  double y = kLegendTop + kRowPx;
  for (const Kernel& k : kernels) {
    out += LegendSwatch(cx[0], y, Hex(k.colour), "") +
           LegendText(cx[0], y,
                      (k.name.empty() ? std::string("(no kernel)") : k.name) + ": " +
                          std::to_string(k.iterations) + " (" + std::to_string(k.committed) +
                          " committed)");
    y += kRowPx;
  }
  out += LegendSwatch(cx[0], y, Hex(Pale({0x7f, 0x7f, 0x7f})), "") +
         LegendSwatch(cx[0], y, std::string("url(#") + kHatchId + ")", "") +
         LegendText(cx[0], y, "not committed (failed or rolled back)");
  y += kRowPx;
  out += LegendSwatch(cx[0], y, "#ffffff",
                      std::string(" stroke=\"") + kFailedOutline + "\" stroke-width=\"1.5\"") +
         LegendText(cx[0], y, "failed: wrong result or dirty counters");
  y = kLegendTop + kRowPx;
  for (int c = 0; c < kNumFailureClasses; ++c, y += kRowPx) {
    const FailureClass fc = static_cast<FailureClass>(c);
    out += Marker(fc, cx[1] + 7, y + 6, "", "legend-marker") +
           LegendText(cx[1], y,
                      std::string(FailureClassName(fc)) + ": " + std::to_string(class_count[c]));
  }
  out += LegendSwatch(cx[1], y, kClassColour[0], " fill-opacity=\"0.16\"") +
         LegendText(cx[1], y, "reintegration: detection to resumption");
  y = kLegendTop + kRowPx;
  for (size_t k = 0; k < std::size(kEvents); ++k, y += kRowPx) {
    const EventStyle& st = kEvents[k];
    out +=
        "<line x1=\"" + Num(cx[2] + 7) + "\" y1=\"" + Num(y - 1) + "\" x2=\"" + Num(cx[2] + 7) +
        "\" y2=\"" + Num(y + 13) + "\" stroke=\"" + st.colour + "\" stroke-width=\"" + st.width +
        "\"" + (*st.dash ? std::string(" stroke-dasharray=\"") + st.dash + "\"" : std::string()) +
        "/>" + LegendText(cx[2], y, std::string(st.label) + ": " + std::to_string(event_count[k]));
  }
  out += "<line x1=\"" + Num(cx[2]) + "\" y1=\"" + Num(y + 6) + "\" x2=\"" + Num(cx[2] + 14) +
         "\" y2=\"" + Num(y + 6) + "\" stroke=\"" + kTempColour + "\" stroke-width=\"1.8\"/>" +
         LegendText(
             cx[2], y,
             temperature.empty()
                 ? "temperature: no profile"
                 : "temperature (right axis): " + std::to_string(temperature.size()) + " points");
  out += "</g>\n</svg>\n";
  return out;
}

std::string RenderBurnInMapsSvg(const BurnInReport& r, const std::string& title) {
  const DefectMap before = OrClean(r.initial_defects, r), after = OrClean(r.final_defects, r);
  const Repair* initial = IsUnset(r.initial_repair) ? nullptr : &r.initial_repair;
  const Repair* final_repair = r.has_final_repair ? &r.final_repair : nullptr;
  std::vector<std::pair<int, int>> gone;  // mapped-out tiles, each once, on the wafer
  {
    std::set<std::pair<int, int>> seen;
    for (const auto& t : r.mapped_out) {
      if (t.first < 0 || t.second < 0 || t.first >= after.width || t.second >= after.height)
        continue;
      if (seen.insert(t).second) gone.push_back(t);
    }
  }

  // One window for both: the whole wafer when it fits, else around what the
  // run mapped out.
  RepairMapOptions opt;
  if (std::max(after.width, after.height) > kRepairMapWholeWafer) {
    opt.crop = kRepairMapDefaultCrop;
    // The window holding the most mapped-out tiles, or the most defects.
    DefectMap focus;
    focus.width = after.width;
    focus.height = after.height;
    for (const auto& [x, y] : gone) {
      Defect d;
      d.x = x;
      d.y = y;
      focus.defects.push_back(d);
    }
    const RepairMapWindow w = SelectRepairMapWindow(gone.empty() ? after : focus, opt);
    opt.centre_x = w.x0 + w.width / 2;
    opt.centre_y = w.y0 + w.height / 2;
  }
  const RepairMapFragment left = RenderRepairMapFragment(
      before, initial, initial ? "before: the repair loaded at boot" : "before: no repair loaded",
      opt, "burnin-before");
  const RepairMapFragment right = RenderRepairMapFragment(
      after, final_repair, final_repair ? "after: the final repair" : "after: no logical grid left",
      opt, "burnin-after");

  const double head = 40, gap = 24;
  const double panels_h = std::max(left.height, right.height);
  const double width = left.width + gap + right.width, foot = head + panels_h + 6;
  const double height = foot + 2 * kRowPx + 8;

  std::string l_marks, r_marks;
  const int shown = OutlineTiles(left, gone, &l_marks);
  OutlineTiles(right, gone, &r_marks);

  std::string out;
  out.reserve(left.svg.size() + right.svg.size() + l_marks.size() + r_marks.size() + 2048);
  out += svg::Open(width, height);
  out += "<text x=\"" + Num(width / 2) + "\" y=\"24\" text-anchor=\"middle\" font-size=\"16\">" +
         Escape(title) + "</text>\n";
  out += "<g id=\"before\" transform=\"translate(0 " + Num(head) + ")\">\n" + left.svg + l_marks +
         "</g>\n";
  out += "<line x1=\"" + Num(left.width + gap / 2) + "\" y1=\"" + Num(head) + "\" x2=\"" +
         Num(left.width + gap / 2) + "\" y2=\"" + Num(head + panels_h) +
         "\" stroke=\"#ccc\" stroke-width=\"1\"/>\n";
  out += "<g id=\"after\" transform=\"translate(" + Num(left.width + gap) + " " + Num(head) +
         ")\">\n" + right.svg + r_marks + "</g>\n";

  std::string note = "outlined: mapped out during the burn-in: " + Count(gone.size(), "tile");
  if (shown < static_cast<int>(gone.size()))
    note +=
        " (" + std::to_string(gone.size() - static_cast<size_t>(shown)) + " outside the window)";
  out += "<rect x=\"48\" y=\"" + Num(foot) +
         "\" width=\"12\" height=\"12\" fill=\"none\" stroke=\"#0050ff\" stroke-width=\"2\"/>";
  out += "<text x=\"66\" y=\"" + Num(foot + 10) + "\">" + Escape(note) + "</text>\n";
  std::string sum = "defects " + std::to_string(before.defects.size()) + " before, " +
                    std::to_string(after.defects.size()) + " after";
  if (initial && final_repair) {
    sum += "; logical width " + std::to_string(initial->width) + " -> " +
           std::to_string(final_repair->width);
  }
  out += "<text x=\"48\" y=\"" + Num(foot + kRowPx + 10) + "\" fill=\"#444\">" + Escape(sum) +
         "</text>\n</svg>\n";
  return out;
}

void WriteBurnInSvgs(const std::string& dir, const BurnInReport& r,
                     const std::vector<std::pair<uint64_t, double>>& temperature,
                     const std::string& title) {
  // Both rendered before either is written: a refused report leaves neither.
  const std::string timeline = RenderBurnInTimelineSvg(r, temperature, title);
  const std::string maps = RenderBurnInMapsSvg(r, title);
  const std::filesystem::path d(dir);
  util::WriteFileAtomic(d / kBurnInTimelineSvg, timeline);
  util::WriteFileAtomic(d / kBurnInMapsSvg, maps);
}

}  // namespace wse::fw
