#pragma once
// Figures of one repair and of a sample of wafers: how far the logical links
// stretch, and how sure a yield estimate is.

#include <cstdint>

#include "firmware/repair/repair.h"

namespace wse::yield {

/// Logical links of a repair by how far they stretch on the wafer. Only links
/// between two logical tiles count (the wafer edge is not a link).
///   h[k]: horizontal links that skip k physical tiles (k = 0 .. kSkipReach)
///   v[k]: vertical links whose ends sit k columns apart (k = 0 .. kDiagReach)
/// A repair the scheme cannot realise lands in h_beyond / v_beyond (a valid
/// repair has none).
struct StretchHistogram {
  int64_t h[fw::kSkipReach + 1] = {};
  int64_t v[fw::kDiagReach + 1] = {};
  int64_t h_beyond = 0, v_beyond = 0;

  int64_t HorizontalTotal() const;
  int64_t VerticalTotal() const;
  void Add(const StretchHistogram& o);
};

/// The histogram of `repair`'s logical links (from Repair::cols alone).
StretchHistogram Stretch(const fw::Repair& repair);

/// One-sided lower confidence bound on a proportion from `successes` of `n`
/// trials, Wilson's score interval with normal quantile z (1.645: 95%).
/// n = 0 gives 0.
double WilsonLower(int64_t successes, int64_t n, double z = 1.6448536269514722);

/// Exact (Clopper-Pearson) one-sided lower bound at `confidence`: the
/// smallest p for which `successes` or more of `n` is still at least
/// 1 - confidence likely. All n successes give (1 - confidence)^(1/n), about
/// 1 - 3/n at 95% (the rule of three). n = 0 gives 0.
double ClopperPearsonLower(int64_t successes, int64_t n, double confidence = 0.95);

}  // namespace wse::yield
