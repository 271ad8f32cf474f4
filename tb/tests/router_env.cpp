#include "tests/router_env.h"

#include <bit>

namespace wse::tb {

uint8_t ReferenceRoute(const std::vector<Route>& table, Dir in, int color) {
  if (color < 0 || color >= static_cast<int>(table.size())) return 0;
  const Route& r = table[color];
  if (!((r.rx_mask >> static_cast<int>(in)) & 1)) return 0;
  return r.tx_mask & 0x1f;
}

RouterEnv::RouterEnv(TestContext& ctx, RouterDut& dut)
    : ctx_(ctx), dut_(dut), sb_(ctx.log.Child("sb")), routes_(dut.num_colors()) {
  for (int d = 0; d < kNumPorts; ++d) {
    const std::string n = DirName(static_cast<Dir>(d));
    src_[d] = std::make_unique<LinkSource>(ctx.sim, ctx.log.Child("in_" + n), dut.In(static_cast<Dir>(d)),
                                           ctx.rng.Fork());
    sink_[d] = std::make_unique<LinkSink>(ctx.sim, ctx.log.Child("out_" + n), dut.Out(static_cast<Dir>(d)),
                                          ctx.rng.Fork());
    src_ep_[d] = sb_.AddEndpoint("in " + n);
    dst_ep_[d] = sb_.AddEndpoint("out " + n);
    const int ep = dst_ep_[d];
    sink_[d]->OnReceive([this, ep](const Wavelet& w) { sb_.Observe(ep, w); });
  }
  ClearRoutes();
}

Task RouterEnv::Start() {
  for (auto& s : src_) s->Start();
  for (auto& s : sink_) s->Start();
  co_await ResetDut(ctx_.sim);
  ctx_.sim.Fork(DropMonitor());
}

void RouterEnv::SetRoute(int color, Route r) {
  routes_.at(color) = r;
  dut_.SetRoute(color, r);
}

Dir RouterEnv::RxOf(int color) const {
  const unsigned rx = routes_.at(color).rx_mask;
  return rx ? static_cast<Dir>(std::countr_zero(rx)) : Dir::kN;
}

void RouterEnv::ClearRoutes() {
  for (int c = 0; c < dut_.num_colors(); ++c) SetRoute(c, Route{});
}

uint32_t RouterEnv::Payload(Dir in, int color) {
  return (static_cast<uint32_t>(in) << 29) | (static_cast<uint32_t>(color & 0x1f) << 24) |
         (seq_++ & 0xffffff);
}

void RouterEnv::Send(Dir in, const Wavelet& w) {
  const uint8_t outs = ReferenceRoute(routes_, in, w.color);
  std::vector<int> dests;
  for (int o = 0; o < kNumPorts; ++o)
    if ((outs >> o) & 1) dests.push_back(dst_ep_[o]);
  if (outs == 0) ++drops_expected_;
  sb_.Expect(src_ep_[static_cast<int>(in)], w, dests);
  src_[static_cast<int>(in)]->Send(w);
}

void RouterEnv::Randomize(double min_ready, double max_idle) {
  for (auto& s : sink_) s->SetReadyProbability(min_ready + (1.0 - min_ready) * (ctx_.rng.Next() % 1000) / 1000.0);
  for (auto& s : src_) s->SetIdleProbability(max_idle * (ctx_.rng.Next() % 1000) / 1000.0);
}

Task RouterEnv::DropMonitor() {
  for (;;) {
    co_await ctx_.sim.ReadOnly();
    const uint32_t mask = dut_.DropMask();
    if (mask) {
      drops_seen_ += std::popcount(mask);
      const int lowest = std::countr_zero(mask);
      if (static_cast<int>(dut_.DropPort()) != lowest) {
        ctx_.log.Error("drop_port_o=" + std::to_string(dut_.DropPort()) + " but lowest dropping port is " +
                       std::to_string(lowest));
      }
    }
    co_await ctx_.sim.RisingEdge();
  }
}

Task RouterEnv::Drain(uint64_t max_cycles) {
  const uint64_t deadline = ctx_.sim.cycle() + max_cycles;
  for (auto& s : src_) {
    co_await ctx_.sim.First(s->idle().Wait(), ctx_.sim.Until([&] { return ctx_.sim.cycle() >= deadline; }));
  }
  co_await ctx_.sim.First(ctx_.sim.Until([&] { return sb_.outstanding() == 0; }),
                          ctx_.sim.Until([&] { return ctx_.sim.cycle() >= deadline; }));
  // Let the last drops and any stray extra copies show up.
  co_await ctx_.sim.ClockCycles(8);
}

void RouterEnv::Finish() {
  sb_.Check();
  if (drops_seen_ != drops_expected_) {
    ctx_.log.Error("unrouted drops: router reported " + std::to_string(drops_seen_) + ", reference expects " +
                   std::to_string(drops_expected_));
  }
  if (dut_.Busy()) ctx_.log.Error("router still busy after drain");
}

}  // namespace wse::tb
