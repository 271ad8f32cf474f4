#pragma once
// Loader of PE programs: 32-bit little-endian RISC-V ELF executables, parsed
// from the ELF specification (System V gABI) without libelf. It keeps what a
// PE needs: the loadable segments, the entry point and the symbol table (so
// the host finds `tohost`, `begin_signature`, `end_signature`, data arrays).
// Every malformed input throws ElfError naming the file and the problem.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace wse::elf {

class ElfError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One PT_LOAD segment.
struct Segment {
  uint32_t vaddr = 0;
  uint32_t filesz = 0, memsz = 0;
  uint32_t flags = 0;  // PF_X = 1, PF_W = 2, PF_R = 4
  /// memsz bytes: the file's filesz bytes, then zeros (.bss).
  std::vector<uint8_t> data;
};

/// One defined symbol of .symtab.
struct Symbol {
  std::string name;
  uint32_t value = 0, size = 0;
  uint8_t type = 0;  // STT_*: 0 NOTYPE, 1 OBJECT, 2 FUNC, ...
  uint8_t bind = 0;  // STB_*: 0 LOCAL, 1 GLOBAL, 2 WEAK
};

class ElfImage {
 public:
  /// Reads and parses the file at `path`.
  static ElfImage Load(const std::string& path);
  /// Parses an image in memory; `name` is used in error messages.
  static ElfImage Parse(std::span<const uint8_t> bytes, const std::string& name);

  uint32_t entry() const { return entry_; }
  const std::vector<Segment>& segments() const { return segments_; }
  const std::vector<Symbol>& symbols() const { return symbols_; }
  /// Address of a defined symbol; a global or weak one wins over a local one.
  std::optional<uint32_t> FindSymbol(std::string_view name) const;

 private:
  uint32_t entry_ = 0;
  std::vector<Segment> segments_;
  std::vector<Symbol> symbols_;
};

}  // namespace wse::elf
