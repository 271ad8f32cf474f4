#include "faults/fault_injector.h"

#include "faults/fault_hooks.h"
#include "faults/reachability.h"

namespace wse::tb {
namespace {

std::string Where(const Fault& f) {
  return std::string(FaultClassName(f.cls)) + " at tile (" + std::to_string(f.x) + "," + std::to_string(f.y) + ")";
}

fw::Unit ExpectedUnit(FaultClass c) {
  switch (c) {
    case FaultClass::kPeDead:
    case FaultClass::kPeWrongResult: return fw::Unit::kPe;
    case FaultClass::kTileDead: return fw::Unit::kTile;
    case FaultClass::kRouterDead:
    case FaultClass::kRouterDeadPort: return fw::Unit::kRouter;
    case FaultClass::kLinkStuck:
    case FaultClass::kLinkOpen:
    case FaultClass::kLinkBridge:
    case FaultClass::kLinkDrop: return fw::Unit::kLink;
    default: return fw::Unit::kSram;
  }
}

}  // namespace

std::vector<FaultClass> InjectableClasses() {
  return {FaultClass::kSramStuckAt,  FaultClass::kSramTransition, FaultClass::kSramCoupling,
          FaultClass::kSramAddressDecoder, FaultClass::kPeDead, FaultClass::kTileDead,
          FaultClass::kLinkStuck,    FaultClass::kLinkOpen,       FaultClass::kLinkBridge};
}

namespace {
bool IsLink(FaultClass c) {
  return c == FaultClass::kLinkStuck || c == FaultClass::kLinkOpen || c == FaultClass::kLinkBridge ||
         c == FaultClass::kLinkDrop;
}
// The tile across side `dir` (N, E, S, W) of (x, y); false off the mesh.
bool Across(int w, int h, int x, int y, int dir, size_t* index) {
  static constexpr int kDx[] = {0, 1, 0, -1}, kDy[] = {-1, 0, 1, 0};
  const int nx = x + kDx[dir], ny = y + kDy[dir];
  if (nx < 0 || ny < 0 || nx >= w || ny >= h) return false;
  if (index) *index = static_cast<size_t>(ny) * w + nx;
  return true;
}
bool Inside(int w, int h, int x, int y, int dir) { return Across(w, h, x, y, dir, nullptr); }
}  // namespace

FaultList InwardLinks(FaultList list, int width, int height) {
  std::vector<Fault> kept;
  for (Fault f : list.faults) {
    if (IsLink(f.cls) && !Inside(width, height, f.x, f.y, f.dir)) {
      int d = 0;
      while (d < 4 && !Inside(width, height, f.x, f.y, d)) ++d;
      if (d == 4) continue;
      f.dir = d;
    }
    kept.push_back(f);
  }
  list.faults = std::move(kept);
  return list;
}

void InjectFaults(MeshDut& dut, const FaultList& list) {
  if (!dut.HasFaults()) throw FaultListError("fault injection needs the fault-injection tile (a dftWxH mesh)");
  const int w = dut.width(), h = dut.height();
  std::vector<uint32_t> tile(static_cast<size_t>(w) * h, 0);
  std::vector<int> slots(static_cast<size_t>(w) * h, 0);
  for (size_t i = 0; i < list.faults.size(); ++i) {
    const Fault& f = list.faults[i];
    const size_t t = static_cast<size_t>(f.y) * w + f.x;
    const std::string at = "faults[" + std::to_string(i) + "] (" + Where(f) + ")";
    if (f.intermittent) throw FaultListError(at + ": intermittent faults are not injectable yet");
    uint64_t slot = 0;
    switch (f.cls) {
      case FaultClass::kTileDead: tile[t] |= flt::kTileDead; break;
      case FaultClass::kPeDead: tile[t] |= flt::kPeDead; break;
      case FaultClass::kSramStuckAt:
        slot = flt::SramSlot(flt::SramKind::kStuck, static_cast<uint32_t>(f.addr), static_cast<uint32_t>(f.bit), 0, 0,
                             f.value != 0);
        break;
      case FaultClass::kSramTransition:
        slot = flt::SramSlot(flt::SramKind::kTransition, static_cast<uint32_t>(f.addr), static_cast<uint32_t>(f.bit), 0,
                             0, f.value != 0);
        break;
      case FaultClass::kSramCoupling: {
        const flt::SramKind k = f.kind == CouplingKind::kInversion    ? flt::SramKind::kCouplingInversion
                                : f.kind == CouplingKind::kIdempotent ? flt::SramKind::kCouplingIdempotent
                                                                      : flt::SramKind::kCouplingState;
        slot = flt::SramSlot(k, static_cast<uint32_t>(f.addr), static_cast<uint32_t>(f.bit),
                             static_cast<uint32_t>(f.aggressor_addr), static_cast<uint32_t>(f.aggressor_bit),
                             f.value != 0, f.rising);
        break;
      }
      case FaultClass::kSramAddressDecoder:
        slot = flt::SramSlot(flt::SramKind::kDecoder, static_cast<uint32_t>(f.addr), 0,
                             static_cast<uint32_t>(f.alias_addr));
        break;
      case FaultClass::kLinkStuck:
      case FaultClass::kLinkOpen:
      case FaultClass::kLinkBridge:
      case FaultClass::kLinkDrop: {
        if (!Inside(w, h, f.x, f.y, f.dir)) throw FaultListError(at + ": dir leads off the mesh (edge links are not modelled yet)");
        LinkFault lf;
        if (f.cls == FaultClass::kLinkStuck) (f.value ? lf.stuck1 : lf.stuck0) = 1ull << f.bit;
        if (f.cls == FaultClass::kLinkOpen) lf.stuck0 = 1ull << f.bit;  // an open wire reads 0
        if (f.cls == FaultClass::kLinkBridge) lf.bridge_a = f.bit, lf.bridge_b = f.bit2;
        if (f.cls == FaultClass::kLinkDrop) lf.drop_rate = f.rate, lf.seed = list.seed + i;
        dut.SetLinkFault(f.x, f.y, static_cast<Dir>(f.dir), lf);
        break;
      }
      default:
        throw FaultListError(at + ": not injectable on this model yet (injectable: sram_stuck_at, sram_transition, "
                                  "sram_coupling, sram_address_decoder, pe_dead, tile_dead, link_stuck, link_open, "
                                  "link_bridge, link_drop)");
    }
    if (slot) {
      if (slots[t] == 2) throw FaultListError(at + ": a third SRAM fault on one tile (the model has two slots)");
      dut.SetSramFault(f.x, f.y, slots[t]++, slot);
    }
  }
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) dut.SetTileFault(x, y, tile[static_cast<size_t>(y) * w + x]);
}

