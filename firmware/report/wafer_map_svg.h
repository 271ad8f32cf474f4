#pragma once
// The defect map drawn as a wafer: one square per tile, coloured by the worst
// defect of its units, link defects as red bars on the side they leave from,
// with a legend of counts. Self-contained SVG, readable for a 4x4 test mesh
// and still small for a 1000x1000 wafer.

#include <string>

#include "firmware/defect_map.h"

namespace wse::fw {

/// Meshes up to this many tiles get one element per defect, each with a
/// tooltip (<title>) naming tile, unit, kind and evidence. Larger ones get
/// one path per category, so a wafer with 250,000 defects stays a few MB.
inline constexpr long kWaferMapDetailTiles = 64 * 64;

/// Throws DefectMapError for a mesh without tiles, a defect outside it or a
/// link without a side.
std::string RenderWaferMapSvg(const DefectMap& map, const std::string& title);
/// Renders and writes atomically.
void WriteWaferMapSvg(const std::string& path, const DefectMap& map, const std::string& title);

}  // namespace wse::fw
