#pragma once
// SignalRef: a typed view of a bit range inside a Verilated port.
//
// Verilator stores a port in CData/SData/IData/QData or a VlWide<N> word array
// depending on its width. Flat vector ports carry several logical signals
// (one slice per router port or per tile), so the harness addresses a signal
// as (storage, lsb, width) and never touches model internals.

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "verilated.h"

namespace wse::tb {

/// A bit slice of one Verilated top-level port; width is at most 64 bits.
class SignalRef {
 public:
  SignalRef() = default;
  SignalRef(CData& s, int lsb = 0, int width = 8) : SignalRef(&s, kU8, lsb, width, 8) {}
  SignalRef(SData& s, int lsb = 0, int width = 16) : SignalRef(&s, kU16, lsb, width, 16) {}
  SignalRef(IData& s, int lsb = 0, int width = 32) : SignalRef(&s, kU32, lsb, width, 32) {}
  SignalRef(QData& s, int lsb = 0, int width = 64) : SignalRef(&s, kU64, lsb, width, 64) {}
  template <std::size_t N>
  SignalRef(VlWide<N>& s, int lsb, int width)
      : SignalRef(s.data(), kWide, lsb, width, static_cast<int>(N * 32)) {}

  /// True once bound to a port.
  bool Bound() const { return ptr_ != nullptr; }
  int width() const { return width_; }

  /// Current value of the slice.
  uint64_t Get() const {
    switch (kind_) {
      case kU8: return Slice(*static_cast<const uint8_t*>(ptr_));
      case kU16: return Slice(*static_cast<const uint16_t*>(ptr_));
      case kU32: return Slice(*static_cast<const uint32_t*>(ptr_));
      case kU64: return Slice(*static_cast<const uint64_t*>(ptr_));
      case kWide: return GetWide();
    }
    return 0;
  }

  /// Writes the slice; bits above the width are ignored.
  void Set(uint64_t v) const {
    switch (kind_) {
      case kU8: Put(*static_cast<uint8_t*>(ptr_), v); break;
      case kU16: Put(*static_cast<uint16_t*>(ptr_), v); break;
      case kU32: Put(*static_cast<uint32_t*>(ptr_), v); break;
      case kU64: Put(*static_cast<uint64_t*>(ptr_), v); break;
      case kWide: SetWide(v); break;
    }
  }

 private:
  enum Kind : uint8_t { kU8, kU16, kU32, kU64, kWide };

  SignalRef(void* p, Kind k, int lsb, int width, int total) : ptr_(p), kind_(k), lsb_(lsb), width_(width) {
    if (width < 1 || width > 64 || lsb < 0 || lsb + width > total) {
      throw std::out_of_range("SignalRef: slice [" + std::to_string(lsb) + " +: " +
                              std::to_string(width) + "] outside a " + std::to_string(total) +
                              "-bit port");
    }
  }
  uint64_t Mask() const { return width_ == 64 ? ~0ULL : ((1ULL << width_) - 1); }
  template <class T>
  uint64_t Slice(T v) const { return (static_cast<uint64_t>(v) >> lsb_) & Mask(); }
  template <class T>
  void Put(T& dst, uint64_t v) const {
    const uint64_t m = Mask() << lsb_;
    const uint64_t cur = static_cast<uint64_t>(dst);
    dst = static_cast<T>((cur & ~m) | ((v << lsb_) & m));
  }
  uint64_t GetWide() const {
    const auto* w = static_cast<const uint32_t*>(ptr_);
    // Word-at-a-time: the slice spans at most three 32-bit words.
    uint64_t r = 0;
    int done = 0;
    while (done < width_) {
      const int b = lsb_ + done;
      const int word = b >> 5, off = b & 31;
      const int n = std::min(32 - off, width_ - done);
      const uint64_t bits = (w[word] >> off) & (n == 32 ? ~0u : ((1u << n) - 1));
      r |= bits << done;
      done += n;
    }
    return r;
  }
  void SetWide(uint64_t v) const {
    auto* w = static_cast<uint32_t*>(ptr_);
    // Word-at-a-time: the slice spans at most three 32-bit words.
    int done = 0;
    while (done < width_) {
      const int b = lsb_ + done;
      const int word = b >> 5, off = b & 31;
      const int n = std::min(32 - off, width_ - done);
      const uint32_t m = (n == 32 ? ~0u : ((1u << n) - 1)) << off;
      const uint32_t bits = static_cast<uint32_t>((v >> done) << off) & m;
      w[word] = (w[word] & ~m) | bits;
      done += n;
    }
  }

  void* ptr_ = nullptr;
  Kind kind_ = kU8;
  int lsb_ = 0;
  int width_ = 0;
};

}  // namespace wse::tb
