#include "firmware/tap/tap_master.h"

#include <algorithm>
#include <map>

#include "firmware/tap/cfg_packet.h"

namespace wse::fw {

TapMaster::TapMaster(WaferPort& port) : port_(port), part_(port.Part()), tree_(part_.width, part_.height) {}

void TapMaster::Discover() {
  TapDiscovery disc(part_.width, part_.height);
  for (;;) {
    const auto ops = disc.NextRound();
    if (ops.empty()) break;
    disc.Report(Run(ops));
  }
  tree_ = disc.tree();
}

TapOp TapMaster::Access(int x, int y, uint8_t addr, bool write, uint32_t data) const {
  return AccessOp(tree_, x, y, addr, write, data);
}

std::vector<TapOp> TapMaster::Broadcast(uint8_t addr, uint32_t data) const {
  return BroadcastOps(tree_, addr, data);
}

std::vector<TapResult> TapMaster::ReadAll(const std::vector<std::pair<int, int>>& tiles, uint8_t addr) {
  std::vector<TapOp> ops;
  for (auto [x, y] : tiles) ops.push_back(Access(x, y, addr, false));
  return Run(ops);
}

std::vector<TapResult> TapMaster::Run(const std::vector<TapOp>& ops) {
  std::vector<TapResult> results(ops.size());
  const int entries = EntryCount(part_.width, part_.height);
  // Plan: issue cycle of every op, per entry point in order.
  std::vector<ReturnSlots> slots(static_cast<size_t>(entries));
  std::vector<uint64_t> next(static_cast<size_t>(entries), port_.cycle());
  std::multimap<uint64_t, size_t> issue;              // cycle -> op
  std::map<std::pair<int, uint64_t>, size_t> expect;  // (entry, return cycle) -> op
  uint64_t last = port_.cycle();
  for (size_t i = 0; i < ops.size(); ++i) {
    const TapOp& op = ops[i];
    if (op.entry < 0 || op.entry >= entries) continue;  // unreachable: unanswered
    auto& s = slots[static_cast<size_t>(op.entry)];
    const uint64_t t = s.Reserve(next[static_cast<size_t>(op.entry)], op.bcast ? 0 : op.depth);
    next[static_cast<size_t>(op.entry)] = t + 1;  // keep the entry's order
    issue.emplace(t, i);
    // A broadcast has no response; it is done once it crossed the deepest tree.
    const uint64_t done = op.bcast ? t + static_cast<uint64_t>(tree_.max_depth()) + 2
                                   : ReturnSlots::ReturnCycle(t, op.depth);
    if (!op.bcast) expect[{op.entry, done}] = i;
    else results[i].answered = true;
    last = std::max(last, done);
  }
  std::vector<LinkWord> in(static_cast<size_t>(entries)), out;
  const uint64_t start = port_.cycle();
  while (port_.cycle() < last) {
    std::fill(in.begin(), in.end(), LinkWord{});
    const uint64_t now = port_.cycle();
    for (auto [it, end] = issue.equal_range(now); it != end; ++it) {
      const TapOp& op = ops[it->second];
      CfgPacket p;
      p.write = op.write;
      p.bcast = op.bcast;
      p.tag = tag_++;
      p.row = static_cast<uint16_t>(op.y);
      p.col = static_cast<uint16_t>(op.x);
      p.addr = op.addr;
      p.data = op.data;
      in[static_cast<size_t>(op.entry)] = Encode(p);
    }
    port_.Cycle(in, &out);
    const uint64_t seen = port_.cycle();
    for (int e = 0; e < entries; ++e) {
      const LinkWord& w = out[static_cast<size_t>(e)];
      if (!w.valid) continue;
      auto it = expect.find({e, seen});
      CfgPacket p;
      const bool parity = Decode(w, &p);
      if (parity && !p.is_resp) continue;  // a request forwarded past the edge
      if (it == expect.end() || !parity) {
        ++stray_;
        continue;
      }
      const TapOp& op = ops[it->second];
      if (p.row != op.y || p.col != op.x || p.addr != op.addr) {
        ++stray_;
        continue;
      }
      TapResult& r = results[it->second];
      r.answered = true;
      r.status = p.status;
      r.data = p.data;
    }
  }
  cycles_ += port_.cycle() - start;
  return results;
}

}  // namespace wse::fw
