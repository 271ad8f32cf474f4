#include "util/json.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace wse::util {

Json& Json::Set(const std::string& key, Json value) {
  if (type_ != Type::kObject) throw JsonError("Json::Set on a non-object");
  for (auto& [k, v] : members_) {
    if (k == key) {
      v = std::move(value);
      return v;
    }
  }
  members_.emplace_back(key, std::move(value));
  return members_.back().second;
}

Json& Json::Push(Json value) {
  if (type_ != Type::kArray) throw JsonError("Json::Push on a non-array");
  items_.push_back(std::move(value));
  return items_.back();
}

const Json* Json::Get(const std::string& key) const {
  for (const auto& [k, v] : members_)
    if (k == key) return &v;
  return nullptr;
}

bool Json::AsBool() const {
  if (type_ != Type::kBool) throw JsonError("expected a boolean");
  return bool_;
}

int64_t Json::AsInt() const {
  if (type_ != Type::kInt) throw JsonError("expected an integer");
  return int_;
}

double Json::AsDouble() const {
  if (type_ == Type::kInt) return static_cast<double>(int_);
  if (type_ != Type::kDouble) throw JsonError("expected a number");
  return double_;
}

const std::string& Json::AsString() const {
  if (type_ != Type::kString) throw JsonError("expected a string");
  return string_;
}

namespace {

void EscapeTo(std::string& out, const std::string& s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char b[8];
          std::snprintf(b, sizeof b, "\\u%04x", c);
          out += b;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

// Shortest representation that reads back as the same double.
std::string FormatDouble(double v) {
  if (!std::isfinite(v)) throw std::invalid_argument("JSON cannot represent NaN or infinity");
  char b[40];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(b, sizeof b, "%.*g", prec, v);
    if (std::strtod(b, nullptr) == v) break;
  }
  std::string s = b;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // keep it a double
  return s;
}

}  // namespace

void Json::DumpTo(std::string& out, int indent, int depth) const {
  auto newline = [&](int d) {
    if (indent <= 0) return;
    out += '\n';
    out.append(static_cast<size_t>(indent * d), ' ');
  };
  switch (type_) {
    case Type::kNull: out += "null"; break;
    case Type::kBool: out += bool_ ? "true" : "false"; break;
    case Type::kInt: out += std::to_string(int_); break;
    case Type::kDouble: out += FormatDouble(double_); break;
    case Type::kString: EscapeTo(out, string_); break;
    case Type::kArray:
      out += '[';
      for (size_t i = 0; i < items_.size(); ++i) {
        if (i) out += indent > 0 ? "," : ", ";
        newline(depth + 1);
        items_[i].DumpTo(out, indent, depth + 1);
      }
      if (!items_.empty()) newline(depth);
      out += ']';
      break;
    case Type::kObject:
      out += '{';
      for (size_t i = 0; i < members_.size(); ++i) {
        if (i) out += indent > 0 ? "," : ", ";
        newline(depth + 1);
        EscapeTo(out, members_[i].first);
        out += ": ";
        members_[i].second.DumpTo(out, indent, depth + 1);
      }
      if (!members_.empty()) newline(depth);
      out += '}';
      break;
  }
}

std::string Json::Dump(int indent) const {
  std::string out;
  DumpTo(out, indent, 0);
  return out;
}

namespace {

class Parser {
 public:
  Parser(std::string_view t, std::string_view src) : t_(t), src_(src) {}

  Json Document() {
    SkipWs();
    Json v = Value(0);
    SkipWs();
    if (pos_ != t_.size()) Fail("unexpected text after the JSON value");
    return v;
  }

