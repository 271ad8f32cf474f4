// The yield study (docs/yield.md): the defect models draw the counts they
// promise (Poisson mean and variance, negative-binomial variance m + m^2 /
// alpha), a seed reproduces a wafer bit for bit, the stretch histogram and
// the confidence bounds are right on hand-checked cases, a study's figures
// do not depend on the thread count, and the repair map draws what it says.
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "firmware/defect_map.h"
#include "firmware/repair/repair.h"
#include "firmware/report/repair_map_svg.h"
#include "unit_helpers.h"
#include "yield/defect_model.h"
#include "yield/yield_rng.h"
#include "yield/yield_stats.h"
#include "yield/yield_study.h"

namespace wse::yield {
namespace {

using unit::Contains;

struct Moments {
  double mean = 0, var = 0;
};

// Mean and variance of the drawn defect counts of `draws` wafers.
Moments CountMoments(const WaferGeometry& g, const DefectModelSpec& spec, int draws,
                     uint64_t seed) {
  std::vector<double> n;
  for (int i = 0; i < draws; ++i) {
    GenerateStats st;
    GenerateDefects(g, spec, WaferSeed(seed, static_cast<uint64_t>(i)), &st);
    n.push_back(static_cast<double>(st.drawn));
  }
  Moments m;
  for (double v : n) m.mean += v / draws;
  for (double v : n) m.var += (v - m.mean) * (v - m.mean) / (draws - 1);
  return m;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1))
    ++n;
  return n;
}

// Logical 4x3 on a 7x3 wafer:      row 0: 0 1 2 3      (no skips)
//                                  row 1: 0 2 3 4      (skips tile 1)
//                                  row 2: 0 3 4 5      (skips tiles 1, 2)
fw::Repair HandRepair() {
  fw::Repair r;
  r.phys_width = 7;
  r.phys_height = 3;
  r.full_width = 4;
  r.width = 4;
  r.height = 3;
  r.cols = {{0, 1, 2, 3}, {0, 2, 3, 4}, {0, 3, 4, 5}};
  return r;
}

