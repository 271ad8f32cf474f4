#pragma once
// Drivers and monitors for one valid/ready link (docs/fabric.md, "Link
// protocol"). A LinkSource drives a DUT input port from a mailbox, with
// random idle gaps; a LinkSink drives ready on a DUT output port with random
// back-pressure and reports every handshake, checking the stream contract
// (valid stays up and data stays stable until ready).

#include <cstdint>
#include <deque>
#include <functional>
#include <string>

#include "harness/log.h"
#include "harness/rng.h"
#include "harness/signal.h"
#include "harness/sim.h"
#include "harness/wavelet.h"

namespace wse::tb {

/// The three signals of one link, seen from the DUT port they belong to.
struct LinkPins {
  SignalRef valid;
  SignalRef ready;
  SignalRef data;
};

/// Drives a DUT input port: valid/data out of a mailbox, ready sampled.
class LinkSource {
 public:
  using AcceptFn = std::function<void(const Wavelet&)>;

  LinkSource(Sim& sim, Logger log, LinkPins pins, Rng rng);
  /// Probability of an idle cycle before each wavelet (0 = back to back).
  void SetIdleProbability(double p) { idle_prob_ = p; }
  /// Called in the read-only phase of the cycle the DUT accepts a wavelet.
  void OnAccept(AcceptFn fn) { on_accept_ = std::move(fn); }
  /// Queues a wavelet; it is driven in a later drive phase.
  void Send(const Wavelet& w);
  /// Starts the driver process.
  void Start();
  /// Fires when the mailbox is empty and the last wavelet was accepted.
  Event& idle() { return idle_; }
  size_t pending() const { return queue_.size(); }
  uint64_t accepted() const { return accepted_; }
  const Logger& log() const { return log_; }

 private:
  Task Run();

  Sim& sim_;
  Logger log_;
  LinkPins pins_;
  Rng rng_;
  double idle_prob_ = 0.0;
  std::deque<Wavelet> queue_;
  Event not_empty_;
  Event idle_;
  AcceptFn on_accept_;
  uint64_t accepted_ = 0;
};

/// Drives ready on a DUT output port and monitors its handshakes.
class LinkSink {
 public:
  using ReceiveFn = std::function<void(const Wavelet&)>;

  LinkSink(Sim& sim, Logger log, LinkPins pins, Rng rng);
  /// Probability that ready is high in a cycle (1 = never back-pressure).
  void SetReadyProbability(double p) { ready_prob_ = p; }
  /// Called in the read-only phase for every accepted wavelet.
  void OnReceive(ReceiveFn fn) { on_receive_ = std::move(fn); }
  void Start();
  uint64_t received() const { return received_; }
  /// Cycles in which valid was high (accepted or stalled).
  uint64_t valid_cycles() const { return valid_cycles_; }
  /// Cycle of the most recent handshake.
  uint64_t last_receive_cycle() const { return last_cycle_; }

 private:
  Task Run();

  Sim& sim_;
  Logger log_;
  LinkPins pins_;
  Rng rng_;
  double ready_prob_ = 1.0;
  ReceiveFn on_receive_;
  uint64_t received_ = 0;
  uint64_t valid_cycles_ = 0;
  uint64_t last_cycle_ = 0;
};

}  // namespace wse::tb
