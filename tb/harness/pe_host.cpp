#include "harness/pe_host.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "elf/elf_image.h"
#include "harness/wavelet.h"

namespace wse::tb {

namespace {

// Words of a segment, little-endian, padded with zeros to a word boundary
// on both ends (the loader writes whole words).
std::vector<std::pair<uint32_t, uint32_t>> Words(const PeImage::Segment& s) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  const uint32_t first = s.addr & ~3u;
  const uint64_t end = static_cast<uint64_t>(s.addr) + s.bytes.size();
  for (uint64_t a = first; a < end; a += 4) {
    uint32_t w = 0;
    for (int b = 0; b < 4; ++b) {
      const uint64_t ba = a + b;
      if (ba >= s.addr && ba < end) w |= static_cast<uint32_t>(s.bytes[ba - s.addr]) << (8 * b);
    }
    out.emplace_back(static_cast<uint32_t>(a), w);
  }
  return out;
}

}  // namespace

PeImage LoadPeImage(const std::string& elf_path) {
  const elf::ElfImage elf = elf::ElfImage::Load(elf_path);
  PeImage img;
  img.name = elf_path;
  for (const auto& seg : elf.segments()) {
    PeImage::Segment s;
    s.addr = seg.vaddr;
    s.bytes = seg.data;
    s.bytes.resize(seg.memsz, 0);
    if (!s.bytes.empty()) img.segments.push_back(std::move(s));
  }
  const auto tohost = elf.FindSymbol("tohost");
  if (!tohost) throw std::runtime_error(elf_path + ": no 'tohost' symbol (link with sw/pe/link.ld)");
  img.tohost = *tohost;
  for (const char* s : {"args", "stats", "A", "grid", "vec", "result", "acc", "__sram_size"}) {
    if (auto a = elf.FindSymbol(s)) img.symbols[s] = *a;
  }
  img.begin_signature = elf.FindSymbol("begin_signature");
  img.end_signature = elf.FindSymbol("end_signature");
  return img;
}

fw::PeProgram ToFirmwareProgram(const PeImage& image) {
  fw::PeProgram p;
  p.name = image.name;
  p.tohost = image.tohost;
  p.symbols = image.symbols;
  for (const auto& seg : image.segments) {
    fw::PeProgram::Segment s;
    const auto words = Words(seg);
    if (words.empty()) continue;
    s.addr = words.front().first;
    for (const auto& w : words) s.words.push_back(w.second);
    p.segments.push_back(std::move(s));
  }
  return p;
}

uint32_t PeImage::Symbol(const std::string& n) const {
  auto it = symbols.find(n);
  if (it == symbols.end()) throw std::runtime_error(name + ": no symbol '" + n + "'");
  return it->second;
}

int PeExit::Code() const {
  if (!exited || (tohost & 1u) == 0) return -1;
  return static_cast<int>(tohost >> 1);
}

std::string PeExit::Describe() const {
  std::ostringstream o;
  o << TileName(x, y) << ": ";
  if (!exited) {
    o << "did not exit (PE_STATUS " << Hex(status) << ", pc " << Hex(pc) << ")";
  } else if (Code() < 0) {
    o << "wrote tohost " << Hex(tohost) << ", not an exit code";
  } else {
    o << "exit code " << Code();
  }
  if (status & pe_status::kTrapped) o << ", trapped (last mcause " << pe_status::LastCause(status) << ")";
  return o.str();
}

TileList PeHost::AllTiles() const {
  TileList t;
  for (int y = 0; y < height_; ++y)
    for (int x = 0; x < width_; ++x) t.emplace_back(x, y);
  return t;
}

Task PeHost::CheckAll(std::vector<CfgOpPtr> ops, const std::string& what) {
  for (auto& op : ops) {
    co_await op->done.Wait();
    if (op->status != CfgStatus::kOk) {
      throw TestFailure(what + ": " + TileName(op->x, op->y) + " register " + Hex(op->addr) +
                        " answered " + CfgStatusName(op->status));
    }
  }
}

Task PeHost::Load(const TileList& tiles, const PeImage& image) {
  // The whole wafer gets broadcasts (one pass per tree); a subset per tile.
  const bool whole = tiles.size() == static_cast<size_t>(width_) * height_;
  std::vector<CfgOpPtr> ops;
  auto put = [&](uint8_t addr, uint32_t data) {
    if (whole) {
      ops.push_back(cfg_.PostBroadcast(addr, data));
    } else {
      for (auto [x, y] : tiles) ops.push_back(cfg_.Post(x, y, addr, true, data));
    }
  };
  for (const auto& seg : image.segments) {
    const auto words = Words(seg);
    if (words.empty()) continue;
    put(reg::kMemAddr, words.front().first);
    for (const auto& w : words) put(reg::kMemData, w.second);
  }
  put(reg::kTohostAddr, image.tohost);
  co_await CheckAll(std::move(ops), "loading " + image.name);
}

