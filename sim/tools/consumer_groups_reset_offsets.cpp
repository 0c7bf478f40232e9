// kafka-consumer-groups.sh --reset-offsets, one group at a time (ConsumerGroupCommand.resetOffsets,
// Kafka 3.7). The group must be inactive — Empty, or Dead (never seen: the commit creates it) —
// because a live member would overwrite the new offsets with its own next commit, and the
// coordinator refuses commits from outside the group while it has members anyway. Then:
//   1. the partitions: the group's committed ones (--all-topics), or the --topic arguments, whose
//      bare topics are expanded from their metadata;
//   2. the lookups the scenario needs (OffsetFetch, ListOffsets earliest / by timestamp / latest);
//   3. the plan (PlanReset), printed; with --execute, committed first by an OffsetCommit outside
//      group management (generation -1, no member id), as alterConsumerGroupOffsets sends it.

#include <fmt/format.h>

#include "sim/script/session.h"
#include "sim/storage/log_types.h"
#include "sim/tools/consumer_groups_invocation.h"

namespace kafkasim {

void ConsumerGroupsInvocation::ResetGroup() {
  const std::string& state = description_.state;
  if (state != "Empty" && state != "Dead") {
    Print(PrintErrorText(fmt::format("Assignments can only be reset if the group '{}' is inactive, but the current "
                                     "state is {}.",
                                     group_, state)),
          "");
    return NextGroup();
  }
  reset_inputs_ = ResetInputs{};
  committed_.clear();
  if (o_.all_topics) {
    return admin_->FetchCommitted(group_, coordinator_.id, [this](std::map<TopicPartition, int64_t> committed) {
      reset_inputs_.committed = committed;
      std::vector<TopicPartition> partitions;
      for (const auto& [tp, offset] : committed) partitions.push_back(tp);
      ResetPartitions(std::move(partitions));
    });
  }
  std::vector<TopicArg> args;
  std::vector<std::string> bare_topics;
  for (const std::string& text : o_.topics) {
    auto parsed = ParseTopicArg(text);
    if (auto* error = std::get_if<std::string>(&parsed)) return Failed(*error);
    args.push_back(std::get<TopicArg>(parsed));
    if (!args.back().partitions) bare_topics.push_back(args.back().topic);
  }
  auto expand = [this, args](const std::map<std::string, ConsumerGroupsAdmin::TopicPartitions>& described) {
    std::vector<TopicPartition> partitions;
    for (const TopicArg& a : args) {
      if (a.partitions) {
        for (int32_t p : *a.partitions) partitions.push_back({a.topic, p});
        continue;
      }
      const ConsumerGroupsAdmin::TopicPartitions& t = described.at(a.topic);
      if (t.error != ErrorCode::kNone) return Failed(ExceptionText(t.error));
      for (int32_t p : t.partitions) partitions.push_back({a.topic, p});
    }
    ResetPartitions(std::move(partitions));
  };
  if (bare_topics.empty()) return expand({});
  admin_->DescribeTopics(bare_topics, [expand, bare_topics](std::map<std::string, ConsumerGroupsAdmin::TopicPartitions> d) {
    for (const std::string& t : bare_topics) {
      if (!d.contains(t)) d[t].error = ErrorCode::kUnknownTopicOrPartition;
    }
    expand(d);
  });
}

void ConsumerGroupsInvocation::ResetPartitions(std::vector<TopicPartition> partitions) {
  // A partition named twice is reset once, where it was first named.
  std::vector<TopicPartition> unique;
  std::set<TopicPartition> seen;
  for (const TopicPartition& tp : partitions) {
    if (seen.insert(tp).second) unique.push_back(tp);
  }
  const ResetScenario scenario = *o_.Scenario();
  int64_t timestamp = -1;
  if (scenario.kind == ResetScenarioKind::kToDatetime || scenario.kind == ResetScenarioKind::kByDuration) {
    auto t = ResetTimestamp(scenario, session().sim().now().millis());
    if (auto* error = std::get_if<std::string>(&t)) return Failed(*error);
    timestamp = std::get<int64_t>(t);
  }
  if (LookupsFor(scenario.kind).committed && !o_.all_topics) {
    return admin_->FetchCommitted(group_, coordinator_.id,
                                  [this, unique, timestamp](std::map<TopicPartition, int64_t> committed) {
                                    reset_inputs_.committed = std::move(committed);
                                    ResetLookup(unique, timestamp);
                                  });
  }
  ResetLookup(std::move(unique), timestamp);
}

void ConsumerGroupsInvocation::ResetLookup(std::vector<TopicPartition> partitions, int64_t timestamp) {
  const ResetScenario scenario = *o_.Scenario();
  const ResetLookups need = LookupsFor(scenario.kind);
  auto specs = [&](int64_t spec, auto&& wanted) {
    std::map<TopicPartition, int64_t> out;
    for (const TopicPartition& tp : partitions) {
      if (wanted(tp)) out[tp] = spec;
    }
    return out;
  };
  auto all = [](const TopicPartition&) { return true; };
  // Each lookup in Kafka's order; a partition missing from an answer fails the command, as
  // listOffsets(...).all().get() throws in Kafka.
  auto check = [this](const std::map<TopicPartition, int64_t>& asked, const std::map<TopicPartition, int64_t>& got) {
    for (const auto& [tp, spec] : asked) {
      if (!got.contains(tp)) {
        Failed(ExceptionText(ErrorCode::kUnknownTopicOrPartition));
        return false;
      }
    }
    return true;
  };
  if (need.log_start && reset_inputs_.log_start.empty() && !partitions.empty()) {
    auto asked = specs(kEarliestTimestamp, all);
    return admin_->ListOffsets(asked, [this, asked, partitions, timestamp, check](std::map<TopicPartition, int64_t> got) {
      if (!check(asked, got)) return;
      reset_inputs_.log_start = std::move(got);
      ResetLookup(partitions, timestamp);
    });
  }
  if (need.timestamp && reset_inputs_.by_timestamp.empty() && !partitions.empty()) {
    auto asked = specs(timestamp, all);
    return admin_->ListOffsets(asked, [this, asked, partitions, timestamp, check](std::map<TopicPartition, int64_t> got) {
      if (!check(asked, got)) return;
      reset_inputs_.by_timestamp = std::move(got);
      ResetLookup(partitions, timestamp);
    });
  }
  // The log end offset where the plan needs it: --to-current only where nothing is committed,
  // the time scenarios only where no record is recent enough.
  auto wants_end = [&](const TopicPartition& tp) {
    if (scenario.kind == ResetScenarioKind::kToCurrent) return !reset_inputs_.committed.contains(tp);
    if (need.timestamp) {
      auto t = reset_inputs_.by_timestamp.find(tp);
      return t == reset_inputs_.by_timestamp.end() || t->second < 0;
    }
    return true;
  };
  auto asked = specs(kLatestTimestamp, wants_end);
  if (need.log_end && reset_inputs_.log_end.empty() && !asked.empty()) {
    return admin_->ListOffsets(asked, [this, asked, partitions, check](std::map<TopicPartition, int64_t> got) {
      if (!check(asked, got)) return;
      reset_inputs_.log_end = std::move(got);
      ResetPlanned(partitions);
    });
  }
  ResetPlanned(partitions);
}

void ConsumerGroupsInvocation::ResetPlanned(const std::vector<TopicPartition>& partitions) {
  const ResetPlan plan = PlanReset(*o_.Scenario(), partitions, reset_inputs_);
  for (const std::string& w : plan.warnings) Warn(w, "kafka.admin.ConsumerGroupCommand$");
  if (plan.usage_error) {
    session().PrintError(*plan.usage_error);
    return Finish(1);
  }
  auto record = [this, plan] {
    for (const auto& [tp, offset] : plan.offsets) plan_rows_.push_back(ResetPlanRow{group_, tp, offset});
    NextGroup();
  };
  // Dry-run is the default when --execute is not given.
  if (!o_.execute || plan.offsets.empty()) return record();
  std::map<TopicPartition, int64_t> offsets(plan.offsets.begin(), plan.offsets.end());
  admin_->CommitOffsets(group_, coordinator_.id, offsets, [this, record](std::map<TopicPartition, ErrorCode> result) {
    for (const auto& [tp, error] : result) {
      if (error != ErrorCode::kNone) return Failed(ExceptionText(error));
    }
    record();
  });
}

}  // namespace kafkasim
