#include "sim/tools/consumer_groups_output.h"

#include <algorithm>
#include <map>

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

// ConsumerGroupCommand.shouldPrintMemberState: the state's message, and whether a table follows.
bool ShouldPrintMemberState(const std::string& group, const std::string& state, size_t rows, ToolText& t) {
  if (state == "Dead") {
    t.out += PrintErrorText(fmt::format("Consumer group '{}' does not exist.", group));
    return false;
  }
  if (state == "Empty") t.err += fmt::format("\nConsumer group '{}' has no active members.\n", group);
  if (state == "PreparingRebalance" || state == "CompletingRebalance") {
    t.err += fmt::format("\nWarning: Consumer group '{}' is rebalancing.\n", group);
  }
  return rows > 0;
}

// --verbose's ASSIGNMENT: "topic(0,1,2)" per topic, sorted as strings, or "-".
std::string AssignmentText(const std::vector<TopicPartition>& assignment) {
  if (assignment.empty()) return kMissing;
  std::map<std::string, std::vector<int32_t>> by_topic;
  for (const TopicPartition& tp : assignment) by_topic[tp.topic].push_back(tp.partition);
  std::vector<std::string> parts;
  for (auto& [topic, partitions] : by_topic) {
    std::sort(partitions.begin(), partitions.end());
    parts.push_back(fmt::format("{}({})", topic, fmt::join(partitions, ",")));
  }
  std::sort(parts.begin(), parts.end());
  return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace

std::string PrintErrorText(const std::string& message) { return fmt::format("\nError: {}\n", message); }

ToolText FormatDescribeOffsets(const std::string& group, const std::string& state,
                               const std::vector<GroupOffsetRow>& rows) {
  ToolText t;
  if (!ShouldPrintMemberState(group, state, rows.size(), t)) return t;
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
  t.out += "\n" + line("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST",
                       "CLIENT-ID");
  for (const GroupOffsetRow& r : rows) {
    t.out += line(group, r.topic, std::to_string(r.partition), Opt(r.current_offset), Opt(r.log_end_offset),
                  Opt(r.lag()), Opt(r.consumer_id), Opt(r.host), Opt(r.client_id));
  }
  return t;
}

ToolText FormatDescribeMembers(const std::string& group, const std::string& state,
                               const std::vector<GroupMemberRow>& members, bool verbose) {
  ToolText t;
  if (!ShouldPrintMemberState(group, state, members.size(), t)) return t;
  size_t group_len = std::max<size_t>(15, group.size()), id_len = 15, instance_len = 17, host_len = 15, client_len = 15;
  bool with_instance_id = false;
  for (const GroupMemberRow& m : members) {
    id_len = std::max(id_len, m.consumer_id.size());
    instance_len = std::max(instance_len, m.group_instance_id.size());
    host_len = std::max(host_len, m.host.size());
    client_len = std::max(client_len, m.client_id.size());
    with_instance_id = with_instance_id || !m.group_instance_id.empty();
  }
  // Each line ends "%-15s " after #PARTITIONS: the trailing spaces are Kafka's.
  auto line = [&](const std::string& g, const std::string& id, const std::string& instance, const std::string& host,
                  const std::string& client, const std::string& partitions, const std::string& assignment) {
    std::string s = Pad(g, group_len) + " " + Pad(id, id_len) + " ";
    if (with_instance_id) s += Pad(instance, instance_len) + " ";
    s += Pad(host, host_len) + " " + Pad(client, client_len) + " " + Pad(partitions, 15) + " ";
    if (verbose) s += assignment;
    return s + "\n";
  };
  t.out += "\n" + line("GROUP", "CONSUMER-ID", "GROUP-INSTANCE-ID", "HOST", "CLIENT-ID", "#PARTITIONS", "ASSIGNMENT");
  for (const GroupMemberRow& m : members) {
    t.out += line(group, m.consumer_id, m.group_instance_id, m.host, m.client_id, std::to_string(m.assignment.size()),
                  AssignmentText(m.assignment));
  }
  return t;
}

ToolText FormatDescribeState(const std::string& group, const GroupStateRow& row) {
  ToolText t;
  if (!ShouldPrintMemberState(group, row.state, 1, t)) return t;
  const std::string coordinator =
      fmt::format("{}:{} ({})", row.coordinator_host, row.coordinator_port, row.coordinator_id);
  const size_t coordinator_len = std::max<size_t>(25, coordinator.size());
  auto line = [&](const std::string& g, const std::string& c, const std::string& strategy, const std::string& state,
                  const std::string& members) {
    return fmt::format("\n{} {} {} {} {}", Pad(g, coordinator_len), Pad(c, 25), Pad(strategy, 20), Pad(state, 15),
                       members);
  };
  t.out += line("GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS") +
           line(group, coordinator, row.assignment_strategy, row.state, std::to_string(row.members)) + "\n";
  return t;
}

std::string FormatListStates(const std::vector<std::pair<std::string, std::string>>& groups_and_states) {
  size_t group_len = 15;
  for (const auto& [group, state] : groups_and_states) group_len = std::max(group_len, group.size());
  std::string out = Pad("GROUP", group_len) + " STATE\n";
  for (const auto& [group, state] : groups_and_states) out += Pad(group, group_len) + " " + state + "\n";
  return out;
}

std::string FormatResetPlan(size_t groups_considered, const std::vector<ResetPlanRow>& rows) {
  if (groups_considered == 0) return "";
  auto line = [](const std::string& g, const std::string& topic, const std::string& partition,
                 const std::string& offset) {
    return fmt::format("{} {} {} {}\n", Pad(g, 30), Pad(topic, 30), Pad(partition, 10), Pad(offset, 15));
  };
  std::string out = "\n" + line("GROUP", "TOPIC", "PARTITION", "NEW-OFFSET");
  for (const ResetPlanRow& r : rows) {
    out += line(r.group, r.tp.topic, std::to_string(r.tp.partition), std::to_string(r.new_offset));
  }
  return out;
}

std::string FormatDeleteOffsets(const std::string& group, const std::vector<std::string>& topics, ErrorCode group_error,
                                std::vector<DeleteOffsetsRow> rows) {
  std::string out;
  switch (group_error) {
    case ErrorCode::kNone:
      out = fmt::format("Request succeed for deleting offsets with topic {} group {}\n", fmt::join(topics, ", "), group);
      break;
    case ErrorCode::kInvalidGroupId: out = PrintErrorText(fmt::format("'{}' is not valid.", group)); break;
    case ErrorCode::kGroupIdNotFound: out = PrintErrorText(fmt::format("'{}' does not exist.", group)); break;
    case ErrorCode::kNonEmptyGroup:
      out = PrintErrorText(
          fmt::format("Deleting offsets of a consumer group '{}' is forbidden if the group is not empty.", group));
      break;
    case ErrorCode::kGroupSubscribedToTopic:
    case ErrorCode::kUnknownTopicOrPartition:
      out = PrintErrorText("Encounter some partition level error, see the follow-up details:");
      break;
    default: out = PrintErrorText(fmt::format("Encounter some unknown error: {}", ToString(group_error))); break;
  }
  auto key = [](const DeleteOffsetsRow& r) { return r.tp.topic + std::to_string(r.tp.partition); };
  std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  auto line = [](const std::string& topic, const std::string& partition, const std::string& status) {
    return fmt::format("{} {} {}\n", Pad(topic, 30), Pad(partition, 15), Pad(status, 15));
  };
  out += "\n" + line("TOPIC", "PARTITION", "STATUS");
  for (const DeleteOffsetsRow& r : rows) {
    out += line(r.tp.topic, r.tp.partition >= 0 ? std::to_string(r.tp.partition) : "Not Provided",
                r.error == ErrorCode::kNone ? "Successful" : fmt::format("Error: {}", DefaultMessage(r.error)));
  }
  return out;
}

}  // namespace kafkasim
