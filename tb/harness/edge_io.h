#pragma once
// EdgeIo: the host's data path into and out of the wafer through the edge
// ports (docs/fabric.md, "Mesh"). Arrays go in as streams of wavelets of one
// color on one edge port and come out the same way; the routes inside the
// mesh decide where they go. Every edge port has a driver and a collector,
// so a program may use any of them.

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <tuple>
#include <vector>

#include "harness/link.h"
#include "harness/rng.h"
#include "harness/sim.h"
#include "models/mesh_dut.h"

namespace wse::tb {

class EdgeIo {
 public:
  EdgeIo(Sim& sim, Logger log, MeshDut& dut, Rng rng);
  void Start();
  /// Queues `data` as wavelets of `color` into edge port `index` on `side`.
  void Send(Dir side, int index, uint8_t color, const std::vector<uint32_t>& data);
  /// Waits until `n` wavelets of `color` have left edge port (`side`, `index`)
  /// and moves them to `out`; fails after `max_cycles`.
  Task Receive(Dir side, int index, uint8_t color, size_t n, std::vector<uint32_t>* out,
               uint64_t max_cycles);
  /// Wavelets that arrived and were not claimed by Receive, as a message.
  std::string Unclaimed() const;

 private:
  using Key = std::tuple<int, int, int>;  // side, index, color
  Sim& sim_;
  Logger log_;
  std::map<std::pair<int, int>, std::unique_ptr<LinkSource>> sources_;
  std::map<std::pair<int, int>, std::unique_ptr<LinkSink>> sinks_;
  std::map<Key, std::deque<uint32_t>> arrived_;
};

}  // namespace wse::tb
