// bin/kafka-leader-election.sh (LeaderElectionCommand, Kafka 3.7): ask the controller for
// preferred or unclean leader elections, for one partition, a JSON file's partitions, or all of
// them, and print what happened the way the tool does.

#include <fstream>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sim/admin/hashing.h"
#include "sim/broker/broker_part.h"
#include "sim/client/admin_client.h"
#include "sim/script/session.h"
#include "sim/tools/admin_tool.h"
#include "sim/tools/commands.h"

namespace kafkasim {
namespace {

struct ElectionOptions {
  std::string bootstrap_server;
  std::string election_type;
  std::string topic;
  std::optional<int32_t> partition;
  bool all_topic_partitions = false;
  std::string path_to_json_file;
  ElectionType type = ElectionType::kPreferred;
  std::optional<std::vector<TopicPartition>> partitions;  // nullopt: every partition
};

// The tool collects partitions in java.util.HashSets (filled from the admin client's HashMap of
// results) and prints them in their iteration order.
std::vector<TopicPartition> InHashSetOrder(std::vector<TopicPartition> partitions, size_t result_count) {
  const auto hash = [](const TopicPartition& tp) { return JavaTopicPartitionHashCode(tp.topic, tp.partition); };
  partitions = JavaHashOrder(std::move(partitions), JavaHashMapTableSize(result_count), hash);
  return JavaHashOrder(std::move(partitions), JavaHashMapTableSize(partitions.size()), hash);
}

std::string JoinInHashSetOrder(std::vector<TopicPartition> partitions, size_t result_count) {
  std::vector<std::string> names;
  for (const TopicPartition& tp : InHashSetOrder(std::move(partitions), result_count)) names.push_back(ToString(tp));
  return fmt::format("{}", fmt::join(names, ", "));
}

// parseReplicaElectionData: {"partitions": [{"topic": "foo", "partition": 1}, ...]}.
std::vector<TopicPartition> ReadElectionJson(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw UsageError(fmt::format("{} (No such file or directory)", path));
  std::stringstream text;
  text << in.rdbuf();
  const auto json = nlohmann::json::parse(text.str(), nullptr, false);
  if (json.is_discarded()) throw UsageError(fmt::format("{}: not valid JSON", path));
  if (!json.is_object() || !json.contains("partitions")) {
    throw UsageError("Replica election data is missing \"partitions\" field");
  }
  std::vector<TopicPartition> out;
  for (const auto& p : json["partitions"]) {
    if (!p.is_object() || !p.contains("topic") || !p["topic"].is_string() || !p.contains("partition") ||
        !p["partition"].is_number_integer()) {
      throw UsageError(fmt::format("{}: each partition needs a string \"topic\" and an integer \"partition\"", path));
    }
    const TopicPartition tp{p["topic"].get<std::string>(), p["partition"].get<int32_t>()};
    if (std::find(out.begin(), out.end(), tp) != out.end()) {
      throw UsageError(fmt::format("Replica election data contains duplicate partitions: [{}]", ToString(tp)));
    }
    out.push_back(tp);
  }
  return out;
}

class LeaderElectionInvocation : public AdminToolInvocation {
 public:
  explicit LeaderElectionInvocation(ElectionOptions o)
      : AdminToolInvocation("kafka-leader-election", o.bootstrap_server), o_(std::move(o)) {}

 private:
  void Run() override {
    client().Call(
        "electLeaders", AdminClient::Target::kController,
        [type = o_.type, partitions = o_.partitions] {
          auto r = std::make_unique<ElectLeadersRequest>();
          r->type = type;
          r->partitions = partitions;
          return r;
        },
        [this](const Envelope* response, const std::string&) {
          if (response == nullptr) {
            session().Print("Timeout waiting for election results");
            session().PrintError("Timeout waiting for election results");
            return Finish(1);
          }
          Report(*response->As<ElectLeadersResponse>());
        });
  }

