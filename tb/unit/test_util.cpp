// Host utilities: JSON, atomic files, JUnit, tables, process pool.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "util/atomic_file.h"
#include "util/json.h"
#include "util/junit.h"
#include "util/process_pool.h"
#include "util/text_table.h"

namespace wse::util {
namespace {

std::string ParseError(const std::string& text) {
  try {
    Json::Parse(text, "f.json");
  } catch (const JsonError& e) {
    return e.what();
  }
  return "no error";
}

std::filesystem::path TempDir() {
  auto d = std::filesystem::temp_directory_path() / ("wse_unit_" + std::to_string(getpid()));
  std::filesystem::create_directories(d);
  return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(util)

BOOST_AUTO_TEST_CASE(json_round_trip) {
  Json o = Json::Object();
  o.Set("name", Json("a\"b\\c\n\x01"));
  o.Set("int", Json(int64_t{-9007199254740993}));
  o.Set("dbl", Json(0.1));
  o.Set("whole", Json(3.0));
  Json arr = Json::Array();
  arr.Push(Json(true));
  arr.Push(Json());
  arr.Push(Json("\xc3\xa9"));
  o.Set("list", arr);
  for (int indent : {0, 2}) {
    const Json back = Json::Parse(o.Dump(indent));
    BOOST_TEST(back.Get("name")->AsString() == "a\"b\\c\n\x01");
    BOOST_TEST(back.Get("int")->AsInt() == int64_t{-9007199254740993});
    BOOST_TEST(back.Get("dbl")->AsDouble() == 0.1);
    BOOST_TEST((back.Get("whole")->type() == Json::Type::kDouble));
    BOOST_TEST(back.Get("list")->Items().size() == 3u);
    BOOST_TEST(back.Get("list")->Items()[2].AsString() == "\xc3\xa9");
    BOOST_TEST(back.Dump(2) == o.Dump(2));
  }
  BOOST_TEST(Json(1e300).Dump() == "1e+300");
  BOOST_CHECK_THROW(Json(std::nan("")).Dump(), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(json_escapes_and_unicode) {
  const Json j = Json::Parse(R"(["\u00e9\ud83d\ude00\/\t"])");
  BOOST_TEST(j.Items()[0].AsString() == "\xc3\xa9\xf0\x9f\x98\x80/\t");
  const Json obj = Json::Parse("{\"k\": 1}");
  obj.Get("k")->AsInt();
  Json replace = Json::Object();
  replace.Set("a", Json(1));
  replace.Set("a", Json(2));
  BOOST_TEST(replace.Size() == 1u);
  BOOST_TEST(replace.Get("a")->AsInt() == 2);
}

BOOST_AUTO_TEST_CASE(json_errors_name_line_and_column) {
  BOOST_TEST(ParseError("{\n  \"a\": 1\n  \"b\": 2}") == "f.json:3:3: expected ',' or '}' after object member");
  BOOST_TEST(ParseError("[1, 2,]") == "f.json:1:7: trailing comma before ']'");
  BOOST_TEST(ParseError("{\"a\": 1, \"a\": 2}") == "f.json:1:10: duplicate key \"a\"");
  BOOST_TEST(ParseError("\"abc") == "f.json:1:5: unterminated string");
  BOOST_TEST(ParseError("\"\\q\"") == "f.json:1:3: invalid escape '\\q'");
  BOOST_TEST(ParseError("{} x") == "f.json:1:4: unexpected text after the JSON value");
  BOOST_TEST(ParseError("012") == "f.json:1:2: leading zeros are not allowed");
  BOOST_TEST(ParseError("") == "f.json:1:1: expected a value, found the end of the input");
  BOOST_TEST(ParseError("[tru]") == "f.json:1:2: expected a value, found 't'");
  BOOST_CHECK_THROW(Json::Parse("1").AsString(), JsonError);
}

BOOST_AUTO_TEST_CASE(atomic_write_replaces_and_cleans_up) {
  const auto dir = TempDir() / "atomic" / "sub";
  const auto f = dir / "report.json";
  WriteFileAtomic(f, "first");
  WriteFileAtomic(f, "second");
  BOOST_TEST(ReadFile(f) == "second");
  int entries = 0;
  for (auto& e : std::filesystem::directory_iterator(dir)) {
    (void)e;
    ++entries;
  }
  BOOST_TEST(entries == 1);  // no temp file left
  try {
    WriteFileAtomic("/proc/forbidden/x.json", "x");
    BOOST_FAIL("expected an error");
  } catch (const std::runtime_error& e) {
    BOOST_TEST(std::string(e.what()).find("/proc/forbidden") != std::string::npos);
  }
  BOOST_CHECK_THROW(ReadFile(dir / "missing"), std::runtime_error);
  std::filesystem::remove_all(TempDir());
}

BOOST_AUTO_TEST_CASE(junit_counts_and_escapes) {
  std::vector<TestCaseResult> cases(3);
  cases[0] = {"s", "ok", 1.5, true, false, "", ""};
  cases[1] = {"s", "bad <1> & \"2\"", 0.25, false, false, "expected 'x' got \x02y", "repro"};
  cases[2] = {"s", "skip", 0, false, true, "", ""};
  const std::string x = JunitXml("suite", cases);
  BOOST_TEST(x.find("tests=\"3\" failures=\"1\" skipped=\"1\"") != std::string::npos);
  BOOST_TEST(x.find("name=\"bad &lt;1&gt; &amp; &quot;2&quot;\"") != std::string::npos);
  BOOST_TEST(x.find("message=\"expected &apos;x&apos; got y\"") != std::string::npos);
  BOOST_TEST(x.find("<skipped/>") != std::string::npos);
  BOOST_TEST(x.find("<system-out>repro</system-out>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(table_renders_aligned) {
  TextTable t({"test", "cycles", "result"});
  t.SetAlign(1, TextTable::Align::kRight);
  t.AddRow({"a", "5", "PASS"});
  t.AddRow({"longer", "12345", "FAIL"});
  BOOST_TEST(t.Render() ==
             "test    cycles  result\n"
             "------  ------  ------\n"
             "a            5  PASS\n"
             "longer   12345  FAIL\n");
  BOOST_CHECK_THROW(t.AddRow({"x"}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(process_pool_runs_in_parallel_with_logs_and_timeouts) {
  const auto dir = TempDir() / "pool";
  std::vector<Job> jobs = {
      {{"sh", "-c", "sleep 0.3; echo one"}, dir / "a.log", "a"},
      {{"sh", "-c", "sleep 0.3; exit 3"}, dir / "b.log", "b"},
      {{"/nonexistent/binary"}, dir / "c.log", "c"},
  };
  ProcessPool pool(3);
  size_t calls = 0;
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = pool.Run(jobs, [&](const JobResult&, size_t done, size_t total) {
    ++calls;
    BOOST_TEST(total == 3u);
    BOOST_TEST(done == calls);
  });
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  BOOST_TEST(wall < 0.55);  // the two sleeps overlapped
  BOOST_TEST(r[0].exit_code == 0);
  BOOST_TEST(r[1].exit_code == 3);
  BOOST_TEST(r[2].exit_code == 127);
  BOOST_TEST(ReadFile(dir / "a.log") == "one\n");
  BOOST_TEST(ReadFile(dir / "c.log").find("cannot run /nonexistent/binary") != std::string::npos);

  const JobResult slow = RunAndMeasure({{"sleep", "5"}, dir / "slow.log", "slow"}, 0.2);
  BOOST_TEST(slow.timed_out);
  BOOST_TEST(slow.seconds < 2.0);

  const JobResult mem =
      RunAndMeasure({{"sh", "-c", "python3 -c 'x = bytearray(60 * 1024 * 1024); print(len(x))'"}, dir / "m.log", "m"});
  if (mem.exit_code == 0) {
    BOOST_TEST(mem.max_rss_kb >= 50 * 1024);  // peak of the grandchild, reaped by sh
  } else {
    BOOST_TEST_MESSAGE("python3 not available; max RSS check skipped");
  }
  std::filesystem::remove_all(TempDir());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::util
