#pragma once
// MeshWaferPort: fw::WaferPort over a simulated mesh (tb::MeshDut). It moves
// words between the firmware and the mesh's config network entry pins and
// edge ports and clocks the model; nothing else of the simulation is
// visible through it.

#include <algorithm>
#include <deque>
#include <functional>
#include <vector>

#include "firmware/wafer_port.h"
#include "models/mesh_dut.h"

namespace wse::host {

class MeshWaferPort final : public fw::WaferPort {
 public:
  explicit MeshWaferPort(tb::MeshDut& dut);
  fw::PartInfo Part() const override;
  void Reset() override;
  void Cycle(const std::vector<fw::LinkWord>& in, std::vector<fw::LinkWord>* out) override;
  void Idle(uint64_t n, std::vector<fw::LinkWord>* out) override;
  void EdgeEnable(bool on) override;
  void EdgeSend(const fw::EdgePort& p, const fw::EdgeWavelet& w) override;
  bool EdgeReceive(const fw::EdgePort& p, fw::EdgeWavelet* w) override;
  size_t EdgePending(const fw::EdgePort& p) const override;
  uint64_t EdgeOverflows() const override { return overflows_; }
  uint64_t cycle() const override { return cycle_; }

  /// Cycles at which the firmware released the wafer from reset (the
  /// testbench's view, for judging what a reset wiped).
  const std::vector<uint64_t>& resets() const { return resets_; }

  /// Called after every clock edge (the testbench uses it to time faults).
  void OnCycle(std::function<void(uint64_t)> f) { on_cycle_ = std::move(f); }

 private:
  struct Edge {
    tb::LinkPins in, out;
    std::deque<fw::EdgeWavelet> tx, rx;
  };
  void Step();
  size_t EdgeIndex(const fw::EdgePort& p) const;
  int Reaches() const { return std::min(fw::kEdgeReaches, dut_.width()); }
  tb::MeshDut& dut_;
  std::vector<tb::CfgEntryPins> pins_;
  std::vector<Edge> edges_;  // N, S by column, then W, E by row and reach
  std::vector<size_t> sending_;  // edges with words queued
  std::vector<size_t> drained_;  // edges whose last word went in at the last edge
  bool edge_on_ = false;
  uint64_t overflows_ = 0;
  std::function<void(uint64_t)> on_cycle_;
  uint64_t cycle_ = 0;
  std::vector<uint64_t> resets_;
};

}  // namespace wse::host
