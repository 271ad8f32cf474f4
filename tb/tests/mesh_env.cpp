#include "tests/mesh_env.h"

namespace wse::tb {

std::vector<RampFlow> NeighbourFlows(int w, int h, int c) {
  std::vector<RampFlow> flows;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      if (x + 1 < w) flows.push_back({x, y, x + 1, y, c + 0 + x % 2});
      if (x > 0) flows.push_back({x, y, x - 1, y, c + 2 + x % 2});
      if (y + 1 < h) flows.push_back({x, y, x, y + 1, c + 4 + y % 2});
      if (y > 0) flows.push_back({x, y, x, y - 1, c + 6 + y % 2});
    }
  return flows;
}

std::vector<EdgeFlow> EdgeToEdgeFlows(int w, int h) {
  std::vector<EdgeFlow> flows;
  for (int y = 0; y < h; ++y) {
    flows.push_back({Endpoint::Edge(Dir::kW, y), Endpoint::Edge(Dir::kE, y), 0});
    flows.push_back({Endpoint::Edge(Dir::kE, y), Endpoint::Edge(Dir::kW, y), 1});
  }
  for (int x = 0; x < w; ++x) {
    flows.push_back({Endpoint::Edge(Dir::kN, x), Endpoint::Edge(Dir::kS, x), 2});
    flows.push_back({Endpoint::Edge(Dir::kS, x), Endpoint::Edge(Dir::kN, x), 3});
  }
  return flows;
}

Task BootMesh(CfgHost& cfg, MeshDut& dut) {
  const std::vector<MeshDut::BootWrite> boot = dut.BootWrites();
  if (boot.empty()) co_return;
  std::vector<CfgOpPtr> ops;
  // Physical tiles, whatever tile map an earlier boot set.
  for (const auto& w : boot)
    if (cfg.tree().at(w.x, w.y).reached) ops.push_back(cfg.PostPhysical(w.x, w.y, w.addr, true, w.data));
  co_await cfg.Drain();
  for (const auto& op : ops)
    if (op->status != CfgStatus::kOk)
      throw TestFailure("boot: repair write to " + TileName(op->x, op->y) + " answered " + CfgStatusName(op->status));
  cfg.SetTileMap([&dut](int x, int y) { return dut.ToPhysical(x, y); });
}

MeshEnv::MeshEnv(TestContext& ctx, MeshDut& dut)
    : ctx_(ctx),
      dut_(dut),
      model_(dut.width(), dut.height(), dut.num_colors()),
      planner_(model_),
      sb_(ctx.log.Child("sb")) {
  cfg_ = std::make_unique<CfgHost>(ctx.sim, ctx.log.Child("cfg"), dut.PhysWidth(), dut.PhysHeight(), dut.CfgEntries());
  endpoints_ = model_.AllEndpoints();
  for (const Endpoint& e : endpoints_) {
    const bool ramp = e.kind == Endpoint::Kind::kRamp;
    const LinkPins in = ramp ? dut.RampIn(e.x, e.y) : dut.EdgeIn(e.side, e.index);
    const LinkPins out = ramp ? dut.RampOut(e.x, e.y) : dut.EdgeOut(e.side, e.index);
    sources_[e] = std::make_unique<LinkSource>(ctx.sim, ctx.log.Child("src " + e.Name()), in, ctx.rng.Fork());
    sinks_[e] = std::make_unique<LinkSink>(ctx.sim, ctx.log.Child("sink " + e.Name()), out, ctx.rng.Fork());
    const int id = sb_.AddEndpoint(e.Name());
    ep_id_[e] = id;
    sinks_[e]->OnReceive([this, id](const Wavelet& w) { sb_.Observe(id, w); });
  }
}

Task MeshEnv::Start() {
  for (auto& [e, s] : sources_) s->Start();
  for (auto& [e, s] : sinks_) s->Start();
  cfg_->Start();
  co_await ResetDut(ctx_.sim);
  co_await cfg_->Discover();
  co_await BootMesh(*cfg_, dut_);
}

Task MeshEnv::ApplyRoutes() {
  const auto writes = planner_.TakeWrites();
  for (const RouteWrite& w : writes) {
    cfg_->Post(w.x, w.y, static_cast<uint8_t>(reg::kRouteBase + w.color), true, w.route.Pack());
  }
  const auto ops = writes.size();
  co_await cfg_->Drain();
  ctx_.log.Info("applied " + std::to_string(ops) + " route writes through the config chains");
}

void MeshEnv::Send(const Endpoint& src, const Wavelet& w) {
  const auto d = model_.Propagate(src, w.color);
  std::vector<int> dests;
  for (const Endpoint& e : d.dests) dests.push_back(ep_id_.at(e));
  for (const auto& t : d.drops) ++expected_drops_[t];
  sb_.Expect(ep_id_.at(src), w, dests);
  sources_.at(src)->Send(w);
}

void MeshEnv::Randomize(double min_ready, double max_idle) {
  for (auto& [e, s] : sinks_) s->SetReadyProbability(min_ready + (1.0 - min_ready) * (ctx_.rng.Next() % 1000) / 1000.0);
  for (auto& [e, s] : sources_) s->SetIdleProbability(max_idle * (ctx_.rng.Next() % 1000) / 1000.0);
}

Task MeshEnv::Drain(uint64_t max_cycles) {
  const uint64_t deadline = ctx_.sim.cycle() + max_cycles;
  auto timeout = [&] { return ctx_.sim.cycle() >= deadline; };
  for (auto& [e, s] : sources_) co_await ctx_.sim.First(s->idle().Wait(), ctx_.sim.Until(timeout));
  co_await ctx_.sim.First(ctx_.sim.Until([&] { return sb_.outstanding() == 0; }), ctx_.sim.Until(timeout));
  co_await ctx_.sim.ClockCycles(2 * static_cast<uint64_t>(dut_.width() + dut_.height()) + 8);
  if (timeout()) ctx_.log.Error("drain timed out after " + std::to_string(max_cycles) + " cycles");
}

Task MeshEnv::CheckDropCounters() {
  std::vector<std::pair<std::pair<int, int>, CfgOpPtr>> reads;
  for (int y = 0; y < dut_.height(); ++y)
    for (int x = 0; x < dut_.width(); ++x)
      reads.push_back({{x, y}, cfg_->Post(x, y, reg::kErrUnrouted, false)});
  co_await cfg_->Drain();
  for (auto& [xy, op] : reads) {
    const uint64_t want = expected_drops_.count(xy) ? expected_drops_[xy] : 0;
    if (op->status != CfgStatus::kOk || op->rdata != want) {
      ctx_.log.Error("tile (" + std::to_string(xy.first) + "," + std::to_string(xy.second) +
                     ") ERR_UNROUTED=" + std::to_string(op->rdata) + " (" + CfgStatusName(op->status) +
                     "), model expects " + std::to_string(want));
    }
  }
}

void MeshEnv::Finish() { sb_.Check(); }

}  // namespace wse::tb
