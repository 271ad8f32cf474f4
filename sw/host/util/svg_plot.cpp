#include "util/svg_plot.h"

#include <cstdio>
#include <sstream>

namespace wse::util {
namespace {

std::string Escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '<') o += "&lt;";
    else if (c == '>') o += "&gt;";
    else if (c == '&') o += "&amp;";
    else o += c;
  }
  return o;
}

std::string Num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}

}  // namespace

std::string RenderSvgPlot(const PlotSpec& p) {
  static const char* kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
  const double W = 640, H = 420, L = 70, R = 20, T = 40, B = 60;
  const double pw = W - L - R, ph = H - T - B;
  auto X = [&](double x) { return L + (x - p.x_min) / (p.x_max - p.x_min) * pw; };
  auto Y = [&](double y) { return T + ph - (y - p.y_min) / (p.y_max - p.y_min) * ph; };
  std::ostringstream o;
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << W << "\" height=\"" << H
    << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
    << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
    << "<text x=\"" << W / 2 << "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">" << Escape(p.title)
    << "</text>\n";
  for (int i = 0; i <= 5; ++i) {
    const double xv = p.x_min + (p.x_max - p.x_min) * i / 5, yv = p.y_min + (p.y_max - p.y_min) * i / 5;
    o << "<line x1=\"" << X(xv) << "\" y1=\"" << T << "\" x2=\"" << X(xv) << "\" y2=\"" << T + ph
      << "\" stroke=\"#e0e0e0\"/>\n"
      << "<text x=\"" << X(xv) << "\" y=\"" << T + ph + 16 << "\" text-anchor=\"middle\">" << Num(xv)
      << "</text>\n"
      << "<line x1=\"" << L << "\" y1=\"" << Y(yv) << "\" x2=\"" << L + pw << "\" y2=\"" << Y(yv)
      << "\" stroke=\"#e0e0e0\"/>\n"
      << "<text x=\"" << L - 6 << "\" y=\"" << Y(yv) + 4 << "\" text-anchor=\"end\">" << Num(yv) << "</text>\n";
  }
  o << "<rect x=\"" << L << "\" y=\"" << T << "\" width=\"" << pw << "\" height=\"" << ph
    << "\" fill=\"none\" stroke=\"black\"/>\n"
    << "<text x=\"" << L + pw / 2 << "\" y=\"" << H - 18 << "\" text-anchor=\"middle\">" << Escape(p.x_label)
    << "</text>\n"
    << "<text transform=\"translate(18," << T + ph / 2 << ") rotate(-90)\" text-anchor=\"middle\">"
    << Escape(p.y_label) << "</text>\n";
  for (const auto& [x, label] : p.markers) {
    o << "<line x1=\"" << X(x) << "\" y1=\"" << T << "\" x2=\"" << X(x) << "\" y2=\"" << T + ph
      << "\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n"
      << "<text x=\"" << X(x) + 4 << "\" y=\"" << T + 14 << "\" fill=\"#555\">" << Escape(label) << "</text>\n";
  }
  for (size_t s = 0; s < p.series.size(); ++s) {
    const char* c = kColors[s % 6];
    o << "<polyline fill=\"none\" stroke=\"" << c << "\" stroke-width=\"2\" points=\"";
    for (const auto& [x, y] : p.series[s].points) o << X(x) << "," << Y(y) << " ";
    o << "\"/>\n";
    for (const auto& [x, y] : p.series[s].points)
      o << "<circle cx=\"" << X(x) << "\" cy=\"" << Y(y) << "\" r=\"3\" fill=\"" << c << "\"/>\n";
    o << "<rect x=\"" << L + 12 << "\" y=\"" << T + ph - 18 - 18 * static_cast<double>(s) << "\" width=\"12\" height=\"4\" fill=\""
      << c << "\"/>\n<text x=\"" << L + 30 << "\" y=\"" << T + ph - 12 - 18 * static_cast<double>(s) << "\">"
      << Escape(p.series[s].label) << "</text>\n";
  }
  o << "</svg>\n";
  return o.str();
}

}  // namespace wse::util
