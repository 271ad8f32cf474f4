#pragma once
// Scoreboard: checks that every wavelet arrives exactly once, at each of its
// expected endpoints, in per-color order per source, with its payload.
//
// Expect() registers a wavelet at the moment a source injects it, with the
// endpoints an independent model says it must reach. Observe() matches an
// arrival against the oldest outstanding wavelet of that color from each
// source bound for that endpoint. Wavelets of one color from different
// sources may interleave (the fabric only orders each input stream).

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "harness/log.h"
#include "harness/wavelet.h"

namespace wse::tb {

/// In-order, exactly-once checker for fabric traffic.
class Scoreboard {
 public:
  explicit Scoreboard(Logger log) : log_(std::move(log)) {}

  /// Registers an endpoint (source or destination) and returns its id.
  int AddEndpoint(const std::string& name);
  const std::string& EndpointName(int id) const { return names_.at(id); }

  /// `w` was injected at `source` and must arrive once at each of `dests`.
  void Expect(int source, const Wavelet& w, const std::vector<int>& dests);
  /// `w` arrived at `dest`.
  void Observe(int dest, const Wavelet& w);
  /// Reports every wavelet still outstanding; true if nothing went wrong.
  bool Check();

  uint64_t expected() const { return expected_; }
  uint64_t observed() const { return observed_; }
  uint64_t outstanding() const { return expected_ - matched_; }
  uint64_t errors() const { return errors_; }

 private:
  struct Key {
    int dest;
    uint8_t color;
    bool operator<(const Key& o) const { return dest != o.dest ? dest < o.dest : color < o.color; }
  };
  struct Item {
    Wavelet w;
    uint64_t seq;  // injection order, for messages
  };
  void Fail(const std::string& msg);

  Logger log_;
  std::vector<std::string> names_;
  // (dest, color) -> source -> outstanding wavelets in injection order
  std::map<Key, std::map<int, std::deque<Item>>> pending_;
  uint64_t expected_ = 0, matched_ = 0, observed_ = 0, errors_ = 0, seq_ = 0;
  static constexpr uint64_t kMaxReported = 20;
};

}  // namespace wse::tb
