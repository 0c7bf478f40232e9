// The charts' model: the History samples its lead every simulated second, the same way every
// time, and the charts' lines are read from those samples: records committed per second, the
// under-replicated partitions while a broker is down, each group's lag.

#include "viz/model/charts.h"

#include <catch2/catch.hpp>

#include "tests/viz/viz_fixture.h"
#include "viz/model/history.h"

namespace kafkasim::viz {
namespace {

using namespace kafkasim::time_literals;

std::shared_ptr<const Scenario> BrokersScenario() { return testing::BrokersScript().scenario; }

const ChartSample& SampleAt(const std::vector<ChartSample>& samples, Time t) {
  for (const ChartSample& s : samples) {
    if (s.time == t) return s;
  }
  FAIL("no sample at " << FormatTime(t));
  return samples.front();
}

TEST_CASE("the lead is sampled every second, identically on every run") {
  History a(BrokersScenario(), 11);
  History b(BrokersScenario(), 11);
  const std::vector<ChartSample>& samples = a.branch().samples;
  REQUIRE(samples.size() >= 45);  // the scenario (40 s) and its tail
  for (size_t i = 0; i < samples.size(); ++i) CHECK(samples[i].time == Time::Zero() + Duration::Seconds(static_cast<int64_t>(i)));
  REQUIRE(b.branch().samples.size() == samples.size());
  for (size_t i = 0; i < samples.size(); ++i) {
    CHECK(b.branch().samples[i].committed == samples[i].committed);
    CHECK(b.branch().samples[i].under_replicated == samples[i].under_replicated);
  }
}

TEST_CASE("the charts show records committed, and the partitions under-replicated while broker-1 is down") {
  History history(BrokersScenario(), 11);
  const std::vector<ChartSample>& samples = history.branch().samples;
  CHECK(SampleAt(samples, Time::Zero() + 5_s).committed == 2);
  CHECK(SampleAt(samples, Time::Zero() + 5_s).under_replicated == 0);
  // Crashed at 10 s, out of the ISR once its ZooKeeper session expired (18 s), back at 40 s.
  CHECK(SampleAt(samples, Time::Zero() + 35_s).under_replicated == 3);
  CHECK(SampleAt(samples, Time::Zero() + 15_s).under_replicated == 0);

  const ChartLine rate = ProduceRate(samples, Time::Zero(), Time::Zero() + 10_s);
  REQUIRE(rate.values.size() == 11);
  float total = 0;
  for (float v : rate.values) total += v;  // one-second samples: the rates add up to the records
  CHECK(total == 2.0f);
  CHECK(rate.max >= 1.0f);
  const ChartLine urp = UnderReplicated(samples, Time::Zero() + 30_s, Time::Zero() + 35_s);
  CHECK(urp.values.size() == 6);
  CHECK(urp.max == 3.0f);
}

TEST_CASE("a crashed leader's records stay committed on the chart: no dip at the crash, no leap at the election") {
  History history(BrokersScenario(), 11);
  const std::vector<ChartSample>& samples = history.branch().samples;
  // broker-1 crashed at 10 s and its session expired at 28 s; the two records were written at once.
  for (int64_t t = 5; t <= 45; t += 5) {
    INFO("at " << t << " s");
    CHECK(SampleAt(samples, Time::Zero() + Duration::Seconds(t)).committed == 2);
  }
  const ChartLine rate = ProduceRate(samples, Time::Zero() + 5_s, Time::Zero() + 45_s);
  CHECK(rate.max == 0);
}

TEST_CASE("a group's lag is charted from its samples") {
  auto demo = testing::ScenarioFile("classroom-demo.scn");
  History history(demo.scenario, demo.seed);
  const std::vector<ChartSample>& samples = history.branch().samples;
  const std::vector<std::string> groups = ChartGroups(samples);
  REQUIRE(std::find(groups.begin(), groups.end(), "billing") != groups.end());
  const ChartLine lag = GroupLag(samples, "billing", Time::Zero(), history.horizon());
  CHECK(lag.values.size() == samples.size());
  CHECK(lag.max > 0);  // the demo's lag builds up, then drains
  CHECK(ConsumeRate(samples, Time::Zero(), history.horizon()).max > 0);
}

}  // namespace
}  // namespace kafkasim::viz
