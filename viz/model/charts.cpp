#include "viz/model/charts.h"

#include <algorithm>
#include <set>

#include "sim/admin/topic_name.h"
#include "sim/broker/group_metadata.h"
#include "viz/model/cluster_metadata.h"
#include "viz/model/explorer.h"

namespace kafkasim::viz {
namespace {

// The samples in [from, to], by index.
std::pair<size_t, size_t> ChartRange(const std::vector<ChartSample>& samples, Time from, Time to) {
  const auto begin = std::lower_bound(samples.begin(), samples.end(), from,
                                      [](const ChartSample& s, Time t) { return s.time < t; });
  const auto end = std::upper_bound(samples.begin(), samples.end(), to,
                                    [](Time t, const ChartSample& s) { return t < s.time; });
  return {static_cast<size_t>(begin - samples.begin()), static_cast<size_t>(end - samples.begin())};
}

template <typename Value>
ChartLine ChartOf(const std::vector<ChartSample>& samples, Time from, Time to, Value value) {
  ChartLine line;
  const auto [begin, end] = ChartRange(samples, from, to);
  for (size_t i = begin; i < end; ++i) {
    const float v = value(i);
    line.values.push_back(v);
    line.max = std::max(line.max, v);
  }
  return line;
}

// Per second, between sample i-1 and i (0 for the first).
template <typename Field>
ChartLine RateOf(const std::vector<ChartSample>& samples, Time from, Time to, Field field) {
  return ChartOf(samples, from, to, [&](size_t i) -> float {
    if (i == 0) return 0;
    const double seconds = (samples[i].time - samples[i - 1].time).seconds();
    if (seconds <= 0) return 0;
    return static_cast<float>(std::max<int64_t>(0, field(samples[i]) - field(samples[i - 1])) / seconds);
  });
}

// The high watermark as the cluster knows it: the leader's; while a crashed leader waits for
// its session to expire, the highest a live follower learned from it. Counting such a partition
// as nothing made the produce rate drop at a crash and leap at the election, for records
// written long before.
std::optional<int64_t> KnownHighWatermark(const PartitionInfo& p) {
  if (const ReplicaInfo* leader = p.LeaderReplica(); leader != nullptr && leader->high_watermark) {
    return leader->high_watermark->value();
  }
  std::optional<int64_t> known;
  for (const ReplicaInfo& r : p.replica_states) {
    if (r.high_watermark) known = std::max(known.value_or(0), r.high_watermark->value());
  }
  return known;
}

}  // namespace

ChartSample SampleCluster(Session& session) {
  ChartSample sample{.time = session.sim().now()};
  const ClusterMetadata metadata = ReadClusterMetadata(session);
  for (const PartitionInfo& p : metadata.partitions) {
    if (IsInternalTopic(p.tp.topic)) continue;
    sample.committed += KnownHighWatermark(p).value_or(0);
  }
  sample.under_replicated = metadata.under_replicated;
  sample.offline = metadata.offline;
  for (const CoordinatedGroup& g : CoordinatedGroups(session)) {
    int64_t lag = 0;
    for (const auto& [tp, committed] : g.group->offsets()) {
      sample.consumed += std::max<int64_t>(0, committed.offset);
      const PartitionInfo* p = metadata.Find(tp);
      const std::optional<int64_t> hw = p == nullptr ? std::nullopt : KnownHighWatermark(*p);
      if (hw && committed.offset >= 0) lag += *hw - committed.offset;
    }
    sample.lag.emplace_back(g.group->group_id(), lag);
  }
  return sample;
}

ChartLine ProduceRate(const std::vector<ChartSample>& samples, Time from, Time to) {
  return RateOf(samples, from, to, [](const ChartSample& s) { return s.committed; });
}

ChartLine ConsumeRate(const std::vector<ChartSample>& samples, Time from, Time to) {
  return RateOf(samples, from, to, [](const ChartSample& s) { return s.consumed; });
}

ChartLine UnderReplicated(const std::vector<ChartSample>& samples, Time from, Time to) {
  return ChartOf(samples, from, to, [&](size_t i) { return static_cast<float>(samples[i].under_replicated); });
}

ChartLine GroupLag(const std::vector<ChartSample>& samples, const std::string& group, Time from, Time to) {
  return ChartOf(samples, from, to, [&](size_t i) {
    for (const auto& [id, lag] : samples[i].lag) {
      if (id == group) return static_cast<float>(lag);
    }
    return 0.0f;
  });
}

std::vector<std::string> ChartGroups(const std::vector<ChartSample>& samples) {
  std::set<std::string> groups;
  for (const ChartSample& s : samples) {
    for (const auto& [id, lag] : s.lag) groups.insert(id);
  }
  return {groups.begin(), groups.end()};
}

}  // namespace kafkasim::viz
