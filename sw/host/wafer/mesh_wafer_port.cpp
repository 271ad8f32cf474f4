#include "wafer/mesh_wafer_port.h"

#include <algorithm>
#include <stdexcept>

#include "harness/wavelet.h"

namespace wse::host {

MeshWaferPort::MeshWaferPort(tb::MeshDut& dut) : dut_(dut), pins_(dut.CfgEntries()) {
  const int w = dut.width(), h = dut.height();
  for (tb::Dir side : {tb::Dir::kN, tb::Dir::kS})
    for (int i = 0; i < w; ++i) edges_.push_back({dut.EdgeIn(side, i, 0), dut.EdgeOut(side, i, 0), {}, {}});
  // A row has one W/E port per reach, but no more reaches than tiles.
  for (tb::Dir side : {tb::Dir::kW, tb::Dir::kE})
    for (int i = 0; i < h; ++i)
      for (int r = 0; r < Reaches(); ++r) edges_.push_back({dut.EdgeIn(side, i, r), dut.EdgeOut(side, i, r), {}, {}});
}

fw::PartInfo MeshWaferPort::Part() const { return {dut_.width(), dut_.height(), dut_.SramWords()}; }

size_t MeshWaferPort::EdgeIndex(const fw::EdgePort& p) const {
  const int w = dut_.width(), h = dut_.height();
  const bool column = p.side == fw::EdgeSide::kN || p.side == fw::EdgeSide::kS;
  const int count = column ? w : h, reaches = column ? 1 : Reaches();
  if (p.index < 0 || p.index >= count || p.reach < 0 || p.reach >= reaches) {
    throw std::out_of_range("edge port " + std::string("NESW").substr(static_cast<size_t>(p.side), 1) + "[" +
                            std::to_string(p.index) + "] reach " + std::to_string(p.reach) + " is not on this " +
                            std::to_string(w) + "x" + std::to_string(h) + " wafer");
  }
  switch (p.side) {
    case fw::EdgeSide::kN: return static_cast<size_t>(p.index);
    case fw::EdgeSide::kS: return static_cast<size_t>(w + p.index);
    case fw::EdgeSide::kW: return static_cast<size_t>(2 * w + p.index * Reaches() + p.reach);
    case fw::EdgeSide::kE: return static_cast<size_t>(2 * w + (h + p.index) * Reaches() + p.reach);
  }
  return 0;
}

void MeshWaferPort::EdgeEnable(bool on) {
  edge_on_ = on;
  for (auto& e : edges_) {
    e.tx.clear();
    e.rx.clear();
    e.in.valid.Set(0);
    e.out.ready.Set(on ? 1 : 0);
  }
  sending_.clear();
  drained_.clear();
}

void MeshWaferPort::EdgeSend(const fw::EdgePort& p, const fw::EdgeWavelet& w) {
  const size_t i = EdgeIndex(p);
  if (!edge_on_) throw std::logic_error("EdgeSend before EdgeEnable(true)");
  if (edges_[i].tx.empty() && std::find(sending_.begin(), sending_.end(), i) == sending_.end()) sending_.push_back(i);
  edges_[i].tx.push_back(w);
}

bool MeshWaferPort::EdgeReceive(const fw::EdgePort& p, fw::EdgeWavelet* w) {
  auto& rx = edges_[EdgeIndex(p)].rx;
  if (rx.empty()) return false;
  *w = rx.front();
  rx.pop_front();
  return true;
}

size_t MeshWaferPort::EdgePending(const fw::EdgePort& p) const { return edges_[EdgeIndex(p)].tx.size(); }

void MeshWaferPort::Step() {
  if (edge_on_) {
    // Inputs change only here, before the evaluation: a port whose last
    // word went in at the previous edge drops valid now.
    for (size_t i : drained_) edges_[i].in.valid.Set(0);
    drained_.clear();
    for (size_t i : sending_) {
      const fw::EdgeWavelet& w = edges_[i].tx.front();
      edges_[i].in.valid.Set(1);
      edges_[i].in.data.Set(tb::Wavelet{w.data, w.color, w.ctrl}.Pack());
    }
  }
  dut_.EvalComb();
  if (edge_on_) {
    // Handshakes of this edge: a word offered with ready high is taken.
    for (auto& e : edges_) {
      if (!e.out.valid.Get()) continue;
      const tb::Wavelet w = tb::Wavelet::Unpack(e.out.data.Get());
      if (e.rx.size() < fw::kEdgeFifoWords) e.rx.push_back({w.data, w.color, w.ctrl});
      else ++overflows_;
    }
    for (size_t k = 0; k < sending_.size();) {
      Edge& e = edges_[sending_[k]];
      if (e.in.ready.Get()) {
        e.tx.pop_front();
        if (e.tx.empty()) {
          drained_.push_back(sending_[k]);
          sending_[k] = sending_.back();
          sending_.pop_back();
          continue;
        }
      }
      ++k;
    }
  }
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
  resets_.push_back(cycle_);
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
