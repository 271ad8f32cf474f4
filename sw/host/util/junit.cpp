#include "util/junit.h"

#include <cstdio>

namespace wse::util {

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') break;  // illegal in XML 1.0
        out += static_cast<char>(c);
    }
  }
  return out;
}

std::string JunitXml(const std::string& suite_name, const std::vector<TestCaseResult>& cases) {
  int failures = 0, skipped = 0;
  double total = 0;
  for (const auto& c : cases) {
    failures += (!c.passed && !c.skipped);
    skipped += c.skipped;
    total += c.seconds;
  }
  char num[64];
  auto secs = [&](double s) {
    std::snprintf(num, sizeof num, "%.3f", s);
    return std::string(num);
  };
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<testsuites tests=\"" + std::to_string(cases.size()) + "\" failures=\"" + std::to_string(failures) +
       "\" skipped=\"" + std::to_string(skipped) + "\" time=\"" + secs(total) + "\">\n";
  x += "  <testsuite name=\"" + XmlEscape(suite_name) + "\" tests=\"" + std::to_string(cases.size()) +
       "\" failures=\"" + std::to_string(failures) + "\" errors=\"0\" skipped=\"" + std::to_string(skipped) +
       "\" time=\"" + secs(total) + "\">\n";
  for (const auto& c : cases) {
    x += "    <testcase classname=\"" + XmlEscape(c.suite) + "\" name=\"" + XmlEscape(c.name) + "\" time=\"" +
         secs(c.seconds) + "\"";
    if (c.passed && c.system_out.empty()) {
      x += "/>\n";
      continue;
    }
    x += ">\n";
    if (c.skipped) {
      x += "      <skipped/>\n";
    } else if (!c.passed) {
      x += "      <failure message=\"" + XmlEscape(c.failure_message) + "\">" + XmlEscape(c.failure_message) +
           "</failure>\n";
    }
    if (!c.system_out.empty()) x += "      <system-out>" + XmlEscape(c.system_out) + "</system-out>\n";
    x += "    </testcase>\n";
  }
  x += "  </testsuite>\n</testsuites>\n";
  return x;
}

}  // namespace wse::util
