#pragma once
// Aligned plain-text tables for terminal summaries (regression results,
// benchmark figures).

#include <cstddef>
#include <string>
#include <vector>

namespace wse::util {

/// A table rendered as aligned text:
///
///   test    cycles  result
///   ------  ------  ------
///   a            5  PASS
///   longer   12345  FAIL
///
/// Columns are separated by two spaces and as wide as their widest cell
/// (counted in UTF-8 characters, so "µs" is two wide); a dashed rule sits
/// under the header and no line has trailing spaces.
class TextTable {
 public:
  /// How a column's cells are padded.
  enum class Align { kLeft, kRight };

  /// A table with these column headers, every column left-aligned.
  explicit TextTable(std::vector<std::string> headers);
  /// Sets a column's alignment (header included); throws std::out_of_range
  /// for a column that does not exist.
  void SetAlign(size_t column, Align align);
  /// Appends a row; throws std::invalid_argument if its cell count differs
  /// from the header's.
  void AddRow(std::vector<std::string> row);
  /// The table, each line ending in '\n'.
  std::string Render() const;

 private:
  std::vector<std::string> headers_;
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace wse::util
