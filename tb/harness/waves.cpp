#include "harness/waves.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "harness/wavelet.h"

namespace wse::tb {
namespace {

// GTKWave trace flags: 0x22 = hex, 0x28 = binary; group begin/end markers.
constexpr const char* kHex = "@22";
constexpr const char* kBin = "@28";
constexpr const char* kGroupOpen = "@800200";
constexpr const char* kGroupClosed = "@c00200";
constexpr const char* kGroupEnd = "@1000200";

void Emit(std::ostream& os, const WaveGroup& g) {
  os << (g.open ? kGroupOpen : kGroupClosed) << "\n-" << g.name << "\n";
  const char* last = nullptr;
  for (const auto& s : g.signals) {
    const char* flag = s.hex ? kHex : kBin;
    if (flag != last) os << flag << "\n";
    last = flag;
    os << s.path << "\n";
  }
  for (const auto& c : g.children) Emit(os, c);
  os << kGroupEnd << "\n-" << g.name << "\n";
}

}  // namespace

void WriteGtkw(const std::string& gtkw_path, const std::string& fst_path,
               const std::vector<WaveGroup>& groups) {
  const std::string tmp = gtkw_path + ".tmp";
  {
    std::ofstream os(tmp);
    if (!os) throw std::runtime_error("cannot write " + tmp);
    os << "[*] GTKWave save file written by wse sim\n"
       << "[dumpfile] \"" << std::filesystem::absolute(fst_path).string() << "\"\n"
       << "[savefile] \"" << std::filesystem::absolute(gtkw_path).string() << "\"\n"
       << "[timestart] 0\n[size] 1600 1000\n[pos] -1 -1\n*-14.0 0\n"
       << "[sst_width] 260\n[signals_width] 360\n[sst_expanded] 1\n[sst_vpaned_height] 300\n";
    for (const auto& g : groups) Emit(os, g);
    os << "[pattern_trace] 1\n[pattern_trace] 0\n";
    if (!os.flush()) throw std::runtime_error("cannot write " + tmp);
  }
  std::filesystem::rename(tmp, gtkw_path);
}

std::vector<WaveGroup> RouterPortGroups(const std::string& scope) {
  std::vector<WaveGroup> ports;
  for (int d = 0; d < kNumPorts; ++d) {
    const std::string n = DirName(static_cast<Dir>(d));
    const std::string in = scope + ".gen_in[" + std::to_string(d) + "].u_fifo.";
    const std::string out = scope + ".gen_out[" + std::to_string(d) + "].";
    ports.push_back(WaveGroup{n + " in",
                              {{in + "in_valid_i"}, {in + "in_ready_o"}, {in + "in_data_i[37:0]", true},
                               {in + "count_o[1:0]"}},
                              {}, false});
    ports.push_back(WaveGroup{
        n + " out", {{out + "valid_q"}, {out + "ready"}, {out + "data_q[37:0]", true}, {out + "req[4:0]"}}, {}, false});
  }
  return ports;
}

}  // namespace wse::tb
