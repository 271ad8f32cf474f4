#include "faults/fault_injector.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "faults/fault_hooks.h"
#include "firmware/cfg_regs.h"
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
  return {FaultClass::kSramStuckAt,        FaultClass::kSramTransition, FaultClass::kSramCoupling,
          FaultClass::kSramAddressDecoder, FaultClass::kPeDead,         FaultClass::kPeWrongResult,
          FaultClass::kRouterDead,         FaultClass::kRouterDeadPort, FaultClass::kTileDead,
          FaultClass::kLinkStuck,          FaultClass::kLinkOpen,       FaultClass::kLinkBridge};
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
// The map names router port `port` of (x, y) as failing.
bool RouterPortNamed(const fw::DefectMap& map, int x, int y, int port) {
  for (const fw::Defect& d : map.defects) {
    if (d.x != x || d.y != y || d.unit != fw::Unit::kRouter) continue;
    const util::Json* m = d.evidence.Get("port_mask");
    if (m && m->IsInt() && (m->AsInt() >> port & 1)) return true;
  }
  return false;
}
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

double ArrheniusFactor(double ea_ev, double t_ref_c, double t_c) {
  return std::exp(ea_ev / kBoltzmannEv * (1.0 / (t_ref_c + 273.15) - 1.0 / (t_c + 273.15)));
}

namespace {
// Bits of config register `reg` that the upset hook can flip (wse_tile_cfg,
// wse_cfg_node): the guarded registers, at their width. 0: no hook.
uint32_t FlippableBits(int reg, int num_colors) {
  if (reg >= fw::reg::kRouteBase && reg < fw::reg::kRouteBase + num_colors) return (1u << 10) - 1;
  if (reg >= fw::reg::kRepairBase && reg < fw::reg::kRepairBase + 4) return ~0u;
  switch (reg) {
    case fw::reg::kCtrl: return 0x7;
    case fw::reg::kTap: return 0xf7;
    case fw::reg::kTohostAddr:
    case fw::reg::kWdtLimit: return ~0u;
    case fw::reg::kLinkTest: return 0xff;
    case fw::reg::kRouterTest: return (1u << 13) - 1;
    default: return 0;
  }
}
}  // namespace

FaultInjector::FaultInjector(MeshDut& dut, FaultList list) : FaultInjector(dut, std::move(list), {}) {}

