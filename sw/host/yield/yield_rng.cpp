#include "yield/yield_rng.h"

#include <cmath>

namespace wse::yield {

uint64_t WaferSeed(uint64_t seed, uint64_t index) {
  // Two SplitMix64 rounds: the first spreads the study seed, the second mixes
  // in the index.
  auto mix = [](uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  };
  return mix(mix(seed) ^ index);
}

uint64_t YieldRng::Below(uint64_t n) {
  // Lemire: the high word of x * n is uniform in [0, n) once the low words
  // that would over-represent some outputs are rejected.
  unsigned __int128 m = static_cast<unsigned __int128>(eng_()) * n;
  uint64_t low = static_cast<uint64_t>(m);
  if (low < n) {
    const uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<unsigned __int128>(eng_()) * n;
      low = static_cast<uint64_t>(m);
    }
  }
  return static_cast<uint64_t>(m >> 64);
}

double YieldRng::Normal() {
  for (;;) {
    const double u = 2 * Uniform() - 1, v = 2 * Uniform() - 1;
    const double s = u * u + v * v;
    if (s > 0 && s < 1) return u * std::sqrt(-2 * std::log(s) / s);
  }
}

double YieldRng::Gamma(double shape) {
  if (shape < 1) return Gamma(shape + 1) * std::pow(UniformOpen(), 1 / shape);
  const double d = shape - 1.0 / 3, c = 1 / std::sqrt(9 * d);
  for (;;) {
    const double x = Normal();
    double v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const double u = UniformOpen();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
  }
}

int64_t YieldRng::Poisson(double mean) {
  constexpr double kChunk = 16;  // exp(-16) is far from underflow
  int64_t count = 0;
  while (mean > 0) {
    const double m = mean > kChunk ? kChunk : mean;
    mean -= m;
    const double limit = std::exp(-m);
    double p = 1;
    for (;;) {
      p *= Uniform();
      if (p <= limit) break;
      ++count;
    }
  }
  return count;
}

}  // namespace wse::yield
