// ELF loader: images laid out byte by byte here from the ELF32 format
// (System V gABI), parsed back, and each malformation rejected with a message
// naming the file and the problem.
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "elf/elf_image.h"

namespace wse::elf {
namespace {

// Layout of the test image:
//   0x000 ELF header          0x034 program headers (PT_LOAD, PT_NOTE, PT_LOAD)
//   0x100 segment 0 bytes (8) 0x110 segment 2 bytes (4)
//   0x120 .strtab             0x160 .symtab (6 entries)
//   0x200 section headers: null, .strtab, .symtab
struct Image {
  std::vector<uint8_t> b = std::vector<uint8_t>(0x200 + 3 * 40, 0);

  void U8(size_t off, uint8_t v) { b[off] = v; }
  void U16(size_t off, uint16_t v) {
    b[off] = v & 0xff;
    b[off + 1] = v >> 8;
  }
  void U32(size_t off, uint32_t v) {
    for (int i = 0; i < 4; ++i) b[off + i] = static_cast<uint8_t>(v >> (8 * i));
  }
  static constexpr size_t kPh = 0x34, kSh = 0x200;
  void Phdr(int i, uint32_t type, uint32_t off, uint32_t vaddr, uint32_t filesz, uint32_t memsz,
            uint32_t flags) {
    const size_t h = kPh + 32 * i;
    U32(h, type);
    U32(h + 4, off);
    U32(h + 8, vaddr);
    U32(h + 12, vaddr);
    U32(h + 16, filesz);
    U32(h + 20, memsz);
    U32(h + 24, flags);
    U32(h + 28, 4);
  }
  void Shdr(int i, uint32_t type, uint32_t off, uint32_t size, uint32_t link, uint32_t entsize) {
    const size_t h = kSh + 40 * i;
    U32(h + 4, type);
    U32(h + 16, off);
    U32(h + 20, size);
    U32(h + 24, link);
    U32(h + 36, entsize);
  }
  void Sym(int i, uint32_t name, uint32_t value, uint8_t bind, uint8_t type, uint16_t shndx) {
    const size_t e = 0x160 + 16 * i;
    U32(e, name);
    U32(e + 4, value);
    U32(e + 8, 4);
    U8(e + 12, static_cast<uint8_t>(bind << 4 | type));
    U16(e + 14, shndx);
  }

