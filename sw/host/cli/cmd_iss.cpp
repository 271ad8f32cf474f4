// wse iss: runs one PE program (ELF) on the golden ISS alone, as a 1x1 tile
// whose every color is routed from the ramp back to the ramp.

#include <cstdio>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"
#include "elf/elf_image.h"
#include "iss/disasm.h"
#include "iss/iss.h"
#include "util/atomic_file.h"

namespace wse::cli {
namespace {

const char* kHelp =
    "usage: wse iss [options] prog.elf\n"
    "\n"
    "Runs a PE program on the golden instruction-set simulator (tb/iss), without\n"
    "the RTL: a 1x1 tile whose every color is routed from the ramp back to the\n"
    "ramp, so the program receives what it sends. The program ends by writing\n"
    "its 'tohost' symbol (required): 1 passes, (code << 1) | 1 fails with code.\n"
    "\n"
    "options:\n"
    "  --max-steps N     stop after N instructions (default 10000000)\n"
    "  --signature FILE  after the exit, write the words between begin_signature\n"
    "                    and end_signature, one 8-digit hex word per line\n"
    "  --trace           print every retired instruction to stdout\n"
    "  --sram BYTES      SRAM size (default 49152)\n"
    "  --hartid N        mhartid, (y << 10) | x (default 0)\n"
    "  --colors N        number of colors (default 24)\n"
    "\n"
    "exit status: 0 tohost = 1; the code of tohost = (code << 1) | 1 (its low 8\n"
    "bits, or 1 if they are 0); 1 an even tohost value or an error; 2 usage;\n"
    "3 blocked forever on the fabric; 124 --max-steps reached.\n";

std::string Hex(uint32_t v) {
  char b[16];
  std::snprintf(b, sizeof b, "0x%08x", v);
  return b;
}

std::string TraceLine(const iss::Retire& r) {
  char head[64];
  std::snprintf(head, sizeof head, "%8llu %08x: %08x  ", static_cast<unsigned long long>(r.index),
                r.pc, r.insn);
  std::ostringstream o;
  std::string dis = iss::Disassemble(r.insn, r.pc);
  dis.resize(dis.size() < 28 ? 28 : dis.size(), ' ');
  o << head << dis;
  if (r.trap) o << " trap " << r.cause << " tval " << Hex(r.tval);
  if (!r.trap && iss::Decode(r.insn).op == iss::Op::kTwait) o << " color " << r.twait_color;
  if (r.rd_written) o << " " << iss::RegName(r.rd) << "=" << Hex(r.rd_value);
  for (const auto& w : r.writes) {
    char b[64];
    std::snprintf(b, sizeof b, " mem[0x%08x]/%x=0x%08x", w.addr, w.mask, w.data);
    o << b;
  }
  for (const auto& s : r.sends) o << " send c" << s.color << "=" << Hex(s.data);
  if (r.exited) o << " exit tohost=" << Hex(r.tohost);
  std::string line = o.str();
  line.erase(line.find_last_not_of(' ') + 1);
  return line;
}

const char* CauseName(uint32_t cause) {
  switch (cause) {
    case 0:
      return "instruction address misaligned";
    case 1:
      return "instruction access fault";
    case 2:
      return "illegal instruction";
    case 3:
      return "breakpoint";
    case 4:
      return "load address misaligned";
    case 5:
      return "load access fault";
    case 6:
      return "store address misaligned";
    case 7:
      return "store access fault";
    case 11:
      return "environment call";
    default:
      return "?";
  }
}

uint32_t Unsigned32(const Args& a, const std::string& name, long long def) {
  const long long v = a.GetInt(name, def);
  if (v < 0 || v > 0xffffffffLL) throw UsageError("--" + name + " must be in 0..2^32-1");
  return static_cast<uint32_t>(v);
}

void WriteSignature(const elf::ElfImage& elf, const iss::Pe& pe, const std::string& path,
                    const std::string& prog) {
  const auto begin = elf.FindSymbol("begin_signature");
  const auto end = elf.FindSymbol("end_signature");
  if (!begin || !end) {
    throw std::runtime_error(prog +
                             ": --signature needs the symbols begin_signature and "
                             "end_signature");
  }
  if (*end < *begin || (*begin & 3) || (*end & 3)) {
    throw std::runtime_error(prog + ": signature range " + Hex(*begin) + ".." + Hex(*end) +
                             " is not an ascending word-aligned range");
  }
  std::string text;
  for (uint32_t a = *begin; a < *end; a += 4) {
    char b[16];
    std::snprintf(b, sizeof b, "%08x\n", pe.ReadWord(a));
    text += b;
  }
  util::WriteFileAtomic(path, text);
}

}  // namespace

int RunIss(const std::vector<std::string>& argv) {
  const Args a(argv, {"help", "trace"}, {"max-steps", "signature", "sram", "hartid", "colors"});
  if (a.Has("help")) {
    std::cout << kHelp;
    return 0;
  }
  if (a.positional().size() != 1) throw UsageError("expected one program (prog.elf)");
  const std::string prog = a.positional()[0];
  const long long max_steps = a.GetInt("max-steps", 10000000);
  if (max_steps < 1) throw UsageError("--max-steps must be at least 1");
  iss::Config cfg;
  cfg.sram_bytes = Unsigned32(a, "sram", 48 * 1024);
  cfg.hartid = Unsigned32(a, "hartid", 0);
  cfg.num_colors = Unsigned32(a, "colors", 24);
  if (cfg.num_colors < 1 || cfg.num_colors > 32) throw UsageError("--colors must be in 1..32");
  if (cfg.sram_bytes % 4) throw UsageError("--sram must be a multiple of 4");
  const bool trace = a.Has("trace");

  const elf::ElfImage elf = elf::ElfImage::Load(prog);
  const auto tohost = elf.FindSymbol("tohost");
  if (!tohost) throw std::runtime_error(prog + ": no 'tohost' symbol (link with sw/pe/link.ld)");
  cfg.tohost_addr = *tohost;
  if (elf.entry() != 0) {
    std::cerr << "wse iss: warning: " << prog << ": entry point " << Hex(elf.entry())
              << " ignored, the PE starts at 0\n";
  }

  iss::QueueFabric fabric(/*loopback=*/true);
  iss::Pe pe(cfg, fabric);
  for (const auto& s : elf.segments()) {
    try {
      pe.WriteMem(s.vaddr, s.data.data(), s.data.size());
    } catch (const std::out_of_range& e) {
      throw std::runtime_error(prog + ": segment at " + Hex(s.vaddr) +
                               " does not fit: " + e.what());
    }
  }
  pe.Reset();

  int status = -1;
  iss::Retire r;
  for (long long step = 0; status < 0; ++step) {
    if (step == max_steps) {
      std::cerr << "wse iss: stopped after " << max_steps << " instructions without an exit "
                << "(--max-steps), pc " << Hex(pe.pc()) << "\n";
      status = 124;
      break;
    }
    const iss::StepResult res = pe.Step(r);
    if (res == iss::StepResult::kBlocked) {
      // In loopback a send arrives at once: nothing is ever in flight, so a
      // wait that finds nothing waits forever.
      std::cerr << "wse iss: blocked: " << pe.blocked_on() << " with no wavelet and nothing in "
                << "flight (pc " << Hex(pe.pc()) << ")\n";
      status = 3;
      break;
    }
    if (res != iss::StepResult::kRetired) break;
    if (trace) std::cout << TraceLine(r) << "\n";
    if (!r.exited) continue;
    const uint32_t v = r.tohost;
    if (v == 1) {
      status = 0;
    } else if (v & 1) {
      const uint32_t code = (v >> 1) & 0xff;
      std::cerr << "wse iss: program failed with code " << (v >> 1) << "\n";
      status = code ? static_cast<int>(code) : 1;
    } else {
      std::cerr << "wse iss: tohost = " << Hex(v) << " is not an exit code (expected odd)\n";
      status = 1;
    }
  }
  if (pe.exited() && a.Has("signature")) WriteSignature(elf, pe, a.Get("signature"), prog);

  std::ostringstream sum;
  sum << "wse iss: " << pe.instret() << " instructions retired, ";
  if (pe.exited()) {
    sum << "tohost " << Hex(pe.tohost()) << ", exit code " << status;
  } else {
    sum << "no exit, status " << status;
  }
  sum << ", " << pe.traps() << " trap(s)";
  if (pe.traps())
    sum << ", last cause " << pe.last_cause() << " (" << CauseName(pe.last_cause()) << ")";
  std::cerr << sum.str() << "\n";
  return status;
}

}  // namespace wse::cli
