#pragma once
// Aligned plain-text tables for terminal summaries.

#include <string>
#include <vector>

namespace wse::util {

/// Columns separated by two spaces, a dashed rule under the header.
class TextTable {
 public:
  enum class Align { kLeft, kRight };
  explicit TextTable(std::vector<std::string> headers);
  void SetAlign(size_t column, Align a);
  /// Throws std::invalid_argument if the column count differs from the header.
  void AddRow(std::vector<std::string> row);
  std::string Render() const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace wse::util
