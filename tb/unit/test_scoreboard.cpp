// Scoreboard: exactly once, in order per source and color, at the right place.
#include <boost/test/unit_test.hpp>

#include <sstream>

#include "harness/log.h"
#include "harness/scoreboard.h"

namespace wse::tb {
namespace {

struct Fixture {
  std::ostringstream out;
  LogSink sink{out, LogLevel::kError};
  Scoreboard sb{Logger(sink, "sb")};
  int a = sb.AddEndpoint("A"), b = sb.AddEndpoint("B"), x = sb.AddEndpoint("X"), y = sb.AddEndpoint("Y");
  Wavelet W(uint32_t d, uint8_t c = 1) { return Wavelet{d, c, false}; }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(scoreboard)

BOOST_FIXTURE_TEST_CASE(clean_multicast, Fixture) {
  sb.Expect(a, W(1), {x, y});
  sb.Expect(a, W(2), {x, y});
  sb.Observe(y, W(1));
  sb.Observe(x, W(1));
  sb.Observe(x, W(2));
  sb.Observe(y, W(2));
  BOOST_TEST(sb.Check());
  BOOST_TEST(sink.errors() == 0);
}

BOOST_FIXTURE_TEST_CASE(sources_may_interleave, Fixture) {
  sb.Expect(a, W(1), {x});
  sb.Expect(b, W(10), {x});
  sb.Expect(a, W(2), {x});
  sb.Observe(x, W(10));
  sb.Observe(x, W(1));
  sb.Observe(x, W(2));
  BOOST_TEST(sb.Check());
}

BOOST_FIXTURE_TEST_CASE(reorder_within_a_stream_is_an_error, Fixture) {
  sb.Expect(a, W(1), {x});
  sb.Expect(a, W(2), {x});
  sb.Observe(x, W(2));
  sb.Observe(x, W(1));
  BOOST_TEST(!sb.Check());
  BOOST_TEST(out.str().find("out of order") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(colors_are_independent_streams, Fixture) {
  sb.Expect(a, W(1, 1), {x});
  sb.Expect(a, W(2, 2), {x});
  sb.Observe(x, W(2, 2));
  sb.Observe(x, W(1, 1));
  BOOST_TEST(sb.Check());
}

BOOST_FIXTURE_TEST_CASE(missing_duplicate_misrouted, Fixture) {
  sb.Expect(a, W(1), {x});
  sb.Expect(a, W(2), {x});
  sb.Expect(a, W(3), {x});
  sb.Observe(x, W(1));
  sb.Observe(x, W(1));  // duplicate
  sb.Observe(y, W(2));  // wrong endpoint
  BOOST_TEST(!sb.Check());
  const std::string s = out.str();
  BOOST_TEST(s.find("unexpected wavelet at X") != std::string::npos);
  BOOST_TEST(s.find("misrouted") != std::string::npos);
  BOOST_TEST(s.find("missing") != std::string::npos);
  BOOST_TEST(sb.outstanding() == 2u);
}

BOOST_FIXTURE_TEST_CASE(corrupted_payload, Fixture) {
  sb.Expect(a, W(0x100), {x});
  sb.Observe(x, W(0x101));
  BOOST_TEST(!sb.Check());
}

BOOST_FIXTURE_TEST_CASE(dropped_wavelet_expects_nothing, Fixture) {
  sb.Expect(a, W(5), {});
  BOOST_TEST(sb.Check());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::tb
