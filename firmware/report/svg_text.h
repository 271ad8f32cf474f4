#pragma once
// What the firmware's SVG reports share: numbers independent of the C
// locale, XML escaping, the spacing of coordinate labels, and batches of
// filled rectangles by category.

#include <charconv>
#include <string>
#include <string_view>
#include <vector>

#include "firmware/defect_map.h"
#include "util/junit.h"

namespace wse::fw::svg {

/// Shortest text of `v` with 6 significant digits, never "0,5".
inline std::string Num(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6);
  return std::string(buf, r.ptr);
}

/// `s` with <, >, & and " escaped for text and attribute values.
inline std::string Escape(std::string_view s) { return util::XmlEscape(s, true); }

/// The opening <svg> of a `width` x `height` picture (sans-serif, 12 px)
/// and its white background: the head every report picture shares.
inline std::string Open(double width, double height) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + Num(width) + "\" height=\"" + Num(height) +
         "\" viewBox=\"0 0 " + Num(width) + " " + Num(height) +
         "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
}

/// Label every `step` tiles, step in 1, 2, 5, 10, 20, 50, ..., with labels at
/// least `min_px` apart.
inline int LabelStep(double px_per_tile, double min_px) {
  for (int decade = 1;; decade *= 10) {
    for (int m : {1, 2, 5}) {
      if (m * decade * px_per_tile >= min_px) return m * decade;
    }
  }
}

/// Depth of the bar that marks a link defect on the side of its tile, in
/// tiles (the wafer map's lesser-unit insets sit inside it).
inline constexpr double kLinkBarDepth = 0.22;

/// Throws DefectMapError "<what>: ..." for a mesh without tiles, a defect
/// outside it or a link defect without a side: what a drawing cannot place.
inline void CheckDrawable(const DefectMap& map, const std::string& what) {
  const int w = map.width, h = map.height;
  const std::string mesh = std::to_string(w) + "x" + std::to_string(h);
  if (w < 1 || h < 1) throw DefectMapError(what + ": mesh " + mesh + " has no tiles");
  for (size_t i = 0; i < map.defects.size(); ++i) {
    const Defect& d = map.defects[i];
    const std::string entry = what + ": defects[" + std::to_string(i) + "]";
    if (d.x < 0 || d.y < 0 || d.x >= w || d.y >= h) {
      throw DefectMapError(entry + ".tile: (" + std::to_string(d.x) + "," + std::to_string(d.y) +
                           ") is outside the " + mesh + " mesh");
    }
    if (d.unit == Unit::kLink && (d.dir < 0 || d.dir > 3)) {
      throw DefectMapError(entry + ".dir: " + std::to_string(d.dir) +
                           " is not a side (0..3 = N, E, S, W)");
    }
  }
}

/// A drawing category. The class names it for scripts; the colour is an
/// attribute because simple renderers (ImageMagick's among them) ignore
/// <style>.
struct Style {
  const char* cls;
  const char* colour;
  const char* label;
};

/// Filled rectangles by category: with `detail`, one <rect> per shape with a
/// tooltip, so a reader can hover over a tile; without, one <path> per
/// category, a few bytes per shape (a million-tile wafer stays a few MB).
class RectBatch {
 public:
  RectBatch(const Style* styles, int count, bool detail)
      : styles_(styles), detail_(detail), paths_(static_cast<size_t>(count)) {}

  void Add(int cat, double x, double y, double w, double h, const std::string& tip) {
    const Style& st = styles_[cat];
    if (detail_) {
      out_ += std::string("<rect class=\"") + st.cls + "\" fill=\"" + st.colour + "\" x=\"" +
              Num(x) + "\" y=\"" + Num(y) + "\" width=\"" + Num(w) + "\" height=\"" + Num(h) +
              "\"><title>" + Escape(tip) + "</title></rect>\n";
    } else {
      paths_[static_cast<size_t>(cat)] +=
          "M" + Num(x) + " " + Num(y) + "h" + Num(w) + "v" + Num(h) + "h" + Num(-w) + "z";
    }
  }

  /// Appends what was added since the last flush.
  void FlushTo(std::string& svg) {
    svg += out_;
    out_.clear();
    for (size_t c = 0; c < paths_.size(); ++c) {
      if (paths_[c].empty()) continue;
      svg += std::string("<path class=\"") + styles_[c].cls + "\" fill=\"" + styles_[c].colour +
             "\" d=\"" + paths_[c] + "\"/>\n";
      paths_[c].clear();
    }
  }

 private:
  const Style* styles_;
  bool detail_;
  std::string out_;
  std::vector<std::string> paths_;
};

}  // namespace wse::fw::svg
