// The repair library (firmware/repair/repair.h): identity placement and its
// register settings, the fast Remap against hand-worked cases and against the
// exhaustive ExactRemap on many small random wafers, the independent checker
// on hand-made bad repairs, and the strict repair file.
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <sys/resource.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "firmware/defect_map.h"
#include "firmware/repair/repair.h"
#include "unit_helpers.h"
#include "util/atomic_file.h"
#include "util/json.h"
#include "yield/defect_model.h"
#include "yield/yield_rng.h"

namespace wse::fw {
namespace {

using util::Json;

using unit::Contains;
using unit::ErrorOf;

enum Dir { kN = 0, kE = 1, kS = 2, kW = 3 };

Defect Dead(int x, int y, Unit unit = Unit::kTile, const char* kind = "unreachable") {
  return {x, y, unit, -1, kind, Json::Object()};
}

Defect Link(int x, int y, int dir) { return {x, y, Unit::kLink, dir, "link_bist", Json::Object()}; }

DefectMap Map(int width, int height, std::vector<Defect> defects) {
  DefectMap m;
  m.width = width;
  m.height = height;
  m.tests = {"tap", "mbist", "pe_kat", "link_bist"};
  m.reachable = width * height;
  m.defects = std::move(defects);
  return m;
}

RemapResult Fast(const DefectMap& m, int spares, bool allow_degraded = true,
                 const Repair* previous = nullptr) {
  RemapOptions o;
  o.spares = spares;
  o.allow_degraded = allow_degraded;
  return Remap(m, o, previous);
}

// All problems on one line, for a failing BOOST_TEST.
std::string Joined(const std::vector<std::string>& problems) {
  std::string s;
  for (const std::string& p : problems) s += (s.empty() ? "" : " | ") + p;
  return s;
}

bool AnyContains(const std::vector<std::string>& problems, const std::string& needle) {
  for (const std::string& p : problems) {
    if (Contains(p, needle)) return true;
  }
  return false;
}

// Which physical tiles a repair uses, computed from cols alone.
std::set<std::pair<int, int>> Used(const Repair& r) {
  std::set<std::pair<int, int>> used;
  for (int y = 0; y < r.height; ++y) {
    for (int l = 0; l < r.width; ++l) used.insert({r.PhysX(l, y), y});
  }
  return used;
}

// The test's own FNV-1a 64 of the docs' checksum rule.
std::string Fnv1a64(const std::string& bytes) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "fnv1a64:%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// `doc` with its checksum recomputed, as a careful hand edit would leave it.
Json Resealed(const Json& doc) {
  Json body = Json::Object();
  for (const auto& [k, v] : doc.Members()) {
    if (k != "checksum") body.Set(k, v);
  }
  Json out = doc;
  out.Set("checksum", Json(Fnv1a64(body.Dump())));
  return out;
}

// A copy of array `arr` with element i replaced.
Json Replaced(const Json& arr, size_t i, Json value) {
  Json out = Json::Array();
  for (size_t j = 0; j < arr.Size(); ++j) out.Push(j == i ? value : arr.Items()[j]);
  return out;
}

std::string Refusal(const Json& doc) {
  return ErrorOf([&] { RepairFromJson(doc, "repair.json"); });
}

Repair Hand(int pw, int ph, int full_width, std::vector<std::vector<int>> cols) {
  Repair r;
  r.phys_width = pw;
  r.phys_height = r.height = ph;
  r.full_width = full_width;
  r.width = static_cast<int>(cols.front().size());
  r.cols = std::move(cols);
  return r;
}

// `count` distinct random defects on a w x h wafer: tiles of every unit and
// links of every side (edge wires included).
std::vector<Defect> RandomDefects(std::mt19937& rng, int w, int h, int count, bool links) {
  std::set<std::tuple<int, int, int, int>> seen;
  std::vector<Defect> out;
  static constexpr Unit kUnits[] = {Unit::kTile, Unit::kPe, Unit::kSram, Unit::kRouter,
                                    Unit::kLink};
  while (static_cast<int>(out.size()) < count) {
    const int x = static_cast<int>(rng() % static_cast<unsigned>(w));
    const int y = static_cast<int>(rng() % static_cast<unsigned>(h));
    const Unit u = kUnits[rng() % (links ? 5u : 4u)];
    const int dir = u == Unit::kLink ? static_cast<int>(rng() % 4u) : -1;
    if (!seen.insert({x, y, static_cast<int>(u), dir}).second) continue;
    out.push_back(u == Unit::kLink ? Link(x, y, dir) : Dead(x, y, u, "random"));
  }
  return out;
}

// Wall and processor time of `f`, as "W ms wall, C ms CPU" (the CPU figure
// is the one to read on a loaded machine).
template <typename F>
std::string Timed(F&& f) {
  const std::clock_t cpu = std::clock();
  const auto wall = std::chrono::steady_clock::now();
  f();
  const double wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall).count();
  const double cpu_ms = 1e3 * static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f ms wall, %.0f ms CPU", wall_ms, cpu_ms);
  return buf;
}

// Wafer `index` of `wse yield --density 0.02 --model nb --alpha 0.5` (seed
// 1, the default 1000x970 wafer, blocks of 32, 20% link defects): 20 times
// the target density, clustered into blocks where most tiles are dead.
DefectMap DenseClusteredWafer(int index) {
  yield::DefectModelSpec spec;
  spec.model = yield::DefectModel::kNegBinomial;
  spec.density_per_mm2 = 0.02;
  spec.alpha = 0.5;
  return yield::GenerateDefects(yield::WaferGeometry{}, spec,
                                yield::WaferSeed(1, static_cast<uint64_t>(index)));
}

// The process's peak resident memory so far, in MB.
long PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(repair)

BOOST_AUTO_TEST_CASE(identity_6x4_one_spare_has_the_documented_settings) {
  const Repair r = IdentityRepair(6, 4, 1);
  BOOST_TEST(r.phys_width == 6);
  BOOST_TEST(r.phys_height == 4);
  BOOST_TEST(r.width == 5);
  BOOST_TEST(r.full_width == 5);
  BOOST_TEST(r.height == 4);
  BOOST_TEST(!r.degraded());
  // One spare: floor((l + 1) / 6) = 0 for every l, so the spare is column 5.
  for (const std::vector<int>& row : r.cols) BOOST_TEST((row == std::vector<int>{0, 1, 2, 3, 4}));
  BOOST_TEST(CheckRepair(Map(6, 4, {}), r).empty());

  const std::vector<TileSetting> s = TileSettings(r);
  BOOST_TEST_REQUIRE(s.size() == 24u);
  const TileSetting& corner = s[0];  // (0,0): every link distance 1 / straight
  BOOST_TEST(corner.used);
  BOOST_TEST(corner.lx == 0);
  BOOST_TEST(corner.ly == 0);
  BOOST_TEST(corner.repair0 == 0u);
  BOOST_TEST(corner.repair1 == 0x80000000u);
  const TileSetting& east = s[1 * 6 + 4];  // (4,1): E skips the spare, distance 2 = code 1
  BOOST_TEST(east.lx == 4);
  BOOST_TEST(east.ly == 1);
  BOOST_TEST(east.code[kE] == 1);
  BOOST_TEST(east.code[kW] == 0);
  BOOST_TEST(east.code[kN] == 0);
  BOOST_TEST(east.code[kS] == 0);
  BOOST_TEST(east.repair0 == 0x10u);  // E << 4
  BOOST_TEST(east.repair1 == (4u | 1u << 10 | 1u << 31));
  const TileSetting& spare = s[2 * 6 + 5];
  BOOST_TEST(!spare.used);
  BOOST_TEST(spare.repair0 == 0x100u);
  BOOST_TEST(spare.repair1 == 0u);
  for (int c : spare.code) BOOST_TEST(c == 3);
}

BOOST_AUTO_TEST_CASE(identity_spreads_spares_and_refuses_what_cannot_reach) {
  // 3 spares over 7 logical tiles: floor((l + 1) * 3 / 8) = 0 0 1 1 1 2 2.
  const Repair r = IdentityRepair(10, 1, 3);
  BOOST_TEST((r.cols[0] == std::vector<int>{0, 1, 3, 4, 5, 7, 8}));
  const std::vector<TileSetting> s = TileSettings(r);
  BOOST_TEST(s[1].code[kE] == 1);  // 1 -> 3 skips column 2
  BOOST_TEST(s[3].code[kW] == 1);
  BOOST_TEST(s[8].code[kE] == 1);  // 8 -> the virtual column 10
  BOOST_TEST(!s[2].used);
  // 6 spares over 3 tiles: floor((l + 1) * 6 / 4) = 1 3 4: columns 1 4 6.
  const Repair wide = IdentityRepair(9, 2, 6);
  BOOST_TEST((wide.cols[1] == std::vector<int>{1, 4, 6}));
  const std::vector<TileSetting> wide_settings = TileSettings(wide);
  const TileSetting& first = wide_settings[9 + 1];  // (1,1)
  BOOST_TEST(first.code[kW] == 1);
  BOOST_TEST(first.code[kE] == 2);
  BOOST_TEST(first.repair0 == (2u << 4 | 1u << 6));
  BOOST_TEST(CheckRepair(Map(9, 2, {}), wide).empty());

  BOOST_CHECK_THROW(IdentityRepair(6, 4, -1), std::invalid_argument);
  BOOST_CHECK_THROW(IdentityRepair(6, 4, 6), std::invalid_argument);
  BOOST_CHECK_THROW(IdentityRepair(10, 1, 8), std::invalid_argument);  // 8 > 2 * (2 + 1)
  BOOST_CHECK_THROW(IdentityRepair(6, 0, 1), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(diagonal_links_set_the_west_and_east_codes) {
  // Logical column 0 steps east from row 0 to row 1.
  const Repair r = Hand(3, 2, 2, {{0, 1}, {1, 2}});
  BOOST_TEST(CheckRepair(Map(3, 2, {}), r).empty());
  const std::vector<TileSetting> s = TileSettings(r);
  BOOST_TEST(s[0].code[kS] == 2);  // (0,0): south neighbour one column east
  BOOST_TEST(s[0].repair0 == 2u << 2);
  BOOST_TEST(s[3 + 1].code[kN] == 1);  // (1,1): north neighbour one column west
  BOOST_TEST(s[3 + 1].code[kW] == 1);  // and 1 from the virtual column -1
  BOOST_TEST(s[3 + 1].repair0 == (1u | 1u << 6));
  BOOST_TEST(!s[3].used);
  BOOST_CHECK_THROW(TileSettings(Hand(3, 2, 2, {{0, 1}, {2, 2}})), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(dead_tiles_are_every_unit_but_links) {
  const std::vector<uint8_t> dead =
      DeadTiles(Map(3, 2,
                    {Dead(0, 0), Dead(1, 0, Unit::kPe), Dead(2, 0, Unit::kSram),
                     Dead(0, 1, Unit::kRouter), Link(1, 1, kE), Link(2, 1, kN)}));
  BOOST_TEST((dead == std::vector<uint8_t>{1, 1, 1, 1, 0, 0}));
}

BOOST_AUTO_TEST_CASE(single_faults_repair_to_full_width) {
  struct Case {
    const char* name;
    int pw, ph, spares;
    std::vector<Defect> defects;
  };
  const std::vector<Case> cases = {
      {"one dead tile", 6, 4, 1, {Dead(2, 1)}},
      {"two adjacent dead tiles", 7, 4, 2, {Dead(2, 1), Dead(3, 1)}},
      {"dead tile in the west column", 6, 4, 1, {Dead(0, 2)}},
      {"dead tile in the east column", 6, 4, 1, {Dead(5, 1), Dead(4, 2)}},
      {"dead tile in the top row", 6, 4, 1, {Dead(3, 0)}},
      {"dead tile in the bottom row", 6, 4, 1, {Dead(2, 3)}},
      {"dead router", 6, 4, 1, {Dead(4, 2, Unit::kRouter, "router_bist")}},
      {"dead tiles two apart in neighbouring rows", 8, 3, 2, {Dead(2, 1), Dead(3, 1), Dead(5, 2)}},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      const DefectMap m = Map(c.pw, c.ph, c.defects);
      const RemapResult res = Fast(m, c.spares);
      BOOST_TEST_REQUIRE(res.repair.has_value(), res.summary);
      BOOST_TEST(res.full);
      BOOST_TEST(res.repair->width == c.pw - c.spares);
      BOOST_TEST(Contains(res.summary, "full"), res.summary);
      const std::vector<std::string> problems = CheckRepair(m, *res.repair);
      BOOST_TEST(problems.empty(), Joined(problems));
      const auto used = Used(*res.repair);
      for (const Defect& d : c.defects) BOOST_TEST(!used.count({d.x, d.y}));
    }
  }
}

BOOST_AUTO_TEST_CASE(link_defects_keep_their_wires_unused) {
  // Identity on 6x4 with one spare puts logical l on column l in every row,
  // so each of these defects sits on a wire the identity uses.
  auto plan = [](const DefectMap& m) {
    const RemapResult res = Fast(m, 1);
    BOOST_TEST_REQUIRE(res.full, res.summary);
    const std::vector<std::string> problems = CheckRepair(m, *res.repair);
    BOOST_TEST(problems.empty(), Joined(problems));
    return *res.repair;
  };
  for (const auto& [x, y, dir] : {std::tuple{2, 1, kS}, std::tuple{2, 2, kN}}) {
    // Reported from either end, the straight (2,1)-(2,2) pair is unusable.
    const Repair r = plan(Map(6, 4, {Link(x, y, dir)}));
    for (int l = 0; l < r.width; ++l) BOOST_TEST(!(r.PhysX(l, 1) == 2 && r.PhysX(l, 2) == 2));
  }
  for (const auto& [x, y, dir] : {std::tuple{2, 1, kE}, std::tuple{3, 1, kW}}) {
    const Repair r = plan(Map(6, 4, {Link(x, y, dir)}));
    for (int l = 0; l + 1 < r.width; ++l)
      BOOST_TEST(!(r.PhysX(l, 1) == 2 && r.PhysX(l + 1, 1) == 3));
  }
  // Edge wires: used only by a distance-1 / straight edge link.
  BOOST_TEST(plan(Map(6, 4, {Link(0, 1, kW)})).PhysX(0, 1) != 0);
  BOOST_TEST(!Used(plan(Map(6, 4, {Link(3, 0, kN)}))).count({3, 0}));
  BOOST_TEST(!Used(plan(Map(6, 4, {Link(1, 3, kS)}))).count({1, 3}));
  // A skip from the east column's neighbour to the edge does not use the wire.
  const DefectMap east = Map(6, 4, {Link(5, 2, kE)});
  BOOST_TEST(CheckRepair(east, IdentityRepair(6, 4, 1)).empty());
}

BOOST_AUTO_TEST_CASE(three_adjacent_dead_tiles_leave_no_repair) {
  // No link skips three tiles, whatever the width.
  const DefectMap m = Map(8, 3, {Dead(2, 1), Dead(3, 1), Dead(4, 1)});
  const RemapResult res = Fast(m, 3);
  BOOST_TEST(!res.repair.has_value());
  BOOST_TEST(!res.full);
  BOOST_TEST(Contains(res.summary, "no repair"), res.summary);
  BOOST_TEST(Contains(res.summary, "row 1"), res.summary);
  BOOST_TEST(!ExactRemap(m, 3).has_value());
}

BOOST_AUTO_TEST_CASE(more_dead_tiles_than_spares_degrade_the_width) {
  const DefectMap m = Map(8, 3, {Dead(2, 1), Dead(5, 1)});
  const RemapResult res = Fast(m, 1);
  BOOST_TEST_REQUIRE(res.repair.has_value(), res.summary);
  BOOST_TEST(!res.full);
  BOOST_TEST(res.repair->width == 6);
  BOOST_TEST(res.repair->full_width == 7);
  BOOST_TEST(res.repair->degraded());
  BOOST_TEST(Contains(res.summary, "degraded: logical 6x3 of full 7x3"), res.summary);
  BOOST_TEST(CheckRepair(m, *res.repair).empty());
  const std::optional<Repair> exact = ExactRemap(m, 1);
  BOOST_TEST_REQUIRE(exact.has_value());
  BOOST_TEST(exact->width == 6);

  const RemapResult strict = Fast(m, 1, false);
  BOOST_TEST(!strict.repair.has_value());
  BOOST_TEST(Contains(strict.summary, "degrading not allowed"), strict.summary);
}

BOOST_AUTO_TEST_CASE(checker_names_the_tile_of_each_bad_repair) {
  const std::vector<std::string> on_dead =
      CheckRepair(Map(6, 4, {Dead(2, 1, Unit::kPe, "known_answer")}), IdentityRepair(6, 4, 1));
  BOOST_TEST(on_dead.size() == 1u, Joined(on_dead));
  BOOST_TEST(
      AnyContains(on_dead, "logical (2,1) on physical (2,1): tile is dead (pe / known_answer)"),
      Joined(on_dead));

  const DefectMap clean = Map(8, 2, {});
  BOOST_TEST(CheckRepair(clean, IdentityRepair(8, 2, 3)).empty());
  const auto gap = CheckRepair(clean, Hand(8, 2, 5, {{0, 4, 5, 6, 7}, {0, 4, 5, 6, 7}}));
  BOOST_TEST(gap.size() == 2u, Joined(gap));
  BOOST_TEST(AnyContains(gap, "link logical (0,0)-(1,0): physical (0,0)-(4,0) skips 3 tiles"),
             Joined(gap));

  const auto diagonal = CheckRepair(clean, Hand(8, 2, 5, {{0, 2, 3, 5, 6}, {2, 3, 4, 5, 6}}));
  BOOST_TEST(diagonal.size() == 1u, Joined(diagonal));
  BOOST_TEST(
      AnyContains(diagonal, "link logical (0,0)-(0,1): physical (0,0)-(2,1) steps 2 columns"),
      Joined(diagonal));

  const auto duplicate = CheckRepair(clean, Hand(8, 2, 5, {{0, 2, 2, 5, 6}, {0, 2, 3, 5, 6}}));
  BOOST_TEST(AnyContains(duplicate, "physical (2,0) plays logical (1,0) and (2,0)"),
             Joined(duplicate));
  BOOST_TEST(AnyContains(duplicate, "logical (2,0) on physical (2,0): not east of logical (1,0)"),
             Joined(duplicate));

  const auto west = CheckRepair(clean, Hand(8, 2, 5, {{3, 4, 5, 6, 7}, {2, 4, 5, 6, 7}}));
  BOOST_TEST(AnyContains(west, "link logical west edge-(0,0): physical west edge-(3,0) skips 3"),
             Joined(west));

  Repair narrow = IdentityRepair(8, 2, 3);
  narrow.phys_width = 7;
  narrow.full_width = 4;
  const auto dims = CheckRepair(clean, narrow);
  BOOST_TEST(
      AnyContains(dims, "shape: the repair is for a 7x2 physical wafer, the defect map for a 8x2"),
      Joined(dims));
  Repair short_row = IdentityRepair(8, 2, 3);
  short_row.cols[1].pop_back();
  BOOST_TEST(AnyContains(CheckRepair(clean, short_row), "shape: row 1 has 4 columns"));

  for (const Defect& d : {Link(2, 1, kE), Link(3, 1, kW)}) {
    const auto link = CheckRepair(Map(6, 4, {d}), IdentityRepair(6, 4, 1));
    BOOST_TEST(link.size() == 1u, Joined(link));
    BOOST_TEST(
        AnyContains(link, "link logical (2,1)-(3,1): physical (2,1)-(3,1) E/W wires are defective"),
        Joined(link));
  }
  const auto edge = CheckRepair(Map(6, 4, {Link(0, 3, kS)}), IdentityRepair(6, 4, 1));
  BOOST_TEST(
      AnyContains(
          edge, "link logical (0,3)-south edge: physical (0,3)-south edge S/N wires are defective"),
      Joined(edge));
}

BOOST_AUTO_TEST_CASE(incremental_remap_moves_few_tiles) {
  std::mt19937 rng(7);
  DefectMap m = Map(64, 40, RandomDefects(rng, 64, 40, 40, true));
  const RemapResult first = Fast(m, 4);
  BOOST_TEST_REQUIRE(first.full, first.summary);
  const Repair& before = *first.repair;

  // Nothing new: nothing re-planned, nothing moved.
  const RemapResult same = Fast(m, 4, true, &before);
  BOOST_TEST(same.rows_touched == 0);
  BOOST_TEST(same.tiles_moved == 0);
  BOOST_TEST((same.repair->cols == before.cols));

  // One new dead tile under logical (30, 20).
  const int x = before.PhysX(30, 20);
  m.defects.push_back(Dead(x, 20, Unit::kPe, "known_answer"));
  const RemapResult after = Fast(m, 4, true, &before);
  BOOST_TEST_REQUIRE(after.full, after.summary);
  BOOST_TEST(CheckRepair(m, *after.repair).empty());
  int moved = 0, rows_changed = 0;
  for (int y = 0; y < before.height; ++y) {
    bool changed = false;
    for (int l = 0; l < before.width; ++l) {
      const bool differs = before.PhysX(l, y) != after.repair->PhysX(l, y);
      moved += differs;
      changed = changed || differs;
    }
    rows_changed += changed;
  }
  BOOST_TEST_MESSAGE("incremental remap: " << after.summary);
  BOOST_TEST(after.tiles_moved == moved);
  BOOST_TEST(moved >= 1);
  BOOST_TEST(moved <= 30);
  BOOST_TEST(after.rows_touched >= rows_changed);
  BOOST_TEST(after.rows_touched <= 5);
}

BOOST_AUTO_TEST_CASE(fast_remap_matches_exact_on_small_random_wafers) {
  struct Shape {
    int pw, ph, min_spares, max_spares;
  };
  int compared = 0, gaps = 0, descent_gaps = 0, banded = 0, scrapped = 0, degraded = 0;
  for (const Shape& shape : {Shape{7, 5, 1, 2}, Shape{6, 6, 1, 3}}) {
    for (uint32_t seed = 0; seed < 1500; ++seed) {
      std::mt19937 rng(seed * 7919u + static_cast<uint32_t>(shape.pw));
      const int spares =
          shape.min_spares +
          static_cast<int>(rng() % static_cast<unsigned>(shape.max_spares - shape.min_spares + 1));
      const int count = 1 + static_cast<int>(rng() % 6u);
      const DefectMap m =
          Map(shape.pw, shape.ph, RandomDefects(rng, shape.pw, shape.ph, count, true));
      const std::optional<Repair> exact = ExactRemap(m, spares);
      if (exact) {
        const std::vector<std::string> problems = CheckRepair(m, *exact);
        BOOST_TEST(problems.empty(), "seed " << seed << ": " << Joined(problems));
      }
      const RemapResult fast = Fast(m, spares);
      RemapOptions descent_only;
      descent_only.spares = spares;
      descent_only.max_band_rows = 1;
      const RemapResult descent = Remap(m, descent_only);
      const int want = exact ? exact->width : 0;
      const int got = fast.repair ? fast.repair->width : 0;
      ++compared;
      banded += fast.band_replans > 0;
      scrapped += want == 0;
      degraded += want > 0 && want < shape.pw - spares;
      descent_gaps += (descent.repair ? descent.repair->width : 0) != want;
      if (got != want) {
        ++gaps;
        BOOST_TEST_MESSAGE("gap: " << shape.pw << "x" << shape.ph << " seed " << seed << " spares "
                                   << spares << ": fast " << got << ", exact " << want << " ("
                                   << fast.summary << ")");
      }
      BOOST_TEST(fast.full == (got == shape.pw - spares));
    }
  }
  BOOST_TEST_MESSAGE("fast vs exact: "
                     << compared << " small wafers compared, " << gaps << " width gaps ("
                     << degraded << " degraded, " << scrapped << " unrepairable); " << banded
                     << " needed band re-plans; without band re-plans: " << descent_gaps
                     << " gaps");
  BOOST_TEST(gaps == 0);
  BOOST_TEST(compared == 3000);
}

BOOST_AUTO_TEST_CASE(invalid_inputs_are_refused) {
  BOOST_TEST(Contains(ErrorOf([] { ExactRemap(Map(21, 20, {}), 1); }), "400"));
  BOOST_TEST(Contains(ErrorOf([] { ExactRemap(Map(20, 20, {}), 8); }), "20000"));
  BOOST_CHECK_THROW(Fast(Map(6, 4, {}), 6), std::invalid_argument);
  BOOST_CHECK_THROW(Fast(Map(6, 4, {Dead(6, 0)}), 1), std::invalid_argument);
  // A previous repair of this wafer whose rows do not fit its grid.
  Repair broken = IdentityRepair(6, 4, 1);
  broken.cols[2].pop_back();
  BOOST_CHECK_THROW(Fast(Map(6, 4, {}), 1, true, &broken), std::invalid_argument);
  // A previous repair of another wafer is ignored.
  const Repair other = IdentityRepair(7, 4, 1);
  BOOST_TEST(Fast(Map(6, 4, {}), 1, true, &other).tiles_moved == 0);
  // REPAIR1 holds 10-bit logical coordinates.
  const Repair wide = IdentityRepair(1100, 1, 60);
  BOOST_TEST(wide.width == 1040);
  BOOST_TEST(Contains(ErrorOf([&] { TileSettings(wide); }), "logical.width"));
  BOOST_CHECK_THROW(RepairToJson(wide), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(json_round_trip_is_exact) {
  const Json identity = RepairToJson(IdentityRepair(6, 4, 1));
  BOOST_TEST(identity.Get("format")->AsString() == "wse-repair");
  BOOST_TEST(identity.Get("version")->AsInt() == 1);
  BOOST_TEST(identity.Get("checksum")->AsString() ==
             Resealed(identity).Get("checksum")->AsString());
  const Json& tile = identity.Get("tiles")->Items()[1 * 6 + 4];  // (4,1)
  BOOST_TEST(tile.Dump(0) ==
             R"({"tile": [4, 1], "logical": [4, 1], "links": {"N": "straight", "E": "skip1", )"
             R"("S": "straight", "W": "next"}, "repair0": "0x00000010", "repair1": "0x80000404"})");
  const Json& spare = identity.Get("tiles")->Items()[5];  // (5,0)
  BOOST_TEST(spare.Dump(0) ==
             R"({"tile": [5, 0], "logical": null, "links": {"N": "off", "E": "off", "S": "off", )"
             R"("W": "off"}, "repair0": "0x00000100", "repair1": "0x00000000"})");

  const DefectMap m = Map(8, 3, {Dead(2, 1), Dead(5, 1), Link(4, 0, kS)});
  const Repair r = *Fast(m, 1).repair;
  BOOST_TEST(r.degraded());
  for (const Repair& want : {r, IdentityRepair(9, 2, 6), Hand(3, 2, 2, {{0, 1}, {1, 2}})}) {
    const Repair back = RepairFromJson(Json::Parse(RepairToJson(want).Dump()), "repair.json");
    BOOST_TEST(back.phys_width == want.phys_width);
    BOOST_TEST(back.phys_height == want.phys_height);
    BOOST_TEST(back.full_width == want.full_width);
    BOOST_TEST(back.width == want.width);
    BOOST_TEST(back.height == want.height);
    BOOST_TEST((back.cols == want.cols));
  }

  const unit::TempDir dir("repair");
  const std::string path = (dir.path / "sub" / "repair.json").string();
  WriteRepairFile(path, r);
  BOOST_TEST((ReadRepairFile(path).cols == r.cols));
  BOOST_TEST(util::ReadFile(path) == RepairToJson(r).Dump() + "\n");
}

BOOST_AUTO_TEST_CASE(corrupt_file_is_refused_naming_the_checksum) {
  const unit::TempDir dir("repair");
  const std::string path = (dir.path / "repair.json").string();
  WriteRepairFile(path, IdentityRepair(6, 4, 1));
  std::string text = util::ReadFile(path);
  // Flip one digit of the rows to another non-zero digit: still valid JSON.
  const size_t at = text.find_first_of("0123456789", text.find("\"rows\""));
  BOOST_TEST_REQUIRE(at != std::string::npos);
  text[at] = text[at] == '1' ? '2' : '1';
  util::WriteFileAtomic(path, text);
  const std::string error = ErrorOf([&] { ReadRepairFile(path); });
  BOOST_TEST(Contains(error, path + ": checksum: fnv1a64:"), error);
  BOOST_TEST(Contains(error, "does not match the contents (fnv1a64:"), error);
  BOOST_TEST(Contains(error, "the file is corrupt"), error);

  util::WriteFileAtomic(path, "{\"format\": \"wse-repair\",\n  \"version\": 1,,}");
  const std::string syntax = ErrorOf([&] { ReadRepairFile(path); });
  BOOST_TEST(Contains(syntax, path + ":2:"), syntax);
  BOOST_TEST(Contains(ErrorOf([&] { ReadRepairFile((dir.path / "missing.json").string()); }),
                      "missing.json"));
}

BOOST_AUTO_TEST_CASE(reader_names_the_bad_field) {
  const Json good = RepairToJson(IdentityRepair(7, 3, 2));  // columns 0 1 3 4 5
  BOOST_TEST(Refusal(good) == "no error");

  Json extra = good;
  extra.Set("extra", Json(1));
  BOOST_TEST(Refusal(Resealed(extra)) == "repair.json: extra: unknown field");
  // The same edit without a new checksum is corruption.
  BOOST_TEST(Contains(Refusal(extra), "repair.json: checksum: "));

  const Json& rows = *good.Get("rows");
  Json out_of_range = good;
  out_of_range.Set("rows", Replaced(rows, 1, Replaced(rows.Items()[1], 2, Json(99))));
  BOOST_TEST(Refusal(Resealed(out_of_range)) ==
             "repair.json: rows[1][2]: 99 is not in 0..6 (the physical columns)");

  Json unordered = good;
  unordered.Set("rows", Replaced(rows, 0, Replaced(rows.Items()[0], 1, Json(0))));
  BOOST_TEST(Refusal(Resealed(unordered)) ==
             "repair.json: rows[0][1]: 0 is not east of rows[0][0] (0)");

  Json far = good;  // row 1 starts two columns east of row 0
  Json shifted = Json::Array();
  for (int x : {2, 3, 4, 5, 6}) shifted.Push(Json(x));
  far.Set("rows", Replaced(rows, 1, shifted));
  BOOST_TEST(Refusal(Resealed(far)) ==
             "repair.json: rows[1][0]: 2 is 2 columns aside from rows[0][0] (0); a vertical link "
             "reaches at most 1");

  const Json& tiles = *good.Get("tiles");
  Json entry = tiles.Items()[1];  // (1,0): E skips column 2
  entry.Set("repair0", Json("0x00000011"));
  Json bad_tile = good;
  bad_tile.Set("tiles", Replaced(tiles, 1, entry));
  BOOST_TEST(Refusal(Resealed(bad_tile)) ==
             "repair.json: tiles[1].repair0: \"0x00000011\" disagrees with the rows, which give "
             "\"0x00000010\"");
  Json links = *entry.Get("links");
  links.Set("E", Json("next"));
  Json relinked = tiles.Items()[1];
  relinked.Set("links", links);
  Json bad_link = good;
  bad_link.Set("tiles", Replaced(tiles, 1, relinked));
  BOOST_TEST(
      Refusal(Resealed(bad_link)) ==
      "repair.json: tiles[1].links.E: \"next\" disagrees with the rows, which give \"skip1\"");
  Json unknown = tiles.Items()[1];
  unknown.Set("note", Json("spare"));
  Json bad_entry = good;
  bad_entry.Set("tiles", Replaced(tiles, 1, unknown));
  BOOST_TEST(Refusal(Resealed(bad_entry)) == "repair.json: tiles[1].note: unknown field");

  Json newer = good;
  newer.Set("version", Json(2));
  BOOST_TEST(Refusal(newer) ==
             "repair.json: version: 2 is newer than this build reads (version 1)");
  Json format = good;
  format.Set("format", Json("wse-defect-map"));
  BOOST_TEST(Contains(Refusal(format), "repair.json: format: expected \"wse-repair\""));
  Json typed = good;
  typed.Set("full_width", Json("5"));
  BOOST_TEST(Refusal(Resealed(typed)) ==
             "repair.json: full_width: expected an integer, found a string");
  Json flag = good;
  flag.Set("degraded", Json(true));
  BOOST_TEST(Contains(Refusal(Resealed(flag)), "repair.json: degraded: true disagrees"));
  Json missing = Json::Object();
  for (const auto& [k, v] : good.Members()) {
    if (k != "logical") missing.Set(k, v);
  }
  BOOST_TEST(Refusal(Resealed(missing)) == "repair.json: logical: missing");
  Json seal = good;
  seal.Set("checksum", Json("fnv1a64:XYZ"));
  BOOST_TEST(Contains(Refusal(seal), "repair.json: checksum: expected \"fnv1a64:\""));
}

BOOST_AUTO_TEST_CASE(wafer_1000x970_repairs_to_full_width) {
  std::mt19937 rng(2024);
  const DefectMap m = Map(1000, 970, RandomDefects(rng, 1000, 970, 50, false));
  RemapResult res;
  const std::string took = Timed([&] { res = Fast(m, 15); });
  BOOST_TEST_REQUIRE(res.full, res.summary);
  BOOST_TEST(res.repair->width == 985);
  BOOST_TEST_MESSAGE("1000x970, 15 spares, 50 dead tiles: Remap (checker included) "
                     << took << ": " << res.summary);

  std::mt19937 rng2(99);
  DefectMap heavy = Map(1000, 970, RandomDefects(rng2, 1000, 970, 500, true));
  RemapResult busy;
  const std::string busy_took = Timed([&] { busy = Fast(heavy, 15); });
  BOOST_TEST_REQUIRE(busy.full, busy.summary);
  BOOST_TEST_MESSAGE("1000x970, 15 spares, 500 mixed defects: Remap " << busy_took << ": "
                                                                      << busy.summary);

  heavy.defects.push_back(Dead(busy.repair->PhysX(500, 485), 485));
  RemapResult again;
  const std::string again_took = Timed([&] { again = Fast(heavy, 15, true, &*busy.repair); });
  BOOST_TEST_REQUIRE(again.full, again.summary);
  BOOST_TEST(again.rows_touched <= 5);
  BOOST_TEST(again.tiles_moved <= 60);
  BOOST_TEST_MESSAGE("  one more dead tile, incremental: " << again_took << ": " << again.summary);
}

// Found by the yield tool at 20x the target density with 0.5% spares: the
// band re-plans' state count (spares + 1) * 3^(k - 1) * 3^k overflowed for
// tall bands, so wafer 3 threw std::length_error from the band space and
// wafer 7 allocated 8 GB and crashed. Now every band is checked against the
// work and memory budget before it is built, and the remap ends (degraded or
// without a grid) with a repair the checker accepts.
BOOST_AUTO_TEST_CASE(dense_clustered_wafers_stay_within_the_band_budget) {
  for (const int index : {3, 7}) {
    BOOST_TEST_CONTEXT("wafer " << index) {
      const DefectMap m = DenseClusteredWafer(index);
      BOOST_TEST(m.defects.size() > 900u);
      RemapResult res;
      const std::clock_t cpu = std::clock();
      const std::string took = Timed([&] { res = Fast(m, 5); });
      const double cpu_s = static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
      BOOST_TEST_MESSAGE("dense clustered wafer "
                         << index << " (" << m.defects.size() << " defects), 5 spares: Remap "
                         << took << ", peak RSS " << PeakRssMb() << " MB: " << res.summary);
      BOOST_TEST(cpu_s < 30.0, "Remap took " << took);
      BOOST_TEST(PeakRssMb() < 1024);
      if (res.repair) {
        const std::vector<std::string> problems = CheckRepair(m, *res.repair);
        BOOST_TEST(problems.empty(), Joined(problems));
      } else {
        BOOST_TEST(Contains(res.summary, "no repair"), res.summary);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(logical_grid_beyond_repair1_is_refused) {
  // REPAIR1 holds logical x and y in 10 bits: at most 1024 columns and rows.
  // 1100 columns with 60 spares leave 1040 logical ones; rows are never
  // remapped.
  for (const auto& [pw, ph, spares, problem] :
       {std::tuple{1100, 2, 60,
                   "logical grid 1040 wide: REPAIR1 holds logical x in 10 bits (at most 1024 "
                   "columns)"},
        std::tuple{6, 1100, 1,
                   "logical grid 1100 tall: REPAIR1 holds logical y in 10 bits (at most 1024 "
                   "rows)"}}) {
    const std::vector<std::string> problems =
        CheckRepair(Map(pw, ph, {}), IdentityRepair(pw, ph, spares));
    BOOST_TEST(problems.size() == 1u, Joined(problems));
    BOOST_TEST(AnyContains(problems, problem), Joined(problems));
  }
  // The limit itself is encodable.
  BOOST_TEST(CheckRepair(Map(1030, 2, {}), IdentityRepair(1030, 2, 6)).empty());
  BOOST_TEST(CheckRepair(Map(6, 1024, {}), IdentityRepair(6, 1024, 1)).empty());

  // Remap refuses up front a wafer whose grid REPAIR1 cannot hold, naming the
  // limit, instead of planning a repair no tile can be set to.
  const std::string wide_error = ErrorOf([] { Fast(Map(1100, 2, {}), 60); });
  BOOST_TEST(Contains(wide_error, "1040"), wide_error);
  BOOST_TEST(Contains(wide_error, "at most 1024 columns"), wide_error);
  BOOST_CHECK_THROW(Fast(Map(1100, 2, {}), 60), std::invalid_argument);
  const std::string tall_error = ErrorOf([] { Fast(Map(6, 1100, {}), 1); });
  BOOST_TEST(Contains(tall_error, "at most 1024 rows"), tall_error);
  BOOST_CHECK_THROW(Fast(Map(6, 1100, {}), 1), std::invalid_argument);
  // Enough spares bring the grid within the limit.
  const RemapResult fits = Fast(Map(1100, 2, {Dead(500, 1)}), 76);
  BOOST_TEST_REQUIRE(fits.full, fits.summary);
  BOOST_TEST(fits.repair->width == 1024);
  BOOST_TEST(CheckRepair(Map(1100, 2, {Dead(500, 1)}), *fits.repair).empty());
  BOOST_TEST(TileSettings(*fits.repair).size() == 2200u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::fw
