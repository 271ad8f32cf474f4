#include "util/text_table.h"

#include <algorithm>
#include <stdexcept>

namespace wse::util {
namespace {

// Width on a terminal, approximated by the number of UTF-8 characters:
// continuation bytes take no column. Double-width CJK is not handled.
size_t Width(const std::string& s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xc0) != 0x80; }));
}

}  // namespace

TextTable::TextTable(std::vector<std::string> headers)
    : headers_(std::move(headers)), align_(headers_.size(), Align::kLeft) {}

void TextTable::SetAlign(size_t column, Align align) {
  if (column >= align_.size()) {
    throw std::out_of_range("table has no column " + std::to_string(column) + " (it has " +
                            std::to_string(align_.size()) + ")");
  }
  align_[column] = align;
}

void TextTable::AddRow(std::vector<std::string> row) {
  if (row.size() != headers_.size()) {
    throw std::invalid_argument("table row has " + std::to_string(row.size()) +
                                " cells, the header has " + std::to_string(headers_.size()));
  }
  rows_.push_back(std::move(row));
}

std::string TextTable::Render() const {
  std::vector<size_t> width(headers_.size());
  for (size_t c = 0; c < headers_.size(); ++c) {
    width[c] = Width(headers_[c]);
    for (const auto& r : rows_) width[c] = std::max(width[c], Width(r[c]));
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    const size_t start = out.size();
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out += "  ";
      const std::string pad(width[c] - Width(cells[c]), ' ');
      out += align_[c] == Align::kRight ? pad + cells[c] : cells[c] + pad;
    }
    // Trailing spaces come from padding the last column (or empty cells at
    // the end); they are noise in logs and diffs.
    while (out.size() > start && out.back() == ' ') out.pop_back();
    out += '\n';
  };
  line(headers_);
  std::vector<std::string> rule;
  for (size_t w : width) rule.emplace_back(w, '-');
  line(rule);
  for (const auto& r : rows_) line(r);
  return out;
}

}  // namespace wse::util