  Image() {
    const uint8_t ident[] = {0x7f, 'E', 'L', 'F', 1, 1, 1, 0};
    for (size_t i = 0; i < sizeof ident; ++i) b[i] = ident[i];
    U16(16, 2);                          // ET_EXEC
    U16(18, 243);                        // EM_RISCV
    U32(20, 1);                          // EV_CURRENT
    U32(24, 0x0);                        // entry
    U32(28, kPh);                        // phoff
    U32(32, kSh);                        // shoff
    U16(40, 52);                         // ehsize
    U16(42, 32);                         // phentsize
    U16(44, 3);                          // phnum
    U16(46, 40);                         // shentsize
    U16(48, 3);                          // shnum
    Phdr(0, 1, 0x100, 0x0, 8, 16, 5);    // text + 8 bytes of bss
    Phdr(1, 4, 0x100, 0x0, 8, 8, 4);     // PT_NOTE: not loaded
    Phdr(2, 1, 0x110, 0x1000, 4, 4, 6);  // data
    const uint8_t text[] = {0x13, 0, 0, 0, 0x6f, 0, 0, 0};
    for (size_t i = 0; i < sizeof text; ++i) b[0x100 + i] = text[i];
    U32(0x110, 0xdeadbeef);
    const char strtab[] = "\0tohost\0begin_signature\0dup\0undef\0";
    for (size_t i = 0; i < sizeof strtab; ++i) b[0x120 + i] = static_cast<uint8_t>(strtab[i]);
    Sym(0, 0, 0, 0, 0, 0);       // the null symbol
    Sym(1, 1, 0x1000, 1, 1, 2);  // tohost: global object
    Sym(2, 8, 0x1004, 1, 0, 2);  // begin_signature
    Sym(3, 24, 0x11, 0, 1, 2);   // dup: local first ...
    Sym(4, 24, 0x22, 1, 1, 2);   // ... then global: the global wins
    Sym(5, 28, 0x33, 1, 0, 0);   // undef: undefined, not listed
    Shdr(1, 3, 0x120, sizeof strtab, 0, 0);
    Shdr(2, 2, 0x160, 6 * 16, 1, 16);
  }
};

std::string ErrorOf(const Image& img) {
  try {
    ElfImage::Parse(img.b, "prog.elf");
  } catch (const ElfError& e) {
    return e.what();
  }
  return "no error";
}

void ExpectError(const Image& img, const std::string& part) {
  const std::string e = ErrorOf(img);
  BOOST_TEST(e.rfind("prog.elf: ", 0) == 0u, e);
  BOOST_TEST(e.find(part) != std::string::npos, e);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(elf)

BOOST_AUTO_TEST_CASE(parses_segments_entry_and_symbols) {
  Image img;
  img.U32(24, 0x40);
  const ElfImage e = ElfImage::Parse(img.b, "prog.elf");
  BOOST_TEST(e.entry() == 0x40u);
  BOOST_REQUIRE(e.segments().size() == 2u);
  const Segment& t = e.segments()[0];
  BOOST_TEST(t.vaddr == 0u);
  BOOST_TEST(t.filesz == 8u);
  BOOST_TEST(t.memsz == 16u);
  BOOST_TEST(t.flags == 5u);
  const std::vector<uint8_t> want{0x13, 0, 0, 0, 0x6f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  BOOST_TEST(t.data == want, boost::test_tools::per_element());
  const Segment& d = e.segments()[1];
  BOOST_TEST(d.vaddr == 0x1000u);
  BOOST_REQUIRE(d.data.size() == 4u);
  BOOST_TEST(d.data[0] == 0xef);
  BOOST_TEST(d.data[3] == 0xde);
  BOOST_TEST(*e.FindSymbol("tohost") == 0x1000u);
  BOOST_TEST(*e.FindSymbol("begin_signature") == 0x1004u);
  BOOST_TEST(*e.FindSymbol("dup") == 0x22u);
  BOOST_TEST(!e.FindSymbol("undef").has_value());
  BOOST_TEST(!e.FindSymbol("end_signature").has_value());
  BOOST_TEST(e.symbols().size() == 4u);
}

BOOST_AUTO_TEST_CASE(stripped_image_has_no_symbols) {
  Image img;
  img.U32(32, 0);  // no section header table
  img.U16(48, 0);
  const ElfImage e = ElfImage::Parse(img.b, "prog.elf");
  BOOST_TEST(e.symbols().empty());
  BOOST_TEST(!e.FindSymbol("tohost").has_value());
}

BOOST_AUTO_TEST_CASE(header_errors) {
  Image img;
  img.b.resize(40);
  ExpectError(img, "truncated ELF header (40 bytes");
  {
    Image i;
    i.U8(1, 'X');
    ExpectError(i, "bad magic");
  }
  {
    Image i;
    i.U8(4, 2);
    ExpectError(i, "ELF class 2 is not 32-bit");
  }
  {
    Image i;
    i.U8(5, 2);
    ExpectError(i, "not little-endian");
  }
  {
    Image i;
    i.U16(16, 3);
    ExpectError(i, "ELF type 3 is not an executable");
  }
  {
    Image i;
    i.U16(18, 62);
    ExpectError(i, "wrong machine 62 (expected 243, RISC-V)");
  }
}

BOOST_AUTO_TEST_CASE(program_header_errors) {
  {
    Image i;
    i.U32(28, 0x1000);
    ExpectError(i, "program header table (3 entries at offset 0x1000) lies outside");
  }
  {
    Image i;
    i.U16(42, 56);
    ExpectError(i, "program header size 56");
  }
  {
    Image i;
    i.U16(44, 0);
    ExpectError(i, "no program headers");
  }
  {
    Image i;
    i.Phdr(2, 1, 0x2e0, 0x1000, 0x100, 0x100, 6);
    ExpectError(i, "segment 2 (vaddr 0x1000) lies outside the file");
  }
  {
    Image i;
    i.Phdr(0, 1, 0x100, 0, 16, 8, 5);
    ExpectError(i, "segment 0 (vaddr 0x0): file size 16 exceeds memory size 8");
  }
  {
    Image i;
    i.Phdr(2, 1, 0x110, 0xfffffffc, 4, 8, 6);
    ExpectError(i, "wrap past the 32-bit address space");
  }
  {
    Image i;
    i.Phdr(0, 6, 0, 0, 0, 0, 0);
    i.Phdr(2, 6, 0, 0, 0, 0, 0);
    ExpectError(i, "no loadable (PT_LOAD) segment");
  }
}

BOOST_AUTO_TEST_CASE(section_and_symbol_errors) {
  {
    Image i;
    i.U32(32, 0x210);
    ExpectError(i, "section header table (3 entries at offset 0x210) lies outside");
  }
  {
    Image i;
    i.U16(46, 64);
    ExpectError(i, "section header size 64");
  }
  {
    Image i;
    i.Shdr(2, 2, 0x160, 0x1000, 1, 16);
    ExpectError(i, "symbol table (section 2) lies outside the file");
  }
  {
    Image i;
    i.Shdr(2, 2, 0x160, 6 * 16, 2, 16);  // links to itself, not a string table
    ExpectError(i, "its string table (section 2) is missing");
  }
  {
    Image i;
    i.Shdr(2, 2, 0x160, 6 * 16, 1, 24);
    ExpectError(i, "entry size 24");
  }
  {
    Image i;
    i.Sym(1, 500, 0x1000, 1, 1, 2);
    ExpectError(i, "symbol 1 has its name outside the string table");
  }
  {
    Image i;
    i.Shdr(1, 3, 0x120, 3, 0, 0);  // cuts "tohost" short of its NUL
    ExpectError(i, "symbol 1 has an unterminated name");
  }
  {
    Image i;
    i.Shdr(1, 3, 0x1f0, 0x100, 0, 0);
    ExpectError(i, "string table (section 1) lies outside the file");
  }
}

BOOST_AUTO_TEST_CASE(loads_from_a_file_and_names_missing_ones) {
  const auto dir = std::filesystem::temp_directory_path() / "wse_unit_elf";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "ok.elf").string();
  {
    Image img;
    std::ofstream f(path, std::ios::binary);
    f.write(reinterpret_cast<const char*>(img.b.data()),
            static_cast<std::streamsize>(img.b.size()));
  }
  const ElfImage e = ElfImage::Load(path);
  BOOST_TEST(*e.FindSymbol("tohost") == 0x1000u);
  const auto missing = (dir / "missing.elf").string();
  try {
    ElfImage::Load(missing);
    BOOST_FAIL("no exception");
  } catch (const ElfError& err) {
    BOOST_TEST(std::string(err.what()).find(missing + ": cannot open") == 0u, err.what());
  }
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::elf
