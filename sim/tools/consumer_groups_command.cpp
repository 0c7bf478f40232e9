// bin/kafka-consumer-groups.sh (ConsumerGroupCommand, Kafka 3.7) against the simulated cluster,
// run by a short-lived admin client node:
//   --list                       ListGroups to every broker; consumer groups, one a line
//   --describe --group G         FindCoordinator, DescribeGroups and OffsetFetch at the
//                                coordinator, the high watermarks by ListOffsets at the leaders:
//                                GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG ...
//   --delete --group G           DeleteGroups at the coordinator (only an Empty group)
// --members, --state, --reset-offsets and --delete-offsets answer "not available yet".

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "sim/broker/broker_part.h"
#include "sim/client/admin_client.h"
#include "sim/protocol/consumer_protocol.h"
#include "sim/protocol/data_requests.h"
#include "sim/protocol/group_requests.h"
#include "sim/script/session.h"
#include "sim/storage/log_types.h"
#include "sim/tools/commands.h"
#include "sim/tools/consumer_groups_output.h"

namespace kafkasim {
namespace {

struct GroupsOptions {
  std::string bootstrap_server;
  bool list = false, describe = false, del = false;
  std::vector<std::string> groups;
};

class ConsumerGroupsInvocation : public Invocation {
 public:
  explicit ConsumerGroupsInvocation(GroupsOptions o) : o_(std::move(o)) {}

  void Start(Session& session, std::function<void(int)> done) override {
    Simulation& sim = session.sim();
    auto id = std::make_shared<NodeId>(kNoNode);
    const BrokerDirectory& directory = session.part<BrokerPart>().directory();
    AdminClientOptions options{.bootstrap_servers = {o_.bootstrap_server}};
    node_ = sim.AddNode(NextName(session), "client", [&sim, id, &directory, options] {
      return std::make_unique<AdminClient>(sim, *id, directory, options);
    });
    *id = node_;
    sim.Start(node_);
    session_ = &session;
    done_ = std::move(done);
    if (o_.list) return List();
    NextGroup();
  }

 private:
  static std::string NextName(Session& session) {
    for (int i = 1;; ++i) {
      std::string name = fmt::format("kafka-consumer-groups-{}", i);
      if (session.FindNode(name) == nullptr) return name;
    }
  }
  AdminClient& client() { return *static_cast<AdminClient*>(session_->sim().node(node_).process()); }
  // The state's message (stderr) comes before the table, as ConsumerGroupCommand prints them.
  void Print(const std::string& out, const std::string& err) {
    if (!err.empty()) session_->PrintError(err.ends_with('\n') ? err.substr(0, err.size() - 1) : err);
    if (!out.empty()) session_->Print(out.ends_with('\n') ? out.substr(0, out.size() - 1) : out);
  }
  void Finish(int code) {
    for (const std::string& line : client().TakeLog()) session_->PrintError(line);
    session_->sim().Stop(node_);
    auto done = std::move(done_);
    done(code);
  }
  void TimedOut(const std::string& message) {
    session_->PrintError(fmt::format("Error: Executing consumer group command failed due to "
                                     "org.apache.kafka.common.errors.TimeoutException: {}",
                                     message));
    Finish(1);
  }

  // --- --list ---
  void List() {
    client().Call("listConsumerGroups", AdminClient::Target::kAnyBroker,
                  [] { return std::make_unique<ListGroupsRequest>(); },
                  [this](const Envelope* e, const std::string& error) {
                    if (e == nullptr) return TimedOut(error);
                    Collect(*e);
                    for (const BrokerMetadata& b : client().metadata()->brokers) brokers_.push_back(b.id);
                    ListNext(1);
                  });
  }
  void Collect(const Envelope& e) {
    if (const auto* r = e.As<ListGroupsResponse>()) {
      for (const ListedGroup& g : r->groups) {
        if (g.protocol_type == "consumer" || g.protocol_type.empty()) listed_.push_back(g.group_id);
      }
    }
  }
  void ListNext(size_t i) {
    if (i >= brokers_.size()) {
      for (const std::string& g : listed_) session_->Print(g);
      return Finish(0);
    }
    client().CallBroker("listConsumerGroups", brokers_[i], [] { return std::make_unique<ListGroupsRequest>(); },
                        [this, i](const Envelope* e, const std::string& error) {
                          if (e == nullptr) return TimedOut(error);
                          Collect(*e);
                          ListNext(i + 1);
                        });
  }

