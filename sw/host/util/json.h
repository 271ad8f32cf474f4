#pragma once
// Json: a small JSON value with a deterministic writer and a strict parser.
// Reports and benchmarks are written with it; later issues parse user files
// (fault lists, defect maps) with it, so parse errors name file:line:column.

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wse::util {

/// A malformed document; what() is "<source>:<line>:<column>: <problem>".
class JsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A JSON value. Objects keep insertion order; integers and doubles are distinct.
class Json {
 public:
  enum class Type { kNull, kBool, kInt, kDouble, kString, kArray, kObject };

  Json() = default;
  explicit Json(bool b) : type_(Type::kBool), bool_(b) {}
  explicit Json(int v) : type_(Type::kInt), int_(v) {}
  explicit Json(int64_t v) : type_(Type::kInt), int_(v) {}
  explicit Json(double v) : type_(Type::kDouble), double_(v) {}
  explicit Json(std::string s) : type_(Type::kString), string_(std::move(s)) {}
  explicit Json(const char* s) : type_(Type::kString), string_(s) {}
  static Json Array() { Json j; j.type_ = Type::kArray; return j; }
  static Json Object() { Json j; j.type_ = Type::kObject; return j; }

  Type type() const { return type_; }
  bool IsNull() const { return type_ == Type::kNull; }
  bool IsObject() const { return type_ == Type::kObject; }
  bool IsArray() const { return type_ == Type::kArray; }
  bool IsString() const { return type_ == Type::kString; }
  bool IsNumber() const { return type_ == Type::kInt || type_ == Type::kDouble; }
  bool IsInt() const { return type_ == Type::kInt; }
  bool IsBool() const { return type_ == Type::kBool; }

  /// Sets (or replaces) a member of an object.
  Json& Set(const std::string& key, Json value);
  /// Appends to an array.
  Json& Push(Json value);
  /// Member of an object, or nullptr.
  const Json* Get(const std::string& key) const;
  /// Elements of an array.
  const std::vector<Json>& Items() const { return items_; }
  /// Members of an object in insertion order.
  const std::vector<std::pair<std::string, Json>>& Members() const { return members_; }
  size_t Size() const { return type_ == Type::kObject ? members_.size() : items_.size(); }

  // Accessors throw JsonError when the type does not match.
  bool AsBool() const;
  int64_t AsInt() const;
  double AsDouble() const;  // ints convert
  const std::string& AsString() const;

  /// Serialises; indent 0 writes one line. Throws std::invalid_argument on NaN/inf.
  std::string Dump(int indent = 2) const;
  /// Parses a whole document strictly (RFC 8259, no duplicate keys).
  static Json Parse(std::string_view text, std::string_view source_name = "<input>");

 private:
  void DumpTo(std::string& out, int indent, int depth) const;

  Type type_ = Type::kNull;
  bool bool_ = false;
  int64_t int_ = 0;
  double double_ = 0;
  std::string string_;
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> members_;
};

}  // namespace wse::util