 private:
  [[noreturn]] void Fail(const std::string& what) const {
    int line = 1, col = 1;
    for (size_t i = 0; i < pos_ && i < t_.size(); ++i) {
      if (t_[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    throw JsonError(std::string(src_) + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + what);
  }
  void SkipWs() {
    while (pos_ < t_.size() && (t_[pos_] == ' ' || t_[pos_] == '\t' || t_[pos_] == '\n' || t_[pos_] == '\r')) ++pos_;
  }
  bool Eat(char c) {
    if (pos_ < t_.size() && t_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool Literal(std::string_view w) {
    if (t_.substr(pos_, w.size()) == w) {
      pos_ += w.size();
      return true;
    }
    return false;
  }

  Json Value(int depth) {
    if (depth > 200) Fail("nesting too deep");
    if (pos_ >= t_.size()) Fail("expected a value, found the end of the input");
    const char c = t_[pos_];
    if (c == '{') return ObjectValue(depth);
    if (c == '[') return ArrayValue(depth);
    if (c == '"') return Json(String());
    if (c == '-' || (c >= '0' && c <= '9')) return Number();
    if (Literal("true")) return Json(true);
    if (Literal("false")) return Json(false);
    if (Literal("null")) return Json();
    Fail(std::string("expected a value, found '") + c + "'");
  }

  Json ObjectValue(int depth) {
    ++pos_;
    Json obj = Json::Object();
    std::set<std::string> keys;
    SkipWs();
    if (Eat('}')) return obj;
    for (;;) {
      SkipWs();
      if (pos_ >= t_.size() || t_[pos_] != '"') Fail("expected a string key");
      const size_t key_pos = pos_;
      std::string key = String();
      if (!keys.insert(key).second) {
        pos_ = key_pos;
        Fail("duplicate key \"" + key + "\"");
      }
      SkipWs();
      if (!Eat(':')) Fail("expected ':' after object key");
      SkipWs();
      obj.Set(key, Value(depth + 1));
      SkipWs();
      if (Eat('}')) return obj;
      if (!Eat(',')) Fail("expected ',' or '}' after object member");
      SkipWs();
      if (pos_ < t_.size() && t_[pos_] == '}') Fail("trailing comma before '}'");
    }
  }

  Json ArrayValue(int depth) {
    ++pos_;
    Json arr = Json::Array();
    SkipWs();
    if (Eat(']')) return arr;
    for (;;) {
      SkipWs();
      arr.Push(Value(depth + 1));
      SkipWs();
      if (Eat(']')) return arr;
      if (!Eat(',')) Fail("expected ',' or ']' after array element");
      SkipWs();
      if (pos_ < t_.size() && t_[pos_] == ']') Fail("trailing comma before ']'");
    }
  }

  unsigned Hex4() {
    if (pos_ + 4 > t_.size()) Fail("truncated \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = t_[pos_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
      else Fail("bad hex digit in \\u escape");
    }
    return v;
  }

  static void Utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xc0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xe0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }

  std::string String() {
    ++pos_;  // opening quote
    std::string out;
    for (;;) {
      if (pos_ >= t_.size()) Fail("unterminated string");
      const char c = t_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) {
        --pos_;
        Fail("control character in string (escape it)");
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= t_.size()) Fail("unterminated escape");
      const char e = t_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = Hex4();
          if (cp >= 0xd800 && cp <= 0xdbff) {
            if (!Literal("\\u")) Fail("high surrogate without a low surrogate");
            const unsigned lo = Hex4();
            if (lo < 0xdc00 || lo > 0xdfff) Fail("invalid low surrogate");
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          } else if (cp >= 0xdc00 && cp <= 0xdfff) {
            Fail("low surrogate without a high surrogate");
          }
          Utf8(out, cp);
          break;
        }
        default:
          --pos_;
          Fail(std::string("invalid escape '\\") + e + "'");
      }
    }
  }

  Json Number() {
    const size_t start = pos_;
    bool is_double = false;
    Eat('-');
    if (Eat('0')) {
      if (pos_ < t_.size() && t_[pos_] >= '0' && t_[pos_] <= '9') Fail("leading zeros are not allowed");
    } else if (pos_ < t_.size() && t_[pos_] >= '1' && t_[pos_] <= '9') {
      while (pos_ < t_.size() && t_[pos_] >= '0' && t_[pos_] <= '9') ++pos_;
    } else {
      Fail("expected a digit");
    }
    if (Eat('.')) {
      is_double = true;
      if (!(pos_ < t_.size() && t_[pos_] >= '0' && t_[pos_] <= '9')) Fail("expected a digit after '.'");
      while (pos_ < t_.size() && t_[pos_] >= '0' && t_[pos_] <= '9') ++pos_;
    }
    if (pos_ < t_.size() && (t_[pos_] == 'e' || t_[pos_] == 'E')) {
      is_double = true;
      ++pos_;
      if (!Eat('+')) Eat('-');
      if (!(pos_ < t_.size() && t_[pos_] >= '0' && t_[pos_] <= '9')) Fail("expected a digit in the exponent");
      while (pos_ < t_.size() && t_[pos_] >= '0' && t_[pos_] <= '9') ++pos_;
    }
    const std::string text(t_.substr(start, pos_ - start));
    if (!is_double) {
      errno = 0;
      const long long v = std::strtoll(text.c_str(), nullptr, 10);
      if (errno == 0) return Json(static_cast<int64_t>(v));
      // Out of int64 range: keep it as a double rather than fail.
    }
    return Json(std::strtod(text.c_str(), nullptr));
  }

  std::string_view t_;
  std::string_view src_;
  size_t pos_ = 0;
};

}  // namespace

Json Json::Parse(std::string_view text, std::string_view source_name) {
  return Parser(text, source_name).Document();
}

}  // namespace wse::util
