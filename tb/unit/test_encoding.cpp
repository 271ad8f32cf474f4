// Bit layouts of the C++ packet mirrors against the tables in docs/.
#include <boost/test/unit_test.hpp>

#include "harness/signal.h"
#include "harness/wavelet.h"

namespace wse::tb {

BOOST_AUTO_TEST_SUITE(encoding)

BOOST_AUTO_TEST_CASE(wavelet_layout) {
  // {ctrl[37], color[36:32], data[31:0]}
  const Wavelet data_only{0xdeadbeef, 0, false}, color_only{0, 31, false}, ctrl_only{0, 0, true};
  BOOST_TEST(data_only.Pack() == 0xdeadbeefULL);
  BOOST_TEST(color_only.Pack() == (31ULL << 32));
  BOOST_TEST(ctrl_only.Pack() == (1ULL << 37));
  const Wavelet w{0x12345678, 23, true};
  BOOST_TEST((Wavelet::Unpack(w.Pack()) == w));
  BOOST_TEST(Wavelet::Unpack(~0ULL).color == 31);  // bits above 37 ignored
}

BOOST_AUTO_TEST_CASE(route_layout) {
  // [9:5] rx_mask, [4:0] tx_mask
  const Route r{0x10, 0x01}, all{0x1f, 0x1f};
  BOOST_TEST(r.Pack() == 0x201u);
  BOOST_TEST((Route::Unpack(0x3ff) == all));
}

// Field positions from the layout in rtl/common/wse_pkg.sv, bit by bit, and
// the parity bit (73) making every word even.
BOOST_AUTO_TEST_CASE(cfg_packet_layout) {
  auto bits = [](const CfgPacket& p) {
    const CfgWord w = p.Pack();
    return std::pair<uint64_t, uint64_t>(w.lo, w.hi & 0x1ff);
  };
  CfgPacket p;
  p.is_resp = true;
  BOOST_TEST((bits(p) == std::pair<uint64_t, uint64_t>(0, 1u << 8)));
  BOOST_TEST(p.Pack().hi >> 9 == 1u);  // one bit set: parity 1
  p = {};
  p.write = true;
  BOOST_TEST((bits(p) == std::pair<uint64_t, uint64_t>(0, 1u << 7)));
  p = {};
  p.bcast = true;
  BOOST_TEST((bits(p) == std::pair<uint64_t, uint64_t>(0, 1u << 6)));
  p = {};
  p.status = 2;
  BOOST_TEST((bits(p) == std::pair<uint64_t, uint64_t>(0, 2u << 4)));
  p = {};
  p.tag = 0xab;  // bits 67:60
  BOOST_TEST((bits(p) == std::pair<uint64_t, uint64_t>(0xbULL << 60, 0xa)));
  p = {};
  p.row = 0x3ff;
  BOOST_TEST((bits(p) == std::pair<uint64_t, uint64_t>(0x3ffULL << 50, 0)));
  BOOST_TEST(p.Pack().hi >> 9 == 0u);  // ten bits set: parity 0
  p = {};
  p.col = 0x3ff;
  BOOST_TEST((bits(p) == std::pair<uint64_t, uint64_t>(0x3ffULL << 40, 0)));
  p = {};
  p.addr = 0x21;
  BOOST_TEST((bits(p) == std::pair<uint64_t, uint64_t>(0x21ULL << 32, 0)));
  CfgPacket q{true, true, false, 1, 200, 77, 513, 0x27, 0xcafef00d};
  bool ok = false;
  BOOST_TEST((CfgPacket::Unpack(q.Pack(), &ok) == q));
  BOOST_TEST(ok);
  CfgWord bad = q.Pack();
  bad.lo ^= 1u << 5;
  CfgPacket::Unpack(bad, &ok);
  BOOST_TEST(!ok);
  BOOST_TEST(q.Pack().hi < (1ULL << 10));
}

BOOST_AUTO_TEST_CASE(directions) {
  BOOST_TEST(static_cast<int>(Opposite(Dir::kN)) == static_cast<int>(Dir::kS));
  BOOST_TEST(static_cast<int>(Opposite(Dir::kE)) == static_cast<int>(Dir::kW));
  BOOST_TEST(std::string(DirName(Dir::kRamp)) == "ramp");
}

BOOST_AUTO_TEST_CASE(signal_ref_slices) {
  CData c = 0;
  SignalRef(c, 2, 1).Set(1);
  BOOST_TEST(c == 4);
  QData q = 0;
  SignalRef(q, 3, 38).Set(0x3fffffffffULL);
  BOOST_TEST(q == (0x3fffffffffULL << 3));
  BOOST_TEST(SignalRef(q, 3, 38).Get() == 0x3fffffffffULL);
  VlWide<6> w;
  for (int i = 0; i < 6; ++i) w[i] = 0;
  // Slice 4 of a 5 x 38-bit vector straddles words 4 and 5.
  SignalRef s(w, 4 * 38, 38);
  s.Set(0x2a5a5a5a5aULL);
  BOOST_TEST(s.Get() == 0x2a5a5a5a5aULL);
  BOOST_TEST(SignalRef(w, 3 * 38, 38).Get() == 0u);  // neighbours untouched
  SignalRef(w, 3 * 38, 38).Set(~0ULL);
  BOOST_TEST(s.Get() == 0x2a5a5a5a5aULL);
  BOOST_TEST(SignalRef(w, 3 * 38, 38).Get() == 0x3fffffffffULL);
  BOOST_CHECK_THROW(SignalRef(w, 190, 38), std::out_of_range);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::tb
