#pragma once
// GTKWave save files: a DUT describes which of its signals matter, grouped
// (per tile, per port), and WriteGtkw turns that into a .gtkw file that opens
// the FST with those signals already laid out.

#include <string>
#include <vector>

namespace wse::tb {

/// One signal in a save file: its full FST path including any [msb:lsb].
struct WaveSignal {
  std::string path;
  bool hex = false;  // data buses in hex, controls in binary
};

/// A named group of signals, optionally nested.
struct WaveGroup {
  std::string name;
  std::vector<WaveSignal> signals;
  std::vector<WaveGroup> children;
  bool open = false;
};

/// Writes a GTKWave save file for `fst_path` showing `groups` (atomically).
void WriteGtkw(const std::string& gtkw_path, const std::string& fst_path,
               const std::vector<WaveGroup>& groups);

/// Signals of one router's five ports under `scope` (a wse_router instance).
std::vector<WaveGroup> RouterPortGroups(const std::string& scope);

}  // namespace wse::tb
