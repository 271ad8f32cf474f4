#include "harness/fabric_model.h"

#include <map>
#include <set>
#include <tuple>

namespace wse::tb {

Endpoint Endpoint::Edge(Dir side, int index) {
  Endpoint e;
  e.kind = Kind::kEdge;
  e.side = side;
  e.index = index;
  return e;
}

Endpoint Endpoint::Ramp(int x, int y) {
  Endpoint e;
  e.kind = Kind::kRamp;
  e.side = Dir::kRamp;
  e.x = x;
  e.y = y;
  return e;
}

std::string Endpoint::Name() const {
  if (kind == Kind::kRamp) return "ramp(" + std::to_string(x) + "," + std::to_string(y) + ")";
  return std::string(DirName(side)) + "[" + std::to_string(index) + "]";
}

bool Endpoint::operator<(const Endpoint& o) const {
  return std::tie(kind, side, index, x, y) < std::tie(o.kind, o.side, o.index, o.x, o.y);
}

FabricModel::FabricModel(int width, int height, int num_colors)
    : table_(static_cast<size_t>(width) * height * num_colors),
      width_(width),
      height_(height),
      num_colors_(num_colors) {
  if (width < 1 || height < 1) throw RouteError("mesh size must be at least 1x1");
  if (num_colors < 1 || num_colors > kMaxColors) {
    throw RouteError("num_colors must be 1.." + std::to_string(kMaxColors));
  }
}

size_t FabricModel::Index(int x, int y, int color) const {
  if (x < 0 || x >= width_ || y < 0 || y >= height_ || color < 0 || color >= num_colors_) {
    throw RouteError("route entry out of range: tile (" + std::to_string(x) + "," +
                     std::to_string(y) + ") color " + std::to_string(color));
  }
  return (static_cast<size_t>(y) * width_ + x) * num_colors_ + color;
}

void FabricModel::SetRoute(int x, int y, int color, Route r) { table_[Index(x, y, color)] = r; }

Route FabricModel::GetRoute(int x, int y, int color) const { return table_[Index(x, y, color)]; }

std::vector<RouteWrite> FabricModel::AllRoutes() const {
  std::vector<RouteWrite> out;
  for (int y = 0; y < height_; ++y)
    for (int x = 0; x < width_; ++x)
      for (int c = 0; c < num_colors_; ++c) {
        const Route r = GetRoute(x, y, c);
        if (r.rx_mask || r.tx_mask) out.push_back({x, y, c, r});
      }
  return out;
}

std::vector<Endpoint> FabricModel::AllEndpoints() const {
  std::vector<Endpoint> out;
  for (int x = 0; x < width_; ++x) out.push_back(Endpoint::Edge(Dir::kN, x));
  for (int y = 0; y < height_; ++y) out.push_back(Endpoint::Edge(Dir::kE, y));
  for (int x = 0; x < width_; ++x) out.push_back(Endpoint::Edge(Dir::kS, x));
  for (int y = 0; y < height_; ++y) out.push_back(Endpoint::Edge(Dir::kW, y));
  for (int y = 0; y < height_; ++y)
    for (int x = 0; x < width_; ++x) out.push_back(Endpoint::Ramp(x, y));
  return out;
}

namespace {

struct Hop {
  int x, y;
  Dir in;
};

// The tile and input port a wavelet entering at `e` arrives on.
Hop EntryOf(const Endpoint& e, int w, int h) {
  if (e.kind == Endpoint::Kind::kRamp) return {e.x, e.y, Dir::kRamp};
  switch (e.side) {
    case Dir::kN: return {e.index, 0, Dir::kN};
    case Dir::kS: return {e.index, h - 1, Dir::kS};
    case Dir::kW: return {0, e.index, Dir::kW};
    case Dir::kE: return {w - 1, e.index, Dir::kE};
    default: break;
  }
  throw RouteError("bad endpoint " + e.Name());
}

void CheckEndpoint(const Endpoint& e, int w, int h) {
  const bool ok = e.kind == Endpoint::Kind::kRamp
                      ? (e.x >= 0 && e.x < w && e.y >= 0 && e.y < h)
                      : (e.side != Dir::kRamp && e.index >= 0 &&
                         e.index < ((e.side == Dir::kN || e.side == Dir::kS) ? w : h));
  if (!ok) {
    throw RouteError("endpoint " + e.Name() + " is outside a " + std::to_string(w) + "x" +
                     std::to_string(h) + " mesh");
  }
}

}  // namespace

FabricModel::Delivery FabricModel::Propagate(const Endpoint& source, int color) const {
  CheckEndpoint(source, width_, height_);
  Delivery d;
  const Hop entry = EntryOf(source, width_, height_);
  std::vector<Hop> work{entry};
  std::set<std::tuple<int, int, int>> seen;
  while (!work.empty()) {
    const Hop hop = work.back();
    work.pop_back();
    if (!seen.insert({hop.x, hop.y, static_cast<int>(hop.in)}).second) {
      throw RouteError("routing loop: color " + std::to_string(color) + " returns to tile (" +
                       std::to_string(hop.x) + "," + std::to_string(hop.y) + ") port " +
                       DirName(hop.in));
    }
    const Route r = color < num_colors_ ? GetRoute(hop.x, hop.y, color) : Route{};
    const bool routed = color < num_colors_ && (r.rx_mask >> static_cast<int>(hop.in) & 1) &&
                        r.tx_mask != 0;
    if (!routed) {
      d.drops.emplace_back(hop.x, hop.y);
      continue;
    }
    for (int o = 0; o < kNumPorts; ++o) {
      if (!(r.tx_mask >> o & 1)) continue;
      const Dir out = static_cast<Dir>(o);
      int nx = hop.x, ny = hop.y;
      switch (out) {
        case Dir::kRamp: d.dests.push_back(Endpoint::Ramp(hop.x, hop.y)); continue;
        case Dir::kN: --ny; break;
        case Dir::kS: ++ny; break;
        case Dir::kE: ++nx; break;
        case Dir::kW: --nx; break;
      }
      if (nx < 0 || nx >= width_ || ny < 0 || ny >= height_) {
        const bool vertical = out == Dir::kN || out == Dir::kS;
        d.dests.push_back(Endpoint::Edge(out, vertical ? hop.x : hop.y));
      } else {
        work.push_back({nx, ny, Opposite(out)});
      }
    }
  }
  return d;
}

void RoutePlanner::Merge(int x, int y, int color, Dir in, Dir out) {
  Route r = model_.GetRoute(x, y, color);
  const uint8_t in_bit = static_cast<uint8_t>(1u << static_cast<int>(in));
  if (r.rx_mask != 0 && r.rx_mask != in_bit) {
    throw RouteError("color " + std::to_string(color) + " already enters tile (" +
                     std::to_string(x) + "," + std::to_string(y) +
                     ") from another direction; trees of one color must not cross");
  }
  const Route before = r;
  r.rx_mask = in_bit;
  r.tx_mask = static_cast<uint8_t>(r.tx_mask | (1u << static_cast<int>(out)));
  if (!(r == before)) {
    model_.SetRoute(x, y, color, r);
    writes_.push_back({x, y, color, r});
  }
}

void RoutePlanner::AddTree(int color, const Endpoint& source, const std::vector<Endpoint>& dests) {
  const int w = model_.width(), h = model_.height();
  if (color < 0 || color >= model_.num_colors()) {
    throw RouteError("color " + std::to_string(color) + " does not exist (the mesh has " +
                     std::to_string(model_.num_colors()) + ")");
  }
  CheckEndpoint(source, w, h);
  const Hop entry = EntryOf(source, w, h);
  for (const Endpoint& dest : dests) {
    CheckEndpoint(dest, w, h);
    // Exit tile and port of the destination.
    int tx = dest.x, ty = dest.y;
    Dir exit = Dir::kRamp;
    if (dest.kind == Endpoint::Kind::kEdge) {
      exit = dest.side;
      switch (dest.side) {
        case Dir::kN: tx = dest.index; ty = 0; break;
        case Dir::kS: tx = dest.index; ty = h - 1; break;
        case Dir::kW: tx = 0; ty = dest.index; break;
        case Dir::kE: tx = w - 1; ty = dest.index; break;
        default: break;
      }
    }
    int x = entry.x, y = entry.y;
    Dir in = entry.in;
    while (x != tx) {
      const Dir out = x < tx ? Dir::kE : Dir::kW;
      Merge(x, y, color, in, out);
      x += x < tx ? 1 : -1;
      in = Opposite(out);
    }
    while (y != ty) {
      const Dir out = y < ty ? Dir::kS : Dir::kN;
      Merge(x, y, color, in, out);
      y += y < ty ? 1 : -1;
      in = Opposite(out);
    }
    Merge(x, y, color, in, exit);
  }
}

std::vector<RouteWrite> RoutePlanner::TakeWrites() {
  // Keep only the final value of each entry.
  std::map<std::tuple<int, int, int>, Route> last;
  for (const auto& wr : writes_) last[{wr.x, wr.y, wr.color}] = wr.route;
  writes_.clear();
  std::vector<RouteWrite> out;
  for (const auto& [k, r] : last) out.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), r});
  return out;
}

}  // namespace wse::tb
