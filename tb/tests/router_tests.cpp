// Block-level regression of wse_router, run on the RTL and on the yosys
// gate-level netlist ("@rtl", "@gl").

#include <algorithm>
#include <array>
#include <bit>
#include <numeric>

#include "harness/test_registry.h"
#include "tests/router_env.h"

namespace wse::tb {
namespace {

constexpr Dir kAllPorts[] = {Dir::kN, Dir::kE, Dir::kS, Dir::kW, Dir::kRamp};

Route Rt(Dir in, uint8_t tx) { return Route{static_cast<uint8_t>(1u << static_cast<int>(in)), tx}; }
uint8_t Bit(Dir d) { return static_cast<uint8_t>(1u << static_cast<int>(d)); }
uint8_t C(int c) { return static_cast<uint8_t>(c); }

}  // namespace

WSE_ROUTER_TEST(router_all_pairs, "every input to every output (including U-turns), random gaps",
                200000) {
  RouterEnv env(ctx, dut);
  co_await env.Start();
  env.Randomize(0.5, 0.3);
  for (Dir in : kAllPorts) {
    env.ClearRoutes();
    for (Dir out : kAllPorts) {
      const int color = (static_cast<int>(out) + 5 * static_cast<int>(in)) % dut.num_colors();
      env.SetRoute(color, Rt(in, Bit(out)));
      for (int k = 0; k < 6; ++k) env.Send(in, Wavelet{env.Payload(in, color), C(color), k == 5});
    }
    co_await env.Drain();
  }
  env.Finish();
}

WSE_ROUTER_TEST(router_every_color, "all 24 colors routed; colors 24..31 dropped and counted",
                200000) {
  RouterEnv env(ctx, dut);
  co_await env.Start();
  env.Randomize(0.6, 0.2);
  for (int c = 0; c < dut.num_colors(); ++c) {
    const Dir in = kAllPorts[ctx.rng.Uniform(0, 4)];
    env.SetRoute(c, Rt(in, Bit(kAllPorts[ctx.rng.Uniform(0, 4)])));
    for (int k = 0; k < 4; ++k) env.Send(in, Wavelet{env.Payload(in, c), C(c), false});
  }
  for (int c = dut.num_colors(); c < kMaxColors; ++c) {
    const Dir in = kAllPorts[ctx.rng.Uniform(0, 4)];
    env.Send(in, Wavelet{env.Payload(in, c), C(c), false});
  }
  co_await env.Drain();
  env.Finish();
}

WSE_ROUTER_TEST(router_multicast, "random multicast sets from every input, random back-pressure",
                400000) {
  RouterEnv env(ctx, dut);
  co_await env.Start();
  env.Randomize(0.3, 0.3);
  for (int round = 0; round < 4; ++round) {
    for (int c = 0; c < dut.num_colors(); ++c) {
      env.SetRoute(c, Rt(kAllPorts[ctx.rng.Uniform(0, 4)], static_cast<uint8_t>(ctx.rng.Uniform(1, 31))));
    }
    for (int k = 0; k < 1000; ++k) {
      const int c = static_cast<int>(ctx.rng.Uniform(0, dut.num_colors() - 1));
      env.Send(env.RxOf(c), Wavelet{env.Payload(env.RxOf(c), c), C(c), ctx.rng.Chance(0.1)});
    }
    co_await env.Drain(100000);
  }
  env.Finish();
}

WSE_ROUTER_TEST(router_random_traffic,
                "all ports at once: random routes, multi-input colors, gaps and back-pressure", 800000) {
  RouterEnv env(ctx, dut);
  co_await env.Start();
  for (int round = 0; round < 3; ++round) {
    env.Randomize(0.2, 0.5);
    // Some colors accept several inputs: streams merge, each keeps its order.
    for (int c = 0; c < dut.num_colors(); ++c) {
      const uint8_t rx = ctx.rng.Chance(0.3) ? static_cast<uint8_t>(ctx.rng.Uniform(1, 31))
                                             : Bit(kAllPorts[ctx.rng.Uniform(0, 4)]);
      const uint8_t tx = ctx.rng.Chance(0.05) ? 0 : static_cast<uint8_t>(ctx.rng.Uniform(1, 31));
      env.SetRoute(c, Route{rx, tx});
    }
    for (int k = 0; k < 5000; ++k) {
      const Dir in = kAllPorts[ctx.rng.Uniform(0, 4)];
      const int c = static_cast<int>(ctx.rng.Uniform(0, kMaxColors - 1));
      env.Send(in, Wavelet{ctx.rng.Next32(), C(c), ctx.rng.Chance(0.1)});
    }
    co_await env.Drain(200000);
  }
  env.Finish();
}

WSE_ROUTER_TEST(router_full_rate, "five back-to-back streams through a permutation: 1 wavelet/cycle/port",
                100000) {
  RouterEnv env(ctx, dut);
  co_await env.Start();
  // A random permutation input -> output, all sinks always ready.
  std::array<int, kNumPorts> perm{0, 1, 2, 3, 4};
  std::shuffle(perm.begin(), perm.end(), ctx.rng.engine());
  for (int i = 0; i < kNumPorts; ++i) env.SetRoute(i, Rt(kAllPorts[i], Bit(kAllPorts[perm[i]])));
  constexpr int kPerPort = 2000;
  for (int k = 0; k < kPerPort; ++k)
    for (int i = 0; i < kNumPorts; ++i) env.Send(kAllPorts[i], Wavelet{env.Payload(kAllPorts[i], i), C(i), false});
  co_await ctx.sim.ClockCycles(20);
  std::array<uint64_t, kNumPorts> before{};
  for (int o = 0; o < kNumPorts; ++o) before[o] = env.sink(kAllPorts[o]).received();
  constexpr uint64_t kWindow = 1000;
  co_await ctx.sim.ClockCycles(kWindow);
  for (int o = 0; o < kNumPorts; ++o) {
    const uint64_t got = env.sink(kAllPorts[o]).received() - before[o];
    if (got != kWindow) {
      ctx.log.Error(std::string("output ") + DirName(kAllPorts[o]) + " carried " + std::to_string(got) +
                    " wavelets in " + std::to_string(kWindow) + " cycles under full load (expected one per cycle)");
    }
  }
  co_await env.Drain();
  env.Finish();
}

WSE_ROUTER_TEST(router_latency, "an idle router forwards a wavelet in exactly 2 cycles, every port pair",
                100000) {
  RouterEnv env(ctx, dut);
  co_await env.Start();
  for (Dir in : kAllPorts) {
    for (Dir out : kAllPorts) {
      env.SetRoute(0, Rt(in, Bit(out)));
      const uint64_t before = env.sink(out).received();
      env.Send(in, Wavelet{env.Payload(in, 0), 0, false});
      co_await env.source(in).idle().Wait();  // resumes in the drive phase after acceptance
      const uint64_t accepted_edge = ctx.sim.cycle();
      co_await ctx.sim.Until([&] { return env.sink(out).received() > before; });
      const uint64_t latency = env.sink(out).last_receive_cycle() - (accepted_edge - 1);
      if (latency != 2) {
        ctx.log.Error(std::string("latency ") + DirName(in) + "->" + DirName(out) + " is " +
                      std::to_string(latency) + " cycles, documented 2");
      }
      co_await ctx.sim.ClockCycles(2);
    }
  }
  co_await env.Drain();
  env.Finish();
}

WSE_ROUTER_TEST(router_unrouted, "unrouted wavelets are dropped, counted and reported; routed ones flow",
                200000) {
  RouterEnv env(ctx, dut);
  co_await env.Start();
  env.Randomize(0.5, 0.3);
  // Half the colors routed from one input; the rest have no route.
  for (int c = 0; c < dut.num_colors(); c += 2) env.SetRoute(c, Rt(kAllPorts[c % 5], Bit(kAllPorts[(c / 2) % 5])));
  // Color with inputs accepted but no outputs: also unrouted.
  env.SetRoute(1, Route{0x1f, 0});
  for (int k = 0; k < 1500; ++k) {
    const Dir in = kAllPorts[ctx.rng.Uniform(0, 4)];
    const int c = static_cast<int>(ctx.rng.Uniform(0, kMaxColors - 1));
    env.Send(in, Wavelet{env.Payload(in, c), C(c), false});
  }
  co_await env.Drain(100000);
  if (env.drops_expected() < 500) ctx.log.Error("test too weak: few unrouted wavelets generated");
  env.Finish();
}

WSE_ROUTER_TEST(router_fairness, "four inputs contend for one output: round-robin shares it equally",
                100000) {
  RouterEnv env(ctx, dut);
  co_await env.Start();
  const Dir out = kAllPorts[ctx.rng.Uniform(0, 4)];
  std::vector<Dir> ins;
  for (Dir d : kAllPorts)
    if (d != out) ins.push_back(d);
  for (size_t i = 0; i < ins.size(); ++i) env.SetRoute(static_cast<int>(i), Rt(ins[i], Bit(out)));
  std::array<uint64_t, kNumPorts> got{};
  env.sink(out).OnReceive([&, ep = 0](const Wavelet& w) mutable {
    (void)ep;
    ++got[w.color];
  });
  for (int k = 0; k < 1000; ++k)
    for (size_t i = 0; i < ins.size(); ++i) env.source(ins[i]).Send(Wavelet{static_cast<uint32_t>(k), C(static_cast<int>(i)), false});
  co_await ctx.sim.ClockCycles(2000);
  for (size_t i = 0; i < ins.size(); ++i) {
    // 2000 cycles at one wavelet per cycle shared by four: 500 each, +-2 for phase.
    if (got[i] < 498 || got[i] > 502) {
      ctx.log.Error(std::string("input ") + DirName(ins[i]) + " got " + std::to_string(got[i]) +
                    " of 2000 output slots, fair share is 500");
    }
  }
  co_await ctx.sim.ClockCycles(3000);
}

WSE_ROUTER_TEST(router_disable, "disable stops intake (ready low), drains what is inside, loses nothing",
                200000) {
  RouterEnv env(ctx, dut);
  co_await env.Start();
  env.Randomize(0.5, 0.2);
  for (int c = 0; c < dut.num_colors(); ++c) env.SetRoute(c, Rt(kAllPorts[c % 5], Bit(kAllPorts[(c * 3) % 5])));
  for (int k = 0; k < 800; ++k) {
    const int c = static_cast<int>(ctx.rng.Uniform(0, dut.num_colors() - 1));
    env.Send(env.RxOf(c), Wavelet{env.Payload(env.RxOf(c), c), C(c), false});
  }
  for (int phase = 0; phase < 6; ++phase) {
    co_await ctx.sim.ClockCycles(static_cast<uint64_t>(ctx.rng.Uniform(20, 200)));
    dut.SetEnable(false);
    co_await ctx.sim.ClockCycles(1);
    uint64_t accepted = 0;
    for (Dir d : kAllPorts) accepted += env.source(d).accepted();
    co_await ctx.sim.ClockCycles(50);
    uint64_t after = 0;
    for (Dir d : kAllPorts) after += env.source(d).accepted();
    if (after != accepted) ctx.log.Error("router accepted wavelets while disabled");
    if (dut.Busy()) ctx.log.Error("router did not drain within 50 cycles of being disabled");
    dut.SetEnable(true);
  }
  co_await env.Drain();
  env.Finish();
}

}  // namespace wse::tb
