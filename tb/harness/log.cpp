#include "harness/log.h"

#include <cstdio>
#include <stdexcept>

namespace wse::tb {

LogLevel ParseLogLevel(const std::string& s) {
  if (s == "error") return LogLevel::kError;
  if (s == "warn") return LogLevel::kWarn;
  if (s == "info") return LogLevel::kInfo;
  if (s == "debug") return LogLevel::kDebug;
  throw std::invalid_argument("unknown log level '" + s + "' (expected error, warn, info, debug)");
}

void LogSink::Write(LogLevel level, const std::string& name, const std::string& msg) {
  if (level == LogLevel::kError) {
    if (errors_ == 0) first_error_ = name.empty() ? msg : name + ": " + msg;
    ++errors_;
  } else if (level == LogLevel::kWarn) {
    ++warnings_;
  }
  if (level > level_) return;
  static const char* const kTag[] = {"ERROR", "WARN ", "INFO ", "DEBUG"};
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "%10llu",
                static_cast<unsigned long long>(clock_ ? clock_() : 0));
  *os_ << stamp << " " << kTag[static_cast<int>(level)] << " " << name << ": " << msg << "\n";
}

std::string TileName(int x, int y) { return "tile (" + std::to_string(x) + "," + std::to_string(y) + ")"; }

std::string Hex(uint32_t v) {
  char b[16];
  std::snprintf(b, sizeof b, "0x%08x", v);
  return b;
}

}  // namespace wse::tb
