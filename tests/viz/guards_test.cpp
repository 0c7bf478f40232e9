// Guards: armed, they find the first event where a promise broke after the cursor — an
// acknowledged record lost at an election, a record a group processed twice — and nothing once
// disarmed or once the cursor is past it. The events are the simulator's (the ledger's).

#include "viz/model/guards.h"

#include <catch2/catch.hpp>

#include "sim/script/scenario.h"
#include "viz/model/history.h"

namespace kafkasim::viz {
namespace {

std::shared_ptr<const Scenario> LoadScenarioFile(const std::string& name) {
  return std::make_shared<const Scenario>(LoadScenario(std::string(KAFKASIM_SOURCE_DIR) + "/scenarios/" + name));
}

TEST_CASE("the guard on lost acknowledged records stops at the election that lost them") {
  History history(LoadScenarioFile("acks-and-data-loss.scn"), 5);
  const Timeline& timeline = history.timeline();
  Guards guards;
  const std::optional<size_t> hit = guards.FirstHit(timeline, std::nullopt, history.horizon());
  REQUIRE(hit);
  CHECK(timeline.At(*hit).kind == "ledger.lost");
  CHECK(Guards::Watching(timeline.At(*hit).kind) == Guard::kAckedRecordLost);
  // Its cause is the election that made a leader without them.
  REQUIRE(timeline.At(*hit).cause != 0);
  CHECK(timeline.Find(timeline.At(*hit).cause)->kind == "replica.leader");
  // Not before its time, not once passed, not when disarmed.
  CHECK_FALSE(guards.FirstHit(timeline, std::nullopt, timeline.At(*hit).time - Duration::Micros(1)));
  CHECK(guards.FirstHit(timeline, hit, history.horizon()) != hit);
  guards.set_armed(Guard::kAckedRecordLost, false);
  const std::optional<size_t> other = guards.FirstHit(timeline, std::nullopt, history.horizon());
  CHECK((!other || timeline.At(*other).kind != "ledger.lost"));
}

TEST_CASE("the guard on duplicates stops where an at-least-once group processes a record again") {
  History history(LoadScenarioFile("at-least-once.scn"), 5);
  const Timeline& timeline = history.timeline();
  Guards guards;
  const std::optional<size_t> hit = guards.FirstHit(timeline, std::nullopt, history.horizon());
  REQUIRE(hit);
  CHECK(timeline.At(*hit).kind == "ledger.duplicate");
  CHECK(timeline.At(*hit).narration.find("a second time for group billing") != std::string_view::npos);
  guards.set_armed(Guard::kDuplicateProcessed, false);
  CHECK_FALSE(guards.FirstHit(timeline, std::nullopt, history.horizon()));
}

TEST_CASE("every guard names a distinct event kind, in the catalog's order") {
  for (size_t i = 0; i < kGuards; ++i) {
    const GuardInfo& info = GuardCatalog()[i];
    CHECK(static_cast<size_t>(info.guard) == i);
    CHECK(Guards::Watching(info.event_kind) == info.guard);
  }
  CHECK_FALSE(Guards::Watching("partition.leader_change"));
}

}  // namespace
}  // namespace kafkasim::viz
