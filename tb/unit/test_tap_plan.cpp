// The firmware's config network plan: return slots never collide, and the
// discovery reaches exactly the live tiles joined to the edge (checked
// against the testbench's independent BFS).

#include <boost/test/unit_test.hpp>
#include <random>
#include <set>

#include "faults/reachability.h"
#include "firmware/tap/tap_plan.h"

using namespace wse;

BOOST_AUTO_TEST_SUITE(tap_plan)

BOOST_AUTO_TEST_CASE(return_slots_never_collide) {
  fw::ReturnSlots s;
  std::set<uint64_t> issued, returned;
  std::mt19937_64 rng(5);
  uint64_t now = 0;
  for (int i = 0; i < 2000; ++i) {
    const int depth = 1 + static_cast<int>(rng() % 12);
    const uint64_t t = s.Reserve(now, depth);
    BOOST_TEST(t >= now);
    BOOST_TEST(issued.insert(t).second);
    BOOST_TEST(returned.insert(fw::ReturnSlots::ReturnCycle(t, depth)).second);
    now += rng() % 2;
  }
  // Same depth back to back: one per cycle, no gaps.
  fw::ReturnSlots q;
  for (uint64_t i = 0; i < 10; ++i) BOOST_TEST(q.Reserve(0, 3) == i);
}

BOOST_AUTO_TEST_CASE(discovery_matches_ground_truth) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 60; ++trial) {
    const int w = 1 + static_cast<int>(rng() % 24), h = 1 + static_cast<int>(rng() % 24);
    const double p = (rng() % 50) / 100.0;
    std::vector<bool> dead(static_cast<size_t>(w) * h);
    for (size_t i = 0; i < dead.size(); ++i) dead[i] = (rng() % 1000) < p * 1000;
    const auto truth = tb::ReachableFromEdge(w, h, dead);
    const fw::TapTree t = fw::ModelDiscovery(w, h, [&](int x, int y) { return !dead[static_cast<size_t>(y) * w + x]; });
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const fw::TapNode& n = t.at(x, y);
        BOOST_TEST(n.reached == truth[static_cast<size_t>(y) * w + x], "tile " << x << "," << y);
        if (!n.reached) continue;
        // Every reached tile hangs off a reached parent one level up, or the edge.
        int px, py;
        if (fw::Neighbour(w, h, x, y, n.parent, &px, &py)) {
          BOOST_TEST(t.at(px, py).reached);
          BOOST_TEST(t.at(px, py).depth == n.depth - 1);
          BOOST_TEST((t.at(px, py).children >> fw::OppositeSide(n.parent) & 1u) == 1u);
          BOOST_TEST(t.at(px, py).entry == n.entry);
        } else {
          BOOST_TEST(n.depth == 1);
        }
      }
  }
}

BOOST_AUTO_TEST_CASE(entry_points_are_numbered_around_the_edge) {
  BOOST_TEST(fw::EntryCount(5, 3) == 16);
  BOOST_TEST(fw::EntryIndex(5, 3, fw::kNorth, 4) == 4);
  BOOST_TEST(fw::EntryIndex(5, 3, fw::kEast, 0) == 5);
  BOOST_TEST(fw::EntryIndex(5, 3, fw::kSouth, 0) == 8);
  BOOST_TEST(fw::EntryIndex(5, 3, fw::kWest, 2) == 15);
}

BOOST_AUTO_TEST_SUITE_END()
