// .npy reader/writer: parsing of hand-made files (bytes laid out per the
// NumPy format spec, not produced by our writer), round trips, and errors
// that name the file and the header field.
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <boost/test/unit_test.hpp>
#include <string>

#include "util/npy.h"

namespace wse::util {
namespace {

// A version 1.0 file with `header` (padded with spaces to 64 bytes total
// prefix, as numpy does) followed by `data`.
std::string Make(std::string header, const std::string& data) {
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string f = std::string("\x93NUMPY\x01\x00", 8);
  f += static_cast<char>(header.size());
  f += '\0';
  return f + header + data;
}

std::string ErrorOf(const std::string& bytes) {
  try {
    ParseNpy(bytes, "in.npy");
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

BOOST_AUTO_TEST_SUITE(npy)

BOOST_AUTO_TEST_CASE(parses_int16_matrix) {
  // [[1, -2, 3], [-32768, 32767, 0]] as little-endian int16.
  const std::string data("\x01\x00\xfe\xff\x03\x00\x00\x80\xff\x7f\x00\x00", 12);
  const NpyArray a = ParseNpy(Make("{'descr': '<i2', 'fortran_order': False, 'shape': (2, 3), }", data), "m");
  BOOST_TEST(a.dtype == "<i2");
  BOOST_TEST(a.shape.size() == 2u);
  BOOST_TEST(a.shape[0] == 2u);
  BOOST_TEST(a.shape[1] == 3u);
  const std::vector<int64_t> want{1, -2, 3, -32768, 32767, 0};
  BOOST_TEST(a.values == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(parses_int32_vector_and_round_trips) {
  const std::string data("\xff\xff\xff\xff\x00\x00\x00\x80", 8);
  const NpyArray a = ParseNpy(Make("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", data), "v");
  BOOST_TEST(a.values[0] == -1);
  BOOST_TEST(a.values[1] == INT32_MIN);
  const std::string f = FormatNpy(a);
  BOOST_TEST(f.size() % 64 == 8u);  // 64-byte aligned header, 8 data bytes
  BOOST_TEST(f.substr(f.size() - 8) == data);
  const NpyArray b = ParseNpy(f, "again");
  BOOST_TEST(b.values == a.values, boost::test_tools::per_element());
  BOOST_TEST(b.shape == a.shape, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(errors_name_the_problem) {
  BOOST_TEST(ErrorOf("not a numpy file") == "in.npy: not a .npy file (bad magic)");
  BOOST_TEST(ErrorOf(Make("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", "abcd")).find(
                 "field 'descr': dtype '<f4' is not supported") != std::string::npos);
  BOOST_TEST(ErrorOf(Make("{'descr': '<i4', 'fortran_order': True, 'shape': (1,), }", "abcd")).find(
                 "field 'fortran_order'") != std::string::npos);
  BOOST_TEST(ErrorOf(Make("{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }", "abcd")) ==
             "in.npy: data is 4 bytes, shape needs 8");
  BOOST_TEST(ErrorOf(Make("{'descr': '<i4', 'fortran_order': False, }", "")) == "in.npy: header has no field 'shape'");
  NpyArray big{"<i2", {1}, {40000}};
  BOOST_CHECK_THROW(FormatNpy(big), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace wse::util
