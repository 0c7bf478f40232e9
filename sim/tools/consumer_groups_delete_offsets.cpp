// kafka-consumer-groups.sh --delete-offsets --group G --topic T[:P,P]... (ConsumerGroupCommand.
// deleteOffsets, Kafka 3.7, KIP-496): a bare topic is expanded from its metadata (a topic that
// cannot be listed becomes a "Not Provided" row), then one OffsetDelete goes to the group's
// coordinator. An Empty group loses the offsets (and, left with none, itself); a live group keeps
// those of the topics its members subscribe to (GROUP_SUBSCRIBED_TO_TOPIC).

#include <fmt/format.h>

#include "sim/script/session.h"
#include "sim/tools/consumer_groups_invocation.h"

namespace kafkasim {

void ConsumerGroupsInvocation::DeleteOffsets() {
  group_ = o_.groups.front();
  std::vector<TopicPartition> named;
  std::vector<std::string> bare;
  for (const std::string& text : o_.topics) {
    auto parsed = ParseTopicArg(text);
    if (auto* error = std::get_if<std::string>(&parsed)) return Failed(*error);
    const TopicArg& a = std::get<TopicArg>(parsed);
    if (!a.partitions) {
      bare.push_back(a.topic);
      continue;
    }
    for (int32_t p : *a.partitions) named.push_back({a.topic, p});
  }
  if (bare.empty()) return DeleteOffsetsOf(std::move(named), {});
  admin_->DescribeTopics(bare, [this, named, bare](std::map<std::string, ConsumerGroupsAdmin::TopicPartitions> d) {
    std::vector<TopicPartition> partitions = named;
    std::vector<DeleteOffsetsRow> unlisted;
    for (const std::string& topic : bare) {
      auto it = d.find(topic);
      if (it == d.end() || it->second.error != ErrorCode::kNone) {
        unlisted.push_back({{topic, -1}, it == d.end() ? ErrorCode::kUnknownTopicOrPartition : it->second.error});
        continue;
      }
      for (int32_t p : it->second.partitions) partitions.push_back({topic, p});
    }
    DeleteOffsetsOf(std::move(partitions), std::move(unlisted));
  });
}

void ConsumerGroupsInvocation::DeleteOffsetsOf(std::vector<TopicPartition> partitions,
                                               std::vector<DeleteOffsetsRow> unlisted) {
  admin_->FindCoordinator(group_, [this, partitions, unlisted](GroupCoordinatorNode c) {
    admin_->DeleteOffsets(group_, c.id, partitions,
                          [this, partitions, unlisted](ErrorCode group_error, std::map<TopicPartition, ErrorCode> r) {
                            std::vector<DeleteOffsetsRow> rows = unlisted;
                            // The future of every partition fails with the group's error, if any;
                            // all() fails with the first partition error.
                            ErrorCode top = group_error;
                            for (const TopicPartition& tp : partitions) {
                              auto it = r.find(tp);
                              const ErrorCode e = group_error != ErrorCode::kNone ? group_error
                                                  : it == r.end()                 ? ErrorCode::kNone
                                                                                  : it->second;
                              if (top == ErrorCode::kNone) top = e;
                              rows.push_back({tp, e});
                            }
                            Print(FormatDeleteOffsets(group_, o_.topics, top, rows), "");
                            Finish(0);
                          });
  });
}

}  // namespace kafkasim