ScanVerdict JudgeScan(const FaultList& list, const fw::DefectMap& map) {
  const int w = map.width, h = map.height;
  std::vector<bool> dead(static_cast<size_t>(w) * h, false), faulty(dead.size(), false);
  for (const Fault& f : list.faults) {
    const size_t t = static_cast<size_t>(f.y) * w + f.x;
    faulty[t] = true;
    if (f.cls == FaultClass::kTileDead) dead[t] = true;
  }
  const std::vector<bool> reach = ReachableFromEdge(w, h, dead);
  ScanVerdict v;
  for (const Fault& f : list.faults) {
    if (!IsPermanent(f.cls)) continue;
    auto& c = v.per_class[f.cls];
    ++c.injected;
    const size_t t = static_cast<size_t>(f.y) * w + f.x;
    const bool link = ExpectedUnit(f.cls) == fw::Unit::kLink;
    bool found = fw::Has(map, f.x, f.y, ExpectedUnit(f.cls), link ? f.dir : -1);
    if (!reach[t] && f.cls != FaultClass::kTileDead) {
      ++c.masked;
      found = fw::Has(map, f.x, f.y, fw::Unit::kTile);
    } else if (link) {
      // A link into a dead or walled-in tile cannot be tested from its far end.
      size_t n = 0;
      if (Across(w, h, f.x, f.y, f.dir, &n) && !reach[n]) {
        ++c.masked;
        found = true;
      }
    }
    if (found) ++c.detected;
    else v.missed.push_back(Where(f));
  }
  for (const fw::Defect& d : map.defects) {
    const size_t t = static_cast<size_t>(d.y) * w + d.x;
    const bool walled_in = d.unit == fw::Unit::kTile && d.kind == "unreachable" && !reach[t];
    if (faulty[t] || walled_in) continue;
    if (d.unit == fw::Unit::kLink && d.dir >= 0 && d.dir < 4) {
      // A link defect is explained by a fault on either end.
      size_t n = 0;
      if (Across(w, h, d.x, d.y, d.dir, &n) && faulty[n]) continue;
    }
    ++v.false_positives;
    v.spurious.push_back(std::string(fw::UnitName(d.unit)) + " " + d.kind + " at tile (" + std::to_string(d.x) + "," +
                         std::to_string(d.y) + ")");
  }
  return v;
}

}  // namespace wse::tb
