// bin/kafka-topics.sh (TopicCommand, Kafka 3.7) against the simulated cluster: --create,
// --list, --describe, --alter (more partitions), --delete with their flags, run by a short-lived admin client node.
// Output and error messages are Kafka's.

#include <set>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "sim/admin/hashing.h"
#include "sim/admin/replica_assignment.h"
#include "sim/admin/topic_command_output.h"
#include "sim/admin/topic_config.h"
#include "sim/broker/broker_part.h"
#include "sim/client/admin_client.h"
#include "sim/script/session.h"
#include "sim/tools/admin_tool.h"
#include "sim/tools/commands.h"

namespace kafkasim {
namespace {

struct TopicsOptions {
  std::string bootstrap_server;
  bool create = false, list = false, describe = false, del = false, alter = false;
  std::string topic;
  std::optional<int32_t> partitions;
  std::optional<int32_t> replication_factor;
  std::string replica_assignment;
  std::vector<std::string> configs;
  ConfigMap parsed_configs;
  ReplicaAssignment assignment;
  bool if_not_exists = false, if_exists = false, exclude_internal = false;
  bool under_replicated = false, unavailable = false, under_min_isr = false, at_min_isr = false;
  bool topics_with_overrides = false;
};

AdminError BrokerError(const TopicResult& r) {
  return MakeAdminError(ExceptionName(r.error), r.message.empty() ? std::string(DefaultMessage(r.error)) : r.message);
}

class TopicsInvocation : public AdminToolInvocation {
 public:
  explicit TopicsInvocation(TopicsOptions o) : AdminToolInvocation("kafka-topics", o.bootstrap_server), o_(std::move(o)) {}

 private:
  std::string Timestamp() const { return FormatLog4jTimestamp(session().sim().now().micros() / 1000); }
  void Output(const ToolOutput& o) {
    if (!o.out.empty()) session().Print(o.out.ends_with('\n') ? o.out.substr(0, o.out.size() - 1) : o.out);
    if (!o.err.empty()) session().PrintError(o.err.ends_with('\n') ? o.err.substr(0, o.err.size() - 1) : o.err);
    Finish(o.exit_code);
  }
  void Fail(const AdminError& error) { Output(FormatTopicCommandError(error, Timestamp())); }
  void TimedOut(const std::string& message) {
    Fail(MakeAdminError("org.apache.kafka.common.errors.TimeoutException", message));
  }

  void Run() override {
    if (o_.create) return Create();
    if (o_.del) return Delete();
    if (o_.alter) return Alter();
    // --list and --describe read the metadata of a broker.
    DescribeTopics();
  }

  void Create() {
    CreatableTopic topic{.name = o_.topic, .num_partitions = o_.partitions.value_or(-1),
                         .replication_factor = static_cast<int16_t>(o_.replication_factor.value_or(-1))};
    for (const auto& [k, v] : o_.parsed_configs) topic.configs[k] = v;
    for (const auto& [p, replicas] : o_.assignment) {
      for (int32_t r : replicas) topic.assignments[p].push_back(BrokerId(r));
    }
    client().Call(
        "createTopics", AdminClient::Target::kController,
        [topic] {
          auto r = std::make_unique<CreateTopicsRequest>();
          r->topics.push_back(topic);
          return r;
        },
        [this](const Envelope* response, const std::string& error) {
          if (response == nullptr) return TimedOut(error);
          const TopicResult& r = response->As<CreateTopicsResponse>()->results.at(0);
          std::optional<AdminError> failure;
          if (r.error != ErrorCode::kNone) failure = BrokerError(r);
          Output(FormatCreateResult(o_.topic, failure, o_.if_not_exists, Timestamp()));
        });
  }

  void Delete() {
    client().Call(
        "deleteTopics", AdminClient::Target::kController,
        [topic = o_.topic] {
          auto r = std::make_unique<DeleteTopicsRequest>();
          r->topics.push_back(topic);
          return r;
        },
        [this](const Envelope* response, const std::string& error) {
          if (response == nullptr) return TimedOut(error);
          const TopicResult& r = response->As<DeleteTopicsResponse>()->results.at(0);
          if (r.error == ErrorCode::kUnknownTopicOrPartition) {
            auto missing = EnsureTopicExists({}, o_.topic, o_.if_exists);
            return missing ? Fail(*missing) : Finish(0);
          }
          if (r.error != ErrorCode::kNone) return Fail(BrokerError(r));
          Finish(0);
        });
  }

