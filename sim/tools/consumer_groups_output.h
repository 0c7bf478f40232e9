#pragma once
// What kafka-consumer-groups.sh (ConsumerGroupCommand, Kafka 3.7) prints, as pure functions of
// what it learned, so the layout is testable without a cluster. Columns are padded as Java's
// %-Ns pads them (left-aligned, never truncated); "-" stands for a missing value.
//
// Every --describe table first passes the group's state through shouldPrintMemberState:
//   Dead                      "\nError: Consumer group 'g' does not exist." on stdout (printError), no table
//   Empty                     "\nConsumer group 'g' has no active members." on stderr
//   Preparing/CompletingRebalance  "\nWarning: Consumer group 'g' is rebalancing." on stderr
// and the table follows only when it has rows (--state always has its one row).
//
// --describe (--offsets, the default): GROUP (≥15) TOPIC (≥15) PARTITION (10) CURRENT-OFFSET (15)
//   LOG-END-OFFSET (15) LAG (15) CONSUMER-ID (≥15) HOST (≥15) CLIENT-ID. Rows: members with the
//   most partitions first, each member's partitions by partition number; then committed
//   partitions no member owns, with "-" for the member columns.
// --describe --members [--verbose]: GROUP (≥15) CONSUMER-ID (≥15) [GROUP-INSTANCE-ID (≥17), only
//   when a member has one] HOST (≥15) CLIENT-ID (≥15) #PARTITIONS (15, then a space) [ASSIGNMENT:
//   "topic(0,1), other(2)", topics sorted, "-" for none]. Members in the coordinator's order.
// --describe --state: GROUP padded to the COORDINATOR (ID) width (a quirk of Kafka's format
//   string, kept) — max(25, len("host:port (id)")) — then COORDINATOR (ID) (25)
//   ASSIGNMENT-STRATEGY (20) STATE (15) #MEMBERS.
// --reset-offsets: GROUP (30) TOPIC (30) PARTITION (10) NEW-OFFSET (15), printed when at least one
//   group was considered, even with no rows (a group refused because it is active).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/protocol/errors.h"
#include "sim/protocol/types.h"

namespace kafkasim {

struct ToolText {
  std::string out, err;
  ToolText& operator+=(const ToolText& other) {
    out += other.out;
    err += other.err;
    return *this;
  }
};

// ConsumerGroupCommand.printError: a blank line, then "Error: ..." on stdout.
std::string PrintErrorText(const std::string& message);

struct GroupOffsetRow {
  std::string topic;
  int32_t partition = 0;
  std::optional<int64_t> current_offset, log_end_offset;
  std::optional<std::string> consumer_id, host, client_id;
  std::optional<int64_t> lag() const {
    if (!current_offset || !log_end_offset) return std::nullopt;
    return *log_end_offset - *current_offset;
  }
};
ToolText FormatDescribeOffsets(const std::string& group, const std::string& state,
                               const std::vector<GroupOffsetRow>& rows);

struct GroupMemberRow {
  std::string consumer_id, group_instance_id, host, client_id;  // "" = no group.instance.id
  std::vector<TopicPartition> assignment;
};
ToolText FormatDescribeMembers(const std::string& group, const std::string& state,
                               const std::vector<GroupMemberRow>& members, bool verbose);

struct GroupStateRow {
  std::string coordinator_host;
  int32_t coordinator_port = 0;
  int32_t coordinator_id = -1;
  std::string assignment_strategy, state;
  size_t members = 0;
};
ToolText FormatDescribeState(const std::string& group, const GroupStateRow& row);

// --list --state: GROUP (≥15) STATE.
std::string FormatListStates(const std::vector<std::pair<std::string, std::string>>& groups_and_states);

struct ResetPlanRow {
  std::string group;
  TopicPartition tp;
  int64_t new_offset = 0;
};
// `groups_considered`: how many groups the plan covers (0 prints nothing).
std::string FormatResetPlan(size_t groups_considered, const std::vector<ResetPlanRow>& rows);

// --delete-offsets: the group-level outcome (printError unless NONE), then TOPIC (30) PARTITION
// (15) STATUS (15) rows sorted by topic and partition as one string, "Not Provided" for a topic
// whose partitions could not be listed, "Successful" or "Error: <exception message>".
struct DeleteOffsetsRow {
  TopicPartition tp;  // partition -1: the topic's partitions could not be listed
  ErrorCode error = ErrorCode::kNone;
};
std::string FormatDeleteOffsets(const std::string& group, const std::vector<std::string>& topics, ErrorCode group_error,
                                std::vector<DeleteOffsetsRow> rows);

}  // namespace kafkasim
