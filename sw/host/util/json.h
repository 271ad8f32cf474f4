#pragma once
// Json: a small JSON value with a deterministic writer and a strict parser.
// Reports and benchmarks are written with it; later issues parse user files
// (fault lists, defect maps) with it, so parse errors name file:line:column
// and say what was expected there.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wse::util {

/// A malformed document ("<source>:<line>:<column>: <problem>") or a value of
/// the wrong type handed to an accessor ("expected an integer, found a string").
class JsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Integer types other than bool, which has a constructor of its own.
template <typename T>
concept JsonInteger = std::integral<T> && !std::same_as<T, bool>;

/// A JSON value: null, bool, integer, double, string, array or object.
/// Integers and doubles are kept apart so counters print without ".0" and
/// 64-bit seeds survive a round trip exactly. Objects keep insertion order,
/// which makes the writer's output deterministic and diff-friendly.
class Json {
 public:
  /// The kind of value held.
  enum class Type { kNull, kBool, kInt, kDouble, kString, kArray, kObject };

  /// null.
  Json() = default;
  /// A boolean.
  explicit Json(bool b) : type_(Type::kBool), bool_(b) {}
  /// An integer of any width; throws std::out_of_range above INT64_MAX.
  template <JsonInteger T>
  explicit Json(T v) : type_(Type::kInt), int_(CheckedInt(v)) {}
  /// A double (written with the shortest text that reads back identically).
  explicit Json(double v) : type_(Type::kDouble), double_(v) {}
  /// A string; bytes are stored as given and expected to be UTF-8.
  explicit Json(std::string s) : type_(Type::kString), string_(std::move(s)) {}
  /// A string from a C string literal.
  explicit Json(const char* s) : type_(Type::kString), string_(s) {}
  /// A string from a view.
  explicit Json(std::string_view s) : type_(Type::kString), string_(s) {}

  /// An empty array.
  static Json Array() { return Json(Type::kArray); }
  /// An empty object.
  static Json Object() { return Json(Type::kObject); }

  /// The kind of value held.
  Type type() const { return type_; }
  /// True for null.
  bool IsNull() const { return type_ == Type::kNull; }
  /// True for true/false.
  bool IsBool() const { return type_ == Type::kBool; }
  /// True for an integer (a number written without '.' or exponent that fits int64).
  bool IsInt() const { return type_ == Type::kInt; }
  /// True for an integer or a double.
  bool IsNumber() const { return type_ == Type::kInt || type_ == Type::kDouble; }
  /// True for a string.
  bool IsString() const { return type_ == Type::kString; }
  /// True for an array.
  bool IsArray() const { return type_ == Type::kArray; }
  /// True for an object.
  bool IsObject() const { return type_ == Type::kObject; }

  /// Sets a member of an object, replacing an existing one of the same key in
  /// place (so its position is kept). Throws JsonError on a non-object.
  Json& Set(std::string_view key, Json value);
  /// Appends to an array. Throws JsonError on a non-array.
  Json& Push(Json value);
  /// The member named `key`, or nullptr if absent or this is not an object.
  const Json* Get(std::string_view key) const;
  /// Elements of an array (empty for any other type).
  const std::vector<Json>& Items() const { return items_; }
  /// Members of an object in insertion order (empty for any other type).
  const std::vector<std::pair<std::string, Json>>& Members() const { return members_; }
  /// Number of elements or members; 0 for scalars.
  size_t Size() const { return type_ == Type::kObject ? members_.size() : items_.size(); }

  /// The boolean; throws JsonError for any other type.
  bool AsBool() const;
  /// The integer; throws JsonError for any other type, doubles included, so a
  /// count written as 2.5 in a user file is rejected rather than truncated.
  int64_t AsInt() const;
  /// The number as a double; integers convert.
  double AsDouble() const;
  /// The string; throws JsonError for any other type.
  const std::string& AsString() const;

  /// Serialises. indent > 0 puts each element on its own line; indent <= 0
  /// writes one line ({"a": 1, "b": [2, 3]}). Non-ASCII UTF-8 is written as
  /// is. Throws std::invalid_argument on NaN or infinity, which JSON lacks.
  std::string Dump(int indent = 2) const;

  /// Parses one complete document strictly per RFC 8259: no comments, no
  /// trailing commas, no leading zeros, valid UTF-8, no duplicate keys, and
  /// nothing but whitespace after the value. Integers beyond int64 become
  /// doubles. Throws JsonError "<source_name>:<line>:<column>: <problem>",
  /// lines and columns counted from 1, columns in characters.
  static Json Parse(std::string_view text, std::string_view source_name = "<input>");

  /// Name of a type for messages ("an integer", "an object").
  static const char* TypeName(Type type);

 private:
  explicit Json(Type type) : type_(type) {}
  template <JsonInteger T>
  static int64_t CheckedInt(T v) {
    if constexpr (std::unsigned_integral<T> && sizeof(T) >= sizeof(int64_t)) {
      if (v > static_cast<T>(INT64_MAX)) throw std::out_of_range("integer too large for Json");
    }
    return static_cast<int64_t>(v);
  }
  void DumpTo(std::string& out, int indent, int depth) const;

  Type type_ = Type::kNull;
  bool bool_ = false;
  int64_t int_ = 0;
  double double_ = 0;
  std::string string_;
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> members_;
};

/// Length in bytes (1 to 4) of the well-formed UTF-8 sequence starting at
/// text[pos], or 0 if the bytes there are not one (overlong forms, encoded
/// surrogates and code points above U+10FFFF are rejected). Shared by the
/// writers that must emit valid UTF-8 whatever bytes a log hands them.
size_t Utf8SequenceLength(std::string_view text, size_t pos);

}  // namespace wse::util
