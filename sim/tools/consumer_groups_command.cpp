// bin/kafka-consumer-groups.sh (ConsumerGroupCommand, Kafka 3.7) against the simulated cluster,
// run by a short-lived admin client node `kafka-consumer-groups-N`. The flags and their rules are
// in consumer_groups_options.h, the Admin API steps in consumer_groups_admin.h, what is printed
// in consumer_groups_output.h and the reset rules in consumer_groups_reset.h. Here each action
// chains those steps:
//   --list [--state]             ListGroups to every broker
//   --describe                   per group (sorted, as Kafka's TreeMap prints them): FindCoordinator,
//                                DescribeGroups; --offsets adds OffsetFetch and ListOffsets "latest"
//   --delete                     per group: FindCoordinator, DeleteGroups (only an Empty group)
//   --reset-offsets              per group: FindCoordinator, DescribeGroups — refused unless the
//                                group is Empty or Dead — then the lookups its scenario needs and,
//                                with --execute, an OffsetCommit outside group management
//   --delete-offsets             FindCoordinator, OffsetDelete (consumer_groups_delete_offsets.cpp)
// Errors that Kafka prints with printError exit 0, as the real tool does; usage errors exit 1.

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "sim/admin/topic_command_output.h"
#include "sim/broker/broker_part.h"
#include "sim/client/admin_client.h"
#include "sim/protocol/consumer_protocol.h"
#include "sim/script/session.h"
#include "sim/storage/log_types.h"
#include "sim/tools/admin_tool.h"
#include "sim/tools/commands.h"
#include "sim/tools/consumer_groups_admin.h"
#include "sim/tools/consumer_groups_invocation.h"
#include "sim/tools/consumer_groups_options.h"
#include "sim/tools/consumer_groups_output.h"

