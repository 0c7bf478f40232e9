#include "viz/model/rebuild_pacer.h"

#include <catch2/catch.hpp>

namespace kafkasim::viz {
namespace {

TEST_CASE("cheap cluster models are reread every frame, costly ones at most a fifth of the time") {
  RebuildPacer pacer;
  CHECK(pacer.Due(0));
  pacer.Read(0.5, 0.5);  // three brokers
  CHECK(pacer.Due(0.6));
  CHECK(pacer.Due(17));
  pacer.Read(27, 10);  // a hundred brokers: 10 ms a read
  CHECK_FALSE(pacer.Due(43));  // the next frame shows the models read 16 ms ago
  CHECK_FALSE(pacer.Due(66.9));
  CHECK(pacer.Due(67));  // 40 ms later
  pacer.Read(80, 0.8);  // the cluster shrank
  CHECK(pacer.Due(80.1));
}

}  // namespace
}  // namespace kafkasim::viz
