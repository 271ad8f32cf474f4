#pragma once
// The regression runner behind `wse sim` with no --test.

#include <cstdint>
#include <filesystem>
#include <string>

namespace wse::cli {

/// What to run and where to report.
struct RegressionOptions {
  std::string filter;
  int seeds = 2;
  uint64_t first_seed = 1;
  int jobs = 1;
  double timeout_seconds = 600;
  std::filesystem::path reports_dir;
  std::filesystem::path log_dir;  // one log per test process
};

/// Runs every selected instance x seed; returns the exit code (0 = all passed).
int RunRegression(const RegressionOptions& opts);

}  // namespace wse::cli
