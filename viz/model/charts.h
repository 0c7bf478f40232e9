#pragma once
// The charts' model: the cluster sampled over simulated time — records committed (the sum of the
// high watermarks of the topics that are not internal), records consumed (the sum of the groups'
// committed offsets), under-replicated and offline partitions, and each group's lag — from which
// the charts draw produce and consume rates, lag per group and under-replicated partitions.
//
// Samples are taken by the History from each branch's lead world at every whole multiple of the
// sampling interval, as the lead records: the same scenario and seed give the same samples, and
// a chart shows the future the lead has recorded as well as the past. Reading state only, the
// sampler never changes what the simulation does.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/time.h"
#include "sim/script/session.h"

namespace kafkasim::viz {

struct ChartSample {
  Time time;
  int64_t committed = 0;  // records below the high watermark, summed over non-internal partitions
  int64_t consumed = 0;   // committed offsets, summed over groups and partitions
  int under_replicated = 0;
  int offline = 0;
  std::vector<std::pair<std::string, int64_t>> lag;  // by group id
};

ChartSample SampleCluster(Session& session);

// One chart's points, ready for ImGui::PlotLines, over the samples in [from, to].
struct ChartLine {
  std::vector<float> values;
  float max = 0;
};

// Records committed per second between consecutive samples (a producer's acknowledged records;
// retention and DeleteRecords never lower a high watermark, so it is never negative).
ChartLine ProduceRate(const std::vector<ChartSample>& samples, Time from, Time to);
// Committed offsets advanced per second: what consumer groups commit (a reset can go back: 0).
ChartLine ConsumeRate(const std::vector<ChartSample>& samples, Time from, Time to);
ChartLine UnderReplicated(const std::vector<ChartSample>& samples, Time from, Time to);
ChartLine GroupLag(const std::vector<ChartSample>& samples, const std::string& group, Time from, Time to);
// Every group seen in the samples, sorted.
std::vector<std::string> ChartGroups(const std::vector<ChartSample>& samples);

}  // namespace kafkasim::viz