  void Report(const ElectLeadersResponse& response) {
    const std::string type = o_.type == ElectionType::kPreferred ? "PREFERRED" : "UNCLEAN";
    std::vector<TopicPartition> succeeded, noop;
    std::vector<TopicPartition> failed;
    for (const auto& [tp, result] : response.results) {
      if (result.error == ErrorCode::kNone) {
        succeeded.push_back(tp);
      } else if (result.error == ErrorCode::kElectionNotNeeded) {
        noop.push_back(tp);
      } else {
        failed.push_back(tp);
      }
    }
    const size_t n = response.results.size();
    if (!succeeded.empty()) {
      session().Print(fmt::format("Successfully completed leader election ({}) for partitions {}", type,
                                  JoinInHashSetOrder(succeeded, n)));
    }
    if (!noop.empty()) {
      session().Print(fmt::format("Valid replica already elected for partitions {}", JoinInHashSetOrder(noop, n)));
    }
    if (failed.empty()) return Finish(0);
    for (const TopicPartition& tp : InHashSetOrder(failed, n)) {
      const PartitionResult& result = response.results.at(tp);
      session().Print(fmt::format("Error completing leader election ({}) for partition: {}: {}: {}", type,
                                  ToString(tp), ExceptionName(result.error), result.message));
    }
    const std::string message = fmt::format("{} replica(s) could not be elected", failed.size());
    session().PrintError(message);
    session().PrintError("org.apache.kafka.server.common.AdminCommandFailedException: " + message);
    Finish(1);
  }

  ElectionOptions o_;
};

class LeaderElectionCommand : public CliCommand {
 public:
  std::string name() const override { return "kafka-leader-election.sh"; }
  std::string summary() const override {
    return "elect preferred or unclean leaders: kafka-leader-election.sh --bootstrap-server localhost:9092 "
           "--election-type preferred --all-topic-partitions";
  }

 protected:
  Builder Define(CLI::App& app) const override {
    auto o = std::make_shared<ElectionOptions>();
    app.add_option("--bootstrap-server", o->bootstrap_server,
                   "A hostname and port for the broker to connect to, in the form host:port. REQUIRED.");
    app.add_option("--election-type", o->election_type,
                   "Type of election to attempt: \"preferred\" or \"unclean\". REQUIRED.");
    app.add_option("--topic", o->topic, "Name of topic for which to perform an election.");
    app.add_option("--partition", o->partition, "Partition id for which to perform an election.");
    app.add_flag("--all-topic-partitions", o->all_topic_partitions,
                 "Perform election on all of the eligible topic partitions.");
    app.add_option("--path-to-json-file", o->path_to_json_file,
                   "The JSON file with the list of partitions for which leader elections should be performed.");
    return [o](const std::vector<std::string>& args, const std::vector<std::string>&) -> std::unique_ptr<Invocation> {
      std::vector<std::string> missing;
      if (o->bootstrap_server.empty()) missing.push_back("bootstrap-server");
      if (o->election_type.empty()) missing.push_back("election-type");
      if (!missing.empty()) throw UsageError(fmt::format("Missing required option(s): {}", fmt::join(missing, ", ")));
      std::string type = o->election_type;
      std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
      if (type != "preferred" && type != "unclean") {
        throw UsageError(fmt::format("Value {} for argument election-type is not valid: use preferred or unclean",
                                     o->election_type),
                         WordIndex(args, o->election_type));
      }
      o->type = type == "preferred" ? ElectionType::kPreferred : ElectionType::kUnclean;
      const int exclusive = !o->topic.empty() + o->all_topic_partitions + !o->path_to_json_file.empty();
      if (exclusive != 1) {
        throw UsageError(
            "One and only one of the following options is required: topic, all-topic-partitions, path-to-json-file");
      }
      if (!o->topic.empty() && !o->partition) throw UsageError("Missing required option(s): partition");
      if (o->topic.empty() && o->partition) {
        throw UsageError("Option partition is only allowed if topic is used", WordIndex(args, "--partition"));
      }
      if (!o->topic.empty()) o->partitions = std::vector<TopicPartition>{{o->topic, *o->partition}};
      if (!o->path_to_json_file.empty()) o->partitions = ReadElectionJson(o->path_to_json_file);
      return std::make_unique<LeaderElectionInvocation>(*o);
    };
  }
};

}  // namespace

void RegisterLeaderElectionCommand(Session& session) {
  session.commands().Register(std::make_unique<LeaderElectionCommand>());
}

}  // namespace kafkasim
