#include "harness/edge_io.h"

#include <sstream>

namespace wse::tb {

EdgeIo::EdgeIo(Sim& sim, Logger log, MeshDut& dut, Rng rng) : sim_(sim), log_(std::move(log)) {
  for (Dir side : {Dir::kN, Dir::kE, Dir::kS, Dir::kW}) {
    const int n = (side == Dir::kN || side == Dir::kS) ? dut.width() : dut.height();
    for (int i = 0; i < n; ++i) {
      const auto key = std::make_pair(static_cast<int>(side), i);
      const std::string name = std::string(DirName(side)) + std::to_string(i);
      sources_[key] = std::make_unique<LinkSource>(sim, log_.Child("in " + name), dut.EdgeIn(side, i), rng.Fork());
      sinks_[key] = std::make_unique<LinkSink>(sim, log_.Child("out " + name), dut.EdgeOut(side, i), rng.Fork());
      sinks_[key]->OnReceive([this, key](const Wavelet& w) {
        arrived_[{key.first, key.second, w.color}].push_back(w.data);
      });
    }
  }
}

void EdgeIo::Start() {
  for (auto& [k, s] : sources_) s->Start();
  for (auto& [k, s] : sinks_) s->Start();
}

void EdgeIo::Send(Dir side, int index, uint8_t color, const std::vector<uint32_t>& data) {
  auto& src = *sources_.at({static_cast<int>(side), index});
  for (uint32_t d : data) src.Send(Wavelet{d, color, false});
}

Task EdgeIo::Receive(Dir side, int index, uint8_t color, size_t n, std::vector<uint32_t>* out,
                     uint64_t max_cycles) {
  const Key key{static_cast<int>(side), index, color};
  const uint64_t deadline = sim_.cycle() + max_cycles;
  auto ready = [&] { return arrived_[key].size() >= n || sim_.cycle() >= deadline; };
  co_await sim_.Until(ready);
  auto& q = arrived_[key];
  if (q.size() < n) {
    throw TestFailure("edge port " + std::string(DirName(side)) + std::to_string(index) + " color " +
                      std::to_string(color) + ": " + std::to_string(q.size()) + " of " + std::to_string(n) +
                      " wavelets after " + std::to_string(max_cycles) + " cycles");
  }
  out->assign(q.begin(), q.begin() + static_cast<long>(n));
  q.erase(q.begin(), q.begin() + static_cast<long>(n));
}

std::string EdgeIo::Unclaimed() const {
  std::ostringstream o;
  for (const auto& [k, q] : arrived_) {
    if (q.empty()) continue;
    o << " " << DirName(static_cast<Dir>(std::get<0>(k))) << std::get<1>(k) << " color " << std::get<2>(k)
      << ": " << q.size() << " wavelet(s);";
  }
  return o.str();
}

}  // namespace wse::tb
