#include "harness/cfg_host.h"

#include <cstdio>

namespace wse::tb {

CfgHost::CfgHost(Sim& sim, Logger log, std::vector<CfgRowPins> rows) : sim_(sim), log_(std::move(log)) {
  for (auto& p : rows) {
    rows_.push_back(std::make_unique<Row>(sim));
    rows_.back()->pins = p;
  }
}

void CfgHost::Start() {
  for (int y = 0; y < static_cast<int>(rows_.size()); ++y) {
    sim_.Fork(Drive(y));
    sim_.Fork(Monitor(y));
  }
}

CfgOpPtr CfgHost::Post(int x, int y, uint8_t addr, bool write, uint32_t data) {
  if (y < 0 || y >= static_cast<int>(rows_.size())) {
    throw TestFailure("config access to row " + std::to_string(y) + " of a " +
                      std::to_string(rows_.size()) + "-row mesh");
  }
  auto op = std::make_shared<CfgOp>(sim_);
  op->x = x;
  op->y = y;
  op->addr = addr;
  op->write = write;
  op->wdata = data;
  rows_[y]->queue.push_back(op);
  rows_[y]->not_empty.Set();
  all_.push_back(op);
  return op;
}

CfgOpPtr CfgHost::PostBroadcast(int y, uint8_t addr, uint32_t data) {
  auto op = Post(0, y, addr, true, data);
  op->bcast = true;
  return op;
}

Task CfgHost::Drive(int y) {
  Row& row = *rows_[y];
  row.pins.in_valid.Set(0);
  for (;;) {
    if (row.queue.empty()) {
      row.pins.in_valid.Set(0);
      row.not_empty.Clear();
      co_await row.not_empty.Wait();
    }
    if (row.in_flight.size() >= kMaxInFlight) {
      row.pins.in_valid.Set(0);
      co_await sim_.RisingEdge();
      continue;
    }
    CfgOpPtr op = row.queue.front();
    row.queue.pop_front();
    while (row.in_flight.count(row.next_tag)) ++row.next_tag;
    CfgPacket p;
    p.write = op->write;
    p.bcast = op->bcast;
    p.tag = row.next_tag++;
    p.col = static_cast<uint16_t>(op->x);
    p.addr = op->addr;
    p.data = op->wdata;
    row.in_flight[p.tag] = op;
    op->issue_cycle = sim_.cycle();
    row.pins.in_valid.Set(1);
    row.pins.in_data.Set(p.Pack());
    co_await sim_.RisingEdge();
  }
}

Task CfgHost::Monitor(int y) {
  Row& row = *rows_[y];
  for (;;) {
    co_await sim_.ReadOnly();
    if (row.pins.out_valid.Get()) Complete(y, CfgPacket::Unpack(row.pins.out_data.Get()));
    co_await sim_.RisingEdge();
  }
}

void CfgHost::Complete(int y, const CfgPacket& p) {
  Row& row = *rows_[y];
  auto it = row.in_flight.find(p.tag);
  if (it == row.in_flight.end()) {
    log_.Error("row " + std::to_string(y) + ": packet with unknown tag at east edge: " + p.ToString());
    return;
  }
  CfgOpPtr op = it->second;
  row.in_flight.erase(it);
  if (p.is_resp) {
    if (op->bcast || p.col != op->x || p.addr != op->addr) {
      log_.Error("row " + std::to_string(y) + ": response does not match its request: " +
                 p.ToString());
    }
    op->status = static_cast<CfgStatus>(p.status);
    op->rdata = p.data;
  } else {
    op->status = op->bcast ? CfgStatus::kOk : CfgStatus::kNoResponse;
  }
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
