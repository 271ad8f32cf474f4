// wse: the one command-line entry point of the project.

#include <algorithm>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"

namespace {

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const std::vector<std::string>&);
};

const Command kCommands[] = {
    {"sim", "run the regression (or one test) on the Verilated RTL", wse::cli::RunSim},
    {"bench", "measure link throughput, hop latency, simulation speed and build cost",
     wse::cli::RunBench},
    {"run", "run PE programs (ELF) on a simulated mesh, RTL in lockstep with the ISS",
     wse::cli::RunRun},
    {"app", "example applications (gemv, stencil, allreduce), .npy in and out", wse::cli::RunApp},
    {"iss", "run a PE program (ELF) on the golden instruction-set simulator alone",
     wse::cli::RunIss},
    {"scan", "firmware defect scan of a simulated wafer seeded with faults; defect map + SVG",
     wse::cli::RunScan},
    {"remap", "plan the repair of a wafer from its defect map, check it, write it (+ SVG)",
     wse::cli::RunRemap},
    {"check-repair", "check a repair file against a defect map with the independent checker",
     wse::cli::RunCheckRepair},
    {"yield", "wafer-scale yield study: random defect maps, remap, check; table, curve, map",
     wse::cli::RunYield},
    {"burnin", "burn-in: run a scenario (judged), a campaign over seeds, or all of them; list and check scenarios",
     wse::cli::RunBurnin},
};

void PrintHelp() {
  std::cout << "usage: wse <command> [options]\n\n"
               "Open RTL model of a wafer-scale AI engine: fabric, tiles, test access.\n\n"
               "commands:\n";
  size_t width = 0;
  for (const auto& c : kCommands) width = std::max(width, std::strlen(c.name));
  for (const auto& c : kCommands)
    std::cout << "  " << c.name << std::string(width + 2 - std::strlen(c.name), ' ') << c.summary << "\n";
  std::cout << "\n'wse <command> --help' explains a command.\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    PrintHelp();
    return argc < 2 ? 2 : 0;
  }
  const std::string cmd = argv[1];
  const std::vector<std::string> rest(argv + 2, argv + argc);
  for (const auto& c : kCommands) {
    if (cmd != c.name) continue;
    try {
      return c.run(rest);
    } catch (const wse::cli::UsageError& e) {
      std::cerr << "wse " << cmd << ": " << e.what() << "\n(see 'wse " << cmd << " --help')\n";
      return 2;
    } catch (const std::exception& e) {
      std::cerr << "wse " << cmd << ": error: " << e.what() << "\n";
      return 1;
    }
  }
  std::cerr << "wse: unknown command '" << cmd << "'\n\n";
  PrintHelp();
  return 2;
}
