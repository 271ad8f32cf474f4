#include "util/junit.h"

#include <charconv>
#include <cmath>

#include "util/json.h"  // Utf8SequenceLength

namespace wse::util {
namespace {

// Seconds with three decimals; std::to_chars ignores the C locale, which
// could otherwise write "1,500" and break every CI parser.
std::string Seconds(double s) {
  if (!std::isfinite(s) || s < 0) s = 0;
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, s, std::chars_format::fixed, 3);
  return std::string(buf, res.ptr);
}

std::string Attr(const char* name, std::string_view value) {
  return std::string(" ") + name + "=\"" + XmlEscape(value, true) + "\"";
}

}  // namespace

std::string XmlEscape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t len = Utf8SequenceLength(text, i);
    if (len == 0) {
      out += "\xef\xbf\xbd";  // U+FFFD: the document must stay valid UTF-8
      ++i;
      continue;
    }
    const std::string_view ch = text.substr(i, len);
    i += len;
    // U+FFFE and U+FFFF are the only encodable non-characters XML 1.0 bans.
    if (ch == "\xef\xbf\xbe" || ch == "\xef\xbf\xbf") continue;
    const char c = ch[0];
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\r':
        out += "&#13;";
        break;  // a bare CR would be read back as LF
      default:
        if (len == 1 && static_cast<unsigned char>(c) < 0x20) break;  // illegal in XML 1.0
        out += ch;
    }
  }
  return out;
}

std::string JunitXml(const std::string& suite_name, const std::vector<TestCaseResult>& cases) {
  size_t failures = 0, skipped = 0;
  double total = 0;
  for (const auto& c : cases) {
    if (c.skipped) {
      ++skipped;
    } else if (!c.passed) {
      ++failures;
    }
    if (std::isfinite(c.seconds) && c.seconds > 0) total += c.seconds;
  }
  const std::string counts =
      Attr("tests", std::to_string(cases.size())) + Attr("failures", std::to_string(failures)) +
      Attr("errors", "0") + Attr("skipped", std::to_string(skipped)) + Attr("time", Seconds(total));
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<testsuites" + Attr("name", suite_name) + counts + ">\n";
  x += "  <testsuite" + Attr("name", suite_name) + counts + ">\n";
  for (const auto& c : cases) {
    x += "    <testcase" + Attr("classname", c.suite.empty() ? suite_name : c.suite) +
         Attr("name", c.name) + Attr("time", Seconds(c.seconds));
    const bool failed = !c.skipped && !c.passed;
    if (!c.skipped && !failed && c.system_out.empty()) {
      x += "/>\n";
      continue;
    }
    x += ">\n";
    if (c.skipped) x += "      <skipped/>\n";
    if (failed) {
      const std::string_view first_line =
          std::string_view(c.failure_message).substr(0, c.failure_message.find('\n'));
      x += "      <failure" + Attr("message", first_line.empty() ? "failed" : first_line) +
           Attr("type", "failure") + ">" + XmlEscape(c.failure_message) + "</failure>\n";
    }
    if (!c.system_out.empty()) {
      x += "      <system-out>" + XmlEscape(c.system_out) + "</system-out>\n";
    }
    x += "    </testcase>\n";
  }
  x += "  </testsuite>\n</testsuites>\n";
  return x;
}

}  // namespace wse::util