Task PeHost::Start(const TileList& tiles) {
  std::vector<CfgOpPtr> ops;
  for (auto [x, y] : tiles) ops.push_back(cfg_.Post(x, y, reg::kPeCtrl, true, 1));
  co_await CheckAll(std::move(ops), "starting PEs");
}

Task PeHost::Stop(const TileList& tiles) {
  std::vector<CfgOpPtr> ops;
  for (auto [x, y] : tiles) ops.push_back(cfg_.Post(x, y, reg::kPeCtrl, true, 0));
  co_await CheckAll(std::move(ops), "stopping PEs");
}

Task PeHost::WaitExit(const TileList& tiles, uint64_t max_cycles, std::vector<PeExit>* out) {
  const uint64_t deadline = sim_.cycle() + max_cycles;
  std::vector<PeExit> result(tiles.size());
  std::vector<bool> done(tiles.size(), false);
  size_t remaining = tiles.size();
  // Poll interval: long enough that polling is a small part of the chain's
  // capacity, short enough that the exit cycle is known to within it.
  const uint64_t interval = 64;
  while (remaining > 0) {
    std::vector<std::pair<size_t, CfgOpPtr>> ops;
    for (size_t i = 0; i < tiles.size(); ++i) {
      if (!done[i]) ops.emplace_back(i, cfg_.Post(tiles[i].first, tiles[i].second, reg::kPeStatus, false));
    }
    for (auto& [i, op] : ops) {
      co_await op->done.Wait();
      if (op->status != CfgStatus::kOk) {
        throw TestFailure("PE_STATUS of " + TileName(op->x, op->y) + ": " + CfgStatusName(op->status));
      }
      if (op->rdata & pe_status::kExited) {
        done[i] = true;
        --remaining;
        result[i].exited = true;
        result[i].status = op->rdata;
      }
    }
    if (remaining == 0 || sim_.cycle() >= deadline) break;
    co_await sim_.ClockCycles(interval);
  }
  for (size_t i = 0; i < tiles.size(); ++i) {
    auto [x, y] = tiles[i];
    result[i].x = x;
    result[i].y = y;
    auto st = cfg_.Post(x, y, reg::kPeStatus, false);
    auto th = cfg_.Post(x, y, reg::kTohost, false);
    auto pc = cfg_.Post(x, y, reg::kPePc, false);
    std::vector<CfgOpPtr> ops{st, th, pc};
    co_await CheckAll(std::move(ops), "reading PE exit state");
    result[i].status = st->rdata;
    result[i].tohost = th->rdata;
    result[i].pc = pc->rdata;
  }
  *out = std::move(result);
}

Task PeHost::ReadWords(int x, int y, uint32_t addr, size_t n, std::vector<uint32_t>* out) {
  out->clear();
  std::vector<CfgOpPtr> set{cfg_.Post(x, y, reg::kMemAddr, true, addr)};
  co_await CheckAll(std::move(set), "setting MEM_ADDR");
  while (out->size() < n) {
    auto op = cfg_.Post(x, y, reg::kMemData, false);
    co_await op->done.Wait();
    if (op->status == CfgStatus::kBusy) continue;  // the SRAM read was not ready yet
    if (op->status != CfgStatus::kOk) {
      throw TestFailure("reading SRAM of " + TileName(x, y) + " at " +
                        Hex(addr + 4 * static_cast<uint32_t>(out->size())) + ": " +
                        CfgStatusName(op->status));
    }
    out->push_back(op->rdata);
  }
}

Task PeHost::WriteWords(int x, int y, uint32_t addr, const std::vector<uint32_t>& words) {
  std::vector<CfgOpPtr> ops{cfg_.Post(x, y, reg::kMemAddr, true, addr)};
  for (uint32_t w : words) ops.push_back(cfg_.Post(x, y, reg::kMemData, true, w));
  co_await CheckAll(std::move(ops), "writing SRAM");
}

Task PeHost::ReadCounters(int x, int y, PeCounters* out) {
  auto i = cfg_.Post(x, y, reg::kPeInstret, false);
  auto c = cfg_.Post(x, y, reg::kPeCycles, false);
  auto m = cfg_.Post(x, y, reg::kPeMacs, false);
  auto z = cfg_.Post(x, y, reg::kPeZskip, false);
  std::vector<CfgOpPtr> ops{i, c, m, z};
  co_await CheckAll(std::move(ops), "reading PE counters");
  *out = {i->rdata, c->rdata, m->rdata, z->rdata};
}

Task PeHost::Loopback(const TileList& tiles, int num_colors) {
  constexpr uint8_t kRamp = 1u << static_cast<int>(Dir::kRamp);
  std::vector<CfgOpPtr> ops;
  for (auto [x, y] : tiles)
    for (int c = 0; c < num_colors; ++c)
      ops.push_back(cfg_.Post(x, y, static_cast<uint8_t>(reg::kRouteBase + c), true, Route{kRamp, kRamp}.Pack()));
  co_await CheckAll(std::move(ops), "routing colors ramp -> ramp");
}

}  // namespace wse::tb
