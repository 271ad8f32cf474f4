#pragma once
// JUnit XML, the test-report format that CI dashboards (GitLab, Jenkins,
// GitHub test reporters) read, for regression results.

#include <string>
#include <string_view>
#include <vector>

namespace wse::util {

/// One test case's outcome.
struct TestCaseResult {
  /// Becomes the testcase's classname; the suite name is used when empty.
  std::string suite;
  /// The testcase's name.
  std::string name;
  /// Wall-clock duration.
  double seconds = 0;
  /// Passed; ignored when skipped.
  bool passed = false;
  /// Not run. A skipped case counts as skipped, never as failed.
  bool skipped = false;
  /// Why it failed: the first line becomes the failure's message attribute,
  /// the whole text its body.
  std::string failure_message;
  /// Anything worth showing beside the result (how to reproduce, log path).
  std::string system_out;
};

/// A complete JUnit XML document: <testsuites> holding one <testsuite> named
/// `suite_name` with tests/failures/errors/skipped/time totals, and a
/// <testcase classname name time> per case with <failure>, <skipped/> and
/// <system-out> children as applicable. Times are seconds with three decimals.
std::string JunitXml(const std::string& suite_name, const std::vector<TestCaseResult>& cases);

/// Escapes text for XML character data or attribute values: & < > " ' become
/// entities, tab/newline/carriage return become character references when
/// `attribute` (where a parser would otherwise normalise them to spaces),
/// characters XML 1.0 forbids (other C0 controls, U+FFFE, U+FFFF) are dropped
/// and bytes that are not UTF-8 become U+FFFD, so any log text is safe to embed.
std::string XmlEscape(std::string_view text, bool attribute = false);

}  // namespace wse::util
