#include "harness/cfg_host.h"

#include <cstdio>

namespace wse::tb {

CfgHost::CfgHost(Sim& sim, Logger log, int width, int height, std::vector<CfgEntryPins> entries)
    : sim_(sim), log_(std::move(log)), width_(width), height_(height), tree_(width, height) {
  if (static_cast<int>(entries.size()) != fw::EntryCount(width, height)) {
    throw std::invalid_argument("CfgHost: " + std::to_string(entries.size()) + " entry points for a " +
                                std::to_string(width) + "x" + std::to_string(height) + " mesh");
  }
  for (auto& p : entries) {
    entries_.push_back(std::make_unique<Entry>(sim));
    entries_.back()->pins = p;
  }
}

void CfgHost::Start() {
  for (int e = 0; e < static_cast<int>(entries_.size()); ++e) {
    sim_.Fork(Drive(e));
    sim_.Fork(Monitor(e));
  }
}

Task CfgHost::Discover() {
  fw::TapDiscovery disc(width_, height_);
  for (;;) {
    const auto ops = disc.NextRound();
    if (ops.empty()) break;
    std::vector<CfgOpPtr> posted;
    for (const auto& op : ops) posted.push_back(PostOp(op));
    std::vector<fw::TapResult> results;
    for (auto& p : posted) {
      co_await p->done.Wait();
      fw::TapResult r;
      r.answered = p->status != CfgStatus::kNoResponse;
      r.status = static_cast<uint8_t>(p->status);
      r.data = p->rdata;
      results.push_back(r);
    }
    disc.Report(results);
  }
  tree_ = disc.tree();
  log_.Info("config network: " + std::to_string(tree_.reached()) + " of " +
            std::to_string(width_ * height_) + " tiles reached in " + std::to_string(disc.rounds()) +
            " rounds, depth " + std::to_string(tree_.max_depth()));
}

CfgOpPtr CfgHost::PostOp(const fw::TapOp& t) {
  auto op = std::make_shared<CfgOp>(sim_);
  op->x = t.x;
  op->y = t.y;
  op->addr = t.addr;
  op->write = t.write;
  op->bcast = t.bcast;
  op->wdata = t.data;
  op->entry = t.entry;
  op->depth = t.depth;
  Entry& e = *entries_.at(static_cast<size_t>(t.entry));
  e.queue.push_back(op);
  e.not_empty.Set();
  all_.push_back(op);
  return op;
}

CfgOpPtr CfgHost::Post(int lx, int ly, uint8_t addr, bool write, uint32_t data) {
  const auto [x, y] = Map(lx, ly);
  return PostPhysical(x, y, addr, write, data);
}

CfgOpPtr CfgHost::PostPhysical(int x, int y, uint8_t addr, bool write, uint32_t data) {
  if (x < 0 || x >= width_ || y < 0 || y >= height_) {
    throw TestFailure("config access to tile (" + std::to_string(x) + "," + std::to_string(y) +
                      ") of a " + std::to_string(width_) + "x" + std::to_string(height_) + " mesh");
  }
  const fw::TapNode& n = tree_.at(x, y);
  if (!n.reached) {
    auto op = std::make_shared<CfgOp>(sim_);
    op->x = x;
    op->y = y;
    op->addr = addr;
    op->write = write;
    op->wdata = data;
    Finish(op, CfgStatus::kNoResponse, 0);
    return op;
  }
  return PostOp(fw::AccessOp(tree_, x, y, addr, write, data));
}

CfgOpPtr CfgHost::PostBroadcast(uint8_t addr, uint32_t data) {
  // One broadcast per tree; the op returned completes with the last of them.
  CfgOpPtr last;
  for (const fw::TapOp& t : fw::BroadcastOps(tree_, addr, data)) last = PostOp(t);
  if (!last) throw TestFailure("broadcast before the config network was discovered");
  return last;
}

Task CfgHost::Drive(int e) {
  Entry& en = *entries_[static_cast<size_t>(e)];
  en.pins.in_valid.Set(0);
  for (;;) {
    if (en.queue.empty()) {
      en.pins.in_valid.Set(0);
      en.not_empty.Clear();
      co_await en.not_empty.Wait();
    }
    CfgOpPtr op = en.queue.front();
    const uint64_t issue = en.slots.Reserve(sim_.cycle(), op->bcast ? 0 : op->depth);
    while (sim_.cycle() < issue) {
      en.pins.in_valid.Set(0);
      co_await sim_.RisingEdge();
    }
    en.queue.pop_front();
    CfgPacket p;
    p.write = op->write;
    p.bcast = op->bcast;
    p.tag = en.next_tag++;
    p.row = static_cast<uint16_t>(op->y);
    p.col = static_cast<uint16_t>(op->x);
    p.addr = op->addr;
    p.data = op->wdata;
    op->issue_cycle = issue;
    // A broadcast is done once it has travelled the deepest tree.
    if (op->bcast) en.bcasts.emplace(issue + static_cast<uint64_t>(tree_.max_depth()) + 2, op);
    else en.expect[fw::ReturnSlots::ReturnCycle(issue, op->depth)] = op;
    const CfgWord w = p.Pack();
    en.pins.in_valid.Set(1);
    en.pins.in_lo.Set(w.lo);
    en.pins.in_hi.Set(w.hi);
    co_await sim_.RisingEdge();
  }
}

Task CfgHost::Monitor(int e) {
  Entry& en = *entries_[static_cast<size_t>(e)];
  for (;;) {
    co_await sim_.ReadOnly();
    const uint64_t now = sim_.cycle();
    CfgOpPtr op;
    if (auto it = en.expect.find(now); it != en.expect.end()) {
      op = it->second;
      en.expect.erase(it);
    }
    if (en.pins.out_valid.Get()) {
      bool parity_ok = false;
      const CfgPacket p = CfgPacket::Unpack({en.pins.out_lo.Get(), en.pins.out_hi.Get()}, &parity_ok);
      const bool forwarded_request = parity_ok && !p.is_resp;
      if (forwarded_request) {
        // Requests forwarded past the edge tiles (broadcasts) leave the wafer
        // here too; only responses concern the host.
      } else if (!op || !parity_ok || p.row != op->y || p.col != op->x ||
          p.addr != op->addr) {
        log_.Error("config entry " + std::to_string(e) + ": unexpected word at the edge: " + p.ToString() +
                   (parity_ok ? "" : " (bad parity)") + (op ? "" : " (no response due this cycle)"));
      } else {
        Finish(op, static_cast<CfgStatus>(p.status), p.data);
        op.reset();
      }
    }
    if (op) Finish(op, CfgStatus::kNoResponse, 0);
    while (!en.bcasts.empty() && en.bcasts.begin()->first <= now) {
      Finish(en.bcasts.begin()->second, CfgStatus::kOk, 0);
      en.bcasts.erase(en.bcasts.begin());
    }
    en.slots.Retire(now);
    co_await sim_.RisingEdge();
  }
}

void CfgHost::Finish(const CfgOpPtr& op, CfgStatus status, uint32_t data) {
  op->status = status;
  op->rdata = data;
  op->done_cycle = sim_.cycle();
  ++completed_;
  op->done.Set();
}

namespace {
std::string Describe(const CfgOp& op) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s tile (%d,%d) reg 0x%02x", op.write ? "write" : "read", op.x,
                op.y, op.addr);
  return buf;
}
}  // namespace

Task CfgHost::Write(int x, int y, uint8_t addr, uint32_t data) {
  CfgOpPtr op = Post(x, y, addr, true, data);
  co_await op->done.Wait();
  if (op->status != CfgStatus::kOk) {
    throw TestFailure("config " + Describe(*op) + " failed: " + CfgStatusName(op->status));
  }
}

Task CfgHost::Read(int x, int y, uint8_t addr, uint32_t* out) {
  CfgOpPtr op = Post(x, y, addr, false);
  co_await op->done.Wait();
  if (op->status != CfgStatus::kOk) {
    throw TestFailure("config " + Describe(*op) + " failed: " + CfgStatusName(op->status));
  }
  *out = op->rdata;
}

Task CfgHost::Drain() {
  for (size_t i = 0; i < all_.size(); ++i) {
    CfgOpPtr op = all_[i];
    co_await op->done.Wait();
  }
  all_.clear();
}

}  // namespace wse::tb
