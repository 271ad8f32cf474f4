#include "util/json.h"

#include <locale.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

namespace wse::util {
namespace {

constexpr char kHex[] = "0123456789abcdef";
// Characters with a two-character escape, and the letter after the backslash.
// The parser also accepts "\/"; the writer has no reason to produce it.
constexpr std::string_view kShortEscaped = "\"\\\b\f\n\r\t";
constexpr std::string_view kShortEscapeLetters = "\"\\bfnrt";

void AppendHex2(std::string& out, unsigned char c) {
  out += kHex[c >> 4];
  out += kHex[c & 15];
}

[[noreturn]] void WrongType(const char* expected, Json::Type found) {
  throw JsonError(std::string("expected ") + expected + ", found " + Json::TypeName(found));
}

// Invalid UTF-8 (a binary log tail, say) is replaced by U+FFFD so the output
// is always a document our own strict parser, and every other, accepts.
void EscapeTo(std::string& out, std::string_view s) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t len = Utf8SequenceLength(s, i);
    if (len != 1) {  // multi-byte characters pass through, invalid bytes become U+FFFD
      out += len == 0 ? std::string_view("\xef\xbf\xbd") : s.substr(i, len);
      i += len == 0 ? 1 : len;
      continue;
    }
    ++i;
    if (const size_t k = kShortEscaped.find(static_cast<char>(c)); k != std::string_view::npos) {
      out += '\\';
      out += kShortEscapeLetters[k];
    } else if (c < 0x20) {
      out += "\\u00";
      AppendHex2(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

// std::to_chars gives the shortest text that reads back as the same double,
// independent of the C locale (a German LC_NUMERIC would turn "%g" into "0,1").
std::string FormatDouble(double v) {
  if (!std::isfinite(v)) throw std::invalid_argument("JSON cannot represent NaN or infinity");
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, res.ptr);
  // Keep it a double on the way back in: "3" would parse as an integer.
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

}  // namespace

size_t Utf8SequenceLength(std::string_view text, size_t pos) {
  auto byte = [&](size_t i) -> unsigned {
    return pos + i < text.size() ? static_cast<unsigned char>(text[pos + i]) : 0u;
  };
  auto cont = [&](size_t i, unsigned lo = 0x80, unsigned hi = 0xbf) {
    return byte(i) >= lo && byte(i) <= hi;
  };
  const unsigned b0 = byte(0);
  if (pos >= text.size()) return 0;
  if (b0 < 0x80) return 1;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  // The second byte's range excludes overlong forms (E0, F0), UTF-16
  // surrogates (ED) and code points beyond U+10FFFF (F4).
  if (b0 == 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (b0 == 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 >= 0xe1 && b0 <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 == 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 == 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

const char* Json::TypeName(Type type) {
  static constexpr const char* kNames[] = {
      "null",     "a boolean", "an integer", "a non-integer number",
      "a string", "an array",  "an object"};
  return kNames[static_cast<int>(type)];
}

Json& Json::Set(std::string_view key, Json value) {
  if (type_ != Type::kObject) {
    throw JsonError(std::string("cannot set a member on ") + TypeName(type_));
  }
  for (auto& [k, v] : members_) {
    if (k == key) {
      v = std::move(value);
      return v;
    }
  }
  members_.emplace_back(std::string(key), std::move(value));
  return members_.back().second;
}

Json& Json::Push(Json value) {
  if (type_ != Type::kArray) throw JsonError(std::string("cannot push onto ") + TypeName(type_));
  items_.push_back(std::move(value));
  return items_.back();
}

const Json* Json::Get(std::string_view key) const {
  for (const auto& [k, v] : members_) {
    if (k == key) return &v;
  }
  return nullptr;
}

bool Json::AsBool() const {
  if (type_ != Type::kBool) WrongType("a boolean", type_);
  return bool_;
}

int64_t Json::AsInt() const {
  if (type_ != Type::kInt) WrongType("an integer", type_);
  return int_;
}

double Json::AsDouble() const {
  if (type_ == Type::kInt) return static_cast<double>(int_);
  if (type_ != Type::kDouble) WrongType("a number", type_);
  return double_;
}

const std::string& Json::AsString() const {
  if (type_ != Type::kString) WrongType("a string", type_);
  return string_;
}

void Json::DumpTo(std::string& out, int indent, int depth) const {
  if (type_ == Type::kNull) {
    out += "null";
  } else if (type_ == Type::kBool) {
    out += bool_ ? "true" : "false";
  } else if (type_ == Type::kInt) {
    out += std::to_string(int_);
  } else if (type_ == Type::kDouble) {
    out += FormatDouble(double_);
  } else if (type_ == Type::kString) {
    EscapeTo(out, string_);
  } else {
    // Arrays and objects share the layout; objects add "key": before each value.
    const bool is_object = type_ == Type::kObject;
    auto new_line = [&](int d) {
      if (indent <= 0) return;
      out += '\n';
      out.append(static_cast<size_t>(indent) * static_cast<size_t>(d), ' ');
    };
    out += is_object ? '{' : '[';
    for (size_t i = 0; i < Size(); ++i) {
      if (i > 0) out += indent > 0 ? "," : ", ";
      new_line(depth + 1);
      if (is_object) {
        EscapeTo(out, members_[i].first);
        out += ": ";
      }
      (is_object ? members_[i].second : items_[i]).DumpTo(out, indent, depth + 1);
    }
    if (Size() > 0) new_line(depth);
    out += is_object ? '}' : ']';
  }
}

std::string Json::Dump(int indent) const {
  std::string out;
  DumpTo(out, indent, 0);
  return out;
}

namespace {

// Deep enough for any real document, shallow enough that a hostile one
// cannot overflow the stack through recursion.
constexpr int kMaxDepth = 256;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// ASCII only: std::isalnum depends on the locale.
bool IsWordChar(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// Recursive descent over the whole text. Every error is thrown through Fail()
// at the byte where the problem is, so the message can name line and column.
class Parser {
 public:
  Parser(std::string_view text, std::string_view source) : t_(text), src_(source) {}

  Json Document() {
    // RFC 8259 lets parsers ignore a byte order mark; editors on Windows add one.
    if (t_.substr(0, 3) == "\xef\xbb\xbf") pos_ = origin_ = 3;
    SkipWs();
    Json v = Value(0);
    SkipWs();
    if (pos_ < t_.size()) Fail("expected end of input after the JSON value, found " + Found());
    return v;
  }

 private:
  [[noreturn]] void Fail(const std::string& what) const { FailAt(pos_, what); }

  [[noreturn]] void FailAt(size_t at, const std::string& what) const {
    throw JsonError(std::string(src_) + ":" + Where(at) + ": " + what);
  }

  // "line:column"; columns count characters, not bytes, to match editors.
  std::string Where(size_t at) const {
    int line = 1, col = 1;
    for (size_t i = origin_; i < at && i < t_.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(t_[i]);
      if (c == '\n') {
        ++line;
        col = 1;
      } else if ((c & 0xc0) != 0x80) {
        ++col;
      }
    }
    return std::to_string(line) + ":" + std::to_string(col);
  }

  // What sits at pos_, for "found ..." in messages.
  std::string Found() const {
    if (pos_ >= t_.size()) return "end of input";
    const unsigned char c = static_cast<unsigned char>(t_[pos_]);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      size_t end = pos_;
      while (end < t_.size() && end - pos_ < 20 && IsWordChar(t_[end])) ++end;
      return "'" + std::string(t_.substr(pos_, end - pos_)) + "'";
    }
    if (c == '\'') return "''' (strings take double quotes)";
    if (c > 0x20 && c < 0x7f) return std::string("'") + static_cast<char>(c) + "'";
    const size_t len = Utf8SequenceLength(t_, pos_);
    if (c >= 0x80 && len > 0) return "'" + std::string(t_.substr(pos_, len)) + "'";
    std::string hex = "byte 0x";
    AppendHex2(hex, c);
    return hex;
  }

  void SkipWs() {
    while (pos_ < t_.size() &&
           (t_[pos_] == ' ' || t_[pos_] == '\t' || t_[pos_] == '\n' || t_[pos_] == '\r')) {
      ++pos_;
    }
  }

  bool Peek(char c) const { return pos_ < t_.size() && t_[pos_] == c; }
  bool PeekDigit() const { return pos_ < t_.size() && IsDigit(t_[pos_]); }
  void SkipDigits() {
    while (PeekDigit()) ++pos_;
  }

  bool Eat(char c) {
    if (!Peek(c)) return false;
    ++pos_;
    return true;
  }

  bool Literal(std::string_view word) {
    if (t_.substr(pos_, word.size()) != word) return false;
    // "nullx" is not null followed by garbage but one unknown word.
    const size_t end = pos_ + word.size();
    if (end < t_.size() && IsWordChar(t_[end])) return false;
    pos_ = end;
    return true;
  }

  Json Value(int depth) {
    if (depth >= kMaxDepth) Fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels");
    if (Peek('{')) return ObjectValue(depth);
    if (Peek('[')) return ArrayValue(depth);
    if (Peek('"')) return Json(String());
    if (Peek('-') || PeekDigit()) return Number();
    if (Literal("true")) return Json(true);
    if (Literal("false")) return Json(false);
    if (Literal("null")) return Json();
    Fail("expected a value, found " + Found());
  }

  Json ObjectValue(int depth) {
    ++pos_;  // '{'
    Json obj = Json::Object();
    std::unordered_map<std::string, size_t> seen;  // key -> where it was first defined
    SkipWs();
    if (Eat('}')) return obj;
    for (;;) {
      if (!Peek('"')) Fail("expected a string key, found " + Found());
      const size_t key_pos = pos_;
      std::string key = String();
      if (const auto [it, fresh] = seen.emplace(key, key_pos); !fresh) {
        std::string quoted;
        EscapeTo(quoted, key);
        FailAt(key_pos,
               "duplicate key " + quoted + " (first defined at " + Where(it->second) + ")");
      }
      SkipWs();
      if (!Eat(':')) Fail("expected ':' after object key, found " + Found());
      SkipWs();
      obj.Set(key, Value(depth + 1));
      SkipWs();
      if (Eat('}')) return obj;
      const size_t comma = pos_;
      if (!Eat(',')) Fail("expected ',' or '}' after object member");
      SkipWs();
      if (Peek('}')) FailAt(comma, "trailing comma before '}'");
    }
  }

  Json ArrayValue(int depth) {
    ++pos_;  // '['
    Json arr = Json::Array();
    SkipWs();
    if (Eat(']')) return arr;
    for (;;) {
      arr.Push(Value(depth + 1));
      SkipWs();
      if (Eat(']')) return arr;
      const size_t comma = pos_;
      if (!Eat(',')) Fail("expected ',' or ']' after array element");
      SkipWs();
      if (Peek(']')) FailAt(comma, "trailing comma before ']'");
    }
  }

  // Four hex digits of a \u escape that starts (backslash) at `esc`.
  unsigned Hex4(size_t esc) {
    unsigned v = 0;
    const char* first = t_.data() + pos_;
    if (pos_ + 4 > t_.size() || std::from_chars(first, first + 4, v, 16).ptr != first + 4) {
      FailAt(esc, "invalid \\u escape: expected 4 hex digits");
    }
    pos_ += 4;
    return v;
  }

  static void AppendUtf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
      return;
    }
    const int tail = cp < 0x800 ? 1 : cp < 0x10000 ? 2 : 3;  // continuation bytes
    out += static_cast<char>(((0xffu << (7 - tail)) & 0xff) | (cp >> (6 * tail)));
    for (int k = tail - 1; k >= 0; --k) out += static_cast<char>(0x80 | ((cp >> (6 * k)) & 0x3f));
  }

  std::string String() {
    const size_t start = pos_++;  // opening quote
    std::string out;
    for (;;) {
      if (pos_ >= t_.size()) FailAt(start, "unterminated string");
      const unsigned char c = static_cast<unsigned char>(t_[pos_]);
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c < 0x20) {
        std::string msg = "unescaped control character U+00";
        AppendHex2(msg, c);
        msg += " in string";
        if (c == '\n') msg += " (missing closing '\"'?)";
        Fail(msg);
      }
      if (c >= 0x80) {
        const size_t len = Utf8SequenceLength(t_, pos_);
        if (len == 0) Fail("invalid UTF-8 in string, found " + Found());
        out.append(t_.substr(pos_, len));
        pos_ += len;
        continue;
      }
      if (c != '\\') {
        out += static_cast<char>(c);
        ++pos_;
        continue;
      }
      const size_t esc = pos_++;
      const char e = pos_ < t_.size() ? t_[pos_++] : '\0';
      if (const size_t k = kShortEscapeLetters.find(e); e != '\0' && k != std::string_view::npos) {
        out += kShortEscaped[k];
      } else if (e == '/') {
        out += '/';
      } else if (e == 'u') {
        out += UnicodeEscape(esc);
      } else {
        if (esc + 1 >= t_.size()) FailAt(start, "unterminated string");
        pos_ = esc + 1;
        if (e > 0x20 && e < 0x7f) FailAt(esc, std::string("invalid escape '\\") + e + "'");
        FailAt(esc, "invalid escape: '\\' followed by " + Found());
      }
    }
  }

  // The UTF-8 for a \uXXXX escape (backslash at `esc`, pos_ after the 'u'),
  // joining a UTF-16 surrogate pair into one code point.
  std::string UnicodeEscape(size_t esc) {
    unsigned cp = Hex4(esc);
    if (cp >= 0xdc00 && cp <= 0xdfff)
      FailAt(esc, "low surrogate without a preceding high surrogate");
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const size_t low_esc = pos_;
      if (t_.substr(pos_, 2) != "\\u")
        FailAt(esc, "high surrogate not followed by a low surrogate");
      pos_ += 2;
      const unsigned lo = Hex4(low_esc);
      if (lo < 0xdc00 || lo > 0xdfff) FailAt(esc, "high surrogate not followed by a low surrogate");
      cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
    }
    std::string out;
    AppendUtf8(out, cp);
    return out;
  }

  Json Number() {
    const size_t start = pos_;
    bool integral = true;
    Eat('-');
    if (!PeekDigit()) Fail("expected a digit after '-', found " + Found());
    if (Eat('0')) {
      if (PeekDigit()) FailAt(start, "leading zeros are not allowed");
    } else {
      SkipDigits();
    }
    if (Eat('.')) {
      integral = false;
      if (!PeekDigit()) Fail("expected a digit after '.', found " + Found());
      SkipDigits();
    }
    if (Eat('e') || Eat('E')) {
      integral = false;
      if (!Eat('+')) Eat('-');
      if (!PeekDigit()) Fail("expected a digit in the exponent, found " + Found());
      SkipDigits();
    }
    const std::string_view text = t_.substr(start, pos_ - start);
    if (integral) {
      int64_t v = 0;
      const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
      if (res.ec == std::errc()) return Json(v);
      // Beyond int64: keep the magnitude as a double rather than reject it.
    }
    // strtod_l in the "C" locale: plain strtod would read "0.5" as 0 under a
    // locale whose decimal separator is ','.
    static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", nullptr);
    const std::string copy(text);
    errno = 0;
    const double d = strtod_l(copy.c_str(), nullptr, c_locale);
    if (errno == ERANGE && std::isinf(d)) FailAt(start, "number out of range of a double");
    return Json(d);  // underflow gives 0 or a subnormal, which is fine
  }

  std::string_view t_;
  std::string_view src_;
  size_t origin_ = 0;  // first byte after a byte order mark
  size_t pos_ = 0;
};

}  // namespace

Json Json::Parse(std::string_view text, std::string_view source_name) {
  return Parser(text, source_name).Document();
}

}  // namespace wse::util
