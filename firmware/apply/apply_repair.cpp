#include "firmware/apply/apply_repair.h"

#include <algorithm>
#include <string>
#include <vector>

#include "firmware/cfg_regs.h"

namespace wse::fw {
namespace {

std::string Tile(int x, int y) { return "(" + std::to_string(x) + "," + std::to_string(y) + ")"; }

}  // namespace

ApplyReport ApplyRepair(TapMaster& tap, const DefectMap& defects, const Repair& repair) {
  const std::vector<std::string> problems = CheckRepair(defects, repair);
  if (!problems.empty()) {
    std::string msg = "repair refused: the checker found " + std::to_string(problems.size()) + " problem(s):";
    for (size_t i = 0; i < problems.size() && i < 10; ++i) msg += "\n  " + problems[i];
    if (problems.size() > 10) msg += "\n  ...";
    throw RepairError(msg);
  }
  const std::vector<TileSetting> settings = TileSettings(repair);
  const uint64_t c0 = tap.cycles_used();
  ApplyReport rep;
  std::vector<TapOp> ops;
  std::vector<std::pair<int, int>> written;
  for (int y = 0; y < repair.phys_height; ++y) {
    for (int x = 0; x < repair.phys_width; ++x) {
      const TileSetting& s = settings[static_cast<size_t>(y) * repair.phys_width + x];
      if (!tap.Reachable(x, y)) {
        if (s.used) throw RepairError("repair: logical " + Tile(s.lx, s.ly) + " on physical " + Tile(x, y) +
                                      ": the tile does not answer on the config network");
        continue;  // a dead tile is left alone: nothing listens to its wires
      }
      ops.push_back(tap.Access(x, y, reg::kRepairBase, true, s.repair0));
      ops.push_back(tap.Access(x, y, reg::kRepairBase + 1, true, s.repair1));
      // A spare stays out of the way: its PE held, its router idle.
      if (!s.used) ops.push_back(tap.Access(x, y, reg::kCtrl, true, reg::kCtrlPeHalt));
      ops.push_back(tap.Access(x, y, reg::kRepairBase, false));
      ops.push_back(tap.Access(x, y, reg::kRepairBase + 1, false));
      written.emplace_back(x, y);
    }
  }
  const std::vector<TapResult> res = tap.Run(ops);
  size_t k = 0;
  for (auto [x, y] : written) {
    const TileSetting& s = settings[static_cast<size_t>(y) * repair.phys_width + x];
    const size_t n = s.used ? 4 : 5;
    for (size_t i = 0; i < n; ++i) {
      if (!res[k + i].answered || res[k + i].status != 0)
        throw RepairError("repair: physical " + Tile(x, y) + ": a REPAIR access was not answered or refused");
    }
    const uint32_t r0 = res[k + n - 2].data, r1 = res[k + n - 1].data;
    if (r0 != s.repair0 || r1 != s.repair1)
      throw RepairError("repair: physical " + Tile(x, y) + ": REPAIR0/1 read back " + std::to_string(r0) + "/" +
                        std::to_string(r1) + ", wrote " + std::to_string(s.repair0) + "/" + std::to_string(s.repair1));
    k += n;
    ++rep.tiles_written;
    rep.mapped_out += !s.used;
  }
  rep.cycles = tap.cycles_used() - c0;
  return rep;
}

std::vector<std::string> TestRepairedLinks(WaferPort& port, TapMaster& tap, const Repair& repair, uint32_t words) {
  words = std::min<uint32_t>(std::max<uint32_t>(words, 1), 255);
  const std::vector<TileSetting> settings = TileSettings(repair);
  std::vector<std::pair<int, int>> used;  // physical tiles of the grid, logical row-major
  for (int ly = 0; ly < repair.height; ++ly)
    for (int lx = 0; lx < repair.width; ++lx) used.emplace_back(repair.PhysX(lx, ly), ly);
  // Every tile sends and checks on all four sides; a mapped-out tile's
  // sides are off, so its sender reaches nobody.
  std::vector<TapOp> start = tap.Broadcast(reg::kLinkPerr, 0);
  for (const TapOp& op : tap.Broadcast(reg::kLinkTest, 0xff)) start.push_back(op);
  tap.Run(start);
  port.Idle(words + 2 * static_cast<uint64_t>(tap.tree().max_depth()) + 4);
  tap.Run(tap.Broadcast(reg::kLinkTest, 0));
  const auto err = tap.ReadAll(used, reg::kLinkErr);
  const auto cnt = tap.ReadAll(used, reg::kLinkWords);
  const auto perr = tap.ReadAll(used, reg::kLinkPerr);
  static const char* const kSide[4] = {"N", "E", "S", "W"};
  static const char* const kReach[2][3] = {{"straight", "one column west", "one column east"},
                                          {"next tile", "skip one", "skip two"}};
  std::vector<std::string> bad;
  for (size_t i = 0; i < used.size(); ++i) {
    const auto [x, y] = used[i];
    const TileSetting& s = settings[static_cast<size_t>(y) * repair.phys_width + x];
    for (int side = 0; side < 4; ++side) {
      // Logical neighbour on that side? Edge links lead to host I/O.
      const int nlx = s.lx + (side == 1) - (side == 3), nly = s.ly + (side == 2) - (side == 0);
      if (nlx < 0 || nlx >= repair.width || nly < 0 || nly >= repair.height) continue;
      const std::string where = "logical " + Tile(s.lx, s.ly) + " " + kSide[side] + ": physical " + Tile(x, y) +
                                " <- " + Tile(repair.PhysX(nlx, nly), nly) + " " + kReach[side % 2][s.code[side]];
      if (!err[i].answered || !cnt[i].answered || !perr[i].answered) {
        bad.push_back(where + ": the tile did not answer");
        continue;
      }
      const uint32_t e = err[i].data >> (8 * side) & 0xff, n = cnt[i].data >> (8 * side) & 0xff;
      const uint32_t pe = perr[i].data >> (8 * side) & 0xff;
      if (e == 0 && pe == 0 && n >= words) continue;
      bad.push_back(where + ": " + std::to_string(e) + " errors, " + std::to_string(pe) + " parity errors, " +
                    std::to_string(n) + " of " + std::to_string(words) + " words");
    }
  }
  return bad;
}

}  // namespace wse::fw
