#include "sim/core/timer_callback.h"

#include <array>
#include <functional>
#include <memory>

#include <catch2/catch.hpp>

using namespace kafkasim;

TEST_CASE("a timer callback runs what it holds, captures and all") {
  int fired = 0;
  const int step = 3;
  TimerCallback callback = [&fired, step] { fired += step; };
  REQUIRE(callback);
  callback();
  callback();
  CHECK(fired == 6);
}

TEST_CASE("a timer callback releases its captures once, when reset or destroyed") {
  auto token = std::make_shared<int>(7);
  {
    TimerCallback callback = [token] { CHECK(*token == 7); };
    CHECK(token.use_count() == 2);
    TimerCallback moved = std::move(callback);
    CHECK_FALSE(callback);
    CHECK(token.use_count() == 2);
    moved();
    moved.Reset();
    CHECK_FALSE(moved);
    CHECK(token.use_count() == 1);
    moved = [token] {};
    CHECK(token.use_count() == 2);
  }
  CHECK(token.use_count() == 1);
}

TEST_CASE("a capture too big to keep inline still runs, from the heap") {
  auto token = std::make_shared<int>(0);
  std::array<int64_t, 16> big{};
  big[15] = 42;
  static_assert(sizeof(big) > TimerCallback::kInlineBytes);
  int64_t seen = 0;
  {
    TimerCallback callback = [big, token, &seen] { seen = big[15]; };
    TimerCallback moved = std::move(callback);
    moved();
    CHECK(token.use_count() == 2);
  }
  CHECK(seen == 42);
  CHECK(token.use_count() == 1);
}

TEST_CASE("a timer callback takes move-only captures and std::functions") {
  auto owned = std::make_unique<int>(5);
  int seen = 0;
  TimerCallback callback = [owned = std::move(owned), &seen] { seen = *owned; };
  callback();
  CHECK(seen == 5);

  std::function<void()> function = [&seen] { seen = 9; };
  TimerCallback wrapped = function;
  wrapped();
  CHECK(seen == 9);

  std::function<void()> empty;
  CHECK_FALSE(TimerCallback(empty));
  CHECK_FALSE(TimerCallback(nullptr));
}