  // TopicService.alterTopic: the topic must exist (unless --if-exists); with an explicit layout,
  // the lists after the existing partitions are the new ones. Success prints nothing.
  void Alter() {
    client().Call(
        "describeTopics", AdminClient::Target::kAnyBroker, [] { return std::make_unique<MetadataRequest>(); },
        [this](const Envelope* response, const std::string& error) {
          if (response == nullptr) return TimedOut(error);
          const auto& metadata = *response->As<MetadataResponse>();
          std::vector<std::string> names;
          for (const TopicMetadata& t : metadata.topics) names.push_back(t.name);
          auto selected = SelectTopics(names, o_.topic, o_.exclude_internal);
          if (auto* e = std::get_if<AdminError>(&selected)) return Fail(*e);
          selected_ = std::get<std::vector<std::string>>(selected);
          if (auto missing = EnsureTopicExists(selected_, o_.topic, o_.if_exists)) return Fail(*missing);
          if (selected_.empty()) return Finish(0);
          std::vector<CreatePartitionsTopic> topics;
          for (const TopicMetadata& t : metadata.topics) {
            if (std::find(selected_.begin(), selected_.end(), t.name) == selected_.end()) continue;
            CreatePartitionsTopic topic{.name = t.name, .count = *o_.partitions};
            if (!o_.assignment.empty()) {
              topic.assignments = NewPartitionReplicas(o_.assignment, static_cast<int32_t>(t.partitions.size()));
            }
            topics.push_back(std::move(topic));
          }
          CreatePartitions(std::move(topics));
        });
  }

  void CreatePartitions(std::vector<CreatePartitionsTopic> topics) {
    client().Call(
        "createPartitions", AdminClient::Target::kController,
        [topics] {
          auto r = std::make_unique<CreatePartitionsRequest>();
          r->topics = topics;
          return r;
        },
        [this](const Envelope* response, const std::string& error) {
          if (response == nullptr) return TimedOut(error);
          for (const TopicResult& r : response->As<CreatePartitionsResponse>()->results) {
            if (r.error != ErrorCode::kNone) return Fail(BrokerError(r));
          }
          Finish(0);
        });
  }

  void DescribeTopics() {
    client().Call(
        o_.list ? "listTopics" : "describeTopics", AdminClient::Target::kAnyBroker,
        [] { return std::make_unique<MetadataRequest>(); },
        [this](const Envelope* response, const std::string& error) {
          if (response == nullptr) return TimedOut(error);
          const auto& metadata = *response->As<MetadataResponse>();
          std::vector<std::string> names;
          for (const TopicMetadata& t : metadata.topics) names.push_back(t.name);
          std::optional<std::string_view> filter;
          if (!o_.topic.empty()) filter = o_.topic;
          auto selected = SelectTopics(names, filter, o_.exclude_internal);
          if (auto* e = std::get_if<AdminError>(&selected)) return Fail(*e);
          selected_ = std::get<std::vector<std::string>>(selected);
          if (o_.list) {
            session().Print(FormatList(selected_));
            return Finish(0);
          }
          if (auto missing = EnsureTopicExists(selected_, filter, o_.if_exists)) return Fail(*missing);
          for (const BrokerMetadata& b : metadata.brokers) live_.insert(b.id.value());
          for (const TopicMetadata& t : metadata.topics) {
            if (std::find(selected_.begin(), selected_.end(), t.name) == selected_.end()) continue;
            TopicDescription d{.name = t.name};
            if (auto id = Uuid::Parse(t.topic_id); std::holds_alternative<Uuid>(id)) d.topic_id = std::get<Uuid>(id);
            for (const PartitionMetadata& p : t.partitions) {
              PartitionDescription pd{.partition = p.partition};
              if (p.leader != kNoLeader) pd.leader = p.leader.value();
              for (BrokerId r : p.replicas) pd.replicas.push_back(r.value());
              for (BrokerId r : p.isr) pd.isr.push_back(r.value());
              d.partitions.push_back(std::move(pd));
            }
            descriptions_.push_back(std::move(d));
          }
          DescribeConfigs();
        });
  }