  // --- one group at a time: find its coordinator, then --describe or --delete ---
  void NextGroup() {
    if (next_group_ >= o_.groups.size()) return Finish(exit_code_);
    group_ = o_.groups[next_group_++];
    find_attempts_ = 0;
    FindCoordinator();
  }
  void FindCoordinator() {
    client().Call("findCoordinator", AdminClient::Target::kAnyBroker,
                  [this] {
                    auto r = std::make_unique<FindCoordinatorRequest>();
                    r->key = group_;
                    return r;
                  },
                  [this](const Envelope* e, const std::string& error) {
                    if (e == nullptr) return TimedOut(error);
                    const auto& r = *e->As<FindCoordinatorResponse>();
                    if (r.error != ErrorCode::kNone) {
                      // COORDINATOR_NOT_AVAILABLE is retriable: the admin client retries.
                      if (++find_attempts_ > 100) return TimedOut("Timed out waiting for a node assignment.");
                      session_->sim().Schedule(Duration::Millis(100), node_, [this] { FindCoordinator(); });
                      return;
                    }
                    coordinator_ = r.node_id;
                    if (o_.del) return Delete();
                    Describe();
                  });
  }

  void Delete() {
    client().CallBroker("deleteConsumerGroups", coordinator_,
                        [this] {
                          auto r = std::make_unique<DeleteGroupsRequest>();
                          r->groups = {group_};
                          return r;
                        },
                        [this](const Envelope* e, const std::string& error) {
                          if (e == nullptr) return TimedOut(error);
                          const ErrorCode result = e->As<DeleteGroupsResponse>()->results.at(group_);
                          if (result == ErrorCode::kNone) {
                            session_->Print(
                                fmt::format("Deletion of requested consumer groups ('{}') was successful.", group_));
                          } else {
                            const std::string exception =
                                result == ErrorCode::kNonEmptyGroup  ? "GroupNotEmptyException"
                                : result == ErrorCode::kGroupIdNotFound ? "GroupIdNotFoundException"
                                                                        : "KafkaException";
                            session_->PrintError(fmt::format(
                                "Deletion of some consumer groups failed:\n* Group '{}' could not be deleted due to: "
                                "org.apache.kafka.common.errors.{}: {}",
                                group_, exception, DefaultMessage(result)));
                            exit_code_ = 1;
                          }
                          NextGroup();
                        });
  }

  void Describe() {
    client().CallBroker("describeConsumerGroups", coordinator_,
                        [this] {
                          auto r = std::make_unique<DescribeGroupsRequest>();
                          r->groups = {group_};
                          return r;
                        },
                        [this](const Envelope* e, const std::string& error) {
                          if (e == nullptr) return TimedOut(error);
                          description_ = e->As<DescribeGroupsResponse>()->groups.at(0);
                          FetchOffsets();
                        });
  }
  void FetchOffsets() {
    client().CallBroker("listConsumerGroupOffsets", coordinator_,
                        [this] {
                          auto r = std::make_unique<OffsetFetchRequest>();
                          r->group_id = group_;
                          return r;
                        },
                        [this](const Envelope* e, const std::string& error) {
                          if (e == nullptr) return TimedOut(error);
                          committed_ = e->As<OffsetFetchResponse>()->partitions;
                          FindLeaders();
                        });
  }
  void FindLeaders() {
    std::set<std::string> topics;
    for (const auto& [tp, o] : committed_) topics.insert(tp.topic);
    for (const DescribedGroupMember& m : description_.members) {
      if (auto a = DecodeAssignment(m.assignment)) {
        for (const TopicPartition& tp : a->partitions) topics.insert(tp.topic);
      }
    }
    if (topics.empty()) return Print();
    client().Call("describeTopics", AdminClient::Target::kAnyBroker,
                  [topics] {
                    auto r = std::make_unique<MetadataRequest>();
                    r->topics = std::vector<std::string>(topics.begin(), topics.end());
                    return r;
                  },
                  [this](const Envelope* e, const std::string& error) {
                    if (e == nullptr) return TimedOut(error);
                    by_leader_.clear();
                    for (const TopicMetadata& t : e->As<MetadataResponse>()->topics) {
                      for (const PartitionMetadata& p : t.partitions) {
                        if (p.leader != kNoLeader) by_leader_[p.leader].push_back({t.name, p.partition});
                      }
                    }
                    ListEndOffsets(by_leader_.begin());
                  });
  }
  void ListEndOffsets(std::map<BrokerId, std::vector<TopicPartition>>::iterator it) {
    if (it == by_leader_.end()) return Print();
    const BrokerId leader = it->first;
    std::vector<TopicPartition> tps = it->second;
    client().CallBroker("listOffsets", leader,
                        [tps] {
                          auto r = std::make_unique<ListOffsetsRequest>();
                          for (const TopicPartition& tp : tps) r->timestamps[tp] = kLatestTimestamp;
                          return r;
                        },
                        [this, it](const Envelope* e, const std::string& error) {
                          if (e == nullptr) return TimedOut(error);
                          for (const auto& [tp, p] : e->As<ListOffsetsResponse>()->partitions) {
                            if (p.error == ErrorCode::kNone) end_offsets_[tp] = p.offset.value();
                          }
                          ListEndOffsets(std::next(it));
                        });
  }

