#include "firmware/scan/defect_scan.h"

#include <algorithm>
#include <bit>

#include "firmware/scan/pe_kat.h"
#include "firmware/tap/tap_master.h"

namespace wse::fw {
namespace {

void Progress(const ScanOptions& o, const std::string& phase, double f) {
  if (o.progress) o.progress(phase, f);
}

util::Json Evidence(std::initializer_list<std::pair<const char*, int64_t>> kv) {
  util::Json e = util::Json::Object();
  for (const auto& [k, v] : kv) e.Set(k, util::Json(v));
  return e;
}

// The map holds one entry per (tile, unit, dir): the first test that fails
// a unit names it; later ones add nothing.
void AddDefect(DefectMap& map, int x, int y, Unit unit, const std::string& kind, util::Json evidence, int dir = -1) {
  if (Has(map, x, y, unit, dir)) return;
  Defect d;
  d.x = x;
  d.y = y;
  d.unit = unit;
  d.dir = dir;
  d.kind = kind;
  d.evidence = std::move(evidence);
  map.defects.push_back(std::move(d));
}

// Appends the broadcast write of `addr` (one op per tree) to a batch.
void AddBroadcast(std::vector<TapOp>* ops, const TapMaster& tap, uint8_t addr, uint32_t data) {
  const std::vector<TapOp> b = tap.Broadcast(addr, data);
  ops->insert(ops->end(), b.begin(), b.end());
}

// Clocks the wafer while reporting progress; `n` cycles in slices.
void Wait(WaferPort& port, uint64_t n, const ScanOptions& o, const std::string& phase) {
  const uint64_t slice = std::max<uint64_t>(n / 20, 1);
  for (uint64_t done = 0; done < n; done += slice) {
    port.Idle(std::min(slice, n - done));
    Progress(o, phase, static_cast<double>(done) / static_cast<double>(n));
  }
}

}  // namespace

std::string RouterPortNames(uint32_t mask) {
  static constexpr const char* kPortNames[reg::kNumPorts] = {"N", "E", "S", "W", "ramp"};
  std::string names;
  for (uint32_t p = 0; p < reg::kNumPorts; ++p)
    if (mask >> p & 1) names += (names.empty() ? "" : ",") + std::string(kPortNames[p]);
  return names;
}

std::vector<RouterTestResult> RunRouterTest(WaferPort& port, TapMaster& tap,
                                            const std::vector<std::pair<int, int>>& live, int colors,
                                            uint32_t router_cycles, const std::function<void(double)>& progress) {
  // In phase k color c is routed from port (c + k) mod 5 back to itself and
  // the router BIST loops all five ports, so after five phases every color
  // has crossed every port in both directions.
  constexpr uint32_t kCountMask = (1u << reg::kRouterTestCountBits) - 1;
  const uint32_t cycles = std::min(router_cycles, kCountMask);
  const uint64_t skew = 2 * static_cast<uint64_t>(tap.tree().max_depth()) + 4;
  std::vector<RouterTestResult> out(live.size());
  for (auto& r : out) r.expected_words = cycles;
  if (live.empty()) return out;
  auto add = [&](std::vector<TapOp>* ops, uint8_t addr, uint32_t data) { AddBroadcast(ops, tap, addr, data); };
  // Every port is cut off from the fabric (looped, drained) for the whole
  // test, before a loop route exists: nothing from a neighbour, such as a
  // stuck valid wire, can enter a router under test or be charged to it.
  constexpr uint32_t kNumPorts = reg::kNumPorts, kAllPorts = (1u << kNumPorts) - 1;
  tap.Run(tap.Broadcast(reg::kRouterTest, kAllPorts | reg::kRouterTestDrain));
  port.Idle(skew);
  for (uint32_t k = 0; k < kNumPorts; ++k) {
    if (progress) progress(k / static_cast<double>(kNumPorts));
    std::vector<TapOp> ops;
    for (int c = 0; c < colors; ++c) {
      // ROUTE[c]: rx mask [9:5], tx mask [4:0]; both the one port.
      const uint32_t port_bit = 1u << ((static_cast<uint32_t>(c) + k) % kNumPorts);
      add(&ops, static_cast<uint8_t>(reg::kRouteBase + c), port_bit << 5 | port_bit);
    }
    // Drain falling starts the senders and clears the counts.
    const uint32_t test = kAllPorts | k << reg::kRouterTestPhaseShift;
    add(&ops, reg::kRouterTest, test);
    tap.Run(ops);
    port.Idle(cycles);
    // Senders stop; checkers take what is still inside the router.
    tap.Run(tap.Broadcast(reg::kRouterTest, test | reg::kRouterTestDrain));
    port.Idle(skew);
    const auto err = tap.ReadAll(live, reg::kRouterErr);
    const auto words = tap.ReadAll(live, reg::kRouterWords);
    for (size_t i = 0; i < live.size(); ++i) {
      if (!err[i].answered || !words[i].answered) continue;
      for (uint32_t p = 0; p < kNumPorts; ++p) {
        // Port p carries colors (p - k) mod 5 + 5j; none below `colors`: untested this phase.
        if ((p + kNumPorts - k) % kNumPorts >= static_cast<uint32_t>(colors)) continue;
        const uint32_t shift = reg::kRouterTestCountBits * p;
        const uint32_t e = err[i].data >> shift & kCountMask, n = words[i].data >> shift & kCountMask;
        if (e == 0 && n >= cycles) continue;
        RouterTestResult& r = out[i];
        if (r.bad_ports == 0) r.first_phase = k, r.first_errors = e, r.first_words = n;
        r.bad_ports |= 1u << p;
      }
    }
  }
  // Leave no loop routes behind, then reconnect the ports.
  std::vector<TapOp> clear;
  for (int c = 0; c < colors; ++c) add(&clear, static_cast<uint8_t>(reg::kRouteBase + c), 0);
  add(&clear, reg::kRouterTest, 0);
  add(&clear, reg::kErrUnrouted, 0);
  tap.Run(clear);
  return out;
}

std::vector<UnitFailure> RunMbist(WaferPort& port, TapMaster& tap, const std::vector<std::pair<int, int>>& tiles,
                                  int sram_words, bool broadcast, const std::function<void(double)>& progress) {
  std::vector<UnitFailure> out;
  if (tiles.empty() || sram_words <= 0) return out;
  auto wait = [&](uint64_t n) {
    const uint64_t slice = std::max<uint64_t>(n / 20, 1);
    for (uint64_t done = 0; done < n; done += slice) {
      port.Idle(std::min(slice, n - done));
      if (progress) progress(static_cast<double>(done) / static_cast<double>(n));
    }
  };
  if (broadcast) {
    tap.Run(tap.Broadcast(reg::kBistCtrl, 1));
  } else {
    std::vector<TapOp> ops;
    for (auto [x, y] : tiles) ops.push_back(tap.Access(x, y, reg::kBistCtrl, true, 1));
    tap.Run(ops);
  }
  wait(MbistCycles(sram_words));
  auto status = tap.ReadAll(tiles, reg::kBistStatus);
  // A BIST still busy after twice its length is itself a failure.
  if (std::any_of(status.begin(), status.end(), [](const TapResult& r) { return r.answered && (r.data & 1); })) {
    wait(MbistCycles(sram_words));
    status = tap.ReadAll(tiles, reg::kBistStatus);
  }
  std::vector<std::pair<int, int>> failed;
  std::vector<uint32_t> failed_status;
  for (size_t i = 0; i < tiles.size(); ++i) {
    const auto [x, y] = tiles[i];
    const TapResult& r = status[i];
    if (!r.answered || r.status != 0) {
      out.push_back({x, y, Unit::kTile, "no_answer", Evidence({{"register", reg::kBistStatus}})});
    } else if ((r.data & 1) || !(r.data & 2)) {
      out.push_back({x, y, Unit::kSram, "mbist_timeout", Evidence({{"status", r.data}})});
    } else if (r.data & 4) {
      failed.push_back(tiles[i]);
      failed_status.push_back(r.data);
    }
  }
  const auto addr = tap.ReadAll(failed, reg::kBistAddr);
  const auto bits = tap.ReadAll(failed, reg::kBistBits);
  const auto count = tap.ReadAll(failed, reg::kBistCount);
  for (size_t i = 0; i < failed.size(); ++i) {
    const uint32_t st = failed_status[i];
    const uint64_t mask = static_cast<uint64_t>(bits[i].data) | (static_cast<uint64_t>((st >> 12) & 0xf) << 32);
    out.push_back({failed[i].first, failed[i].second, Unit::kSram, "march_c-",
                   Evidence({{"addr", addr[i].data},
                             {"bit", mask ? std::countr_zero(mask) : -1},
                             {"bits", static_cast<int64_t>(mask)},
                             {"background", (st >> 4) & 7},
                             {"element", (st >> 8) & 7},
                             {"fail_count", count[i].data}})});
  }
  return out;
}

std::vector<UnitFailure> RunPeKat(WaferPort& port, TapMaster& tap, const std::vector<std::pair<int, int>>& tiles,
                                  uint32_t seed, bool broadcast, const std::function<void(double)>& progress) {
  std::vector<UnitFailure> out;
  if (tiles.empty()) return out;
  const PeKat kat = MakePeKat(seed);
  std::vector<TapOp> load = tap.Broadcast(reg::kPeCtrl, 0);
  auto put = [&](uint8_t addr, uint32_t data) { AddBroadcast(&load, tap, addr, data); };
  put(reg::kMemAddr, 0);
  for (uint32_t w : kat.words) put(reg::kMemData, w);
  put(reg::kTohostAddr, kat.tohost_addr);
  if (broadcast) put(reg::kPeCtrl, 1);
  else
    for (auto [x, y] : tiles) load.push_back(tap.Access(x, y, reg::kPeCtrl, true, 1));
  tap.Run(load);
  const uint64_t slice = std::max<uint64_t>(kat.max_cycles / 20, 1);
  for (uint64_t done = 0; done < kat.max_cycles; done += slice) {
    port.Idle(std::min(slice, kat.max_cycles - done));
    if (progress) progress(static_cast<double>(done) / static_cast<double>(kat.max_cycles));
  }
  const auto st = tap.ReadAll(tiles, reg::kPeStatus);
  const auto th = tap.ReadAll(tiles, reg::kTohost);
  tap.Run(tap.Broadcast(reg::kPeCtrl, 0));
  for (size_t i = 0; i < tiles.size(); ++i) {
    const auto [x, y] = tiles[i];
    if (!st[i].answered || !th[i].answered) {
      out.push_back({x, y, Unit::kTile, "no_answer", Evidence({{"register", reg::kPeStatus}})});
      continue;
    }
    const bool exited = st[i].data & 2, trapped = st[i].data & 8;
    if (trapped) {
      out.push_back({x, y, Unit::kPe, "known_answer",
                     Evidence({{"trap_cause", (st[i].data >> 8) & 0xff}, {"status", st[i].data}})});
    } else if (!exited) {
      util::Json e = Evidence({{"status", st[i].data}, {"cycles", static_cast<int64_t>(kat.max_cycles)}});
      e.Set("reason", util::Json("timeout"));
      out.push_back({x, y, Unit::kPe, "known_answer", std::move(e)});
    } else if (th[i].data != kat.expected_tohost) {
      util::Json e = Evidence({{"expected", kat.expected_tohost}, {"got", th[i].data}});
      e.Set("reason", util::Json("wrong_answer"));
      out.push_back({x, y, Unit::kPe, "known_answer", std::move(e)});
    }
  }
  return out;
}

DefectMap ScanWafer(WaferPort& port, const ScanOptions& options, ScanStats* stats) {
  const PartInfo part = port.Part();
  DefectMap map;
  map.width = part.width;
  map.height = part.height;
  map.tests = {"tap"};
  const uint64_t start = port.cycle();

  Progress(options, "reset", 0);
  port.Reset();

  // 1. Grow the config network: whatever does not answer is dead or walled in.
  Progress(options, "discover", 0);
  TapMaster tap(port);
  const uint64_t t0 = port.cycle();
  tap.Discover();
  const uint64_t t1 = port.cycle();
  std::vector<std::pair<int, int>> live;
  for (int y = 0; y < part.height; ++y)
    for (int x = 0; x < part.width; ++x) {
      if (tap.Reachable(x, y)) live.emplace_back(x, y);
      else AddDefect(map, x, y, Unit::kTile, "unreachable", util::Json::Object());
    }
  map.reachable = static_cast<int>(live.size());

  // A tile that answers must answer as itself: its ID names its position.
  const auto ids = tap.ReadAll(live, reg::kId);
  for (size_t i = 0; i < live.size(); ++i) {
    const auto [x, y] = live[i];
    const uint32_t want = (static_cast<uint32_t>(y) << 10) | static_cast<uint32_t>(x);
    if (!ids[i].answered || ids[i].status != 0 || (ids[i].data & 0xfffff) != want ||
        ids[i].data >> 28 != reg::kIdVersion) {
      AddDefect(map, x, y, Unit::kTile, "id_mismatch",
                Evidence({{"answered", ids[i].answered}, {"id", ids[i].data}}));
    }
  }

  // 2. Link test, every link between two reachable tiles in both directions
  //    at once: each side sends its LFSR sequence and checks the one it
  //    receives. A link is charged to the tile whose wires it leaves.
  uint64_t tl0 = port.cycle(), tl1 = tl0;
  if (options.links) {
    map.tests.push_back("links");
    Progress(options, "links", 0);
    std::vector<TapOp> start = tap.Broadcast(reg::kLinkPerr, 0);
    AddBroadcast(&start, tap, reg::kLinkTest, 0xff);
    tap.Run(start);
    // The broadcast reaches the deepest tile max_depth + 2 cycles after the
    // shallowest: every pair overlaps for at least link_cycles.
    Wait(port, options.link_cycles + 2 * static_cast<uint64_t>(tap.tree().max_depth()) + 4, options, "links");
    tap.Run(tap.Broadcast(reg::kLinkTest, 0));
    const auto err = tap.ReadAll(live, reg::kLinkErr);
    const auto words = tap.ReadAll(live, reg::kLinkWords);
    const auto perr = tap.ReadAll(live, reg::kLinkPerr);
    const uint32_t want_words = std::min<uint32_t>(options.link_cycles, 255);  // 8-bit counters
    for (size_t i = 0; i < live.size(); ++i) {
      const auto [x, y] = live[i];
      if (!err[i].answered || !words[i].answered || !perr[i].answered) continue;
      for (int side = 0; side < kNumSides; ++side) {
        int nx, ny;
        if (!Neighbour(part.width, part.height, x, y, side, &nx, &ny) || !tap.Reachable(nx, ny)) continue;
        const uint32_t e = (err[i].data >> (8 * side)) & 0xff, n = (words[i].data >> (8 * side)) & 0xff;
        const uint32_t pe = (perr[i].data >> (8 * side)) & 0xff;
        // A bad data wire breaks the LFSR step; a bad parity wire shows
        // only in the parity check every link runs in operation.
        if (e == 0 && pe == 0 && n >= want_words) continue;
        AddDefect(map, nx, ny, Unit::kLink, e == 0 && n >= want_words ? "link_parity" : "link_test",
                  Evidence({{"errors", e}, {"parity_errors", pe}, {"words", n}, {"expected_words", options.link_cycles}}),
                  OppositeSide(side));
      }
    }
    // Quiet phase: receivers on, senders off. Any word now came over a
    // valid wire stuck at 1, which the busy phase cannot tell apart.
    tap.Run(tap.Broadcast(reg::kLinkTest, 0xf0));
    Wait(port, 16 + 2 * static_cast<uint64_t>(tap.tree().max_depth()), options, "links");
    tap.Run(tap.Broadcast(reg::kLinkTest, 0));
    const auto quiet = tap.ReadAll(live, reg::kLinkWords);
    for (size_t i = 0; i < live.size(); ++i) {
      const auto [x, y] = live[i];
      if (!quiet[i].answered) continue;
      for (int side = 0; side < kNumSides; ++side) {
        int nx, ny;
        if (!Neighbour(part.width, part.height, x, y, side, &nx, &ny) || !tap.Reachable(nx, ny)) continue;
        const uint32_t n = (quiet[i].data >> (8 * side)) & 0xff;
        if (n == 0 || Has(map, nx, ny, Unit::kLink, OppositeSide(side))) continue;
        AddDefect(map, nx, ny, Unit::kLink, "link_quiet", Evidence({{"words_while_idle", n}}), OppositeSide(side));
      }
    }
    tl1 = port.cycle();
  }

  // 3. Router loopback test, every router at once (docs/dft.md, "Router
  //    test"): in phase k color c is routed from port (c + k) mod 5 back to
  //    itself and the router BIST loops all five ports, so after five phases
  //    every color has crossed every port in both directions.
  uint64_t tr0 = port.cycle(), tr1 = tr0;
  if (options.router && !live.empty()) {
    map.tests.push_back("router");
    int colors = 32;
    for (size_t i = 0; i < live.size(); ++i)
      if (ids[i].answered && !Has(map, live[i].first, live[i].second, Unit::kTile))
        colors = std::min(colors, static_cast<int>((ids[i].data >> 20) & 0xff));
    const std::vector<RouterTestResult> rt = RunRouterTest(port, tap, live, colors, options.router_cycles,
                                                           [&](double f) { Progress(options, "router", f); });
    for (size_t i = 0; i < live.size(); ++i) {
      if (rt[i].bad_ports == 0) continue;
      util::Json e = Evidence({{"port_mask", rt[i].bad_ports},
                               {"phase", rt[i].first_phase},
                               {"errors", rt[i].first_errors},
                               {"words", rt[i].first_words},
                               {"expected_words", rt[i].expected_words}});
      e.Set("ports", util::Json(RouterPortNames(rt[i].bad_ports)));
      AddDefect(map, live[i].first, live[i].second, Unit::kRouter, "loopback", std::move(e));
    }
    tr1 = port.cycle();
  }

  // 4. Memory BIST, every tile at once: one broadcast per tree.
  uint64_t t2 = port.cycle(), t3 = t2;
  if (options.mbist && part.sram_words > 0) {
    map.tests.push_back("mbist");
    Progress(options, "mbist", 0);
    for (const UnitFailure& f : RunMbist(port, tap, live, part.sram_words, true,
                                         [&](double v) { Progress(options, "mbist", v); }))
      AddDefect(map, f.x, f.y, f.unit, f.kind, f.evidence);
    t3 = port.cycle();
  }

  // 5. PE known-answer test, every PE at once: one broadcast load per tree.
  uint64_t t4 = port.cycle(), t5 = t4;
  if (options.pe_kat && part.sram_words > 0) {
    map.tests.push_back("pe_kat");
    Progress(options, "pe_kat", 0);
    for (const UnitFailure& f : RunPeKat(port, tap, live, options.kat_seed, true,
                                         [&](double v) { Progress(options, "pe_kat", v); }))
      if (f.unit != Unit::kTile) AddDefect(map, f.x, f.y, f.unit, f.kind, f.evidence);  // silent: reported above
    t5 = port.cycle();
  }

  Progress(options, "done", 1);
  if (stats) {
    stats->cycles = port.cycle() - start;
    stats->discover_cycles = t1 - t0;
    stats->mbist_cycles = t3 - t2;
    stats->kat_cycles = t5 - t4;
    stats->link_cycles = tl1 - tl0;
    stats->router_cycles = tr1 - tr0;
    stats->tap_depth = tap.tree().max_depth();
    stats->stray_words = tap.stray_words();
  }
  return map;
}

}  // namespace wse::fw
