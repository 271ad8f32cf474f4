// Waveform layout shared by the stitched and flat meshes: both expose the
// same wse_tile hierarchy under TileScope().

#include <stdexcept>
#include <string>

#include "models/mesh_dut.h"

namespace wse::tb {

std::vector<WaveGroup> MeshDut::WaveLayout() const {
  std::vector<WaveGroup> groups;
  for (int y = 0; y < height_; ++y) {
    for (int x = 0; x < width_; ++x) {
      const std::string t = TileScope(x, y);
      const std::string cfg = t + ".u_cfg.";
      const bool first = x == 0 && y == 0;
      WaveGroup tile{"tile (" + std::to_string(x) + "," + std::to_string(y) + ")",
                     {{t + ".clk_i"}, {t + ".rst_ni"}},
                     RouterPortGroups(t + ".u_router"),
                     first};
      // The first tile opens fully so the file shows something at once.
      if (first)
        for (auto& g : tile.children) g.open = true;
      tile.children.push_back(WaveGroup{
          "config",
          {{cfg + "cfg_in_valid_i[3:0]", true}, {cfg + "cfg_in_data_i[295:0]", true},
           {cfg + "cfg_out_valid_o[3:0]", true}, {cfg + "cfg_out_data_o[295:0]", true},
           {cfg + "u_node.parent_q[2:0]", true}, {cfg + "u_node.child_q[3:0]", true},
           {cfg + "ctrl_q[2:0]", true}, {cfg + "scratch_q[31:0]", true},
           {cfg + "err_unrouted_q[31:0]", true}, {cfg + "rx_count_q[31:0]", true},
           {cfg + "repair_q[127:0]", true}},
          {},
          false});
      if (HasPe()) {
        const std::string pe = t + ".g_pe.u_pe.";
        const std::string core = pe + "u_core.";
        tile.children.push_back(WaveGroup{
            "PE",
            {{pe + "run_i"}, {pe + "running_o"}, {core + "pc_q[31:0]", true},
             {core + "xv_q"}, {pe + "a_rdata[31:0]", true}, {pe + "tr_valid_o"},
             {pe + "tr_trap_o"}, {pe + "tr_cause_o[3:0]", true}, {pe + "tr_rd_o[4:0]", true},
             {pe + "tr_rd_data_o[31:0]", true}, {pe + "waiting_o"}, {pe + "exited_o"},
             {pe + "t_active"}, {pe + "tx_valid_o"}, {pe + "tx_data_o[37:0]", true},
             {pe + "rx_valid_i"}, {pe + "rx_ready_o"}, {pe + "rx_data_i[37:0]", true}},
            {},
            first});
      }
      groups.push_back(std::move(tile));
    }
  }
  return groups;
}

std::vector<CfgEntryPins> MeshDut::CfgEntries() {
  std::vector<CfgEntryPins> e;
  for (int x = 0; x < width_; ++x) e.push_back(CfgEntry(Dir::kN, x));
  for (int y = 0; y < height_; ++y) e.push_back(CfgEntry(Dir::kE, y));
  for (int x = 0; x < width_; ++x) e.push_back(CfgEntry(Dir::kS, x));
  for (int y = 0; y < height_; ++y) e.push_back(CfgEntry(Dir::kW, y));
  return e;
}

void MeshDut::SetTileFault(int x, int y, uint32_t) {
  throw std::logic_error("tile (" + std::to_string(x) + "," + std::to_string(y) +
                         ") has no fault hooks in " + Describe());
}

void MeshDut::SetSramFault(int x, int y, int, uint64_t) { SetTileFault(x, y, 0); }

void MeshDut::FlipConfigBit(int x, int y, int, int) { SetTileFault(x, y, 0); }

int MeshDut::SetLinkFault(int x, int y, Dir, const LinkFault&) {
  throw std::logic_error("link faults at tile (" + std::to_string(x) + "," + std::to_string(y) +
                         ") need the stitched mesh, not " + Describe());
}

void MeshDut::SetLinkFaultActive(int id, bool) {
  throw std::logic_error("no link fault " + std::to_string(id) + " in " + Describe());
}

void MeshDut::SetLinkDropRate(int id, double) {
  throw std::logic_error("no link fault " + std::to_string(id) + " in " + Describe());
}

PeTracePins MeshDut::PeTrace(int x, int y) {
  throw std::logic_error("tile (" + std::to_string(x) + "," + std::to_string(y) +
                         ") has no PE in " + Describe());
}

}  // namespace wse::tb
