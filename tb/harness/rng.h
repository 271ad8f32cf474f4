#pragma once
// Rng: the one source of randomness of a test run, seeded from the test's
// seed so that every run is reproducible from the printed seed.

#include <cstdint>
#include <random>

namespace wse::tb {

/// Seeded pseudo-random generator with the helpers tests need.
class Rng {
 public:
  explicit Rng(uint64_t seed) : seed_(seed), eng_(seed) {}
  uint64_t seed() const { return seed_; }
  uint64_t Next() { return eng_(); }
  uint32_t Next32() { return static_cast<uint32_t>(eng_() >> 32); }
  /// Uniform integer in [lo, hi].
  int64_t Uniform(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(eng_); }
  /// True with probability p.
  bool Chance(double p) {
    if (p <= 0.0) return false;
    if (p >= 1.0) return true;
    return std::uniform_real_distribution<double>(0.0, 1.0)(eng_) < p;
  }
  /// A generator for a sub-component, independent of later draws here.
  Rng Fork() { return Rng(eng_() ^ 0x9e3779b97f4a7c15ULL); }
  std::mt19937_64& engine() { return eng_; }

 private:
  uint64_t seed_;
  std::mt19937_64 eng_;
};

}  // namespace wse::tb