fw::Defect D(int x, int y, fw::Unit u, int dir = -1) {
  fw::Defect d;
  d.x = x;
  d.y = y;
  d.unit = u;
  d.dir = dir;
  d.kind = u == fw::Unit::kLink ? "link_test" : "unreachable";
  return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(yield)

BOOST_AUTO_TEST_CASE(poisson_counts_have_mean_and_variance_lambda_n) {
  WaferGeometry g{100, 100, 0.05};
  DefectModelSpec spec;
  spec.density_per_mm2 = 0.1;  // lambda = 0.005 per tile, 50 per wafer
  const double expect = 0.1 * 0.05 * 100 * 100;
  const int draws = 400;
  const Moments m = CountMoments(g, spec, draws, 11);
  // Four standard errors of the mean; the variance within 20% (its standard
  // error here is about 7%).
  BOOST_TEST(std::abs(m.mean - expect) < 4 * std::sqrt(expect / draws),
             "mean " << m.mean << " vs " << expect);
  BOOST_TEST(std::abs(m.var / expect - 1) < 0.2, "variance " << m.var << " vs " << expect);
}

BOOST_AUTO_TEST_CASE(nb_block_counts_have_variance_m_plus_m2_over_alpha) {
  // One 32x32 block: its count is negative binomial with mean m.
  WaferGeometry g{32, 32, 0.05};
  const double m_expect = 5;
  for (double alpha : {2.0, 0.5}) {
    DefectModelSpec spec;
    spec.model = DefectModel::kNegBinomial;
    spec.alpha = alpha;
    spec.density_per_mm2 = m_expect / (32 * 32 * 0.05);
    const int draws = 4000;
    const Moments m = CountMoments(g, spec, draws, 21);
    const double var_expect = m_expect + m_expect * m_expect / alpha;
    BOOST_TEST(std::abs(m.mean - m_expect) < 4 * std::sqrt(var_expect / draws),
               "alpha " << alpha << ": mean " << m.mean);
    BOOST_TEST(m.var > 1.5 * m_expect,
               "alpha " << alpha << ": variance " << m.var << " not above Poisson's");
    BOOST_TEST(std::abs(m.var / var_expect - 1) < 0.25,
               "alpha " << alpha << ": variance " << m.var << " vs " << var_expect);
  }
}

BOOST_AUTO_TEST_CASE(nb_mean_over_partial_blocks_is_lambda_n) {
  // 100x90 with 32-tile blocks: the last column and row of blocks are cut.
  WaferGeometry g{100, 90, 0.05};
  DefectModelSpec spec;
  spec.model = DefectModel::kNegBinomial;
  spec.alpha = 2;
  spec.density_per_mm2 = 0.1;
  const double expect = 0.1 * 0.05 * 100 * 90;
  // Per wafer: a sum of independent block counts, each m_b + m_b^2 / alpha.
  double var = 0;
  for (int by = 0; by < 90; by += 32)
    for (int bx = 0; bx < 100; bx += 32) {
      const double mb = 0.1 * 0.05 * std::min(32, 100 - bx) * std::min(32, 90 - by);
      var += mb + mb * mb / 2;
    }
  const int draws = 600;
  const Moments m = CountMoments(g, spec, draws, 31);
  BOOST_TEST(std::abs(m.mean - expect) < 4 * std::sqrt(var / draws),
             "mean " << m.mean << " vs " << expect);
  BOOST_TEST(std::abs(m.var / var - 1) < 0.25, "variance " << m.var << " vs " << var);
}

BOOST_AUTO_TEST_CASE(samplers_have_their_moments) {
  YieldRng rng(5);
  const int n = 20000;
  for (double shape : {0.5, 2.0, 7.5}) {
    double s = 0, s2 = 0;
    for (int i = 0; i < n; ++i) {
      const double x = rng.Gamma(shape);
      s += x;
      s2 += x * x;
    }
    const double mean = s / n, var = s2 / n - mean * mean;
    BOOST_TEST(std::abs(mean - shape) < 4 * std::sqrt(shape / n),
               "gamma(" << shape << ") mean " << mean);
    BOOST_TEST(std::abs(var / shape - 1) < 0.1, "gamma(" << shape << ") variance " << var);
  }
  for (double mean_expect : {0.3, 16.0, 40.5}) {
    double s = 0, s2 = 0;
    for (int i = 0; i < n; ++i) {
      const double x = static_cast<double>(rng.Poisson(mean_expect));
      s += x;
      s2 += x * x;
    }
    const double mean = s / n, var = s2 / n - mean * mean;
    BOOST_TEST(std::abs(mean - mean_expect) < 4 * std::sqrt(mean_expect / n),
               "poisson mean " << mean);
    BOOST_TEST(std::abs(var / mean_expect - 1) < 0.06,
               "poisson(" << mean_expect << ") variance " << var);
  }
  BOOST_TEST(rng.Poisson(0) == 0);
  uint64_t seen = 0;
  for (int i = 0; i < 1000; ++i) {
    const uint64_t v = rng.Below(7);
    BOOST_TEST_REQUIRE(v < 7u);
    seen |= 1u << v;
  }
  BOOST_TEST(seen == 0x7fu);
}

BOOST_AUTO_TEST_CASE(a_seed_reproduces_the_wafer) {
  const WaferGeometry g;  // the target wafer
  for (DefectModel model : {DefectModel::kPoisson, DefectModel::kNegBinomial}) {
    DefectModelSpec spec;
    spec.model = model;
    spec.alpha = 0.5;
    const std::string a = fw::ToJson(GenerateDefects(g, spec, 77)).Dump(0);
    const std::string b = fw::ToJson(GenerateDefects(g, spec, 77)).Dump(0);
    const std::string c = fw::ToJson(GenerateDefects(g, spec, 78)).Dump(0);
    BOOST_TEST(a == b);
    BOOST_TEST(a != c);
  }
  // Pinned draws: the samplers use only mt19937_64's words (fixed by the
  // standard), so these hold on every platform and library.
  YieldRng rng(1);
  BOOST_TEST(rng.Below(1000) == 133u);
  BOOST_TEST(rng.Poisson(48.5) == 40);
  DefectModelSpec spec;
  const fw::DefectMap m = GenerateDefects(g, spec, WaferSeed(1, 0));
  BOOST_TEST(m.defects.size() == 53u);
  BOOST_TEST(m.defects[0].x == 709);
  BOOST_TEST(m.defects[0].y == 640);
  // Wafer seeds: distinct per index and per study seed.
  BOOST_TEST(WaferSeed(1, 0) != WaferSeed(1, 1));
  BOOST_TEST(WaferSeed(1, 0) != WaferSeed(2, 0));
}

BOOST_AUTO_TEST_CASE(generated_maps_are_valid_and_mix_units_as_asked) {
  WaferGeometry g{200, 100, 0.05};
  DefectModelSpec spec;
  spec.density_per_mm2 = 1;  // 0.05 per tile, 1000 per wafer
  GenerateStats st;
  const fw::DefectMap m = GenerateDefects(g, spec, 3, &st);
  // The strict reader accepts it (no duplicate, every field in range).
  const fw::DefectMap back = fw::DefectMapFromJson(fw::ToJson(m), "generated");
  BOOST_TEST(back.defects.size() == m.defects.size());
  BOOST_TEST(static_cast<int64_t>(m.defects.size()) + st.merged == st.drawn);
  int links = 0, tiles = 0;
  for (const auto& d : m.defects) {
    links += d.unit == fw::Unit::kLink;
    tiles += d.unit == fw::Unit::kTile;
  }
  BOOST_TEST(m.reachable == 200 * 100 - tiles);
  const double share = static_cast<double>(links) / static_cast<double>(m.defects.size());
  BOOST_TEST(std::abs(share - 0.2) < 0.05, "link share " << share);
  spec.link_fraction = 0;
  for (const auto& d : GenerateDefects(g, spec, 3).defects)
    BOOST_TEST_REQUIRE((d.unit != fw::Unit::kLink));
  spec.link_fraction = 1;
  for (const auto& d : GenerateDefects(g, spec, 3).defects)
    BOOST_TEST_REQUIRE((d.unit == fw::Unit::kLink));
  // Bad specs name the field.
  spec.density_per_mm2 = -1;
  BOOST_TEST(Contains(unit::ErrorOf([&] { GenerateDefects(g, spec, 1); }), "density_per_mm2"));
  spec.density_per_mm2 = 0.001;
  spec.model = DefectModel::kNegBinomial;
  spec.alpha = 0;
  BOOST_TEST(Contains(unit::ErrorOf([&] { GenerateDefects(g, spec, 1); }), "alpha"));
  BOOST_TEST(ModelTag(spec) == "nb0");
  spec.alpha = 0.5;
  BOOST_TEST(ModelTag(spec) == "nb05");
  BOOST_TEST(ModelLabel(spec) == "NB alpha=0.5");
}

BOOST_AUTO_TEST_CASE(stretch_histogram_of_a_hand_made_repair) {
  const StretchHistogram s = Stretch(HandRepair());
  // Horizontal: row 0 three nearest; row 1 one skip of 1, two nearest; row 2
  // one skip of 2, two nearest.
  BOOST_TEST(s.h[0] == 7);
  BOOST_TEST(s.h[1] == 1);
  BOOST_TEST(s.h[2] == 1);
  BOOST_TEST(s.h_beyond == 0);
  // Vertical: rows 0->1 straight at l = 0, aside at 1, 2, 3; rows 1->2 straight
  // at l = 0, aside at 1, 2, 3.
  BOOST_TEST(s.v[0] == 2);
  BOOST_TEST(s.v[1] == 6);
  BOOST_TEST(s.v_beyond == 0);
  BOOST_TEST(s.HorizontalTotal() == 9);
  BOOST_TEST(s.VerticalTotal() == 8);
  // Out of reach: a skip of 3 and a step of 2 columns.
  fw::Repair bad = HandRepair();
  bad.cols[2] = {0, 4, 5, 6};
  const StretchHistogram b = Stretch(bad);
  BOOST_TEST(b.h_beyond == 1);
  BOOST_TEST(b.v_beyond == 3);  // l = 1, 2, 3: two columns aside
  BOOST_TEST(b.v[0] == 2);      // l = 0 twice
  StretchHistogram sum = s;
  sum.Add(b);
  BOOST_TEST(sum.h[0] == 7 + b.h[0]);
}

BOOST_AUTO_TEST_CASE(confidence_bounds) {
  // Wilson, one-sided z = 1.645: all n successes -> 1 / (1 + z^2 / n).
  BOOST_TEST(std::abs(WilsonLower(1000, 1000) -
                      1 / (1 + 1.6448536269514722 * 1.6448536269514722 / 1000)) < 1e-12);
  BOOST_TEST(std::abs(WilsonLower(50, 100, 1.96) - 0.403830) < 1e-5);  // the textbook interval
  BOOST_TEST(WilsonLower(0, 100) == 0.0);
  BOOST_TEST(WilsonLower(5, 0) == 0.0);
  // Clopper-Pearson, one-sided 95%: zero failures in n is the rule of three.
  BOOST_TEST(std::abs(ClopperPearsonLower(1000, 1000) - std::pow(0.05, 1e-3)) < 1e-12);
  BOOST_TEST(std::abs((1 - ClopperPearsonLower(1000, 1000)) * 1000 - 3) < 0.01);
  // Reference values from an independent exact binomial sum.
  BOOST_TEST(std::abs(ClopperPearsonLower(95, 100) - 0.8977466) < 1e-6);
  BOOST_TEST(std::abs(ClopperPearsonLower(999, 1000) - 0.9952650) < 1e-6);
  BOOST_TEST(std::abs(ClopperPearsonLower(50, 100) - 0.4136217) < 1e-6);
  BOOST_TEST(std::abs(ClopperPearsonLower(1, 11) - 0.0046522) < 1e-6);
  BOOST_TEST(ClopperPearsonLower(0, 10) == 0.0);
  // The exact bound is the more cautious one here.
  BOOST_TEST(ClopperPearsonLower(1000, 1000) < WilsonLower(1000, 1000));
}

BOOST_AUTO_TEST_CASE(study_figures_do_not_depend_on_threads) {
  StudyConfig cfg;
  cfg.wafer = {60, 40, 0.05};
  cfg.defects.density_per_mm2 = 0.5;  // 60 defects per wafer: some wafers degrade
  cfg.spare_fraction = 0.05;          // 3 spares per row
  cfg.wafers = 24;
  cfg.seed = 9;
  const StudyResult one = RunStudy(cfg, 1);
  const StudyResult two = RunStudy(cfg, 2);
  BOOST_TEST(one.spares == 3);
  BOOST_TEST_REQUIRE(one.wafers.size() == two.wafers.size());
  for (size_t i = 0; i < one.wafers.size(); ++i) {
    const WaferOutcome &a = one.wafers[i], &b = two.wafers[i];
    BOOST_TEST(a.seed == b.seed);
    BOOST_TEST(a.defects == b.defects);
    BOOST_TEST(a.full == b.full);
    BOOST_TEST(a.width == b.width);
    BOOST_TEST(a.stretch.h[1] == b.stretch.h[1]);
    BOOST_TEST(!a.rejected, "wafer " << i << ": " << (a.problems.empty() ? "" : a.problems[0]));
  }
  BOOST_TEST(one.summary.full == two.summary.full);
  BOOST_TEST(one.summary.exposed_fraction == two.summary.exposed_fraction);
  // A later range of the same study draws the same wafers.
  StudyConfig tail = cfg;
  tail.first_wafer = 20;
  tail.wafers = 4;
  const StudyResult t = RunStudy(tail, 2);
  BOOST_TEST(t.wafers[0].seed == one.wafers[20].seed);
  BOOST_TEST(t.wafers[3].width == one.wafers[23].width);
  // Fractions add up: exposed + unused = 1.
  BOOST_TEST(std::abs(one.summary.exposed_fraction + one.summary.unused_fraction - 1) < 1e-12);
}

BOOST_AUTO_TEST_CASE(repair_map_draws_tiles_links_and_the_logical_mesh) {
  fw::DefectMap m;
  m.width = 7;
  m.height = 3;
  m.reachable = 19;
  // Dead: the tiles row 1 and row 2 skip; a link defect; a dead spare.
  m.defects = {D(1, 1, fw::Unit::kTile), D(1, 2, fw::Unit::kPe), D(2, 2, fw::Unit::kSram),
               D(6, 0, fw::Unit::kTile), D(3, 0, fw::Unit::kLink, 1)};
  const fw::Repair r = HandRepair();
  const std::string svg = fw::RenderRepairMapSvg(m, &r, "hand <repair>");
  BOOST_TEST(svg.rfind("<svg ", 0) == 0u);
  BOOST_TEST(svg.substr(svg.size() - 7) == "</svg>\n");
  BOOST_TEST(Count(svg, "<g") == Count(svg, "</g>"));
  BOOST_TEST(Contains(svg, "hand &lt;repair&gt;"));
  BOOST_TEST(Contains(svg, "logical 4x3 full"));
  BOOST_TEST(Contains(svg, "whole wafer"));
  // Small wafer: one rect per tile with a tooltip.
  BOOST_TEST(Count(svg, "<rect class=\"u\"") == 12u);
  BOOST_TEST(Count(svg, "<rect class=\"d\"") == 4u);
  BOOST_TEST(Count(svg, "<rect class=\"s\"") == 5u);
  BOOST_TEST(Contains(svg, "<title>(3,2) logical (1,2)</title>"));
  BOOST_TEST(Contains(svg, "<title>(2,2) dead: sram</title>"));
  BOOST_TEST(Contains(svg, "<title>(3,0) logical (3,0), link E defect</title>"));
  // Legend counts: 12 used, 5 spares, 4 dead, 1 link defect; links 7 + 2
  // nearest vertical straight, 2 skips, 6 diagonal.
  BOOST_TEST(Contains(svg, ">used (logical x above y): 12</text>"));
  BOOST_TEST(Contains(svg, ">spare, unused: 5</text>"));
  BOOST_TEST(Contains(svg, ">dead, mapped out: 4</text>"));
  BOOST_TEST(Contains(svg, ">dead but used (invalid repair): 0</text>"));
  BOOST_TEST(Contains(svg, ">link defect (side it leaves): 1</text>"));
  BOOST_TEST(Contains(svg, ">logical link, nearest neighbour: 9</text>"));
  BOOST_TEST(Contains(svg, ">logical link skipping 1-2 tiles: 2</text>"));
  BOOST_TEST(Contains(svg, ">logical link one column aside: 6</text>"));
  // The skip over two tiles in row 2 is one segment from centre to centre.
  BOOST_TEST(Contains(svg, "M0.5 2.5L3.5 2.5"));
  // A repair that uses a dead tile is drawn as such.
  fw::DefectMap worse = m;
  worse.defects.push_back(D(2, 1, fw::Unit::kRouter));
  BOOST_TEST(Contains(fw::RenderRepairMapSvg(worse, &r, "t"),
                      ">dead but used (invalid repair): 1</text>"));
  // No grid: tiles only.
  const std::string none = fw::RenderRepairMapSvg(m, nullptr, "t");
  BOOST_TEST(Contains(none, "no logical grid"));
  BOOST_TEST(Count(none, "<rect class=\"s\"") == 17u);
  // A repair of another wafer is refused, naming it.
  fw::DefectMap other = m;
  other.width = 8;
  BOOST_TEST(Contains(unit::ErrorOf([&] { fw::RenderRepairMapSvg(other, &r, "t"); }), "7x3 wafer"));
}

BOOST_AUTO_TEST_CASE(repair_map_window_finds_the_densest_defects) {
  fw::DefectMap m;
  m.width = 300;
  m.height = 200;
  for (int i = 0; i < 5; ++i) m.defects.push_back(D(250 + i, 150 + i, fw::Unit::kTile));
  m.defects.push_back(D(10, 10, fw::Unit::kTile));
  const fw::RepairMapWindow w = fw::SelectRepairMapWindow(m, {});
  BOOST_TEST(w.width == fw::kRepairMapDefaultCrop);
  BOOST_TEST(w.height == fw::kRepairMapDefaultCrop);
  BOOST_TEST(w.x0 <= 250);
  BOOST_TEST(w.x0 + w.width > 254);
  BOOST_TEST(w.y0 <= 150);
  BOOST_TEST(w.y0 + w.height > 154);
  BOOST_TEST(w.x0 == 232);  // centred on the five: (250 + 254 + 1 - 40) / 2
  BOOST_TEST(w.y0 == 132);
  fw::RepairMapOptions at;
  at.crop = 20;
  at.centre_x = 0;
  at.centre_y = 199;
  const fw::RepairMapWindow c = fw::SelectRepairMapWindow(m, at);
  BOOST_TEST(c.x0 == 0);
  BOOST_TEST(c.y0 == 180);
  at.crop = 1000;
  BOOST_TEST(Contains(unit::ErrorOf([&] { fw::SelectRepairMapWindow(m, at); }), "crop 1000"));
  // The cropped drawing covers only the window (one element per tile there).
  at.crop = 10;
  at.centre_x = 150;
  at.centre_y = 100;
  const std::string svg = fw::RenderRepairMapSvg(m, nullptr, "t", at);
  BOOST_TEST(Count(svg, "<rect class=\"s\"") == 100u);
  BOOST_TEST(Contains(svg, "window x 145..154, y 95..104"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::yield
