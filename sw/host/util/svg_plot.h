#pragma once
// SvgLinePlot: a small self-contained SVG line chart (axes, ticks, legend)
// for the curves reports draw: reach versus dead fraction, yield versus
// defect density, burn-in timelines.

#include <string>
#include <vector>

namespace wse::util {

struct PlotSeries {
  std::string label;
  std::vector<std::pair<double, double>> points;  // (x, y), drawn in order
};

struct PlotSpec {
  std::string title, x_label, y_label;
  double x_min = 0, x_max = 1, y_min = 0, y_max = 1;
  std::vector<PlotSeries> series;
  /// Optional vertical marker lines (x, label).
  std::vector<std::pair<double, std::string>> markers;
};

std::string RenderSvgPlot(const PlotSpec& spec);

}  // namespace wse::util
