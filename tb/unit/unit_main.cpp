// Entry point of the Boost.Test unit-test executable (wse_unit).
#define BOOST_TEST_MODULE wse_unit
#include <boost/test/unit_test.hpp>