FaultInjector::FaultInjector(MeshDut& dut, FaultList list, std::vector<TimedFault> events)
    : dut_(dut),
      list_(std::move(list)),
      rng_(list_.seed * 0x9e3779b97f4a7c15ull + 0x2545f4914f6cdd1dull),
      list_size_(list_.faults.size()),
      events_(std::move(events)) {
  if (!dut.HasFaults()) throw FaultListError("fault injection needs the fault-injection tile (a dftWxH mesh)");
  for (const TimedFault& e : events_) list_.faults.push_back(e.fault);
  const int w = dut.width(), h = dut.height();
  const size_t tiles = static_cast<size_t>(w) * h, n = list_.faults.size();
  tile_bits_.assign(tiles, 0);
  slot_base_.assign(2 * tiles, 0);
  slot_of_.assign(n, -1);
  link_id_.assign(n, -1);
  hook_.assign(n, 0);
  on_.assign(n, false);
  active_.assign(n, 0);
  appeared_.assign(n, std::nullopt);
  rate_now_.assign(n, 0.0);
  std::vector<int> slots(tiles, 0), alu(tiles, 0);
  std::set<std::pair<size_t, uint64_t>> upsets;  // (tile, cycle) of each cfg_flip
  std::vector<std::pair<size_t, LinkFault>> links;  // set once everything is validated
  // Validate every fault and work out its hooks; nothing touches the mesh
  // before the last fault passed.
  for (size_t i = 0; i < n; ++i) {
    const Fault& f = list_.faults[i];
    const bool event = i >= list_size_;
    const size_t t = static_cast<size_t>(f.y) * w + f.x;
    const std::string at = (event ? "events[" + std::to_string(i - list_size_) : "faults[" + std::to_string(i)) +
                           "] (" + Where(f) + ")";
    if (event) {
      const TimedFault& e = events_[i - list_size_];
      if (e.ramp_to_rate) {
        const double r = *e.ramp_to_rate;
        if (f.cls != FaultClass::kLinkDrop)
          throw FaultListError(at + ".ramp_to_rate: only a link_drop ramps its rate");
        if (!(r > 0 && r <= 1))
          throw FaultListError(at + ".ramp_to_rate: " + std::to_string(r) + " is outside (0, 1]");
        if (e.ramp_to_cycle <= e.at_cycle)
          throw FaultListError(at + ".ramp_to_cycle: " + std::to_string(e.ramp_to_cycle) + " is not after at_cycle " +
                               std::to_string(e.at_cycle));
      }
    }
    if (f.intermittent && (f.cls == FaultClass::kTileDead || f.cls == FaultClass::kPeDead)) {
      throw FaultListError(at + ": intermittent: a dead tile or PE cannot come and go (use pe_wrong_result or "
                                "router_dead for an intermittent logic fault)");
    }
    uint64_t slot = 0;
    switch (f.cls) {
      case FaultClass::kTileDead: hook_[i] = flt::kTileDead; break;
      case FaultClass::kPeDead: hook_[i] = flt::kPeDead; break;
      case FaultClass::kPeWrongResult:
        if (alu[t]++) throw FaultListError(at + ": a second pe_wrong_result on one tile (the PE has one ALU fault hook)");
        hook_[i] = flt::AluStuck(f.bit, f.value);
        break;
      case FaultClass::kRouterDead: hook_[i] = flt::kRouterDead; break;
      case FaultClass::kRouterDeadPort: hook_[i] = flt::PortDead(f.port); break;
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
      case FaultClass::kSramFlip:
        slot = flt::SramSlot(flt::SramKind::kFlip, static_cast<uint32_t>(f.addr), static_cast<uint32_t>(f.bit));
        break;
      case FaultClass::kCfgFlip: {
        const uint32_t ok = FlippableBits(f.reg, dut.num_colors());
        if (ok == 0) {
          throw FaultListError(at + ".reg: register " + std::to_string(f.reg) +
                               " has no upset hook (CTRL, TAP, TOHOST_ADDR, LINK_TEST, WDT_LIMIT, ROUTER_TEST, "
                               "ROUTE[c], REPAIR[i])");
        }
        if (!upsets.emplace(t, f.cycle).second) {
          throw FaultListError(at + ".cycle: a second cfg_flip on this tile in cycle " + std::to_string(f.cycle) +
                               " (one upset per tile and edge)");
        }
        if (!(ok >> f.bit & 1)) {
          throw FaultListError(at + ".bit: bit " + std::to_string(f.bit) + " of register " + std::to_string(f.reg) +
                               " is not a stored bit");
        }
        break;
      }
      case FaultClass::kLinkStuck:
      case FaultClass::kLinkOpen:
      case FaultClass::kLinkBridge:
      case FaultClass::kLinkDrop: {
        if (!Inside(w, h, f.x, f.y, f.dir)) throw FaultListError(at + ": dir leads off the mesh (edge links are not modelled yet)");
        LinkFault lf;
        if (f.cls == FaultClass::kLinkStuck) (f.value ? lf.stuck1 : lf.stuck0) = 1ull << f.bit;
        if (f.cls == FaultClass::kLinkOpen) lf.stuck0 = 1ull << f.bit;  // an open wire reads 0
        if (f.cls == FaultClass::kLinkBridge) lf.bridge_a = f.bit, lf.bridge_b = f.bit2;
        if (f.cls == FaultClass::kLinkDrop) lf.drop_rate = f.rate, lf.seed = list_.seed + i;
        links.emplace_back(i, lf);
        break;
      }
    }
    const bool transient = f.cls == FaultClass::kSramFlip || f.cls == FaultClass::kCfgFlip;
    // Present from the start: the list's faults but its transients.
    const bool now = !event && !transient;
    if (slot) {
      if (slots[t] == 2) throw FaultListError(at + ": a third SRAM fault on one tile (the model has two slots)");
      slot_of_[i] = static_cast<int>(2 * t) + slots[t]++;
      hook_[i] = slot;
      if (now && !f.intermittent) slot_base_[static_cast<size_t>(slot_of_[i])] = slot;
    } else if (now && !f.intermittent && !IsLink(f.cls)) {
      tile_bits_[t] |= static_cast<uint32_t>(hook_[i]);
    }
    if (now) {
      appeared_[i] = 0;
      if (f.cls == FaultClass::kLinkDrop) rate_now_[i] = f.rate;
    }
    if (f.intermittent) intermittent_.push_back(i);
    if (transient) transients_.push_back(i);
    else if (event) pending_.push_back(i);
  }
  std::stable_sort(transients_.begin(), transients_.end(),
                   [this](size_t a, size_t b) { return list_.faults[a].cycle < list_.faults[b].cycle; });
  std::stable_sort(pending_.begin(), pending_.end(), [this](size_t a, size_t b) {
    return events_[a - list_size_].at_cycle < events_[b - list_size_].at_cycle;
  });
  tile_now_ = tile_bits_;
  SetTemperature(temperature_c_);
  for (const auto& [i, lf] : links) {
    const Fault& f = list_.faults[i];
    link_id_[i] = dut.SetLinkFault(f.x, f.y, static_cast<Dir>(f.dir), lf);
    // An intermittent link waits for its first draw, an event for its cycle.
    if (f.intermittent || !appeared_[i]) dut.SetLinkFaultActive(link_id_[i], false);
  }
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const size_t t = static_cast<size_t>(y) * w + x;
      dut.SetTileFault(x, y, tile_bits_[t]);
      for (int k = 0; k < 2; ++k) dut.SetSramFault(x, y, k, slot_base_[2 * t + k]);
    }
}

