#include "tests/pe_env.h"

#include <cstdlib>

#include "tests/mesh_env.h"

namespace wse::tb {

std::string ProgramsDir() {
  if (const char* env = std::getenv("WSE_PROGRAMS_DIR")) return env;
  return WSE_PROGRAMS_DIR;
}

std::string RunOnPeMesh(int width, int height, const std::string& name,
                        const std::function<Task(TestContext&, MeshDut&)>& body, std::ostream& log,
                        LogLevel level, uint64_t max_cycles) {
  auto dut = MakeStitchedMesh(width, height, 1, true);
  LogSink sink(log, level);
  {
    Sim sim(*dut);
    sink.SetClock([&sim] { return sim.cycle(); });
    Rng rng(1);
    TestContext ctx{sim, rng, Logger(sink, name), name, 1};
    try {
      sim.Run(body(ctx, *dut), max_cycles);
    } catch (const std::exception& e) {
      ctx.log.Error(e.what());
    }
    sink.SetClock({});
  }
  return sink.errors() ? sink.first_error() : std::string();
}

PeEnv::PeEnv(TestContext& ctx, MeshDut& dut, bool lockstep)
    : ctx_(ctx), dut_(dut), lockstep_on_(lockstep) {
  if (!dut.HasPe()) throw std::invalid_argument("PE tests need a mesh with PEs (peWxH)");
  // The config network is the physical wafer's; on a repaired wafer the
  // tests' coordinates are logical and the host translates them.
  cfg_ = std::make_unique<CfgHost>(ctx.sim, ctx.log.Child("cfg"), dut.PhysWidth(), dut.PhysHeight(), dut.CfgEntries());
  host_ = std::make_unique<PeHost>(ctx.sim, *cfg_, ctx.log.Child("host"), dut.width(), dut.height());
  for (int y = 0; y < dut.height(); ++y)
    for (int x = 0; x < dut.width(); ++x)
      lockstep_.push_back(std::make_unique<Lockstep>(
          ctx.sim, dut, x, y, ctx.log.Child("lockstep(" + std::to_string(x) + "," + std::to_string(y) + ")")));
}

Task PeEnv::Start() {
  cfg_->Start();
  if (lockstep_on_)
    for (auto& l : lockstep_) ctx_.sim.Fork(l->Run());
  co_await ResetDut(ctx_.sim);
  co_await cfg_->Discover();
  co_await BootMesh(*cfg_, dut_);
}

Task PeEnv::RunProgram(const TileList& tiles, const PeImage& image, uint64_t max_cycles,
                       std::vector<PeExit>* exits) {
  std::vector<const PeImage*> images(tiles.size(), &image);
  co_await RunPrograms(tiles, images, max_cycles, exits);
}

Task PeEnv::RunPrograms(const TileList& tiles, const std::vector<const PeImage*>& images,
                        uint64_t max_cycles, std::vector<PeExit>* exits) {
  co_await Prepare(tiles, images);
  co_await Launch(tiles, max_cycles, exits);
}

Task PeEnv::WriteWords(int x, int y, uint32_t addr, const std::vector<uint32_t>& words) {
  co_await host_->WriteWords(x, y, addr, words);
  if (lockstep_on_) lockstep(x, y).WriteMem(addr, words);
}

Task PeEnv::Prepare(const TileList& tiles, const std::vector<const PeImage*>& images) {
  co_await host_->Stop(tiles);
  // Tiles sharing an image are loaded together (whole rows by broadcast).
  for (size_t i = 0; i < tiles.size(); ++i) {
    bool first = true;
    for (size_t j = 0; j < i; ++j) first = first && images[j] != images[i];
    if (!first) continue;
    TileList same;
    for (size_t j = i; j < tiles.size(); ++j)
      if (images[j] == images[i]) same.push_back(tiles[j]);
    co_await host_->Load(same, *images[i]);
  }
  if (lockstep_on_)
    for (size_t i = 0; i < tiles.size(); ++i) lockstep(tiles[i].first, tiles[i].second).Arm(*images[i]);
}

Task PeEnv::Launch(const TileList& tiles, uint64_t max_cycles, std::vector<PeExit>* exits) {
  co_await host_->Start(tiles);
  co_await host_->WaitExit(tiles, max_cycles, exits);
  for (const auto& [x, y] : tiles) {
    lockstep(x, y).Finish();
    lockstep(x, y).Disarm();
  }
  co_await host_->Stop(tiles);
}

Task PeEnv::ReadSignature(int x, int y, const PeImage& image, std::vector<uint32_t>* out) {
  out->clear();
  if (!image.begin_signature || !image.end_signature) co_return;
  const uint32_t b = *image.begin_signature, e = *image.end_signature;
  co_await host_->ReadWords(x, y, b, (e - b) / 4, out);
}

}  // namespace wse::tb
