#include "sim/record/max_tree.h"

#include <catch2/catch.hpp>

#include "sim/core/random.h"

using namespace kafkasim;

TEST_CASE("max tree: reports every value above the threshold in the prefix, across growth") {
  Random random(11, "max-tree-test");
  MaxTree tree;
  std::vector<int64_t> values;
  for (int round = 0; round < 3000; ++round) {
    values.push_back(random.Between(-1000, 1000));
    CHECK(tree.Append(values.back()) == values.size() - 1);
    if (random.Chance(0.3)) {
      const auto index = static_cast<uint32_t>(random.Below(values.size()));
      values[index] = random.Between(-1000, 1000);
      tree.Set(index, values[index]);
    }
    const size_t prefix = random.Below(values.size() + 2);
    const int64_t threshold = random.Between(-1100, 1100);
    std::vector<uint32_t> expected;
    for (size_t i = 0; i < std::min(prefix, values.size()); ++i) {
      if (values[i] > threshold) expected.push_back(static_cast<uint32_t>(i));
    }
    std::vector<uint32_t> actual;
    tree.ReportGreater(prefix, threshold, &actual);
    REQUIRE(actual == expected);
  }
  CHECK(tree.size() == 3000);
}
