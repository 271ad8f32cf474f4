#pragma once
// What the ISS sees of its ramp (docs/pe.md, "Fabric extension"): one receive
// buffer per color and a transmit side that may be full. The ISS never owns
// the fabric: in lockstep the harness fills the queues with the wavelets the
// RTL's receive buffers took; standalone, a QueueFabric in loopback mode plays
// a 1x1 mesh with every color routed from the ramp back to the ramp.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

namespace wse::iss {

/// A wavelet the PE sent (sent wavelets always have ctrl = 0).
struct Send {
  unsigned color = 0;
  uint32_t data = 0;
};

/// The PE's ramp, as an instruction sees it.
class Fabric {
 public:
  virtual ~Fabric() = default;
  /// A wavelet of `color` waits in the PE's buffer.
  virtual bool Available(unsigned color) = 0;
  /// Pops that wavelet; called only when Available(color).
  virtual uint32_t Receive(unsigned color) = 0;
  /// The ramp can take a wavelet now.
  virtual bool CanSend() = 0;
  virtual void Send(unsigned color, uint32_t data) = 0;
};

/// Unbounded per-color queues. Sends are recorded in sent(); in loopback mode
/// they are also queued on their own color, so a program receives what it
/// sends (nothing is ever in flight: a wait that finds no wavelet is forever).
class QueueFabric : public Fabric {
 public:
  explicit QueueFabric(bool loopback = false) : loopback_(loopback) {}

  /// Queues a wavelet for the PE to receive.
  void Push(unsigned color, uint32_t data);
  /// Tests model a full ramp with SetCanSend(false).
  void SetCanSend(bool can_send) { can_send_ = can_send; }
  /// Wavelets waiting for the PE on `color`.
  size_t Pending(unsigned color) const;
  /// Everything the PE sent, in order.
  const std::vector<iss::Send>& sent() const { return sent_; }
  void ClearSent() { sent_.clear(); }
  bool loopback() const { return loopback_; }

  bool Available(unsigned color) override { return Pending(color) != 0; }
  uint32_t Receive(unsigned color) override;
  bool CanSend() override { return can_send_; }
  void Send(unsigned color, uint32_t data) override;

 private:
  bool loopback_ = false;
  bool can_send_ = true;
  std::vector<std::deque<uint32_t>> queues_;  // indexed by color, grown on demand
  std::vector<iss::Send> sent_;
};

}  // namespace wse::iss
