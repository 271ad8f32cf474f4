// Host utilities: JSON, atomic files, JUnit, text tables, process pool.
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "unit_helpers.h"
#include "util/atomic_file.h"
#include "util/figures.h"
#include "util/json.h"
#include "util/junit.h"
#include "util/process_pool.h"
#include "util/text_table.h"

namespace wse::util {
namespace {

namespace fs = std::filesystem;

using unit::ErrorOf;

std::string ParseError(std::string_view text) {
  return ErrorOf([&] { Json::Parse(text, "f.json"); });
}

// Nothing left for this process to reap.
bool NoChildren() {
  errno = 0;
  return waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

using unit::Contains;

// A fresh directory per test, removed afterwards.
struct TempDir : unit::TempDir {
  TempDir() : unit::TempDir("util") {}
  // A job named `id` logging to <dir>/<id>.log.
  Job Cmd(const std::string& id, std::vector<std::string> argv) const {
    return {std::move(argv), path / (id + ".log"), id};
  }
  static long Entries(const fs::path& dir) {
    return std::distance(fs::directory_iterator(dir), fs::directory_iterator());
  }
};

double Since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Running and not a zombie waiting for init to reap it.
bool Alive(pid_t pid) {
  std::string stat;
  if (ErrorOf([&] { stat = ReadFile("/proc/" + std::to_string(pid) + "/stat"); }) != "no error") {
    return false;
  }
  const size_t paren = stat.rfind(')');
  return paren != std::string::npos && paren + 2 < stat.size() && stat[paren + 2] != 'Z';
}

bool HavePython() {
  return RunAndMeasure({{"python3", "-c", "pass"}, "/dev/null", "probe"}).exit_code == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(util)

BOOST_AUTO_TEST_CASE(json_dump_layout_is_exact) {
  Json o = Json::Object();
  o.Set("name", Json("mesh"));
  Json& list = o.Set("list", Json::Array());
  list.Push(Json(3));
  list.Push(Json::Object());
  list.Push(Json::Array()).Push(Json());
  o.Set("whole", Json(2.0));
  o.Set("flag", Json(true));
  BOOST_TEST(o.Dump() == R"({
  "name": "mesh",
  "list": [
    3,
    {},
    [
      null
    ]
  ],
  "whole": 2.0,
  "flag": true
})");
  BOOST_TEST(o.Dump(0) ==
             R"({"name": "mesh", "list": [3, {}, [null]], "whole": 2.0, "flag": true})");
  BOOST_TEST(Json(1e300).Dump() == "1e+300");
  BOOST_TEST(Json(-0.0).Dump() == "-0.0");
  BOOST_TEST(Json(size_t{7}).Dump() == "7");
  BOOST_CHECK_THROW(Json(std::numeric_limits<uint64_t>::max()), std::out_of_range);
  BOOST_CHECK_THROW(Json(std::nan("")).Dump(), std::invalid_argument);
  BOOST_CHECK_THROW(Json(HUGE_VAL).Dump(), std::invalid_argument);
  // Escapes are written in their short form, other controls as \u00XX, and
  // bytes that are not UTF-8 (which JSON text cannot hold) as U+FFFD.
  BOOST_TEST(Json(std::string("\"\\\n\x01\x1f", 5)).Dump() == R"("\"\\\n\u0001\u001f")");
  BOOST_TEST(Json("a\xff!").Dump() == "\"a\xef\xbf\xbd!\"");
}

BOOST_AUTO_TEST_CASE(json_set_replaces_and_accessors_check_types) {
  Json o = Json::Object();
  o.Set("a", Json(1));
  o.Set("b", Json(2));
  o.Set("a", Json("x"));
  BOOST_TEST(o.Size() == 2u);
  BOOST_TEST(o.Members()[0].first == "a");  // replaced in place, order kept
  BOOST_TEST(o.Get("a")->AsString() == "x");
  BOOST_TEST(o.Get("missing") == nullptr);
  BOOST_TEST(Json(1).Get("a") == nullptr);
  BOOST_TEST(Json(5).AsDouble() == 5.0);
  BOOST_TEST(!Json(0.25).IsInt());
  BOOST_CHECK_THROW(Json(2.5).AsInt(), JsonError);
  BOOST_CHECK_THROW(Json(1).Push(Json()), JsonError);
  BOOST_CHECK_THROW(Json::Array().Set("k", Json()), JsonError);
  BOOST_TEST(ErrorOf([] { Json("s").AsInt(); }) == "expected an integer, found a string");
}

BOOST_AUTO_TEST_CASE(json_round_trips_nested_values_exactly) {
  Json o = Json::Object();
  o.Set("text", Json("q\"b\\s/\n\r\t\b\f\x01\x1f\x7f end"));
  o.Set("nul", Json(std::string("a\0b", 3)));
  o.Set("utf8", Json("\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
  o.Set("max", Json(std::numeric_limits<int64_t>::max()));
  o.Set("min", Json(std::numeric_limits<int64_t>::min()));
  Json& doubles = o.Set("nest", Json::Array()).Push(Json::Object()).Set("deep", Json::Array());
  for (double d : {0.1, 1.0 / 3.0, 1e-300, 5e-324, 1.7976931348623157e308, -0.0, 9007199254740993.0,
                   123456789012345680000.0, 2.0, -1.5e-7}) {
    doubles.Push(Json(d));
  }
  std::mt19937_64 rng(1);
  for (int i = 0; i < 200; ++i) {  // random bit patterns: every exponent range
    const uint64_t bits = rng();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    if (std::isfinite(d)) doubles.Push(Json(d));
  }
  for (int indent : {0, 2, 4}) {
    const std::string text = o.Dump(indent);
    const Json back = Json::Parse(text);
    for (const char* key : {"text", "nul", "utf8"}) {
      BOOST_TEST(back.Get(key)->AsString() == o.Get(key)->AsString());
    }
    BOOST_TEST(back.Get("max")->AsInt() == std::numeric_limits<int64_t>::max());
    BOOST_TEST(back.Get("min")->AsInt() == std::numeric_limits<int64_t>::min());
    const auto& got = back.Get("nest")->Items()[0].Get("deep")->Items();
    BOOST_REQUIRE(got.size() == doubles.Size());
    for (size_t i = 0; i < got.size(); ++i) {
      BOOST_TEST((got[i].type() == Json::Type::kDouble));
      const double a = got[i].AsDouble(), b = doubles.Items()[i].AsDouble();
      BOOST_TEST(std::memcmp(&a, &b, sizeof a) == 0, "double " << i << ": " << a << " vs " << b);
    }
    BOOST_TEST(back.Dump(indent) == text);
  }
}

BOOST_AUTO_TEST_CASE(json_parses_numbers_escapes_and_whitespace) {
  const Json j = Json::Parse(
      "\xef\xbb\xbf [ 0, -0, -7, 1.5, -0.0, 1e3, 2E-2, 9223372036854775807, -9223372036854775808,"
      " 9223372036854775808, 1e-400 ,\r\n\t\"\\u00e9\\ud83d\\ude00\\/\\t\\u0041\\u0000\" ]");
  const auto& v = j.Items();
  BOOST_REQUIRE(v.size() == 12u);
  BOOST_TEST(v[1].AsInt() == 0);
  BOOST_TEST(v[2].AsInt() == -7);
  BOOST_TEST(v[3].AsDouble() == 1.5);
  BOOST_TEST(std::signbit(v[4].AsDouble()));
  BOOST_TEST((v[5].type() == Json::Type::kDouble));
  BOOST_TEST(v[5].AsDouble() == 1000.0);
  BOOST_TEST(v[6].AsDouble() == 0.02);
  BOOST_TEST(v[7].AsInt() == std::numeric_limits<int64_t>::max());
  BOOST_TEST(v[8].AsInt() == std::numeric_limits<int64_t>::min());
  BOOST_TEST((v[9].type() == Json::Type::kDouble));  // beyond int64
  BOOST_TEST(v[9].AsDouble() == 9223372036854775808.0);
  BOOST_TEST(v[10].AsDouble() == 0.0);  // underflow
  BOOST_TEST(v[11].AsString() == std::string("\xc3\xa9\xf0\x9f\x98\x80/\tA\0", 10));
  BOOST_TEST(Json::Parse("{\"a\": {\"b\": [false]}}").Get("a")->Get("b")->Items()[0].IsBool());
}

BOOST_AUTO_TEST_CASE(json_errors_name_line_column_and_expectation) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      // Missing comma between members: reported where the next member starts.
      {"{\n  \"a\": 1\n  \"b\": 2\n}", "3:3: expected ',' or '}' after object member"},
      {"[1 2]", "1:4: expected ',' or ']' after array element"},
      {"{\"k\": 1 /* c */}", "1:9: expected ',' or '}' after object member"},
      // Trailing commas: reported at the comma.
      {"[1, 2,]", "1:6: trailing comma before ']'"},
      {"{\"a\": 1,\n}", "1:8: trailing comma before '}'"},
      {"\"\\q\"", "1:2: invalid escape '\\q'"},
      {"\"\\u12G4\"", "1:2: invalid \\u escape: expected 4 hex digits"},
      {"\"\\ud800x\"", "1:2: high surrogate not followed by a low surrogate"},
      {"\"\\udc00\"", "1:2: low surrogate without a preceding high surrogate"},
      {"{\"a\": 1,\n \"a\": 2}", "2:2: duplicate key \"a\" (first defined at 1:2)"},
      {"[\"abc", "1:2: unterminated string"},
      {"[\"abc\\", "1:2: unterminated string"},
      {"[\"ab\n\"]", "1:5: unescaped control character U+000a in string (missing closing '\"'?)"},
      {"[\"a\xff\"]", "1:4: invalid UTF-8 in string, found byte 0xff"},
      {"{} x", "1:4: expected end of input after the JSON value, found 'x'"},
      {"[1]]", "1:4: expected end of input after the JSON value, found ']'"},
      {"012", "1:1: leading zeros are not allowed"},
      {"[-01]", "1:2: leading zeros are not allowed"},
      {"", "1:1: expected a value, found end of input"},
      {"[True]", "1:2: expected a value, found 'True'"},
      {"[nullx]", "1:2: expected a value, found 'nullx'"},
      {"['a']", "1:2: expected a value, found ''' (strings take double quotes)"},
      {"[.5]", "1:2: expected a value, found '.'"},
      {"{a: 1}", "1:2: expected a string key, found 'a'"},
      {"{\"a\" 1}", "1:6: expected ':' after object key, found '1'"},
      {"[1.]", "1:4: expected a digit after '.', found ']'"},
      {"[-]", "1:3: expected a digit after '-', found ']'"},
      {"1e+", "1:4: expected a digit in the exponent, found end of input"},
      {"1e999", "1:1: number out of range of a double"},
      // Columns count characters: "é" is two bytes but one column.
      {"{\"\xc3\xa9\": tru}", "1:7: expected a value, found 'tru'"},
      {"\xef\xbb\xbf[,]", "1:2: expected a value, found ','"},  // after a byte order mark
  };
  for (const auto& [text, want] : cases) {
    BOOST_TEST(ParseError(text) == "f.json:" + std::string(want), "input: " << text);
  }
  BOOST_TEST(ParseError(std::string(300, '[')) == "f.json:1:257: nesting deeper than 256 levels");
  BOOST_TEST(ErrorOf([] { Json::Parse("{}{}"); }).starts_with("<input>:1:3: "));
}

BOOST_AUTO_TEST_CASE(atomic_write_replaces_content_and_leaves_no_temp_files) {
  TempDir tmp;
  const fs::path dir = tmp.path / "new" / "sub";
  const fs::path f = dir / "report.json";
  WriteFileAtomic(f, "first version, longer");
  BOOST_TEST(ReadFile(f) == "first version, longer");
  WriteFileAtomic(f, std::string("sec\0nd", 6));
  BOOST_TEST(ReadFile(f) == std::string("sec\0nd", 6));
  WriteFileAtomic(f, "");
  BOOST_TEST(ReadFile(f).empty());
  BOOST_TEST(TempDir::Entries(dir) == 1);

  // Threads writing the same file: each write is whole, and no temp file remains.
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    const std::string text(1000, static_cast<char>('a' + t));
    writers.emplace_back([&f, text] {
      for (int i = 0; i < 20; ++i) WriteFileAtomic(f, text);
    });
  }
  for (auto& w : writers) w.join();
  const std::string last = ReadFile(f);
  BOOST_TEST(last.size() == 1000u);
  BOOST_TEST(last == std::string(1000, last[0]));
  BOOST_TEST(TempDir::Entries(dir) == 1);
}

BOOST_AUTO_TEST_CASE(atomic_write_failures_name_the_path_and_clean_up) {
  TempDir tmp;
  WriteFileAtomic(tmp.path / "file", "not a directory");
  // A parent that is a regular file cannot be created (even as root).
  const fs::path bad = tmp.path / "file" / "sub" / "x.json";
  const std::string error = ErrorOf([&] { WriteFileAtomic(bad, "x"); });
  BOOST_TEST(error.starts_with("cannot write " + bad.string() + ": "), error);
  BOOST_TEST(error.ends_with(std::strerror(ENOTDIR)), error);
  BOOST_TEST(Contains(ErrorOf([] { WriteFileAtomic("/proc/wse_forbidden/x.json", "x"); }),
                      "cannot write /proc/wse_forbidden/x.json: "));
  // The target is a non-empty directory: the rename fails after the temp
  // file was written, and the temp file must go.
  fs::create_directories(tmp.path / "target" / "child");
  BOOST_TEST(Contains(ErrorOf([&] { WriteFileAtomic(tmp.path / "target", "x"); }),
                      (tmp.path / "target").string() + ": rename: "));
  BOOST_TEST(TempDir::Entries(tmp.path) == 2);  // "file" and "target", no temp file
  BOOST_TEST(ErrorOf([&] { ReadFile(tmp.path / "missing"); }) ==
             "cannot read " + (tmp.path / "missing").string() + ": " + std::strerror(ENOENT));
  BOOST_CHECK_THROW(ReadFile(tmp.path), std::runtime_error);  // a directory
}

BOOST_AUTO_TEST_CASE(junit_document_is_exact) {
  std::vector<TestCaseResult> cases(3);
  cases[0] = {"s", "ok", 1.5, true, false, "", ""};
  cases[1] = {"", "bad", 0.25, false, false, "expected 'x'\ngot y", "repro: make"};
  cases[2] = {"s", "later", 0, false, true, "", ""};
  BOOST_TEST(JunitXml("suite", cases) ==
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<testsuites name=\"suite\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\" "
             "time=\"1.750\">\n"
             "  <testsuite name=\"suite\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\" "
             "time=\"1.750\">\n"
             "    <testcase classname=\"s\" name=\"ok\" time=\"1.500\"/>\n"
             "    <testcase classname=\"suite\" name=\"bad\" time=\"0.250\">\n"
             "      <failure message=\"expected &apos;x&apos;\" type=\"failure\">"
             "expected &apos;x&apos;\ngot y</failure>\n"
             "      <system-out>repro: make</system-out>\n"
             "    </testcase>\n"
             "    <testcase classname=\"s\" name=\"later\" time=\"0.000\">\n"
             "      <skipped/>\n"
             "    </testcase>\n"
             "  </testsuite>\n"
             "</testsuites>\n");
}

BOOST_AUTO_TEST_CASE(junit_escapes_and_drops_illegal_characters) {
  BOOST_TEST(XmlEscape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&apos;f");
  BOOST_TEST(XmlEscape("x\x01\x08\x0b\x1fy\tz\n") == "xy\tz\n");
  BOOST_TEST(XmlEscape("l1\nl2\tr\r", true) == "l1&#10;l2&#9;r&#13;");
  BOOST_TEST(XmlEscape("\xc3\xa9\xef\xbf\xbe\xef\xbf\xbf!") == "\xc3\xa9!");
  BOOST_TEST(XmlEscape("bad\xff\xc3") == "bad\xef\xbf\xbd\xef\xbf\xbd");
  BOOST_TEST(XmlEscape("]]>") == "]]&gt;");

  std::vector<TestCaseResult> cases(2);
  cases[0] = {"s", "bad <1> & \"2\"", 0.25, false, false, "", "out\x02put\xfe"};
  cases[1] = {"s", "nan time", std::nan(""), true, false, "", ""};
  const std::string x = JunitXml("su\"ite", cases);
  BOOST_TEST(Contains(x, "name=\"bad &lt;1&gt; &amp; &quot;2&quot;\""));
  BOOST_TEST(Contains(x, "<failure message=\"failed\""));  // empty message still says something
  BOOST_TEST(Contains(x, "<system-out>output\xef\xbf\xbd</system-out>"));
  BOOST_TEST(Contains(x, "name=\"su&quot;ite\""));
  BOOST_TEST(Contains(x, "name=\"nan time\" time=\"0.000\""));

  // An independent XML parser must accept the document and read the name back.
  if (!HavePython()) {
    BOOST_TEST_MESSAGE("python3 not available; XML check skipped");
    return;
  }
  TempDir tmp;
  WriteFileAtomic(tmp.path / "r.xml", x);
  const std::string script =
      "import sys, xml.etree.ElementTree as E; t = E.parse(sys.argv[1]).getroot(); "
      "assert t.find('testsuite/testcase').get('name') == 'bad <1> & \"2\"'";
  const JobResult r = RunAndMeasure(tmp.Cmd("py", {"python3", "-c", script, tmp.path / "r.xml"}));
  BOOST_TEST(r.exit_code == 0, ReadFile(tmp.path / "py.log"));
}

BOOST_AUTO_TEST_CASE(table_renders_aligned_columns) {
  TextTable t({"test", "cycles", "result"});
  t.SetAlign(1, TextTable::Align::kRight);
  t.AddRow({"a", "5", "PASS"});
  t.AddRow({"longer", "12345", "FAIL"});
  t.AddRow({"x", "1234567", ""});
  BOOST_TEST(t.Render() ==
             "test     cycles  result\n"
             "------  -------  ------\n"
             "a             5  PASS\n"
             "longer    12345  FAIL\n"
             "x       1234567\n");
  BOOST_CHECK_THROW(t.AddRow({"x"}), std::invalid_argument);
  BOOST_CHECK_THROW(t.AddRow({"1", "2", "3", "4"}), std::invalid_argument);
  BOOST_CHECK_THROW(t.SetAlign(3, TextTable::Align::kLeft), std::out_of_range);

  TextTable u({"t \xc2\xb5s", "n"});  // "t µs" is four columns wide
  u.SetAlign(1, TextTable::Align::kRight);
  u.AddRow({"1", "10"});
  BOOST_TEST(u.Render() ==
             "t \xc2\xb5s   n\n"
             "----  --\n"
             "1     10\n");
  BOOST_TEST(TextTable({"only"}).Render() == "only\n----\n");
}

BOOST_AUTO_TEST_CASE(process_pool_exit_codes_logs_and_callbacks) {
  TempDir tmp;
  const std::vector<Job> jobs = {
      tmp.Cmd("a", {"sh", "-c", "echo out; echo err >&2"}),
      tmp.Cmd("b", {"sh", "-c", "exit 3"}),
      tmp.Cmd("c", {"/nonexistent/binary", "arg"}),
      tmp.Cmd("d", {"sh", "-c", "kill -TERM $$"}),
      tmp.Cmd("e", {"sh", "-c", "cat; echo eof"}),  // stdin is /dev/null
      tmp.Cmd("logs/f", {"true"}),                  // the log's directory is created
  };
  ProcessPool pool(3);
  size_t calls = 0;
  const auto r = pool.Run(jobs, [&](const JobResult&, size_t done, size_t total) {
    BOOST_TEST(total == jobs.size());
    BOOST_TEST(done == ++calls);
  });
  BOOST_TEST(calls == jobs.size());
  BOOST_REQUIRE(r.size() == jobs.size());
  const int want_exit[] = {0, 3, 127, -SIGTERM, 0, 0};
  for (size_t i = 0; i < jobs.size(); ++i) {
    BOOST_TEST(r[i].id == jobs[i].id);  // results in job order
    BOOST_TEST(r[i].exit_code == want_exit[i]);
    BOOST_TEST(!r[i].timed_out);
  }
  BOOST_TEST(ReadFile(tmp.path / "a.log") == "out\nerr\n");
  BOOST_TEST(ReadFile(tmp.path / "c.log") ==
             std::string("cannot run /nonexistent/binary: ") + std::strerror(ENOENT) + "\n");
  BOOST_TEST(ReadFile(tmp.path / "e.log") == "eof\n");
  BOOST_TEST(ReadFile(tmp.path / "logs" / "f.log").empty());
  BOOST_TEST(NoChildren());  // every intermediate was reaped
  BOOST_TEST(pool.Run({}).empty());
  BOOST_CHECK_THROW(pool.Run({tmp.Cmd("x", {})}), std::invalid_argument);
  BOOST_CHECK_THROW(pool.Run({tmp.Cmd("a.log/x", {"true"})}), std::runtime_error);  // bad log
}

BOOST_AUTO_TEST_CASE(process_pool_runs_jobs_in_parallel_up_to_the_limit) {
  TempDir tmp;
  const std::vector<Job> jobs = {tmp.Cmd("a", {"sleep", "0.3"}), tmp.Cmd("b", {"sleep", "0.3"})};
  auto t0 = std::chrono::steady_clock::now();
  ProcessPool(2).Run(jobs);
  const double parallel = Since(t0);
  BOOST_TEST(parallel >= 0.3);
  BOOST_TEST(parallel < 0.55, "two 0.3 s sleeps took " << parallel << " s with 2 slots");
  t0 = std::chrono::steady_clock::now();
  const auto r = ProcessPool(1).Run(jobs);
  BOOST_TEST(Since(t0) >= 0.6);  // one slot: one after the other
  BOOST_TEST(r[0].seconds >= 0.3);
  BOOST_TEST(r[0].seconds < 0.55);
}

BOOST_AUTO_TEST_CASE(process_pool_timeout_kills_the_whole_process_group) {
  TempDir tmp;
  const fs::path pid_file = tmp.path / "bg.pid";
  ProcessPool pool(3);
  pool.SetTimeout(0.2);
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = pool.Run({
      tmp.Cmd("sleeper", {"sleep", "5"}),
      tmp.Cmd("tree", {"sh", "-c", "sleep 30 & echo $! > " + pid_file.string() + "; wait"}),
      tmp.Cmd("quick", {"true"}),
  });
  BOOST_TEST(Since(t0) < 2.0);
  BOOST_TEST(r[0].timed_out);
  BOOST_TEST(r[0].exit_code == -SIGKILL);
  BOOST_TEST(r[0].seconds >= 0.2);
  BOOST_TEST(r[0].seconds < 1.5);
  BOOST_TEST(r[1].timed_out);
  BOOST_TEST(!r[2].timed_out);
  BOOST_TEST(r[2].exit_code == 0);
  // The background grandchild went down with its group.
  const pid_t bg = static_cast<pid_t>(std::stol(ReadFile(pid_file)));
  for (int i = 0; i < 100 && Alive(bg); ++i) usleep(10000);
  BOOST_TEST(!Alive(bg));

  const JobResult single = RunAndMeasure(tmp.Cmd("single", {"sleep", "5"}), 0.2);
  BOOST_TEST(single.timed_out);
  BOOST_TEST(single.seconds < 1.5);
}

BOOST_AUTO_TEST_CASE(process_pool_callback_exception_kills_and_reaps_the_rest) {
  TempDir tmp;
  const auto t0 = std::chrono::steady_clock::now();
  BOOST_CHECK_THROW(ProcessPool(2).Run(
                        {tmp.Cmd("fast", {"true"}), tmp.Cmd("slow", {"sleep", "5"})},
                        [](const JobResult&, size_t, size_t) { throw std::runtime_error("stop"); }),
                    std::runtime_error);
  BOOST_TEST(Since(t0) < 2.0);
  BOOST_TEST(NoChildren());
}

BOOST_AUTO_TEST_CASE(process_pool_reports_peak_memory_of_the_process_tree) {
  TempDir tmp;
  if (!HavePython()) {
    BOOST_TEST_MESSAGE("python3 not available; max RSS check skipped");
    return;
  }
  const std::string alloc = "x = bytearray(60 * 1024 * 1024); print(len(x))";
  const JobResult direct = RunAndMeasure(tmp.Cmd("direct", {"python3", "-c", alloc}));
  BOOST_TEST(direct.exit_code == 0);
  BOOST_TEST(ReadFile(tmp.path / "direct.log") == "62914560\n");
  BOOST_TEST(direct.max_rss_kb >= 50 * 1024, direct.max_rss_kb << " KiB");
  // Through a shell that forks python3 and waits: the peak is the grandchild's.
  const JobResult tree =
      RunAndMeasure(tmp.Cmd("tree", {"sh", "-c", "python3 -c '" + alloc + "' >/dev/null; true"}));
  BOOST_TEST(tree.exit_code == 0);
  BOOST_TEST(tree.max_rss_kb >= 50 * 1024, tree.max_rss_kb << " KiB");
  const JobResult small = RunAndMeasure(tmp.Cmd("small", {"true"}));
  BOOST_TEST(small.max_rss_kb > 0);
  BOOST_TEST(small.max_rss_kb < 50 * 1024, small.max_rss_kb << " KiB");
}

BOOST_AUTO_TEST_SUITE_END()


BOOST_AUTO_TEST_SUITE(figures)

BOOST_AUTO_TEST_CASE(merge_replaces_in_place_and_appends) {
  const std::vector<Figure> stored = {{"a", 1, "s"}, {"b", 2, "s"}, {"c", 3, "s"}};
  const std::vector<Figure> merged = MergeFigures(stored, {{"b", 20, "ms"}, {"d", 4, "s"}});
  BOOST_REQUIRE(merged.size() == 4u);
  BOOST_TEST(merged[0].name == "a");
  BOOST_TEST(merged[1].name == "b");
  BOOST_TEST(merged[1].value == 20.0);
  BOOST_TEST(merged[1].unit == "ms");
  BOOST_TEST(merged[2].name == "c");
  BOOST_TEST(merged[3].name == "d");
}

BOOST_AUTO_TEST_CASE(write_keeps_figures_of_other_runs) {
  TempDir tmp;
  const fs::path f = tmp.path / "reports" / "bench.json";
  BOOST_TEST(ReadFigures(f).empty());
  BOOST_TEST(WriteFigures(f, {{"fw.scan.seconds", 12.5, "s"}, {"sim.speed", 1.0, "tile-cycles/s"}}) == 2u);
  BOOST_TEST(WriteFigures(f, {{"sim.speed", 2e6, "tile-cycles/s"}}) == 2u);
  const std::vector<Figure> back = ReadFigures(f);
  BOOST_REQUIRE(back.size() == 2u);
  BOOST_TEST(back[0].name == "fw.scan.seconds");
  BOOST_TEST(back[0].value == 12.5);
  BOOST_TEST(back[1].value == 2e6);
}

BOOST_AUTO_TEST_CASE(malformed_file_is_an_error_naming_the_field) {
  TempDir tmp;
  const fs::path f = tmp.path / "bench.json";
  WriteFileAtomic(f, "{\"figures\": [{\"name\": \"x\", \"value\": \"fast\", \"unit\": \"s\"}]}");
  const std::string err = ErrorOf([&] { ReadFigures(f); });
  BOOST_TEST(Contains(err, "bench.json: figures[0]"), err);
  BOOST_TEST(Contains(err, "number"), err);
  WriteFileAtomic(f, "{\"figures\": [{\"name\": \"x\", \"unit\": \"s\"}]}");
  BOOST_TEST(Contains(ErrorOf([&] { ReadFigures(f); }), "missing field \"value\""));
  WriteFileAtomic(f, "{\"figures\": [");
  BOOST_TEST(Contains(ErrorOf([&] { WriteFigures(f, {{"y", 1, "s"}}); }), "bench.json:1:"));
  // The unreadable file is left as it was, not overwritten.
  BOOST_TEST(ReadFile(f) == "{\"figures\": [");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::util
