#include "sim/tools/consumer_groups_output.h"

#include <algorithm>

#include <fmt/format.h>

namespace kafkasim {
namespace {

constexpr const char* kMissing = "-";

std::string Opt(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : kMissing; }
std::string Opt(const std::optional<std::string>& v) { return v ? *v : kMissing; }

// Java's %-Ns: left-aligned, padded to N, never truncated.
std::string Pad(const std::string& s, size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

}  // namespace

ToolText FormatDescribeOffsets(const std::string& group, const std::string& state,
                               const std::vector<GroupOffsetRow>& rows) {
  ToolText t;
  if (state == "Dead") {
    t.err = fmt::format("Error: Consumer group '{}' does not exist.\n", group);
    return t;
  }
  if (state == "Empty") t.err = fmt::format("\nConsumer group '{}' has no active members.\n", group);
  if (state == "PreparingRebalance" || state == "CompletingRebalance") {
    t.err = fmt::format("\nWarning: Consumer group '{}' is rebalancing.\n", group);
  }
  if (rows.empty()) return t;
  size_t group_len = std::max<size_t>(15, group.size()), topic_len = 15, id_len = 15, host_len = 15;
  for (const GroupOffsetRow& r : rows) {
    topic_len = std::max(topic_len, r.topic.size());
    id_len = std::max(id_len, Opt(r.consumer_id).size());
    host_len = std::max(host_len, Opt(r.host).size());
  }
  auto line = [&](const std::string& g, const std::string& topic, const std::string& partition, const std::string& cur,
                  const std::string& leo, const std::string& lag, const std::string& id, const std::string& host,
                  const std::string& client) {
    return fmt::format("{} {} {} {} {} {} {} {} {}\n", Pad(g, group_len), Pad(topic, topic_len), Pad(partition, 10),
                       Pad(cur, 15), Pad(leo, 15), Pad(lag, 15), Pad(id, id_len), Pad(host, host_len), client);
  };
  t.out = "\n" + line("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST",
                      "CLIENT-ID");
  for (const GroupOffsetRow& r : rows) {
    t.out += line(group, r.topic, std::to_string(r.partition), Opt(r.current_offset), Opt(r.log_end_offset),
                  Opt(r.lag()), Opt(r.consumer_id), Opt(r.host), Opt(r.client_id));
  }
  return t;
}

}  // namespace kafkasim
