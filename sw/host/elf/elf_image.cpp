#include "elf/elf_image.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

namespace wse::elf {
namespace {

// Sizes and constants of the 32-bit ELF format.
constexpr size_t kEhdrSize = 52, kPhdrSize = 32, kShdrSize = 40, kSymSize = 16;
constexpr uint8_t kClass32 = 1, kDataLsb = 1;
constexpr uint16_t kTypeExec = 2, kMachineRiscv = 243;
constexpr uint32_t kPtLoad = 1, kShtSymtab = 2, kShtStrtab = 3;

std::string Hex(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(v));
  return b;
}

// Little-endian field reads with every access bounds-checked against the
// file, so a lying header can never read past the buffer.
class Reader {
 public:
  Reader(std::span<const uint8_t> b, const std::string& name) : b_(b), name_(name) {}

  [[noreturn]] void Fail(const std::string& problem) const {
    throw ElfError(name_ + ": " + problem);
  }
  size_t size() const { return b_.size(); }
  bool Fits(uint64_t off, uint64_t len) const { return off <= b_.size() && len <= b_.size() - off; }
  uint8_t U8(size_t off) const { return b_[off]; }
  uint16_t U16(size_t off) const { return static_cast<uint16_t>(b_[off] | (b_[off + 1] << 8)); }
  uint32_t U32(size_t off) const {
    return static_cast<uint32_t>(b_[off]) | (static_cast<uint32_t>(b_[off + 1]) << 8) |
           (static_cast<uint32_t>(b_[off + 2]) << 16) | (static_cast<uint32_t>(b_[off + 3]) << 24);
  }
  std::span<const uint8_t> Bytes(size_t off, size_t len) const { return b_.subspan(off, len); }

