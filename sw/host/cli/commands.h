#pragma once
// Entry points of the wse subcommands; each takes the arguments after its name
// and returns the process exit code.

#include <string>
#include <vector>

namespace wse::cli {

int RunSim(const std::vector<std::string>& args);
int RunBench(const std::vector<std::string>& args);
int RunRun(const std::vector<std::string>& args);
int RunApp(const std::vector<std::string>& args);
int RunIss(const std::vector<std::string>& args);
int RunScan(const std::vector<std::string>& args);
int RunRemap(const std::vector<std::string>& args);
int RunCheckRepair(const std::vector<std::string>& args);
int RunYield(const std::vector<std::string>& args);
int RunBurnin(const std::vector<std::string>& args);

}  // namespace wse::cli