  void Print() {
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
      if (auto c = committed_.find(tp); c != committed_.end() && c->second.offset >= 0) r.current_offset = c->second.offset;
      if (auto e = end_offsets_.find(tp); e != end_offsets_.end()) r.log_end_offset = e->second;
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
      if (!assigned.contains(tp) && o.offset >= 0) row(tp, nullptr);
    }
    const ToolText text = FormatDescribeOffsets(group_, description_.state, rows);
    Print(text.out, text.err);
    NextGroup();
  }

  GroupsOptions o_;
  Session* session_ = nullptr;
  NodeId node_ = kNoNode;
  std::function<void(int)> done_;
  std::vector<BrokerId> brokers_;
  std::vector<std::string> listed_;
  size_t next_group_ = 0;
  std::string group_;
  int find_attempts_ = 0;
  int exit_code_ = 0;
  BrokerId coordinator_ = kNoLeader;
  DescribedGroup description_;
  std::map<TopicPartition, OffsetFetchPartition> committed_;
  std::map<BrokerId, std::vector<TopicPartition>> by_leader_;
  std::map<TopicPartition, int64_t> end_offsets_;
};

class ConsumerGroupsCommand : public CliCommand {
 public:
  std::string name() const override { return "kafka-consumer-groups.sh"; }
  std::string summary() const override {
    return "list, describe and delete consumer groups: kafka-consumer-groups.sh --bootstrap-server localhost:9092 "
           "--describe --group billing";
  }

 protected:
  Builder Define(CLI::App& app) const override {
    auto o = std::make_shared<GroupsOptions>();
    auto unsupported = std::make_shared<std::vector<std::string>>();
    app.description("This tool helps to list all consumer groups, describe a consumer group, delete consumer group "
                    "info, or reset consumer group offsets.");
    app.add_option("--bootstrap-server", o->bootstrap_server, "REQUIRED: The server(s) to connect to.");
    app.add_flag("--list", o->list, "List all consumer groups.");
    app.add_flag("--describe", o->describe, "Describe consumer group and list offset lag (number of messages not yet "
                                            "processed) related to given group.");
    app.add_flag("--delete", o->del, "Pass in groups to delete topic partition offsets and ownership information over "
                                     "the entire consumer group.");
    app.add_option("--group", o->groups, "The consumer group we wish to act on.")
        ->take_all()
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    for (const char* flag : {"--members", "--state", "--offsets", "--verbose", "--reset-offsets", "--delete-offsets",
                             "--all-groups", "--dry-run", "--execute", "--to-earliest", "--to-latest"}) {
      app.add_flag(flag, [unsupported, flag](int64_t) { unsupported->push_back(flag); },
                   "not available yet in kafkasim");
    }
    return [o, unsupported](const std::vector<std::string>& args,
                            const std::vector<std::string>&) -> std::unique_ptr<Invocation> {
      if (!unsupported->empty()) {
        throw UsageError(fmt::format("{} is not available yet in kafkasim (--list, --describe --group and --delete "
                                     "--group are)",
                                     unsupported->front()),
                         WordIndex(args, unsupported->front()));
      }
      if (o->bootstrap_server.empty()) throw UsageError("Missing required argument \"[bootstrap-server]\"");
      if (int(o->list) + int(o->describe) + int(o->del) != 1) {
        throw UsageError("Command must include exactly one action: --list, --describe, --delete, --reset-offsets, "
                         "--delete-offsets");
      }
      if ((o->describe || o->del) && o->groups.empty()) {
        throw UsageError(fmt::format("Option [{}] takes one of these options: [all-groups], [group]",
                                     o->describe ? "describe" : "delete"));
      }
      return std::make_unique<ConsumerGroupsInvocation>(*o);
    };
  }
};

}  // namespace

void RegisterConsumerGroupsCommand(Session& session) {
  session.commands().Register(std::make_unique<ConsumerGroupsCommand>());
}

}  // namespace kafkasim
