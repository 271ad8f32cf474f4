#pragma once
// JUnit XML for CI dashboards.

#include <string>
#include <vector>

namespace wse::util {

/// One test case's outcome.
struct TestCaseResult {
  std::string suite, name;
  double seconds = 0;
  bool passed = false;
  bool skipped = false;
  std::string failure_message, system_out;
};

/// A complete JUnit XML document for one suite.
std::string JunitXml(const std::string& suite_name, const std::vector<TestCaseResult>& cases);

/// Escapes text for XML content and attributes; drops characters XML 1.0 forbids.
std::string XmlEscape(const std::string& s);

}  // namespace wse::util
