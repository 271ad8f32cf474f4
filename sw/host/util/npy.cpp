#include "util/npy.h"

#include <cstring>
#include <stdexcept>

#include "util/atomic_file.h"

namespace wse::util {

namespace {

[[noreturn]] void Fail(const std::string& what, const std::string& msg) {
  throw std::runtime_error(what + ": " + msg);
}

size_t ItemSize(const std::string& dtype, const std::string& what) {
  if (dtype == "<i2") return 2;
  if (dtype == "<i4") return 4;
  if (dtype == "<i8") return 8;
  Fail(what, "field 'descr': dtype '" + dtype + "' is not supported (use int16, int32 or int64, little-endian)");
}

// Value of `key` in the header dict: the text after "'key':" up to the
// next top-level comma or the closing brace.
std::string Field(const std::string& header, const std::string& key, const std::string& what) {
  const std::string k = "'" + key + "'";
  const auto p = header.find(k);
  if (p == std::string::npos) Fail(what, "header has no field '" + key + "'");
  auto i = header.find(':', p + k.size());
  if (i == std::string::npos) Fail(what, "field '" + key + "': no value");
  ++i;
  while (i < header.size() && header[i] == ' ') ++i;
  size_t j = i;
  int depth = 0;
  for (; j < header.size(); ++j) {
    const char c = header[j];
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (depth == 0 && (c == ',' || c == '}')) break;
  }
  if (depth != 0 || j >= header.size()) Fail(what, "field '" + key + "': malformed value");
  std::string v = header.substr(i, j - i);
  while (!v.empty() && v.back() == ' ') v.pop_back();
  return v;
}

}  // namespace

size_t NpyArray::Size() const {
  size_t n = 1;
  for (size_t d : shape) n *= d;
  return n;
}

NpyArray ParseNpy(const std::string& b, const std::string& what) {
  if (b.size() < 10 || std::memcmp(b.data(), "\x93NUMPY", 6) != 0) Fail(what, "not a .npy file (bad magic)");
  const int major = static_cast<unsigned char>(b[6]);
  size_t hlen = 0, hstart = 0;
  if (major == 1) {
    hlen = static_cast<unsigned char>(b[8]) | (static_cast<size_t>(static_cast<unsigned char>(b[9])) << 8);
    hstart = 10;
  } else if (major == 2 || major == 3) {
    if (b.size() < 12) Fail(what, "truncated header");
    hlen = 0;
    for (int i = 0; i < 4; ++i) hlen |= static_cast<size_t>(static_cast<unsigned char>(b[8 + i])) << (8 * i);
    hstart = 12;
  } else {
    Fail(what, "format version " + std::to_string(major) + " is not supported");
  }
  if (hstart + hlen > b.size()) Fail(what, "truncated header");
  const std::string header = b.substr(hstart, hlen);
  NpyArray a;
  std::string descr = Field(header, "descr", what);
  if (descr.size() < 2 || (descr.front() != '\'' && descr.front() != '"')) Fail(what, "field 'descr': expected a string");
  a.dtype = descr.substr(1, descr.size() - 2);
  const size_t item = ItemSize(a.dtype, what);
  const std::string order = Field(header, "fortran_order", what);
  if (order != "False") Fail(what, "field 'fortran_order': only C order (False) is supported, got " + order);
  std::string shape = Field(header, "shape", what);
  if (shape.size() < 2 || shape.front() != '(' || shape.back() != ')') Fail(what, "field 'shape': expected a tuple");
  shape = shape.substr(1, shape.size() - 2);
  size_t pos = 0;
  while (pos < shape.size()) {
    while (pos < shape.size() && (shape[pos] == ' ' || shape[pos] == ',')) ++pos;
    if (pos >= shape.size()) break;
    size_t end = pos;
    while (end < shape.size() && shape[end] >= '0' && shape[end] <= '9') ++end;
    if (end == pos) Fail(what, "field 'shape': '" + shape + "' is not a tuple of sizes");
    a.shape.push_back(std::stoull(shape.substr(pos, end - pos)));
    pos = end;
  }
  const size_t n = a.Size();
  const size_t data = hstart + hlen;
  if (b.size() - data != n * item) {
    Fail(what, "data is " + std::to_string(b.size() - data) + " bytes, shape needs " + std::to_string(n * item));
  }
  a.values.resize(n);
  for (size_t i = 0; i < n; ++i) {
    uint64_t u = 0;
    for (size_t k = 0; k < item; ++k) u |= static_cast<uint64_t>(static_cast<unsigned char>(b[data + i * item + k])) << (8 * k);
    const int shift = static_cast<int>(64 - 8 * item);
    a.values[i] = static_cast<int64_t>(u << shift) >> shift;  // sign-extend
  }
  return a;
}

NpyArray ReadNpy(const std::filesystem::path& path) { return ParseNpy(ReadFile(path), path.string()); }

std::string FormatNpy(const NpyArray& a) {
  const size_t item = ItemSize(a.dtype, "array");
  if (a.values.size() != a.Size()) throw std::runtime_error("array: values do not match the shape");
  const int64_t lo = -(int64_t{1} << (8 * item - 1)), hi = item == 8 ? INT64_MAX : (int64_t{1} << (8 * item - 1)) - 1;
  std::string shape = "(";
  for (size_t d : a.shape) shape += std::to_string(d) + ", ";
  if (a.shape.size() > 1) shape.resize(shape.size() - 2);
  if (a.shape.size() == 1) shape.resize(shape.size() - 1);
  shape += ")";
  std::string header = "{'descr': '" + a.dtype + "', 'fortran_order': False, 'shape': " + shape + ", }";
  // Pad so the data starts on a 64-byte boundary, ending with a newline.
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  out += header;
  for (int64_t v : a.values) {
    if (v < lo || v > hi) throw std::runtime_error("array: value " + std::to_string(v) + " does not fit " + a.dtype);
    for (size_t k = 0; k < item; ++k) out += static_cast<char>((static_cast<uint64_t>(v) >> (8 * k)) & 0xff);
  }
  return out;
}

void WriteNpy(const std::filesystem::path& path, const NpyArray& a) { WriteFileAtomic(path, FormatNpy(a)); }

}  // namespace wse::util
