// --reset-offsets' pure rules: --topic arguments, Utils.getDateTime, java.time.Duration.parse,
// the lookups each scenario needs and the plan it makes (consumer_groups_reset.h).

#include <catch2/catch.hpp>

#include "sim/tools/consumer_groups_reset.h"

namespace kafkasim {
namespace {

const TopicPartition kT0{"orders", 0}, kT1{"orders", 1};

TEST_CASE("a --topic argument names a whole topic or some of its partitions") {
  CHECK(std::get<TopicArg>(ParseTopicArg("orders")).topic == "orders");
  CHECK(!std::get<TopicArg>(ParseTopicArg("orders")).partitions);
  CHECK(*std::get<TopicArg>(ParseTopicArg("orders:0,2")).partitions == std::vector<int32_t>{0, 2});
  CHECK(std::get<std::string>(ParseTopicArg("orders:0,x")) == "For input string: \"x\"");
  CHECK(std::get<std::string>(ParseTopicArg("orders:")) == "Index 1 out of bounds for length 1");
}

TEST_CASE("--to-datetime reads yyyy-MM-ddTHH:mm:ss.SSS, in UTC unless a zone is given") {
  CHECK(std::get<int64_t>(ParseKafkaDateTime("1970-01-01T00:00:30.000")) == 30'000);
  CHECK(std::get<int64_t>(ParseKafkaDateTime("2024-03-04T21:46:20.108")) == 1709588780108);
  CHECK(std::get<int64_t>(ParseKafkaDateTime("2024-03-04T21:46:20.108Z")) == 1709588780108);
  CHECK(std::get<int64_t>(ParseKafkaDateTime("2024-03-04T22:46:20.108+01:00")) == 1709588780108);
  CHECK(std::get<int64_t>(ParseKafkaDateTime("2024-03-04T20:16:20.108-0130")) == 1709588780108);
  CHECK(std::get<std::string>(ParseKafkaDateTime("2024-03-04 21:46:20.108")) ==
        "Error parsing timestamp. It does not contain a 'T' according to ISO8601 format: 2024-03-04 21:46:20.108");
  CHECK(std::get<std::string>(ParseKafkaDateTime("2024-03-04T21:46:20")) ==
        "Unparseable date: \"2024-03-04T21:46:20Z\"");
  CHECK(std::holds_alternative<std::string>(ParseKafkaDateTime("2023-02-29T00:00:00.000")));
}

TEST_CASE("--by-duration reads java.time.Duration's PnDTnHnMn.nS") {
  CHECK(std::get<int64_t>(ParseJavaDuration("PT10M")) == 600'000);
  CHECK(std::get<int64_t>(ParseJavaDuration("pt1.5s")) == 1'500);
  CHECK(std::get<int64_t>(ParseJavaDuration("P1DT2H")) == 93'600'000);
  CHECK(std::get<int64_t>(ParseJavaDuration("-PT5S")) == -5'000);
  CHECK(std::get<int64_t>(ParseJavaDuration("PT-1.5S")) == -1'500);
  for (const char* bad : {"P", "PT", "10M", "PT1H30", ""}) {
    CHECK(std::get<std::string>(ParseJavaDuration(bad)) == "Text cannot be parsed to a Duration");
  }
}

TEST_CASE("the time scenarios look up now minus the duration, never before the simulation's epoch") {
  const ResetScenario ago{.kind = ResetScenarioKind::kByDuration, .text = "PT10S"};
  CHECK(std::get<int64_t>(ResetTimestamp(ago, 60'000)) == 50'000);
  CHECK(std::get<int64_t>(ResetTimestamp(ago, 4'000)) == 0);
  CHECK(std::get<int64_t>(ResetTimestamp({.kind = ResetScenarioKind::kToDatetime, .text = "1969-12-31T23:59:59.000"},
                                         0)) == 0);
}

TEST_CASE("each scenario asks only for what it needs") {
  CHECK(LookupsFor(ResetScenarioKind::kToEarliest).log_start);
  CHECK(!LookupsFor(ResetScenarioKind::kToEarliest).log_end);
  CHECK(LookupsFor(ResetScenarioKind::kShiftBy).committed);
  CHECK(!LookupsFor(ResetScenarioKind::kToOffset).committed);
  CHECK(LookupsFor(ResetScenarioKind::kToDatetime).timestamp);
}

ResetInputs Inputs() {
  return ResetInputs{.committed = {{kT0, 5}}, .log_start = {{kT0, 2}, {kT1, 0}}, .log_end = {{kT0, 10}, {kT1, 4}},
                     .by_timestamp = {{kT0, 7}, {kT1, -1}}};
}

using Offsets = std::vector<std::pair<TopicPartition, int64_t>>;

TEST_CASE("--to-earliest, --to-latest and --to-current take the log's ends or the committed offset") {
  const std::vector<TopicPartition> both{kT1, kT0};
  CHECK(PlanReset({.kind = ResetScenarioKind::kToEarliest}, both, Inputs()).offsets == Offsets{{kT1, 0}, {kT0, 2}});
  CHECK(PlanReset({.kind = ResetScenarioKind::kToLatest}, both, Inputs()).offsets == Offsets{{kT1, 4}, {kT0, 10}});
  // Nothing committed on orders-1: its log end offset.
  CHECK(PlanReset({.kind = ResetScenarioKind::kToCurrent}, both, Inputs()).offsets == Offsets{{kT1, 4}, {kT0, 5}});
}

TEST_CASE("--to-offset and --shift-by are clamped into the log, with Kafka's WARN") {
  const ResetPlan high = PlanReset({.kind = ResetScenarioKind::kToOffset, .value = 12}, {kT0}, Inputs());
  CHECK(high.offsets == Offsets{{kT0, 10}});
  CHECK(high.warnings == std::vector<std::string>{
                             "New offset (12) is higher than latest offset for topic partition orders-0. Value will "
                             "be set to 10"});
  const ResetPlan low = PlanReset({.kind = ResetScenarioKind::kShiftBy, .value = -4}, {kT0}, Inputs());
  CHECK(low.offsets == Offsets{{kT0, 2}});
  CHECK(low.warnings == std::vector<std::string>{
                            "New offset (1) is lower than earliest offset for topic partition orders-0. Value will be "
                            "set to 2"});
  const ResetPlan inside = PlanReset({.kind = ResetScenarioKind::kShiftBy, .value = 3}, {kT0}, Inputs());
  CHECK(inside.offsets == Offsets{{kT0, 8}});
  CHECK(inside.warnings.empty());
}

TEST_CASE("--shift-by needs a committed offset") {
  const ResetPlan p = PlanReset({.kind = ResetScenarioKind::kShiftBy, .value = 1}, {kT0, kT1}, Inputs());
  CHECK(p.usage_error == "Cannot shift offset for partition orders-1 since there is no current committed offset");
}

TEST_CASE("--to-datetime takes the first offset at or after the time, else the log end") {
  const ResetPlan p = PlanReset({.kind = ResetScenarioKind::kToDatetime}, {kT0, kT1}, Inputs());
  CHECK(p.offsets == Offsets{{kT0, 7}, {kT1, 4}});
}

}  // namespace
}  // namespace kafkasim
