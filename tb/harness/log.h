#pragma once
// Hierarchical logging with levels. A LogSink belongs to one test run; it
// stamps each line with the cycle and counts errors so a test that logged an
// error fails even if it ran to the end.

#include <cstdint>
#include <functional>
#include <iostream>
#include <string>

namespace wse::tb {

/// Severity, most severe first.
enum class LogLevel { kError = 0, kWarn = 1, kInfo = 2, kDebug = 3 };

/// Parses "error", "warn", "info", "debug"; throws std::invalid_argument.
LogLevel ParseLogLevel(const std::string& s);

/// Destination of the log lines of one test run.
class LogSink {
 public:
  explicit LogSink(std::ostream& os = std::cout, LogLevel level = LogLevel::kInfo)
      : os_(&os), level_(level) {}
  /// Source of the cycle number printed on each line.
  void SetClock(std::function<uint64_t()> clock) { clock_ = std::move(clock); }
  void SetLevel(LogLevel l) { level_ = l; }
  LogLevel level() const { return level_; }
  void Write(LogLevel level, const std::string& name, const std::string& msg);
  int errors() const { return errors_; }
  int warnings() const { return warnings_; }
  /// First error message, for the one-line failure summary.
  const std::string& first_error() const { return first_error_; }

 private:
  std::ostream* os_;
  LogLevel level_;
  std::function<uint64_t()> clock_;
  int errors_ = 0;
  int warnings_ = 0;
  std::string first_error_;
};

/// A named logger; Child("x") makes "parent.x".
class Logger {
 public:
  Logger(LogSink& sink, std::string name) : sink_(&sink), name_(std::move(name)) {}
  Logger Child(const std::string& n) const { return Logger(*sink_, name_.empty() ? n : name_ + "." + n); }
  void Error(const std::string& m) const { sink_->Write(LogLevel::kError, name_, m); }
  void Warn(const std::string& m) const { sink_->Write(LogLevel::kWarn, name_, m); }
  void Info(const std::string& m) const { sink_->Write(LogLevel::kInfo, name_, m); }
  void Debug(const std::string& m) const { sink_->Write(LogLevel::kDebug, name_, m); }
  bool DebugEnabled() const { return sink_->level() >= LogLevel::kDebug; }
  const std::string& name() const { return name_; }
  LogSink& sink() const { return *sink_; }

 private:
  LogSink* sink_;
  std::string name_;
};

/// "0x%08x": how register values and addresses appear in messages.
std::string Hex(uint32_t v);
/// "tile (x,y)": how a tile appears in messages.
std::string TileName(int x, int y);

}  // namespace wse::tb
