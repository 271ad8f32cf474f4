#pragma once
// Random defect maps of a physical wafer for the yield study (docs/yield.md).
//
// Two spatial models, both with a mean of lambda = density * tile_mm2
// defects per tile:
//  - Poisson: the wafer's defect count is Poisson(lambda * tiles) and every
//    defect lands on a uniformly drawn tile.
//  - Clustered (negative binomial): the wafer is cut into square blocks
//    (block_tiles on a side, the last row and column of blocks cut by the
//    edge); each block's density is multiplied by a Gamma(alpha, 1/alpha)
//    draw (mean 1, variance 1/alpha), its count is Poisson with that mean and
//    its defects land uniformly inside it. A block's count is then negative
//    binomial: mean m, variance m + m^2/alpha. Small alpha = strong
//    clustering; alpha -> infinity is the Poisson model.
// Each defect is a link defect with probability link_fraction (the wires
// leaving its tile towards a side drawn uniformly from N, E, S, W; on the
// wafer's rim that may be an edge link) and otherwise kills its tile,
// charged to one of the units tile, pe, sram, router drawn uniformly. A
// defect that repeats an entry already in the map (same tile, unit and side)
// is merged: the map format holds one entry per (tile, unit, dir).

#include <cstdint>
#include <string>

#include "firmware/defect_map.h"

namespace wse::yield {

/// The physical wafer.
struct WaferGeometry {
  int width = 1000, height = 970;  // tiles
  double tile_mm2 = 0.05;          // area of one tile
};

enum class DefectModel { kPoisson, kNegBinomial };

/// How defects are drawn.
struct DefectModelSpec {
  DefectModel model = DefectModel::kPoisson;
  double density_per_mm2 = 0.001;
  double alpha = 2;            // clustering of the negative-binomial model
  int block_tiles = 32;        // edge of a negative-binomial block
  double link_fraction = 0.2;  // share of defects that break a link instead of a tile
};

/// What one draw produced before merging.
struct GenerateStats {
  int64_t drawn = 0;   // defects drawn
  int64_t merged = 0;  // of them, repeats of an entry already in the map
};

/// Throws std::invalid_argument naming the field ("density_per_mm2: ...")
/// for a wafer without tiles, a negative or non-finite density, alpha <= 0,
/// block_tiles < 1 or link_fraction outside [0, 1].
void Validate(const WaferGeometry& wafer, const DefectModelSpec& spec);

/// "poisson", or "nb" followed by alpha without its point ("nb2", "nb05",
/// "nb1.25" -> "nb125"): the tag of figure names.
std::string ModelTag(const DefectModelSpec& spec);
/// "Poisson" or "NB alpha=2" for tables and legends.
std::string ModelLabel(const DefectModelSpec& spec);

/// A defect map of `wafer` drawn from `spec` with `seed`; the same arguments
/// give the same map on every platform. tests are the scan's five, reachable
/// counts the tiles without a `tile` defect.
fw::DefectMap GenerateDefects(const WaferGeometry& wafer, const DefectModelSpec& spec,
                              uint64_t seed, GenerateStats* stats = nullptr);

}  // namespace wse::yield
