// WorkerPool: every index exactly once per phase, phases strictly ordered.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <vector>

#include "models/worker_pool.h"

namespace wse::tb {

BOOST_AUTO_TEST_SUITE(worker_pool)

BOOST_AUTO_TEST_CASE(each_index_once_per_phase) {
  for (int threads : {1, 2, 3}) {
    WorkerPool pool(threads);
    std::vector<int> hits(37, 0);
    for (int phase = 0; phase < 5000; ++phase) {
      pool.ParallelFor(hits.size(), [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i) ++hits[i];
      });
    }
    for (int h : hits) BOOST_TEST(h == 5000);
  }
}

BOOST_AUTO_TEST_CASE(phases_do_not_overlap) {
  WorkerPool pool(2);
  std::vector<uint64_t> a(64, 0), b(64, 0);
  for (uint64_t phase = 1; phase <= 2000; ++phase) {
    // Phase 1 writes a; phase 2 reads all of a. A worker still in phase 1
    // while another reads would show up as a stale value.
    pool.ParallelFor(a.size(), [&](size_t s, size_t e) {
      for (size_t i = s; i < e; ++i) a[i] = phase;
    });
    std::atomic<int> stale{0};
    pool.ParallelFor(b.size(), [&](size_t s, size_t e) {
      for (size_t i = s; i < e; ++i) {
        b[i] = a[(i + 32) % a.size()];
        if (b[i] != phase) ++stale;
      }
    });
    BOOST_REQUIRE(stale.load() == 0);
  }
}

BOOST_AUTO_TEST_CASE(empty_and_tiny_ranges) {
  WorkerPool pool(2);
  int calls = 0;
  pool.ParallelFor(0, [&](size_t b, size_t e) { calls += static_cast<int>(e - b); });
  pool.ParallelFor(1, [&](size_t b, size_t e) { calls += static_cast<int>(e - b); });
  BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace wse::tb
