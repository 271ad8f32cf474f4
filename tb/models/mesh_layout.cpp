// Waveform layout shared by the stitched and flat meshes: both expose the
// same wse_tile hierarchy under TileScope().

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
          {{cfg + "cfg_in_valid_i"}, {cfg + "cfg_in_data_i[62:0]", true}, {cfg + "cfg_out_valid_o"},
           {cfg + "cfg_out_data_o[62:0]", true}, {cfg + "enable_q"}, {cfg + "scratch_q[31:0]", true},
           {cfg + "err_unrouted_q[31:0]", true}, {cfg + "rx_count_q[31:0]", true}},
          {},
          false});
      groups.push_back(std::move(tile));
    }
  }
  return groups;
}

}  // namespace wse::tb
