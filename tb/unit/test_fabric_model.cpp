// Reference fabric model and route planner.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "harness/fabric_model.h"

namespace wse::tb {
namespace {
uint8_t B(Dir d) { return static_cast<uint8_t>(1u << static_cast<int>(d)); }
}  // namespace

BOOST_AUTO_TEST_SUITE(fabric_model)

BOOST_AUTO_TEST_CASE(straight_row) {
  FabricModel m(3, 2, 24);
  RoutePlanner p(m);
  p.AddTree(4, Endpoint::Edge(Dir::kW, 1), {Endpoint::Edge(Dir::kE, 1)});
  const auto w = p.TakeWrites();
  BOOST_TEST(w.size() == 3u);
  for (const auto& e : w) {
    BOOST_TEST(e.y == 1);
    BOOST_TEST(e.route.rx_mask == B(Dir::kW));
    BOOST_TEST(e.route.tx_mask == B(Dir::kE));
  }
  const auto d = m.Propagate(Endpoint::Edge(Dir::kW, 1), 4);
  BOOST_TEST(d.dests.size() == 1u);
  BOOST_TEST(d.dests[0].Name() == "E[1]");
  BOOST_TEST(d.drops.empty());
}

BOOST_AUTO_TEST_CASE(x_then_y_and_multicast) {
  FabricModel m(4, 4, 24);
  RoutePlanner p(m);
  std::vector<Endpoint> all;
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x) all.push_back(Endpoint::Ramp(x, y));
  p.AddTree(0, Endpoint::Ramp(1, 2), all);
  auto d = m.Propagate(Endpoint::Ramp(1, 2), 0);
  BOOST_TEST(d.dests.size() == 16u);
  std::sort(d.dests.begin(), d.dests.end());
  BOOST_TEST((std::adjacent_find(d.dests.begin(), d.dests.end()) == d.dests.end()));
  // X first: the source row carries the horizontal part.
  BOOST_TEST(m.GetRoute(3, 2, 0).rx_mask == B(Dir::kW));
  BOOST_TEST(m.GetRoute(3, 0, 0).rx_mask == B(Dir::kS));
}

BOOST_AUTO_TEST_CASE(unrouted_drops_where_the_wavelet_stops) {
  FabricModel m(4, 1, 24);
  m.SetRoute(0, 0, 2, Route{B(Dir::kW), B(Dir::kE)});
  m.SetRoute(1, 0, 2, Route{B(Dir::kN), B(Dir::kE)});  // wrong input accepted
  const auto d = m.Propagate(Endpoint::Edge(Dir::kW, 0), 2);
  BOOST_TEST(d.dests.empty());
  BOOST_REQUIRE(d.drops.size() == 1u);
  BOOST_TEST(d.drops[0].first == 1);
  // Colors past NumColors never route.
  FabricModel small(1, 1, 4);
  BOOST_TEST(small.Propagate(Endpoint::Ramp(0, 0), 7).drops.size() == 1u);
}

BOOST_AUTO_TEST_CASE(loops_are_detected) {
  FabricModel m(2, 1, 24);
  m.SetRoute(0, 0, 1, Route{static_cast<uint8_t>(B(Dir::kRamp) | B(Dir::kE)), B(Dir::kE)});
  m.SetRoute(1, 0, 1, Route{B(Dir::kW), B(Dir::kW)});
  BOOST_CHECK_THROW(m.Propagate(Endpoint::Ramp(0, 0), 1), RouteError);
}

BOOST_AUTO_TEST_CASE(crossing_trees_of_one_color_are_refused) {
  FabricModel m(3, 3, 24);
  RoutePlanner p(m);
  p.AddTree(0, Endpoint::Edge(Dir::kW, 1), {Endpoint::Edge(Dir::kE, 1)});
  BOOST_CHECK_THROW(p.AddTree(0, Endpoint::Edge(Dir::kN, 1), {Endpoint::Edge(Dir::kS, 1)}), RouteError);
  BOOST_CHECK_NO_THROW(p.AddTree(1, Endpoint::Edge(Dir::kN, 1), {Endpoint::Edge(Dir::kS, 1)}));
  BOOST_CHECK_THROW(p.AddTree(30, Endpoint::Edge(Dir::kN, 1), {}), RouteError);
  BOOST_CHECK_THROW(p.AddTree(2, Endpoint::Ramp(5, 0), {}), RouteError);
}

BOOST_AUTO_TEST_CASE(u_turn_at_an_edge) {
  FabricModel m(2, 2, 24);
  RoutePlanner p(m);
  p.AddTree(3, Endpoint::Edge(Dir::kN, 1), {Endpoint::Edge(Dir::kN, 1)});
  const auto d = m.Propagate(Endpoint::Edge(Dir::kN, 1), 3);
  BOOST_REQUIRE(d.dests.size() == 1u);
  BOOST_TEST(d.dests[0].Name() == "N[1]");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::tb
