#pragma once
// One run of kafka-consumer-groups.sh: its admin client node and the chain of Admin API steps
// of its action. Split by action: consumer_groups_command.cpp (flags, --list, --describe,
// --delete), consumer_groups_reset_offsets.cpp (--reset-offsets),
// consumer_groups_delete_offsets.cpp (--delete-offsets).

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "sim/protocol/group_requests.h"
#include "sim/script/command.h"
#include "sim/tools/admin_tool.h"
#include "sim/tools/consumer_groups_admin.h"
#include "sim/tools/consumer_groups_options.h"
#include "sim/tools/consumer_groups_output.h"
#include "sim/tools/consumer_groups_reset.h"

namespace kafkasim {

class ConsumerGroupsInvocation : public AdminToolInvocation {
 public:
  explicit ConsumerGroupsInvocation(GroupsOptions o);
  ~ConsumerGroupsInvocation() override;

 private:
  void Run() override;
  void Print(const std::string& out, const std::string& err);
  // A log4j WARN line on stderr, "[2024-01-01 00:00:01,000] WARN message (logger)".
  void Warn(const std::string& message, const char* logger);
  // printError("Executing consumer group command failed due to ...").
  void Failed(const std::string& exception);
  // "org.apache.kafka.common.errors.UnknownMemberIdException: The coordinator is not aware of this member."
  static std::string ExceptionText(ErrorCode error);

  void List();
  void NextGroup();
  void AllGroupsDone();
  void PrintDeleted();
  void Describe();
  std::vector<GroupOffsetRow> OffsetRows(const std::map<TopicPartition, int64_t>& end_offsets);

  // --reset-offsets, for the current group.
  void ResetGroup();
  void ResetPartitions(std::vector<TopicPartition> partitions);
  void ResetLookup(std::vector<TopicPartition> partitions, int64_t timestamp);
  void ResetPlanned(const std::vector<TopicPartition>& partitions);

  // --delete-offsets (consumer_groups_delete_offsets.cpp).
  void DeleteOffsets();
  void DeleteOffsetsOf(std::vector<TopicPartition> partitions, std::vector<DeleteOffsetsRow> unlisted);

  GroupsOptions o_;
  std::unique_ptr<ConsumerGroupsAdmin> admin_;
  size_t next_group_ = 0;
  std::string group_;
  GroupCoordinatorNode coordinator_;
  DescribedGroup description_;
  std::map<TopicPartition, int64_t> committed_;
  std::vector<ToolText> described_;            // --describe: each group's text, printed at the end
  std::map<std::string, ErrorCode> deleted_;   // --delete: each group's result
  ResetInputs reset_inputs_;                   // --reset-offsets: what the current group's plan needs
  std::vector<ResetPlanRow> plan_rows_;        // --reset-offsets: every group's new offsets
};

}  // namespace kafkasim