  void DescribeConfigs() {
    client().Call(
        "describeConfigs", AdminClient::Target::kAnyBroker,
        [names = selected_] {
          auto r = std::make_unique<DescribeConfigsRequest>();
          for (const std::string& name : names) r->resources.push_back({ConfigResourceType::kTopic, name});
          return r;
        },
        [this](const Envelope* response, const std::string& error) {
          if (response == nullptr) return TimedOut(error);
          for (const DescribeConfigsResult& result : response->As<DescribeConfigsResponse>()->results) {
            auto d = std::find_if(descriptions_.begin(), descriptions_.end(),
                                  [&](const TopicDescription& t) { return t.name == result.resource.name; });
            if (d == descriptions_.end() || result.error != ErrorCode::kNone) continue;
            // TopicCommand lists the entries that are not defaults (ConfigEntry.isDefault), in the
            // order of the admin client's HashMap of every entry.
            std::map<std::string, std::string> shown;
            for (const DescribedConfig& c : result.configs) {
              if (c.source != ConfigSource::kDefaultConfig) shown[c.name] = c.value.value_or("null");
            }
            std::vector<std::string> names;
            for (const auto& [k, _] : shown) names.push_back(k);
            const int32_t table = JavaHashMapTableSize(result.configs.size());
            for (const std::string& k : JavaHashMapOrder(std::move(names), table)) {
              d->non_default_configs.push_back(ConfigEntry{k, shown[k]});
              if (k == "min.insync.replicas") d->min_insync_replicas = std::stoi(shown[k]);
            }
          }
          const DescribeOptions options{.under_replicated_partitions = o_.under_replicated,
                                        .unavailable_partitions = o_.unavailable,
                                        .under_min_isr_partitions = o_.under_min_isr,
                                        .at_min_isr_partitions = o_.at_min_isr,
                                        .topics_with_overrides = o_.topics_with_overrides};
          std::string out = FormatDescribe(descriptions_, live_, options);
          if (out.ends_with('\n')) out.pop_back();
          if (!out.empty()) session().Print(out);
          Finish(0);
        });
  }

  TopicsOptions o_;
  std::vector<std::string> selected_;
  std::vector<TopicDescription> descriptions_;
  std::set<int32_t> live_;
};

class TopicsCommand : public CliCommand {
 public:
  std::string name() const override { return "kafka-topics.sh"; }
  std::string summary() const override {
    return "create, list, describe, alter and delete topics: kafka-topics.sh --bootstrap-server localhost:9092 --create "
           "--topic orders --partitions 3 --replication-factor 3";
  }

