#pragma once
// A PE program as the firmware carries it (in its flash): words at SRAM
// byte addresses and the addresses of the symbols it exchanges with the
// host. The host tools build it from an ELF file; the firmware itself has
// no toolchain and no file system access to programs.

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace wse::fw {

struct PeProgram {
  struct Segment {
    uint32_t addr = 0;  // word aligned
    std::vector<uint32_t> words;
  };
  std::string name;
  std::vector<Segment> segments;
  uint32_t tohost = 0;
  std::map<std::string, uint32_t> symbols;

  uint32_t Symbol(const std::string& s) const {
    const auto it = symbols.find(s);
    if (it == symbols.end())
      throw std::invalid_argument("program " + name + " has no symbol '" + s + "'");
    return it->second;
  }
  size_t Words() const {
    size_t n = 0;
    for (const auto& s : segments) n += s.words.size();
    return n;
  }
};

}  // namespace wse::fw
