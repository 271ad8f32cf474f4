#pragma once
// Helpers the unit tests share: the message an error carries, substring
// checks, and a scratch directory removed afterwards.

#include <unistd.h>

#include <exception>
#include <filesystem>
#include <string>
#include <system_error>

namespace wse::unit {

/// what() of the exception `f` throws, or "no error".
template <typename F>
std::string ErrorOf(F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

inline bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

/// A fresh directory per test (named after `tag`), removed afterwards.
struct TempDir {
  explicit TempDir(const std::string& tag) {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("wse_unit_" + tag + "_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path path;
};

}  // namespace wse::unit