void FaultInjector::SetTemperature(double celsius) {
  if (!(celsius > -273.15) || !std::isfinite(celsius)) {
    throw std::invalid_argument("temperature " + std::to_string(celsius) + " C is below absolute zero");
  }
  temperature_c_ = celsius;
  // Drawn against every cycle: computed once per temperature, not per draw.
  p_.clear();
  for (size_t i : intermittent_) p_.push_back(ActiveProbability(*list_.faults[i].intermittent));
}

double FaultInjector::ActiveProbability(const Intermittent& i) const {
  return std::min(1.0, i.rate * ArrheniusFactor(i.ea_ev, kRateReferenceC, temperature_c_));
}

void FaultInjector::Apply(size_t i, bool on) {
  const Fault& f = list_.faults[i];
  if (link_id_[i] >= 0) {
    dut_.SetLinkFaultActive(link_id_[i], on);
  } else if (slot_of_[i] >= 0) {
    dut_.SetSramFault(f.x, f.y, slot_of_[i] % 2, on ? hook_[i] : slot_base_[static_cast<size_t>(slot_of_[i])]);
  }
  // Tile bits: SetTileBits, which merges them per tile.
}

void FaultInjector::SetTileBits(size_t t) {
  // The permanent bits and those of the tile's active intermittent faults.
  uint32_t want = tile_bits_[t];
  const int w = dut_.width();
  for (size_t i : intermittent_) {
    const Fault& f = list_.faults[i];
    if (on_[i] && link_id_[i] < 0 && slot_of_[i] < 0 && static_cast<size_t>(f.y) * w + f.x == t)
      want |= static_cast<uint32_t>(hook_[i]);
  }
  if (want == tile_now_[t]) return;
  tile_now_[t] = want;
  dut_.SetTileFault(static_cast<int>(t) % w, static_cast<int>(t) / w, want);
}

double FaultInjector::drop_rate_now(size_t i) const {
  const Fault& f = list_.faults.at(i);
  if (f.cls != FaultClass::kLinkDrop)
    throw std::invalid_argument("fault " + std::to_string(i) + " (" + Where(f) + ") has no drop rate");
  return rate_now_[i];
}

double FaultInjector::RampRate(size_t i, uint64_t cycle) const {
  const TimedFault& e = events_[i - list_size_];
  const double from = list_.faults[i].rate, to = *e.ramp_to_rate;
  if (cycle >= e.ramp_to_cycle) return to;
  if (cycle <= e.at_cycle) return from;
  return from + (to - from) * static_cast<double>(cycle - e.at_cycle) / static_cast<double>(e.ramp_to_cycle - e.at_cycle);
}

void FaultInjector::Appear(size_t i, uint64_t cycle) {
  const Fault& f = list_.faults[i];
  appeared_[i] = cycle;
  if (f.intermittent) return;  // its draws start now
  if (link_id_[i] >= 0) {
    if (f.cls == FaultClass::kLinkDrop) {
      const TimedFault& e = events_[i - list_size_];
      rate_now_[i] = f.rate;
      if (e.ramp_to_rate) {
        rate_now_[i] = RampRate(i, cycle);
        dut_.SetLinkDropRate(link_id_[i], rate_now_[i]);
        if (cycle < e.ramp_to_cycle) {
          ramping_.push_back(i);
          next_ramp_update_ = std::min(next_ramp_update_, std::min(cycle + kDropRampStep, e.ramp_to_cycle));
        }
      }
    }
    dut_.SetLinkFaultActive(link_id_[i], true);
  } else if (slot_of_[i] >= 0) {
    slot_base_[static_cast<size_t>(slot_of_[i])] = hook_[i];
    Apply(i, true);
  } else {
    const size_t t = static_cast<size_t>(f.y) * dut_.width() + f.x;
    tile_bits_[t] |= static_cast<uint32_t>(hook_[i]);
    SetTileBits(t);
  }
}

