#pragma once
// MeshWaferPort: fw::WaferPort over a simulated mesh (tb::MeshDut). It moves
// words between the firmware and the mesh's config network entry pins and
// clocks the model; nothing else of the simulation is visible through it.

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
  uint64_t cycle() const override { return cycle_; }

  /// Called after every clock edge (the testbench uses it to time faults).
  void OnCycle(std::function<void(uint64_t)> f) { on_cycle_ = std::move(f); }

 private:
  void Step();
  tb::MeshDut& dut_;
  std::vector<tb::CfgEntryPins> pins_;
  std::function<void(uint64_t)> on_cycle_;
  uint64_t cycle_ = 0;
};

}  // namespace wse::host
