#include "sim/admin/topic_command_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <chrono>
#include <map>
#include <regex>

#include "sim/admin/hashing.h"
#include "sim/admin/topic_name.h"

namespace kafkasim {
namespace {

constexpr std::string_view kLogger = "org.apache.kafka.tools.TopicCommand";

// TopicFilter's clean-up of a --topic value into a regex.
std::string TopicRegex(std::string_view raw) {
  std::string s(raw);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.pop_back();
  size_t i = 0;
  while (i < s.size() && static_cast<unsigned char>(s[i]) <= ' ') ++i;
  s = s.substr(i);
  std::replace(s.begin(), s.end(), ',', '|');
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  while (!s.empty() && (s.front() == '"' || s.front() == '\'')) s.erase(s.begin());
  while (!s.empty() && (s.back() == '"' || s.back() == '\'')) s.pop_back();
  return s;
}

const PartitionDescription& FirstPartition(const TopicDescription& t) {
  assert(!t.partitions.empty() && "a topic has at least one partition");
  return *std::min_element(t.partitions.begin(), t.partitions.end(),
                           [](const auto& a, const auto& b) { return a.partition < b.partition; });
}

bool IsUnderReplicated(const PartitionDescription& p) { return p.replicas.size() > p.isr.size(); }
bool IsUnavailable(const PartitionDescription& p, const std::set<int32_t>& live) {
  return !p.leader || live.count(*p.leader) == 0;
}
bool IsUnderMinIsr(const PartitionDescription& p, int32_t min_isr) {
  return !p.leader || static_cast<int64_t>(p.isr.size()) < min_isr;
}
bool IsAtMinIsr(const PartitionDescription& p, int32_t min_isr) {
  return static_cast<int64_t>(p.isr.size()) == min_isr;
}

std::string Header(const TopicDescription& t) {
  std::string line = "Topic: " + t.name;
  if (t.topic_id != Uuid::Zero()) line += "\tTopicId: " + t.topic_id.ToString();
  std::vector<std::string> configs;
  for (const ConfigEntry& e : t.non_default_configs) configs.push_back(e.name + "=" + e.value);
  line +=
      fmt::format("\tPartitionCount: {}\tReplicationFactor: {}\tConfigs: {}\n", t.partitions.size(),
                  FirstPartition(t).replicas.size(), fmt::join(configs, ","));
  return line;
}

std::string PartitionLine(const std::string& topic, const PartitionDescription& p) {
  return fmt::format("\tTopic: {}\tPartition: {}\tLeader: {}\tReplicas: {}\tIsr: {}\n", topic,
                     p.partition, p.leader ? std::to_string(*p.leader) : std::string("none"),
                     fmt::join(p.replicas, ","), fmt::join(p.isr, ","));
}

}  // namespace

AdminResult<std::vector<std::string>> SelectTopics(std::vector<std::string> all_topics,
                                                   std::optional<std::string_view> topic_filter,
                                                   bool exclude_internal) {
  std::sort(all_topics.begin(), all_topics.end());
  std::optional<std::regex> filter;
  if (topic_filter) {
    const std::string pattern = TopicRegex(*topic_filter);
    try {
      filter.emplace(pattern);
    } catch (const std::regex_error&) {
      return MakeAdminError("java.lang.RuntimeException", pattern + " is an invalid regex.");
    }
  }
  std::vector<std::string> selected;
  for (std::string& t : all_topics) {
    if (exclude_internal && IsInternalTopic(t)) continue;
    if (filter && !std::regex_match(t, *filter)) continue;
    selected.push_back(std::move(t));
  }
  return selected;
}

std::optional<AdminError> EnsureTopicExists(std::span<const std::string> selected,
                                            std::optional<std::string_view> requested,
                                            bool if_exists) {
  if (requested && !requested->empty() && !if_exists && selected.empty()) {
    return MakeAdminError(exceptions::kIllegalArgument,
                          fmt::format("Topic '{}' does not exist as expected", *requested));
  }
  return std::nullopt;
}

std::string FormatList(std::span<const std::string> selected) {
  return fmt::format("{}\n", fmt::join(selected, "\n"));
}

ToolOutput FormatTopicCommandError(const AdminError& error, std::string_view log_timestamp) {
  ToolOutput o;
  o.out = fmt::format("Error while executing topic command : {}\n", error.message);
  o.err = fmt::format("[{}] ERROR {}: {}\n ({})\n", log_timestamp, error.exception, error.message,
                      kLogger);
  o.exit_code = 1;
  return o;
}

ToolOutput FormatCreateResult(std::string_view topic, const std::optional<AdminError>& error,
                              bool if_not_exists, std::string_view log_timestamp) {
  ToolOutput o;
  if (HasCollisionChars(topic)) o.out = std::string(kCollisionWarning) + "\n";
  if (!error) {
    o.out += fmt::format("Created topic {}.\n", topic);
    return o;
  }
  if (if_not_exists && error->exception == exceptions::kTopicExists) return o;  // silently done
  ToolOutput failed = FormatTopicCommandError(*error, log_timestamp);
  o.out += failed.out;
  o.err = failed.err;
  o.exit_code = failed.exit_code;
  return o;
}

std::string FormatLog4jTimestamp(int64_t epoch_millis) {
  using namespace std::chrono;
  const milliseconds since_epoch{epoch_millis};
  const sys_days day = floor<days>(sys_time<milliseconds>{since_epoch});
  const int64_t ms_of_day = (since_epoch - day.time_since_epoch()).count();
  const year_month_day date{day};
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02},{:03}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), ms_of_day / 3'600'000,
                     ms_of_day / 60'000 % 60, ms_of_day / 1000 % 60, ms_of_day % 1000);
}