 private:
  std::span<const uint8_t> b_;
  const std::string& name_;
};

void CheckHeader(const Reader& r) {
  if (r.size() < kEhdrSize) {
    r.Fail("truncated ELF header (" + std::to_string(r.size()) + " bytes, an ELF32 header has " +
           std::to_string(kEhdrSize) + ")");
  }
  if (r.U8(0) != 0x7f || r.U8(1) != 'E' || r.U8(2) != 'L' || r.U8(3) != 'F') {
    r.Fail("bad magic: not an ELF file");
  }
  if (r.U8(4) != kClass32) {
    r.Fail("ELF class " + std::to_string(r.U8(4)) + " is not 32-bit (ELFCLASS32 = 1)");
  }
  if (r.U8(5) != kDataLsb) {
    r.Fail("ELF data encoding " + std::to_string(r.U8(5)) + " is not little-endian (1)");
  }
  if (r.U8(6) != 1) r.Fail("ELF version " + std::to_string(r.U8(6)) + " is not 1");
  if (r.U16(16) != kTypeExec) {
    r.Fail("ELF type " + std::to_string(r.U16(16)) + " is not an executable (ET_EXEC = 2)");
  }
  if (r.U16(18) != kMachineRiscv) {
    r.Fail("wrong machine " + std::to_string(r.U16(18)) + " (expected 243, RISC-V)");
  }
}

std::vector<Segment> ReadSegments(const Reader& r) {
  const uint32_t phoff = r.U32(28);
  const uint16_t phentsize = r.U16(42), phnum = r.U16(44);
  if (phnum == 0) r.Fail("no program headers (not a loadable executable)");
  if (phentsize != kPhdrSize) {
    r.Fail("program header size " + std::to_string(phentsize) + " (ELF32 has " +
           std::to_string(kPhdrSize) + ")");
  }
  if (!r.Fits(phoff, uint64_t{phnum} * kPhdrSize)) {
    r.Fail("program header table (" + std::to_string(phnum) + " entries at offset " + Hex(phoff) +
           ") lies outside the " + std::to_string(r.size()) + "-byte file");
  }
  std::vector<Segment> out;
  for (unsigned i = 0; i < phnum; ++i) {
    const size_t h = phoff + size_t{i} * kPhdrSize;
    if (r.U32(h) != kPtLoad) continue;
    const uint32_t offset = r.U32(h + 4);
    Segment s;
    s.vaddr = r.U32(h + 8);
    s.filesz = r.U32(h + 16);
    s.memsz = r.U32(h + 20);
    s.flags = r.U32(h + 24);
    const std::string seg = "segment " + std::to_string(i) + " (vaddr " + Hex(s.vaddr) + ")";
    if (!r.Fits(offset, s.filesz)) {
      r.Fail(seg + " lies outside the file: bytes " + Hex(offset) + ".." +
             Hex(uint64_t{offset} + s.filesz) + " of a " + std::to_string(r.size()) + "-byte file");
    }
    if (s.filesz > s.memsz) {
      r.Fail(seg + ": file size " + std::to_string(s.filesz) + " exceeds memory size " +
             std::to_string(s.memsz));
    }
    if (uint64_t{s.vaddr} + s.memsz > 0x100000000ull) {
      r.Fail(seg + ": " + std::to_string(s.memsz) + " bytes wrap past the 32-bit address space");
    }
    const auto bytes = r.Bytes(offset, s.filesz);
    s.data.assign(bytes.begin(), bytes.end());
    s.data.resize(s.memsz, 0);
    out.push_back(std::move(s));
  }
  if (out.empty()) r.Fail("no loadable (PT_LOAD) segment");
  return out;
}

std::vector<Symbol> ReadSymbols(const Reader& r) {
  const uint32_t shoff = r.U32(32);
  const uint16_t shentsize = r.U16(46), shnum = r.U16(48);
  // A stripped executable has no sections: no symbols, not an error.
  if (shoff == 0 || shnum == 0) return {};
  if (shentsize != kShdrSize) {
    r.Fail("section header size " + std::to_string(shentsize) + " (ELF32 has " +
           std::to_string(kShdrSize) + ")");
  }
  if (!r.Fits(shoff, uint64_t{shnum} * kShdrSize)) {
    r.Fail("section header table (" + std::to_string(shnum) + " entries at offset " + Hex(shoff) +
           ") lies outside the " + std::to_string(r.size()) + "-byte file");
  }
  auto sh = [&](unsigned i, size_t field) { return r.U32(shoff + size_t{i} * kShdrSize + field); };
  std::vector<Symbol> out;
  for (unsigned i = 0; i < shnum; ++i) {
    if (sh(i, 4) != kShtSymtab) continue;
    const uint32_t off = sh(i, 16), size = sh(i, 20), link = sh(i, 24), entsize = sh(i, 36);
    const std::string sec = "symbol table (section " + std::to_string(i) + ")";
    if (entsize != kSymSize) {
      r.Fail(sec + ": entry size " + std::to_string(entsize) + " (ELF32 symbols have 16)");
    }
    if (!r.Fits(off, size)) r.Fail(sec + " lies outside the file");
    if (link >= shnum || sh(link, 4) != kShtStrtab) {
      r.Fail(sec + ": its string table (section " + std::to_string(link) + ") is missing");
    }
    const uint32_t str_off = sh(link, 16), str_size = sh(link, 20);
    if (!r.Fits(str_off, str_size)) {
      r.Fail("string table (section " + std::to_string(link) + ") lies outside the file");
    }
    for (uint32_t k = 0; k < size / kSymSize; ++k) {
      const size_t e = off + size_t{k} * kSymSize;
      const uint32_t name = r.U32(e);
      const uint16_t shndx = r.U16(e + 14);
      if (shndx == 0) continue;  // undefined
      if (name >= str_size) {
        r.Fail(sec + ": symbol " + std::to_string(k) + " has its name outside the string table");
      }
      const auto strs = r.Bytes(str_off + name, str_size - name);
      const auto nul = std::find(strs.begin(), strs.end(), uint8_t{0});
      if (nul == strs.end()) {
        r.Fail(sec + ": symbol " + std::to_string(k) + " has an unterminated name");
      }
      Symbol s;
      s.name.assign(strs.begin(), nul);
      if (s.name.empty()) continue;
      s.value = r.U32(e + 4);
      s.size = r.U32(e + 8);
      s.type = r.U8(e + 12) & 0xf;
      s.bind = r.U8(e + 12) >> 4;
      out.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace

ElfImage ElfImage::Parse(std::span<const uint8_t> bytes, const std::string& name) {
  const Reader r(bytes, name);
  CheckHeader(r);
  ElfImage img;
  img.entry_ = r.U32(24);
  img.segments_ = ReadSegments(r);
  img.symbols_ = ReadSymbols(r);
  return img;
}

ElfImage ElfImage::Load(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw ElfError(path + ": cannot open: " + std::strerror(errno));
  const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)),
                                   std::istreambuf_iterator<char>());
  if (f.bad()) throw ElfError(path + ": read error: " + std::strerror(errno));
  return Parse(bytes, path);
}

std::optional<uint32_t> ElfImage::FindSymbol(std::string_view name) const {
  std::optional<uint32_t> local;
  for (const Symbol& s : symbols_) {
    if (s.name != name) continue;
    if (s.bind != 0) return s.value;
    if (!local) local = s.value;
  }
  return local;
}

}  // namespace wse::elf
