#include "yield/yield_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace wse::yield {

int64_t StretchHistogram::HorizontalTotal() const {
  int64_t n = h_beyond;
  for (int64_t c : h) n += c;
  return n;
}

int64_t StretchHistogram::VerticalTotal() const {
  int64_t n = v_beyond;
  for (int64_t c : v) n += c;
  return n;
}

void StretchHistogram::Add(const StretchHistogram& o) {
  for (int k = 0; k <= fw::kSkipReach; ++k) h[k] += o.h[k];
  for (int k = 0; k <= fw::kDiagReach; ++k) v[k] += o.v[k];
  h_beyond += o.h_beyond;
  v_beyond += o.v_beyond;
}

StretchHistogram Stretch(const fw::Repair& repair) {
  StretchHistogram s;
  const size_t rows = std::min(repair.cols.size(), static_cast<size_t>(std::max(repair.height, 0)));
  for (size_t y = 0; y < rows; ++y) {
    const std::vector<int>& row = repair.cols[y];
    for (size_t l = 1; l < row.size(); ++l) {
      const int skipped = row[l] - row[l - 1] - 1;
      if (skipped >= 0 && skipped <= fw::kSkipReach) {
        ++s.h[skipped];
      } else {
        ++s.h_beyond;
      }
    }
    if (y + 1 >= rows) continue;
    const std::vector<int>& next = repair.cols[y + 1];
    for (size_t l = 0; l < std::min(row.size(), next.size()); ++l) {
      const int aside = std::abs(row[l] - next[l]);
      if (aside <= fw::kDiagReach) {
        ++s.v[aside];
      } else {
        ++s.v_beyond;
      }
    }
  }
  return s;
}

double WilsonLower(int64_t successes, int64_t n, double z) {
  if (n <= 0) return 0;
  const double nn = static_cast<double>(n), p = static_cast<double>(successes) / nn, z2 = z * z;
  const double centre = p + z2 / (2 * nn);
  const double spread = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  return std::max(0.0, (centre - spread) / (1 + z2 / nn));
}

namespace {

// P(X >= k) for X ~ Binomial(n, p), summed in logs (n up to millions).
double UpperTail(int64_t k, int64_t n, double p) {
  if (k <= 0) return 1;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const double lp = std::log(p), lq = std::log1p(-p);
  const double lgn = std::lgamma(static_cast<double>(n) + 1);
  double sum = 0;
  for (int64_t i = k; i <= n; ++i) {
    const double di = static_cast<double>(i);
    const double term = lgn - std::lgamma(di + 1) - std::lgamma(static_cast<double>(n - i) + 1) +
                        di * lp + static_cast<double>(n - i) * lq;
    sum += std::exp(term);
  }
  return std::min(1.0, sum);
}

}  // namespace

double ClopperPearsonLower(int64_t successes, int64_t n, double confidence) {
  if (n <= 0 || successes <= 0) return 0;
  const double alpha = 1 - confidence;
  if (successes >= n) return std::pow(alpha, 1.0 / static_cast<double>(n));
  // P(X >= successes) grows with p: bisect for the p where it reaches alpha.
  double lo = 0, hi = 1;
  for (int it = 0; it < 100; ++it) {
    const double mid = (lo + hi) / 2;
    if (UpperTail(successes, n, mid) < alpha) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace wse::yield