std::vector<std::string> DescribeTopicOrder(std::vector<std::string> names) {
  // new HashMap<>(n): tableSizeFor(n) buckets, doubled while n exceeds three quarters of them.
  int32_t table = 1;
  while (static_cast<size_t>(table) < names.size()) table *= 2;
  while (static_cast<double>(names.size()) > 0.75 * table) table *= 2;
  std::sort(names.begin(), names.end());  // within a bucket: the order they were asked for
  return JavaHashMapOrder(std::move(names), table);
}

std::string FormatDescribe(std::span<const TopicDescription> topics,
                           const std::set<int32_t>& live_brokers, const DescribeOptions& options) {
  const bool describe_configs = !options.unavailable_partitions &&
                                !options.under_replicated_partitions &&
                                !options.under_min_isr_partitions && !options.at_min_isr_partitions;
  const bool describe_partitions = !options.topics_with_overrides;
  std::map<std::string, const TopicDescription*> by_name;
  std::vector<std::string> names;
  for (const TopicDescription& t : topics) {
    by_name[t.name] = &t;
    names.push_back(t.name);
  }
  std::string out;
  for (const std::string& name : DescribeTopicOrder(names)) {
    const TopicDescription& t = *by_name.at(name);
    if (describe_configs && (!options.topics_with_overrides || !t.non_default_configs.empty()))
      out += Header(t);
    if (!describe_partitions) continue;
    std::vector<const PartitionDescription*> sorted;
    for (const PartitionDescription& p : t.partitions) sorted.push_back(&p);
    std::sort(sorted.begin(), sorted.end(),
              [](auto* a, auto* b) { return a->partition < b->partition; });
    for (const PartitionDescription* p : sorted) {
      const bool print =
          describe_configs || (options.under_replicated_partitions && IsUnderReplicated(*p)) ||
          (options.unavailable_partitions && IsUnavailable(*p, live_brokers)) ||
          (options.under_min_isr_partitions && IsUnderMinIsr(*p, t.min_insync_replicas)) ||
          (options.at_min_isr_partitions && IsAtMinIsr(*p, t.min_insync_replicas));
      if (print) out += PartitionLine(t.name, *p);
    }
  }
  return out;
}

}  // namespace kafkasim
