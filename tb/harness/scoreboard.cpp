#include "harness/scoreboard.h"

#include <algorithm>

namespace wse::tb {

int Scoreboard::AddEndpoint(const std::string& name) {
  names_.push_back(name);
  return static_cast<int>(names_.size()) - 1;
}

void Scoreboard::Fail(const std::string& msg) {
  ++errors_;
  if (errors_ <= kMaxReported) {
    log_.Error(msg);
  } else if (errors_ == kMaxReported + 1) {
    log_.Error("further scoreboard errors suppressed");
  }
}

void Scoreboard::Expect(int source, const Wavelet& w, const std::vector<int>& dests) {
  const uint64_t seq = seq_++;
  for (int d : dests) {
    pending_[Key{d, w.color}][source].push_back(Item{w, seq});
    ++expected_;
  }
}

void Scoreboard::Observe(int dest, const Wavelet& w) {
  ++observed_;
  auto it = pending_.find(Key{dest, w.color});
  if (it != pending_.end()) {
    // In order: the oldest outstanding wavelet of some source.
    for (auto& [src, q] : it->second) {
      if (!q.empty() && q.front().w == w) {
        q.pop_front();
        ++matched_;
        return;
      }
    }
    // Out of order: expected here, but behind older ones of the same stream.
    for (auto& [src, q] : it->second) {
      auto pos = std::find_if(q.begin(), q.end(), [&](const Item& i) { return i.w == w; });
      if (pos != q.end()) {
        const auto ahead = pos - q.begin();
        Fail("out of order at " + names_.at(dest) + ": " + w.ToString() + " from " +
             names_.at(src) + " overtook " + std::to_string(ahead) + " older wavelet(s), first " +
             q.front().w.ToString());
        q.erase(pos);
        ++matched_;
        return;
      }
    }
  }
  // Not expected here at all: misrouted or invented.
  for (auto& [key, sources] : pending_) {
    if (key.color != w.color) continue;
    for (auto& [src, q] : sources) {
      if (std::any_of(q.begin(), q.end(), [&](const Item& i) { return i.w == w; })) {
        Fail("misrouted: " + w.ToString() + " from " + names_.at(src) + " arrived at " +
             names_.at(dest) + ", expected at " + names_.at(key.dest));
        return;
      }
    }
  }
  Fail("unexpected wavelet at " + names_.at(dest) + ": " + w.ToString() +
       " (duplicate, corrupted or never sent)");
}

bool Scoreboard::Check() {
  uint64_t missing = 0;
  for (auto& [key, sources] : pending_) {
    for (auto& [src, q] : sources) {
      for (auto& item : q) {
        ++missing;
        if (missing <= kMaxReported) {
          log_.Error("missing: " + item.w.ToString() + " from " + names_.at(src) + " never reached " +
                     names_.at(key.dest));
        }
      }
    }
  }
  if (missing > kMaxReported) {
    log_.Error(std::to_string(missing) + " wavelets missing in total");
  }
  errors_ += missing;
  log_.Info("scoreboard: " + std::to_string(expected_) + " expected, " + std::to_string(observed_) +
            " observed, " + std::to_string(missing) + " missing, " + std::to_string(errors_) +
            " errors");
  return errors_ == 0;
}

}  // namespace wse::tb