void FaultInjector::UpdateRamps(uint64_t cycle) {
  next_ramp_update_ = UINT64_MAX;
  size_t kept = 0;
  for (size_t i : ramping_) {
    const uint64_t end = events_[i - list_size_].ramp_to_cycle;
    rate_now_[i] = RampRate(i, cycle);
    dut_.SetLinkDropRate(link_id_[i], rate_now_[i]);
    if (cycle >= end) continue;  // at its final rate
    ramping_[kept++] = i;
    next_ramp_update_ = std::min(next_ramp_update_, std::min(cycle + kDropRampStep, end));
  }
  ramping_.resize(kept);
}

void FaultInjector::Step(uint64_t cycle) {
  const int w = dut_.width();
  // An SRAM flip lasts one edge.
  for (size_t i : restore_) Apply(i, false);
  restore_.clear();
  // Events whose cycle has come take effect during the next edge.
  while (next_event_ < pending_.size() && events_[pending_[next_event_] - list_size_].at_cycle <= cycle)
    Appear(pending_[next_event_++], cycle);
  // Degrading links: a new rate every kDropRampStep cycles.
  if (cycle >= next_ramp_update_) UpdateRamps(cycle);
  // Intermittent faults: a fresh draw each cycle. A fault that has not
  // appeared yet draws too, so that the others' draws do not depend on
  // when it appears, but stays off.
  for (size_t k = 0; k < intermittent_.size(); ++k) {
    const size_t i = intermittent_[k];
    rng_ ^= rng_ << 13, rng_ ^= rng_ >> 7, rng_ ^= rng_ << 17;  // xorshift64
    const bool on = static_cast<double>(rng_ >> 11) * 0x1.0p-53 < p_[k] && appeared_[i].has_value();
    if (on) ++active_[i];
    if (on == on_[i]) continue;
    on_[i] = on;
    if (link_id_[i] >= 0 || slot_of_[i] >= 0) Apply(i, on);
    else SetTileBits(static_cast<size_t>(list_.faults[i].y) * w + list_.faults[i].x);
  }
  // Transients whose cycle has come strike during the next edge. A tile's
  // upset hook flips one register bit per edge: a second config upset due
  // at once (both cycles already past) waits for the next edge, with every
  // transient after it.
  if (next_transient_ == transients_.size() || list_.faults[transients_[next_transient_]].cycle > cycle) return;
  std::set<std::pair<int, int>> upset_now;
  while (next_transient_ < transients_.size() && list_.faults[transients_[next_transient_]].cycle <= cycle) {
    const size_t i = transients_[next_transient_];
    const Fault& f = list_.faults[i];
    if (f.cls == FaultClass::kCfgFlip && !upset_now.emplace(f.x, f.y).second) break;
    ++next_transient_;
    if (f.cls == FaultClass::kCfgFlip) {
      dut_.FlipConfigBit(f.x, f.y, f.reg, f.bit);
    } else {
      Apply(i, true);
      restore_.push_back(i);
    }
    active_[i] = 1;
    appeared_[i] = cycle;
  }
}

void InjectFaults(MeshDut& dut, const FaultList& list) {
  for (size_t i = 0; i < list.faults.size(); ++i) {
    const Fault& f = list.faults[i];
    if (f.intermittent || f.cls == FaultClass::kSramFlip || f.cls == FaultClass::kCfgFlip) {
      throw FaultListError("faults[" + std::to_string(i) + "] (" + Where(f) +
                           "): intermittent and transient faults are timed: this run has no fault schedule "
                           "(tb::FaultInjector)");
    }
  }
  FaultInjector set(dut, list);
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
    auto& c = f.intermittent ? v.intermittent[f.cls] : v.per_class[f.cls];
    ++c.injected;
    const size_t t = static_cast<size_t>(f.y) * w + f.x;
    const bool link = ExpectedUnit(f.cls) == fw::Unit::kLink;
    bool found = fw::Has(map, f.x, f.y, ExpectedUnit(f.cls), link ? f.dir : -1);
    if (found && f.cls == FaultClass::kRouterDeadPort) found = RouterPortNamed(map, f.x, f.y, f.port);
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
    else if (!f.intermittent) v.missed.push_back(Where(f));
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