namespace kafkasim {

// Every Admin call of the tool carries --timeout (withTimeoutMs).
ConsumerGroupsInvocation::ConsumerGroupsInvocation(GroupsOptions o)
    : AdminToolInvocation("kafka-consumer-groups", o.bootstrap_server,
                          AdminClientOptions{.default_api_timeout = Duration::Millis(o.timeout_ms)}),
      o_(std::move(o)) {
  std::sort(o_.groups.begin(), o_.groups.end());
  o_.groups.erase(std::unique(o_.groups.begin(), o_.groups.end()), o_.groups.end());
}
ConsumerGroupsInvocation::~ConsumerGroupsInvocation() = default;

void ConsumerGroupsInvocation::Run() {
  Session& session = this->session();
  admin_ = std::make_unique<ConsumerGroupsAdmin>(session.sim(), node(), Duration::Millis(o_.timeout_ms),
                                                 [this](const std::string& message) { Failed(message); });
  if (o_.list) return List();
  if (o_.reset_offsets && !o_.dry_run && !o_.execute) {
    session.PrintError("WARN: No action will be performed as the --execute option is missing.In a future major "
                       "release, the default behavior of this command will be to prompt the user before executing "
                       "the reset rather than doing a dry run. You should add the --dry-run option explicitly if you "
                       "are scripting this command and want to keep the current default behavior without prompting.");
  }
  if (o_.delete_offsets) return DeleteOffsets();
  if (!o_.all_groups) return NextGroup();
  admin_->ListGroups({}, [this](std::vector<ListedGroup> listed) {
    for (const ListedGroup& g : listed) o_.groups.push_back(g.group_id);
    std::sort(o_.groups.begin(), o_.groups.end());
    o_.groups.erase(std::unique(o_.groups.begin(), o_.groups.end()), o_.groups.end());
    NextGroup();
  });
}

void ConsumerGroupsInvocation::Print(const std::string& out, const std::string& err) {
  auto trimmed = [](const std::string& s) { return s.ends_with('\n') ? s.substr(0, s.size() - 1) : s; };
  if (!err.empty()) session().PrintError(trimmed(err));
  if (!out.empty()) session().Print(trimmed(out));
}

void ConsumerGroupsInvocation::Warn(const std::string& message, const char* logger) {
  session().PrintError(fmt::format("[{}] WARN {} ({})", FormatLog4jTimestamp(session().sim().now().millis()),
                                   message, logger));
}

void ConsumerGroupsInvocation::Failed(const std::string& exception) {
  // An ExecutionException's message is its cause's "class: message".
  Print(PrintErrorText("Executing consumer group command failed due to " + exception), "");
  Finish(0);
}

std::string ConsumerGroupsInvocation::ExceptionText(ErrorCode error) {
  std::string name;
  if (error == ErrorCode::kNonEmptyGroup) {
    name = "GroupNotEmptyException";
  } else {
    // UNKNOWN_MEMBER_ID -> UnknownMemberIdException: Kafka's exception names follow its error names.
    bool upper = true;
    for (char c : ToString(error)) {
      if (c == '_') {
        upper = true;
        continue;
      }
      name += upper ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      upper = false;
    }
    name += "Exception";
  }
  return fmt::format("org.apache.kafka.common.errors.{}: {}", name, DefaultMessage(error));
}

// --- --list ---
void ConsumerGroupsInvocation::List() {
  std::vector<std::string> states;
  if (o_.state && !o_.state_value.empty()) states = std::get<std::vector<std::string>>(ParseGroupStates(o_.state_value));
  admin_->ListGroups(states, [this](std::vector<ListedGroup> listed) {
    if (o_.state) {
      std::vector<std::pair<std::string, std::string>> rows;
      for (const ListedGroup& g : listed) rows.emplace_back(g.group_id, g.state);
      Print(FormatListStates(rows), "");
    } else {
      for (const ListedGroup& g : listed) session().Print(g.group_id);
    }
    Finish(0);
  });
}

// --- one group at a time ---
void ConsumerGroupsInvocation::NextGroup() {
  if (next_group_ >= o_.groups.size()) return AllGroupsDone();
  group_ = o_.groups[next_group_++];
  admin_->FindCoordinator(group_, [this](GroupCoordinatorNode c) {
    coordinator_ = c;
    if (o_.del) {
      return admin_->DeleteGroup(group_, c.id, [this](ErrorCode result) {
        deleted_[group_] = result;
        NextGroup();
      });
    }
    admin_->DescribeGroup(group_, c.id, [this](DescribedGroup d) {
      description_ = std::move(d);
      if (o_.reset_offsets) return ResetGroup();
      Describe();
    });
  });
}

void ConsumerGroupsInvocation::AllGroupsDone() {
  if (o_.del) return PrintDeleted();
  if (o_.reset_offsets) {
    Print(FormatResetPlan(o_.groups.size(), plan_rows_), "");
    return Finish(0);
  }
  for (const ToolText& t : described_) Print(t.out, t.err);
  Finish(0);
}

void ConsumerGroupsInvocation::PrintDeleted() {
  std::vector<std::string> succeeded, failed;
  for (const auto& [group, error] : deleted_) {
    if (error == ErrorCode::kNone) {
      succeeded.push_back(fmt::format("'{}'", group));
    } else {
      failed.push_back(fmt::format("* Group '{}' could not be deleted due to: {}", group, ExceptionText(error)));
    }
  }
  if (failed.empty()) {
    session().Print(fmt::format("Deletion of requested consumer groups ({}) was successful.", fmt::join(succeeded, ", ")));
    return Finish(0);
  }
  std::string out = PrintErrorText("Deletion of some consumer groups failed:") + fmt::format("{}\n", fmt::join(failed, "\n"));
  if (!succeeded.empty()) {
    out += fmt::format("\nThese consumer groups were deleted successfully: {}\n", fmt::join(succeeded, ", "));
  }
  Print(out, "");
  Finish(0);
}

// --- --describe ---
void ConsumerGroupsInvocation::Describe() {
  const DescribedGroup& d = description_;
  if (o_.state) {
    described_.push_back(FormatDescribeState(
        group_, GroupStateRow{.coordinator_host = coordinator_.host, .coordinator_port = coordinator_.port,
                              .coordinator_id = coordinator_.id.value(), .assignment_strategy = d.protocol_data,
                              .state = d.state, .members = d.members.size()}));
    return NextGroup();
  }
  if (o_.members) {
    std::vector<GroupMemberRow> rows;
    for (const DescribedGroupMember& m : d.members) {
      auto a = DecodeAssignment(m.assignment);
      rows.push_back(GroupMemberRow{.consumer_id = m.member_id, .group_instance_id = m.group_instance_id.value_or(""),
                                    .host = m.client_host, .client_id = m.client_id,
                                    .assignment = a ? a->partitions : std::vector<TopicPartition>{}});
    }
    described_.push_back(FormatDescribeMembers(group_, d.state, rows, o_.verbose));
    return NextGroup();
  }
  admin_->FetchCommitted(group_, coordinator_.id, [this](std::map<TopicPartition, int64_t> committed) {
    committed_ = std::move(committed);
    std::map<TopicPartition, int64_t> specs;
    for (const auto& [tp, o] : committed_) specs[tp] = kLatestTimestamp;
    for (const DescribedGroupMember& m : description_.members) {
      if (auto a = DecodeAssignment(m.assignment)) {
        for (const TopicPartition& tp : a->partitions) specs[tp] = kLatestTimestamp;
      }
    }
    admin_->ListOffsets(specs, [this](std::map<TopicPartition, int64_t> end_offsets) {
      described_.push_back(FormatDescribeOffsets(group_, description_.state, OffsetRows(end_offsets)));
      NextGroup();
    });
  });
}

std::vector<GroupOffsetRow> ConsumerGroupsInvocation::OffsetRows(const std::map<TopicPartition, int64_t>& end_offsets) {
  std::vector<GroupOffsetRow> rows;
  std::set<TopicPartition> assigned;
  // Members with the most partitions first (a stable sort keeps the coordinator's order).
  std::vector<std::pair<const DescribedGroupMember*, std::vector<TopicPartition>>> members;
  for (const DescribedGroupMember& m : description_.members) {
    auto a = DecodeAssignment(m.assignment);
    if (a && !a->partitions.empty()) members.emplace_back(&m, a->partitions);
  }
  std::stable_sort(members.begin(), members.end(),
                   [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
  auto row = [&](const TopicPartition& tp, const DescribedGroupMember* m) {
    GroupOffsetRow r{.topic = tp.topic, .partition = tp.partition};
    if (auto c = committed_.find(tp); c != committed_.end()) r.current_offset = c->second;
    if (auto e = end_offsets.find(tp); e != end_offsets.end()) r.log_end_offset = e->second;
    if (m != nullptr) {
      r.consumer_id = m->member_id;
      r.host = m->client_host;
      r.client_id = m->client_id;
    }
    rows.push_back(std::move(r));
  };
  for (auto& [m, tps] : members) {
    std::stable_sort(tps.begin(), tps.end(), [](auto& a, auto& b) { return a.partition < b.partition; });
    for (const TopicPartition& tp : tps) {
      assigned.insert(tp);
      row(tp, m);
    }
  }
  for (const auto& [tp, o] : committed_) {
    if (!assigned.contains(tp)) row(tp, nullptr);
  }
  return rows;
}

namespace {

class ConsumerGroupsCommand : public CliCommand {
 public:
  std::string name() const override { return "kafka-consumer-groups.sh"; }
  std::string summary() const override {
    return "list, describe, delete consumer groups and reset their offsets: kafka-consumer-groups.sh "
           "--bootstrap-server localhost:9092 --describe --group billing";
  }

 protected:
  Builder Define(CLI::App& app) const override {
    auto o = std::make_shared<GroupsOptions>();
    app.description("This tool helps to list all consumer groups, describe a consumer group, delete consumer group "
                    "info, or reset consumer group offsets.");
    DefineGroupsFlags(app, *o);
    return [o](const std::vector<std::string>& args, const std::vector<std::string>&) -> std::unique_ptr<Invocation> {
      GroupsOptions opts = *o;
      NoteGroupsFlagPresence(opts, args);
      if (auto error = CheckGroupsOptions(opts)) {
        const int word = opts.unsupported.empty() ? -1 : WordIndex(args, opts.unsupported.front());
        throw UsageError(*error, word);
      }
      if (opts.list && opts.state && !opts.state_value.empty()) {
        auto states = ParseGroupStates(opts.state_value);
        if (auto* e = std::get_if<std::string>(&states)) throw UsageError(*e, WordIndex(args, opts.state_value));
      }
      return std::make_unique<ConsumerGroupsInvocation>(std::move(opts));
    };
  }
};

}  // namespace

void RegisterConsumerGroupsCommand(Session& session) {
  session.commands().Register(std::make_unique<ConsumerGroupsCommand>());
}

}  // namespace kafkasim
