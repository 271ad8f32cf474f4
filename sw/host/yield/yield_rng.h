#pragma once
// YieldRng: the random numbers of the yield study, identical on every
// platform. std::mt19937_64 is specified bit for bit by the standard, but the
// std:: distributions are not (libstdc++ and libc++ draw different Poisson
// and gamma variates from the same engine), so every sampler the study needs
// is written here on top of the raw 64-bit words.

#include <cstdint>
#include <random>

namespace wse::yield {

/// The seed of wafer `index` of a study seeded with `seed`: a SplitMix64
/// finaliser over both, so neighbouring indices give unrelated streams and a
/// wafer's defects do not depend on how many threads ran the study.
uint64_t WaferSeed(uint64_t seed, uint64_t index);

/// Seeded generator with the samplers the defect models use.
class YieldRng {
 public:
  explicit YieldRng(uint64_t seed) : eng_(seed) {}

  /// A raw 64-bit word.
  uint64_t Next() { return eng_(); }
  /// Uniform in [0, 1), 53 bits.
  double Uniform() { return static_cast<double>(eng_() >> 11) * 0x1.0p-53; }
  /// Uniform in (0, 1): never 0, so its logarithm is finite.
  double UniformOpen() { return (static_cast<double>(eng_() >> 11) + 0.5) * 0x1.0p-53; }
  /// Uniform integer in [0, n), n >= 1, without bias (Lemire's multiply and
  /// reject).
  uint64_t Below(uint64_t n);
  /// Standard normal (Marsaglia's polar method; one variate per call).
  double Normal();
  /// Gamma(shape, scale 1): mean `shape`, variance `shape` (Marsaglia and
  /// Tsang; shape < 1 through Gamma(shape + 1) * U^(1/shape)). shape > 0.
  double Gamma(double shape);
  /// Poisson with mean `mean` >= 0: Knuth's product of uniforms on chunks of
  /// mean at most 16 (a sum of Poissons is Poisson), so cost grows with the
  /// mean but every draw is exact and portable.
  int64_t Poisson(double mean);

 private:
  std::mt19937_64 eng_;
};

}  // namespace wse::yield
