#include "yield/defect_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <unordered_set>

#include "yield/yield_rng.h"

namespace wse::yield {
namespace {

// The test that reports each unit in a real scan (docs/dft.md), so a
// generated map reads like one the firmware wrote.
const char* KindOf(fw::Unit u) {
  switch (u) {
    case fw::Unit::kTile:
      return "unreachable";
    case fw::Unit::kPe:
      return "known_answer";
    case fw::Unit::kSram:
      return "march_c-";
    case fw::Unit::kRouter:
      return "loopback";
    case fw::Unit::kLink:
      return "link_test";
  }
  return "unreachable";
}

constexpr fw::Unit kDeadUnits[] = {fw::Unit::kTile, fw::Unit::kPe, fw::Unit::kSram,
                                   fw::Unit::kRouter};

// Places defects on a map, merging repeats of an entry.
class Placer {
 public:
  Placer(fw::DefectMap& map, const DefectModelSpec& spec, YieldRng& rng, GenerateStats& stats)
      : map_(map), spec_(spec), rng_(rng), stats_(stats) {}

  void Add(int x, int y) {
    ++stats_.drawn;
    fw::Defect d;
    d.x = x;
    d.y = y;
    if (rng_.Uniform() < spec_.link_fraction) {
      // Any side: an edge tile's outward wires are the wafer's edge links,
      // which the repair needs as much as the inner ones.
      d.unit = fw::Unit::kLink;
      d.dir = static_cast<int>(rng_.Below(4));
    } else {
      d.unit = kDeadUnits[rng_.Below(4)];
    }
    const uint64_t key =
        (static_cast<uint64_t>(y) * static_cast<uint64_t>(map_.width) + static_cast<uint64_t>(x)) *
            64 +
        static_cast<uint64_t>(d.unit) * 8 + static_cast<uint64_t>(d.dir + 1);
    if (!seen_.insert(key).second) {
      ++stats_.merged;
      return;
    }
    d.kind = KindOf(d.unit);
    if (d.unit == fw::Unit::kTile) --map_.reachable;
    map_.defects.push_back(std::move(d));
  }

 private:
  fw::DefectMap& map_;
  const DefectModelSpec& spec_;
  YieldRng& rng_;
  GenerateStats& stats_;
  std::unordered_set<uint64_t> seen_;
};

}  // namespace

void Validate(const WaferGeometry& wafer, const DefectModelSpec& spec) {
  auto fail = [](const std::string& field, const std::string& problem) {
    throw std::invalid_argument(field + ": " + problem);
  };
  if (wafer.width < 1 || wafer.height < 1 || wafer.width > 100000 || wafer.height > 100000)
    fail("wafer", std::to_string(wafer.width) + "x" + std::to_string(wafer.height) +
                      " is not 1..100000 tiles a side");
  if (!(wafer.tile_mm2 > 0) || !std::isfinite(wafer.tile_mm2))
    fail("tile_mm2", "must be a positive area");
  if (!(spec.density_per_mm2 >= 0) || !std::isfinite(spec.density_per_mm2))
    fail("density_per_mm2", "must be a finite density >= 0");
  // The samplers' cost grows with the mean count; beyond one defect per tile
  // the question is not yield any more.
  if (spec.density_per_mm2 * wafer.tile_mm2 > 1)
    fail("density_per_mm2", "more than one defect per tile on average");
  if (spec.model == DefectModel::kNegBinomial) {
    if (!(spec.alpha > 0) || !std::isfinite(spec.alpha)) fail("alpha", "must be > 0");
    if (spec.block_tiles < 1) fail("block_tiles", "must be >= 1");
  }
  if (!(spec.link_fraction >= 0 && spec.link_fraction <= 1))
    fail("link_fraction", "must be in [0, 1]");
}

std::string ModelTag(const DefectModelSpec& spec) {
  if (spec.model == DefectModel::kPoisson) return "poisson";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", spec.alpha);
  std::string tag = "nb";
  for (const char* p = buf; *p; ++p)
    if (*p != '.') tag += *p;
  return tag;
}

std::string ModelLabel(const DefectModelSpec& spec) {
  if (spec.model == DefectModel::kPoisson) return "Poisson";
  char buf[48];
  std::snprintf(buf, sizeof buf, "NB alpha=%g", spec.alpha);
  return buf;
}

fw::DefectMap GenerateDefects(const WaferGeometry& wafer, const DefectModelSpec& spec,
                              uint64_t seed, GenerateStats* stats) {
  Validate(wafer, spec);
  fw::DefectMap map;
  map.width = wafer.width;
  map.height = wafer.height;
  map.tests = {"tap", "links", "router", "mbist", "pe_kat"};
  map.reachable = wafer.width * wafer.height;
  GenerateStats local;
  YieldRng rng(seed);
  Placer placer(map, spec, rng, stats ? *stats : local);
  const double lambda = spec.density_per_mm2 * wafer.tile_mm2;  // per tile
  if (spec.model == DefectModel::kPoisson) {
    const uint64_t tiles = static_cast<uint64_t>(wafer.width) * static_cast<uint64_t>(wafer.height);
    const int64_t n = rng.Poisson(lambda * static_cast<double>(tiles));
    for (int64_t i = 0; i < n; ++i) {
      const uint64_t t = rng.Below(tiles);
      placer.Add(static_cast<int>(t % static_cast<uint64_t>(wafer.width)),
                 static_cast<int>(t / static_cast<uint64_t>(wafer.width)));
    }
    return map;
  }
  // Blocks in row-major order, each drawing its gamma factor, its count and
  // its positions before the next: a block's defects depend only on the seed
  // and the blocks before it.
  const int b = spec.block_tiles;
  for (int by = 0; by < wafer.height; by += b) {
    const int bh = std::min(b, wafer.height - by);
    for (int bx = 0; bx < wafer.width; bx += b) {
      const int bw = std::min(b, wafer.width - bx);
      const double factor = rng.Gamma(spec.alpha) / spec.alpha;
      const int64_t n = rng.Poisson(lambda * bw * bh * factor);
      for (int64_t i = 0; i < n; ++i) {
        const uint64_t t = rng.Below(static_cast<uint64_t>(bw) * static_cast<uint64_t>(bh));
        placer.Add(bx + static_cast<int>(t % static_cast<uint64_t>(bw)),
                   by + static_cast<int>(t / static_cast<uint64_t>(bw)));
      }
    }
  }
  return map;
}

}  // namespace wse::yield
