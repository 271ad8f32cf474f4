#pragma once
// A repair drawn on its wafer: each physical tile a square (used tiles green
// with their logical coordinate, unused spares grey, dead tiles red and
// mapped out), link defects as bars on the side they leave from, and the
// logical mesh as lines between the centres of the physical tiles that play
// logical neighbours, so a skip over a dead tile or a diagonal step between
// rows shows as a longer or slanted line. A wafer too big to draw whole is
// drawn through a square window, by default around its densest defects.

#include <string>

#include "firmware/defect_map.h"
#include "firmware/repair/repair.h"

namespace wse::fw {

/// Wafers up to this many tiles on their longer side are drawn whole unless
/// a crop is asked for.
inline constexpr int kRepairMapWholeWafer = 64;
/// The window of a larger wafer when no crop is given, tiles a side.
inline constexpr int kRepairMapDefaultCrop = 40;
/// The largest window, tiles a side (a 256x256 window is a few MB of SVG).
inline constexpr int kRepairMapMaxWindow = 256;
/// Windows up to this many tiles get one element per tile with a tooltip.
inline constexpr int kRepairMapDetailTiles = 48 * 48;

struct RepairMapOptions {
  /// Window edge in tiles; 0 = the whole wafer up to kRepairMapWholeWafer,
  /// kRepairMapDefaultCrop beyond. Clipped to the wafer.
  int crop = 0;
  /// Window centre; -1 = the window holding the most defects (the first in
  /// row-major order on a tie).
  int centre_x = -1, centre_y = -1;
};

/// The physical tiles drawn: [x0, x0 + width) x [y0, y0 + height).
struct RepairMapWindow {
  int x0 = 0, y0 = 0, width = 0, height = 0;
};

/// The window `options` select on `defects`' wafer. Throws
/// std::invalid_argument for a crop outside 0..kRepairMapMaxWindow or a
/// centre outside the wafer.
RepairMapWindow SelectRepairMapWindow(const DefectMap& defects, const RepairMapOptions& options);

/// A repair map without its <svg> element, for a page that holds several:
/// the elements in the map's own pixels, origin at its top left, to wrap in
/// a translated <g>.
struct RepairMapFragment {
  std::string svg;
  double width = 0, height = 0;  // pixels the elements cover
  RepairMapWindow window;        // the physical tiles drawn
  /// Physical tile (window.x0 + i, window.y0 + j) is the square of side
  /// tile_px at (left + i * tile_px, top + j * tile_px).
  double left = 0, top = 0, tile_px = 0;
};

/// What RenderRepairMapSvg draws inside its <svg> element: title, tiles,
/// link defects, logical mesh and legend. `clip_id` names the window's clip
/// path and must be unique on the page. Throws as RenderRepairMapSvg.
RepairMapFragment RenderRepairMapFragment(const DefectMap& defects, const Repair* repair,
                                          const std::string& title, const RepairMapOptions& options,
                                          const std::string& clip_id);

/// `repair` may be null (the remap found no grid): the tiles and defects
/// alone. Throws DefectMapError for a defect outside the wafer and
/// RepairError for a repair of another wafer or with columns outside it.
std::string RenderRepairMapSvg(const DefectMap& defects, const Repair* repair,
                               const std::string& title, const RepairMapOptions& options = {});
/// Renders and writes atomically.
void WriteRepairMapSvg(const std::string& path, const DefectMap& defects, const Repair* repair,
                       const std::string& title, const RepairMapOptions& options = {});

}  // namespace wse::fw
