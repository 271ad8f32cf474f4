#include "firmware/apply/apply_repair.h"

#include <algorithm>
#include <string>
#include <vector>

#include "firmware/cfg_regs.h"

namespace wse::fw {
namespace {


}  // namespace

std::vector<RegWrite> RepairWrites(const Repair& repair) {
  std::vector<RegWrite> w;
  const std::vector<TileSetting> settings = TileSettings(repair);
  for (int y = 0; y < repair.phys_height; ++y)
    for (int x = 0; x < repair.phys_width; ++x) {
      const TileSetting& s = settings[static_cast<size_t>(y) * repair.phys_width + x];
      w.push_back({x, y, reg::kRepairBase, s.repair0});
      w.push_back({x, y, static_cast<uint8_t>(reg::kRepairBase + 1), s.repair1});
      // A spare stays out of the way: its PE held, its router idle.
      if (!s.used) w.push_back({x, y, reg::kCtrl, reg::kCtrlPeHalt});
    }
  return w;
}

ApplyReport ApplyRepair(TapMaster& tap, const DefectMap& defects, const Repair& repair) {
  const std::vector<std::string> problems = CheckRepair(defects, repair);
  if (!problems.empty()) {
    std::string msg = "repair refused: the checker found " + std::to_string(problems.size()) + " problem(s):";
    for (size_t i = 0; i < problems.size() && i < 10; ++i) msg += "\n  " + problems[i];
    if (problems.size() > 10) msg += "\n  ...";
    throw RepairError(msg);
  }
  const std::vector<TileSetting> settings = TileSettings(repair);
  for (int y = 0; y < repair.phys_height; ++y)
    for (int x = 0; x < repair.phys_width; ++x) {
      const TileSetting& s = settings[static_cast<size_t>(y) * repair.phys_width + x];
      if (s.used && !tap.Reachable(x, y))
        throw RepairError("repair: logical " + TileText(s.lx, s.ly) + " on physical " + TileText(x, y) +
                          ": the tile does not answer on the config network");
    }
  const uint64_t c0 = tap.cycles_used();
  // Writes to every reached tile (a dead one is left alone: nothing listens
  // to its wires), then the REPAIR words read back.
  std::vector<TapOp> ops;
  for (const RegWrite& w : RepairWrites(repair))
    if (tap.Reachable(w.x, w.y)) ops.push_back(tap.Access(w.x, w.y, w.addr, true, w.data));
  const size_t writes = ops.size();
  std::vector<std::pair<int, int>> written;
  for (int y = 0; y < repair.phys_height; ++y)
    for (int x = 0; x < repair.phys_width; ++x) {
      if (!tap.Reachable(x, y)) continue;
      ops.push_back(tap.Access(x, y, reg::kRepairBase, false));
      ops.push_back(tap.Access(x, y, reg::kRepairBase + 1, false));
      written.emplace_back(x, y);
    }
  const std::vector<TapResult> res = tap.Run(ops);
  for (size_t i = 0; i < res.size(); ++i)
    if (!res[i].answered || res[i].status != 0)
      throw RepairError("repair: physical " + TileText(ops[i].x, ops[i].y) + ": a repair access was not answered or refused");
  ApplyReport rep;
  for (size_t k = 0; k < written.size(); ++k) {
    const auto [x, y] = written[k];
    const TileSetting& s = settings[static_cast<size_t>(y) * repair.phys_width + x];
    const uint32_t r0 = res[writes + 2 * k].data, r1 = res[writes + 2 * k + 1].data;
    if (r0 != s.repair0 || r1 != s.repair1)
      throw RepairError("repair: physical " + TileText(x, y) + ": REPAIR0/1 read back " + std::to_string(r0) + "/" +
                        std::to_string(r1) + ", wrote " + std::to_string(s.repair0) + "/" + std::to_string(s.repair1));
    ++rep.tiles_written;
    rep.mapped_out += !s.used;
  }
  rep.cycles = tap.cycles_used() - c0;
  return rep;
}

std::vector<std::string> TestRepairedLinks(WaferPort& port, TapMaster& tap, const Repair& repair, uint32_t words) {
  std::vector<std::string> bad;
  for (const LinkTestResult& r : RunRepairedLinkTest(port, tap, repair, words)) bad.push_back(r.text);
  return bad;
}

std::vector<LinkTestResult> RunRepairedLinkTest(WaferPort& port, TapMaster& tap, const Repair& repair, uint32_t words) {
  words = std::min<uint32_t>(std::max<uint32_t>(words, 1), 255);
  const std::vector<TileSetting> settings = TileSettings(repair);
  const std::vector<std::pair<int, int>> used = GridTiles(repair);
  // Every tile sends and checks on all four sides; a mapped-out tile's
  // sides are off, so its sender reaches nobody.
  // Receivers start first and senders a skew later (the broadcast reaches
  // the deepest tile 2 x depth cycles after the shallowest): a sender that
  // started before its receiver would feed LFSR words into its router.
  const uint64_t skew = 2 * static_cast<uint64_t>(tap.tree().max_depth()) + 4;
  std::vector<TapOp> start = tap.Broadcast(reg::kLinkPerr, 0);
  for (const TapOp& op : tap.Broadcast(reg::kLinkTest, 0xf0)) start.push_back(op);
  tap.Run(start);
  port.Idle(skew);
  tap.Run(tap.Broadcast(reg::kLinkTest, 0xff));
  port.Idle(words + skew);
  // Senders stop first and receivers a skew later: a receiver the stop
  // reaches before its sender would pass LFSR words on to its router.
  tap.Run(tap.Broadcast(reg::kLinkTest, 0xf0));
  port.Idle(skew);
  tap.Run(tap.Broadcast(reg::kLinkTest, 0));
  const auto err = tap.ReadAll(used, reg::kLinkErr);
  const auto cnt = tap.ReadAll(used, reg::kLinkWords);
  const auto perr = tap.ReadAll(used, reg::kLinkPerr);
  static const char* const kSide[4] = {"N", "E", "S", "W"};
  static const char* const kReach[2][3] = {{"straight", "one column west", "one column east"},
                                          {"next tile", "skip one", "skip two"}};
  std::vector<LinkTestResult> bad;
  for (size_t i = 0; i < used.size(); ++i) {
    const auto [x, y] = used[i];
    const TileSetting& s = settings[static_cast<size_t>(y) * repair.phys_width + x];
    for (int side = 0; side < 4; ++side) {
      // Logical neighbour on that side? Edge links lead to host I/O.
      int nlx, nly;
      if (!Neighbour(repair.width, repair.height, s.lx, s.ly, side, &nlx, &nly)) continue;
      const std::string where = "logical " + TileText(s.lx, s.ly) + " " + kSide[side] + ": physical " + TileText(x, y) +
                                " <- " + TileText(repair.PhysX(nlx, nly), nly) + " " + kReach[side % 2][s.code[side]];
      LinkTestResult r;
      r.lx = s.lx, r.ly = s.ly, r.side = side, r.rx_x = x, r.rx_y = y;
      r.tx_x = repair.PhysX(nlx, nly), r.tx_y = nly, r.code = s.code[side];
      if (!err[i].answered || !cnt[i].answered || !perr[i].answered) {
        r.answered = false;
        r.text = where + ": the tile did not answer";
        bad.push_back(std::move(r));
        continue;
      }
      r.errors = err[i].data >> (8 * side) & 0xff, r.words = cnt[i].data >> (8 * side) & 0xff;
      r.parity_errors = perr[i].data >> (8 * side) & 0xff;
      if (r.errors == 0 && r.parity_errors == 0 && r.words >= words) continue;
      r.text = where + ": " + std::to_string(r.errors) + " errors, " + std::to_string(r.parity_errors) +
               " parity errors, " + std::to_string(r.words) + " of " + std::to_string(words) + " words";
      bad.push_back(std::move(r));
    }
  }
  return bad;
}

}  // namespace wse::fw
