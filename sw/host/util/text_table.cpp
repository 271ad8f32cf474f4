#include "util/text_table.h"

#include <algorithm>
#include <stdexcept>

namespace wse::util {

TextTable::TextTable(std::vector<std::string> headers)
    : headers_(std::move(headers)), align_(headers_.size(), Align::kLeft) {}

void TextTable::SetAlign(size_t column, Align a) { align_.at(column) = a; }

void TextTable::AddRow(std::vector<std::string> row) {
  if (row.size() != headers_.size()) {
    throw std::invalid_argument("table row has " + std::to_string(row.size()) + " cells, header has " +
                                std::to_string(headers_.size()));
  }
  rows_.push_back(std::move(row));
}

std::string TextTable::Render() const {
  std::vector<size_t> w(headers_.size());
  for (size_t c = 0; c < headers_.size(); ++c) {
    w[c] = headers_[c].size();
    for (const auto& r : rows_) w[c] = std::max(w[c], r[c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s;
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c) s += "  ";
      const std::string pad(w[c] - cells[c].size(), ' ');
      s += align_[c] == Align::kRight ? pad + cells[c] : cells[c] + (c + 1 < cells.size() ? pad : "");
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s + "\n";
  };
  std::string out = line(headers_);
  std::vector<std::string> rule;
  for (size_t c = 0; c < headers_.size(); ++c) rule.push_back(std::string(w[c], '-'));
  out += line(rule);
  for (const auto& r : rows_) out += line(r);
  return out;
}

}  // namespace wse::util
