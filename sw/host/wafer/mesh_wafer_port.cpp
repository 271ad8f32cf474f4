#include "wafer/mesh_wafer_port.h"

#include <stdexcept>

namespace wse::host {

MeshWaferPort::MeshWaferPort(tb::MeshDut& dut) : dut_(dut), pins_(dut.CfgEntries()) {}

fw::PartInfo MeshWaferPort::Part() const { return {dut_.width(), dut_.height(), dut_.SramWords()}; }

void MeshWaferPort::Step() {
  dut_.EvalComb();
  dut_.Tick();
  ++cycle_;
  if (on_cycle_) on_cycle_(cycle_);
}

void MeshWaferPort::Reset() {
  for (auto& p : pins_) p.in_valid.Set(0);
  dut_.SetReset(true);
  for (int i = 0; i < 4; ++i) Step();
  dut_.SetReset(false);
  Step();
}

void MeshWaferPort::Cycle(const std::vector<fw::LinkWord>& in, std::vector<fw::LinkWord>* out) {
  if (in.size() != pins_.size()) {
    throw std::invalid_argument("WaferPort::Cycle: " + std::to_string(in.size()) + " words for " +
                                std::to_string(pins_.size()) + " entry points");
  }
  for (size_t i = 0; i < pins_.size(); ++i) {
    pins_[i].in_valid.Set(in[i].valid ? 1 : 0);
    pins_[i].in_lo.Set(in[i].lo);
    pins_[i].in_hi.Set(in[i].hi);
  }
  Step();
  out->resize(pins_.size());
  for (size_t i = 0; i < pins_.size(); ++i) {
    (*out)[i].valid = pins_[i].out_valid.Get() != 0;
    (*out)[i].lo = pins_[i].out_lo.Get();
    (*out)[i].hi = pins_[i].out_hi.Get();
  }
}

void MeshWaferPort::Idle(uint64_t n, std::vector<fw::LinkWord>* out) {
  std::vector<fw::LinkWord> none(pins_.size()), got;
  for (uint64_t i = 0; i < n; ++i) {
    Cycle(none, &got);
    if (out)
      for (const auto& w : got)
        if (w.valid) out->push_back(w);
  }
}

}  // namespace wse::host
