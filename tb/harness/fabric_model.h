#pragma once
// FabricModel: the reference model of the mesh fabric, written from the
// specification (docs/fabric.md), not from the RTL. Given the route tables it
// says where a wavelet injected at an endpoint ends up and which tiles drop
// it as unrouted. RoutePlanner builds dimension-ordered (X then Y) multicast
// trees into a model, which tests then write into the DUT.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/wavelet.h"

namespace wse::tb {

/// An impossible or looping route.
class RouteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A place where wavelets enter or leave the fabric: an edge port or a ramp.
struct Endpoint {
  enum class Kind { kEdge, kRamp };
  Kind kind = Kind::kEdge;
  Dir side = Dir::kN;  // edge side
  int index = 0;       // edge: column (N, S) or row (E, W)
  int x = 0, y = 0;    // ramp: tile

  static Endpoint Edge(Dir side, int index);
  static Endpoint Ramp(int x, int y);
  /// "N[3]", "W[0]", "ramp(2,1)".
  std::string Name() const;
  bool operator==(const Endpoint&) const = default;
  bool operator<(const Endpoint& o) const;
};

/// One route-table write: tile (x, y), color, entry.
struct RouteWrite {
  int x, y, color;
  Route route;
};

/// Reference model of a W x H mesh's static routing.
class FabricModel {
 public:
  FabricModel(int width, int height, int num_colors);
  int width() const { return width_; }
  int height() const { return height_; }
  int num_colors() const { return num_colors_; }

  void SetRoute(int x, int y, int color, Route r);
  Route GetRoute(int x, int y, int color) const;
  /// Every non-empty entry, tile by tile.
  std::vector<RouteWrite> AllRoutes() const;

  /// Result of injecting one wavelet.
  struct Delivery {
    std::vector<Endpoint> dests;             // one copy arrives at each
    std::vector<std::pair<int, int>> drops;  // tiles that count it as unrouted
  };
  /// Follows a wavelet of `color` entering at `source`; throws RouteError on a loop.
  Delivery Propagate(const Endpoint& source, int color) const;

  /// All endpoints of the mesh: edges N, E, S, W then every ramp.
  std::vector<Endpoint> AllEndpoints() const;

 private:
  size_t Index(int x, int y, int color) const;
  std::vector<Route> table_;
  int width_, height_, num_colors_;
};

/// Builds X-then-Y multicast trees into a FabricModel.
class RoutePlanner {
 public:
  explicit RoutePlanner(FabricModel& model) : model_(model) {}
  /// Routes `color` from `source` to every endpoint in `dests`. Throws
  /// RouteError naming the tile if the color is already used there in a
  /// different direction (trees of one color must not cross).
  void AddTree(int color, const Endpoint& source, const std::vector<Endpoint>& dests);
  /// Entries changed since the last call, for writing into the DUT.
  std::vector<RouteWrite> TakeWrites();

 private:
  void Merge(int x, int y, int color, Dir in, Dir out);
  FabricModel& model_;
  std::vector<RouteWrite> writes_;
};

}  // namespace wse::tb
