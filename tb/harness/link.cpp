#include "harness/link.h"

namespace wse::tb {

LinkSource::LinkSource(Sim& sim, Logger log, LinkPins pins, Rng rng)
    : sim_(sim), log_(std::move(log)), pins_(pins), rng_(std::move(rng)), not_empty_(sim),
      idle_(sim) {
  idle_.Set();
}

void LinkSource::Send(const Wavelet& w) {
  queue_.push_back(w);
  idle_.Clear();
  not_empty_.Set();
}

void LinkSource::Start() { sim_.Fork(Run()); }

Task LinkSource::Run() {
  pins_.valid.Set(0);
  for (;;) {
    if (queue_.empty()) {
      pins_.valid.Set(0);
      idle_.Set();
      not_empty_.Clear();
      co_await not_empty_.Wait();  // resumes in a drive phase
    } else {
      co_await sim_.RisingEdge();
    }
    if (rng_.Chance(idle_prob_)) {
      pins_.valid.Set(0);
      continue;
    }
    const Wavelet w = queue_.front();
    pins_.valid.Set(1);
    pins_.data.Set(w.Pack());
    // Hold valid and data until the DUT takes the wavelet.
    for (;;) {
      co_await sim_.ReadOnly();
      if (pins_.ready.Get()) break;
      co_await sim_.RisingEdge();
    }
    queue_.pop_front();
    ++accepted_;
    if (log_.DebugEnabled()) log_.Debug("sent " + w.ToString());
    if (on_accept_) on_accept_(w);
    if (!queue_.empty()) continue;
    co_await sim_.RisingEdge();
  }
}

LinkSink::LinkSink(Sim& sim, Logger log, LinkPins pins, Rng rng)
    : sim_(sim), log_(std::move(log)), pins_(pins), rng_(std::move(rng)) {}

void LinkSink::Start() { sim_.Fork(Run()); }

Task LinkSink::Run() {
  bool stalled = false;  // valid was high last cycle without ready
  uint64_t stalled_data = 0;
  for (;;) {
    co_await sim_.RisingEdge();
    const bool ready = rng_.Chance(ready_prob_);
    pins_.ready.Set(ready ? 1 : 0);
    co_await sim_.ReadOnly();
    const bool valid = pins_.valid.Get() != 0;
    const uint64_t data = valid ? pins_.data.Get() : 0;
    if (stalled) {
      if (!valid) {
        log_.Error("stream contract: valid dropped before ready (lost " +
                   Wavelet::Unpack(stalled_data).ToString() + ")");
      } else if (data != stalled_data) {
        log_.Error("stream contract: data changed while stalled: " +
                   Wavelet::Unpack(stalled_data).ToString() + " -> " +
                   Wavelet::Unpack(data).ToString());
      }
    }
    if (valid) ++valid_cycles_;
    if (valid && ready) {
      ++received_;
      last_cycle_ = sim_.cycle();
      const Wavelet w = Wavelet::Unpack(data);
      if (log_.DebugEnabled()) log_.Debug("received " + w.ToString());
      if (on_receive_) on_receive_(w);
    }
    stalled = valid && !ready;
    stalled_data = data;
  }
}

}  // namespace wse::tb