 protected:
  Builder Define(CLI::App& app) const override {
    auto o = std::make_shared<TopicsOptions>();
    app.description("Create, delete, describe, or change a topic.");
    app.add_option("--bootstrap-server", o->bootstrap_server, "REQUIRED: The Kafka server to connect to.");
    app.add_flag("--create", o->create, "Create a new topic.");
    app.add_flag("--list", o->list, "List all available topics.");
    app.add_flag("--describe", o->describe, "List details for the given topics.");
    app.add_flag("--delete", o->del, "Delete a topic");
    app.add_flag("--alter", o->alter, "Alter the number of partitions and replica assignment.");
    app.add_option("--topic", o->topic, "The topic to create, alter, describe or delete.");
    app.add_option("--partitions", o->partitions, "The number of partitions for the topic being created or altered.");
    app.add_option("--replication-factor", o->replication_factor,
                   "The replication factor for each partition in the topic being created.");
    app.add_option("--replica-assignment", o->replica_assignment,
                   "A list of manual partition-to-broker assignments for the topic being created or altered.");
    app.add_option("--config", o->configs, "A topic configuration override for the topic being created.")
        ->take_first()
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    app.add_flag("--if-not-exists", o->if_not_exists, "if set when creating topics, the action will only execute if "
                                                      "the topic does not already exist.");
    app.add_flag("--if-exists", o->if_exists,
                 "if set when altering or deleting or describing topics, the action will only execute if the topic "
                 "exists.");
    app.add_flag("--exclude-internal", o->exclude_internal, "exclude internal topics when running list or describe "
                                                            "command.");
    app.add_flag("--under-replicated-partitions", o->under_replicated,
                 "if set when describing topics, only show under replicated partitions");
    app.add_flag("--unavailable-partitions", o->unavailable,
                 "if set when describing topics, only show partitions whose leader is not available");
    app.add_flag("--under-min-isr-partitions", o->under_min_isr,
                 "if set when describing topics, only show partitions whose isr count is less than the configured "
                 "minimum.");
    app.add_flag("--at-min-isr-partitions", o->at_min_isr,
                 "if set when describing topics, only show partitions whose isr count is equal to the configured "
                 "minimum.");
    app.add_flag("--topics-with-overrides", o->topics_with_overrides,
                 "if set when describing topics, only show topics that have overridden configs");
    return [o](const std::vector<std::string>& args, const std::vector<std::string>&) -> std::unique_ptr<Invocation> {
      const int actions = o->create + o->list + o->describe + o->del + o->alter;
      if (actions != 1) {
        throw UsageError("Command must include exactly one action: --list, --describe, --create, --alter or --delete");
      }
      if (o->bootstrap_server.empty()) {
        throw UsageError("Missing required argument \"[bootstrap-server]\"");
      }
      if ((o->create || o->del || o->alter) && o->topic.empty()) {
        throw UsageError("Missing required argument \"[topic]\"");
      }
      if (o->alter) {
        if (!o->configs.empty()) {
          throw UsageError("Option combination \"[[bootstrap-server], [config]]\" can't be used with option "
                           "\"[alter]\" (To alter topic configurations, the kafka-configs tool can be used.)",
                           WordIndex(args, "--config"));
        }
        if (!o->partitions) throw UsageError("Missing required argument \"[partitions]\"");
        if (o->replication_factor) {
          throw UsageError("Option \"[replication-factor]\" can't be used with option \"[alter]\"",
                           WordIndex(args, "--replication-factor"));
        }
        if (!o->replica_assignment.empty()) {
          auto assignment = ParseReplicaAssignment(o->replica_assignment);
          if (auto* e = std::get_if<AdminError>(&assignment)) {
            throw UsageError(e->message, WordIndex(args, o->replica_assignment));
          }
          o->assignment = std::get<ReplicaAssignment>(assignment);
        }
      }
      if (o->create) {
        if (auto e = ValidateCreateArguments(o->partitions, o->replication_factor)) throw UsageError(e->message);
        auto configs = ParseTopicConfigArgs(o->configs);
        if (auto* e = std::get_if<AdminError>(&configs)) throw UsageError(e->message, WordIndex(args, "--config"));
        o->parsed_configs = std::get<ConfigMap>(configs);
        if (!o->replica_assignment.empty()) {
          // TopicCommand.checkInvalidArgs: an explicit layout fixes both counts.
          for (const char* flag : {"--partitions", "--replication-factor"}) {
            if (WordIndex(args, flag) >= 0) {
              throw UsageError(fmt::format("Option \"[replica-assignment]\" can't be used with option \"[{}]\"",
                                           std::string_view(flag).substr(2)),
                               WordIndex(args, flag));
            }
          }
          auto assignment = ParseReplicaAssignment(o->replica_assignment);
          if (auto* e = std::get_if<AdminError>(&assignment)) {
            throw UsageError(e->message, WordIndex(args, o->replica_assignment));
          }
          o->assignment = std::get<ReplicaAssignment>(assignment);
        }
      }
      return std::make_unique<TopicsInvocation>(*o);
    };
  }
};

}  // namespace

void RegisterTopicsCommand(Session& session) { session.commands().Register(std::make_unique<TopicsCommand>()); }

}  // namespace kafkasim
