// bin/kafka-delete-records.sh (DeleteRecordsCommand, Kafka 3.7): moves the log
// start offset of the partitions a JSON file names up to the given offsets,
// through Admin.deleteRecords.
//
//   {"partitions": [{"topic": "orders", "partition": 0, "offset": 3}],
//   "version": 1}
//
// Offset -1 means each partition's high watermark. The tool reads
// --command-config (an Admin client properties file) and the JSON file when it
// runs, as Kafka does in main(), so a scenario may write them with `echo ... >
// FILE` first. What main() throws (a missing file, bad JSON, duplicate
// partitions) is printed as the JVM prints an uncaught exception, exit code 1;
// a partition the brokers refused is printed with its error, exit code 0.
//
// The admin client asks any broker for the topics' metadata ("topicsMetadata"),
// then sends one DeleteRecords to each leader ("deleteRecords"). Partitions of
// a topic that does not exist fail with the topic's error, partitions without a
// leader with LEADER_NOT_AVAILABLE. The results are printed in the order of the
// admin client's HashMap of futures.

#include <cassert>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sim/admin/hashing.h"
#include "sim/config/config_files.h"
#include "sim/config/properties.h"
#include "sim/protocol/delete_records_requests.h"
#include "sim/script/session.h"
#include "sim/tools/admin_tool.h"
#include "sim/tools/commands.h"

namespace kafkasim {
namespace {

struct DeleteRecordsOptions {
  std::string bootstrap_server;
  std::string offset_json_file;
  std::string command_config;
};

// An exception DeleteRecordsCommand.main lets escape: the JVM prints it on
// stderr, exit code 1.
struct ToolException {
  std::string text;  // "org.apache.kafka.server.common.AdminOperationException: ..."
};

constexpr const char* kAdminOperationException = "org.apache.kafka.server.common.AdminOperationException";
constexpr const char* kJsonMappingException = "com.fasterxml.jackson.databind.JsonMappingException";

ToolException JsonMappingError(const std::string& message) {
  return {fmt::format("{}: {}", kJsonMappingException, message)};
}

// Kafka's JsonObject.apply(name).to[T] (DecodeJson): a missing field or a value
// of another type.
const nlohmann::json& FieldOf(const nlohmann::json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end()) throw JsonMappingError(fmt::format("No such field exists: `{}`", name));
  return *it;
}
std::string StringField(const nlohmann::json& object, const char* name) {
  const nlohmann::json& v = FieldOf(object, name);
  if (!v.is_string()) throw JsonMappingError(fmt::format("Expected `String` value, received {}", v.dump()));
  return v.get<std::string>();
}
int32_t IntValue(const nlohmann::json& v) {
  if (!v.is_number_integer() || v.get<int64_t>() < INT32_MIN || v.get<int64_t>() > INT32_MAX) {
    throw JsonMappingError(fmt::format("Expected `Int` value, received {}", v.dump()));
  }
  return static_cast<int32_t>(v.get<int64_t>());
}
int64_t LongValue(const nlohmann::json& v) {
  if (!v.is_number_integer()) throw JsonMappingError(fmt::format("Expected `Long` value, received {}", v.dump()));
  return v.get<int64_t>();
}

// DeleteRecordsCommand.parseOffsetJsonStringWithoutDedup: every entry, in the
// file's order.
std::vector<std::pair<TopicPartition, int64_t>> ParseOffsetJson(const std::string& text) {
  const auto js = nlohmann::json::parse(text, nullptr, false);
  if (js.is_discarded())
    throw ToolException{fmt::format("{}: The input string is not a valid JSON", kAdminOperationException)};
  if (!js.is_object()) throw JsonMappingError(fmt::format("Expected JSON object, received {}", js.dump()));
  const int32_t version = js.contains("version") ? IntValue(js["version"]) : 1;
  if (version != 1) {
    throw ToolException{fmt::format("{}: Not supported version field value {}", kAdminOperationException, version)};
  }
  if (!js.contains("partitions"))
    throw ToolException{fmt::format("{}: Missing partitions field", kAdminOperationException)};
  const nlohmann::json& partitions = js["partitions"];
  if (!partitions.is_array()) {
    throw JsonMappingError(fmt::format("Expected JSON array, received {}", partitions.dump()));
  }
  std::vector<std::pair<TopicPartition, int64_t>> out;
  for (const nlohmann::json& p : partitions) {
    if (!p.is_object()) throw JsonMappingError(fmt::format("Expected JSON object, received {}", p.dump()));
    TopicPartition tp{StringField(p, "topic"), IntValue(FieldOf(p, "partition"))};
    out.emplace_back(std::move(tp), LongValue(FieldOf(p, "offset")));
  }
  return out;
}

// java.util.HashMap's tableSizeFor.
int32_t JavaTableSizeFor(int64_t capacity) {
  int32_t n = 1;
  while (n < capacity) n *= 2;
  return n;
}

// KafkaAdminClient.deleteRecords keeps its futures in `new HashMap<>(n)`
// (filled in the order given) and returns `new HashMap<>(futures)`: the tool
// prints in the copy's iteration order.
std::vector<TopicPartition> InResultOrder(std::vector<TopicPartition> partitions) {
  const auto hash = [](const TopicPartition& tp) { return JavaTopicPartitionHashCode(tp.topic, tp.partition); };
  const auto n = static_cast<int64_t>(partitions.size());
  int32_t futures_table = JavaTableSizeFor(std::max<int64_t>(n, 1));
  while (n > futures_table * 3 / 4) futures_table *= 2;
  partitions = JavaHashOrder(std::move(partitions), futures_table, hash);
  const int32_t copy_table = JavaTableSizeFor(static_cast<int64_t>(static_cast<float>(n) / 0.75f + 1.0f));
  return JavaHashOrder(std::move(partitions), copy_table, hash);
}

class DeleteRecordsInvocation : public AdminToolInvocation {
 public:
  explicit DeleteRecordsInvocation(DeleteRecordsOptions o)
      : AdminToolInvocation("kafka-delete-records", o.bootstrap_server), o_(std::move(o)) {}

 private:
  // createAdminClient: --command-config is loaded before anything else.
  std::optional<int> Configure(AdminClientOptions& options) override {
    if (o_.command_config.empty()) return std::nullopt;
    const std::optional<std::string> text = ReadConfigFile(o_.command_config);
    if (!text) {
      return Exit(ToolException{
          fmt::format("java.io.FileNotFoundException: {} (No such file or directory)", o_.command_config)});
    }
    const Properties props = ParseProperties(*text);
    const auto millis = [&](const char* key, Duration& into) -> bool {
      const std::optional<std::string> v = props.Get(key);
      if (!v) return true;
      int64_t ms = 0;
      const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), ms);
      if (ec != std::errc() || end != v->data() + v->size() || ms < 0 || ms > INT32_MAX) {
        Exit(
            ToolException{fmt::format("org.apache.kafka.common.config.ConfigException: "
                                      "Invalid value {} for "
                                      "configuration {}: Not a number of type INT",
                                      *v, key)});
        return false;
      }
      into = Duration::Millis(ms);
      return true;
    };
    if (!millis("request.timeout.ms", options.request_timeout) ||
        !millis("default.api.timeout.ms", options.default_api_timeout) ||
        !millis("retry.backoff.ms", options.retry_backoff)) {
      return 1;
    }
    if (auto id = props.Get("client.id")) options.client_id = *id;
    return std::nullopt;
  }

  int Exit(const ToolException& e) {
    session().PrintError(fmt::format("Exception in thread \"main\" {}", e.text));
    return 1;
  }

  void Run() override {
    std::ifstream in(o_.offset_json_file, std::ios::binary);
    if (!in) {
      return Finish(Exit(ToolException{fmt::format("java.nio.file.NoSuchFileException: {}", o_.offset_json_file)}));
    }
    std::stringstream text;
    text << in.rdbuf();
    std::vector<std::pair<TopicPartition, int64_t>> entries;
    try {
      entries = ParseOffsetJson(text.str());
    } catch (const ToolException& e) {
      return Finish(Exit(e));
    }
    std::vector<std::string> duplicates;
    for (size_t i = 0; i < entries.size(); ++i) {
      const TopicPartition& tp = entries[i].first;
      const bool seen = std::any_of(entries.begin(), entries.begin() + static_cast<ptrdiff_t>(i),
                                    [&](const auto& e) { return e.first == tp; });
      const std::string name = ToString(tp);
      if (seen && std::find(duplicates.begin(), duplicates.end(), name) == duplicates.end()) duplicates.push_back(name);
    }
    if (!duplicates.empty()) {
      return Finish(
          Exit(ToolException{fmt::format("org.apache.kafka.server.common.AdminCommandFailedException: Offset "
                                         "json file contains duplicate topic "
                                         "partitions: {}",
                                         fmt::join(duplicates, ","))}));
    }
    for (const auto& [tp, offset] : entries) {
      offsets_[tp] = offset;
      order_.push_back(tp);
    }
    session().Print("Executing records delete operation");
    // Admin.deleteRecords returns at once with its futures; the tool prints
    // this line before waiting on any of them.
    session().Print("Records delete operation completed:");
    if (offsets_.empty()) return Finish(0);
    FindLeaders();
  }

  void FindLeaders() {
    std::set<std::string> topics;
    for (const auto& [tp, offset] : offsets_) topics.insert(tp.topic);
    client().Call(
        "topicsMetadata", AdminClient::Target::kAnyBroker,
        [topics] {
          auto r = std::make_unique<MetadataRequest>();
          r->topics = std::vector<std::string>(topics.begin(), topics.end());
          return r;
        },
        [this](const Envelope* e, const std::string& error) {
          if (e == nullptr) {
            for (const auto& [tp, offset] : offsets_)
              Fail(tp, "org.apache.kafka.common.errors.TimeoutException: " + error);
            return Report();
          }
          std::map<BrokerId, std::map<TopicPartition, int64_t>> by_leader;
          for (const auto& [tp, offset] : offsets_) {
            const TopicMetadata* topic = nullptr;
            for (const TopicMetadata& t : e->As<MetadataResponse>()->topics) {
              if (t.name == tp.topic) topic = &t;
            }
            if (topic == nullptr || topic->error != ErrorCode::kNone) {
              Fail(tp, ErrorText(topic == nullptr ? ErrorCode::kUnknownTopicOrPartition : topic->error));
              continue;
            }
            BrokerId leader = kNoLeader;
            for (const PartitionMetadata& p : topic->partitions) {
              if (p.partition == tp.partition) leader = p.leader;
            }
            if (leader == kNoLeader) {
              Fail(tp, ErrorText(ErrorCode::kLeaderNotAvailable));
              continue;
            }
            by_leader[leader][tp] = offset;
          }
          leaders_ = std::move(by_leader);
          NextLeader();
        });
  }

  // One DeleteRecords a leader, one at a time (the simulated admin client has
  // one call in flight).
  void NextLeader() {
    if (leaders_.empty()) return Report();
    auto [leader, offsets] = *leaders_.begin();
    leaders_.erase(leaders_.begin());
    client().CallBroker(
        "deleteRecords", leader,
        [offsets] {
          auto r = std::make_unique<DeleteRecordsRequest>();
          r->offsets = offsets;
          return r;
        },
        [this, offsets](const Envelope* e, const std::string& error) {
          if (e == nullptr) {
            for (const auto& [tp, offset] : offsets)
              Fail(tp, "org.apache.kafka.common.errors.TimeoutException: " + error);
            return NextLeader();
          }
          for (const auto& [tp, r] : e->As<DeleteRecordsResponse>()->partitions) {
            if (r.error == ErrorCode::kNone) {
              results_[tp] = fmt::format("low_watermark: {}", r.low_watermark.value());
            } else {
              Fail(tp, ErrorText(r.error));
            }
          }
          NextLeader();
        });
  }

  // An ExecutionException's message: its cause's "class: message".
  static std::string ErrorText(ErrorCode error) {
    return fmt::format("{}: {}", ExceptionName(error), DefaultMessage(error));
  }
  void Fail(const TopicPartition& tp, const std::string& text) { results_[tp] = "error: " + text; }

  void Report() {
    for (const TopicPartition& tp : InResultOrder(order_)) {
      auto it = results_.find(tp);
      assert(it != results_.end() && "every partition's future completes");
      session().Print(fmt::format("partition: {}\t{}", ToString(tp), it->second));
    }
    Finish(0);
  }

  DeleteRecordsOptions o_;
  std::map<TopicPartition, int64_t> offsets_;
  std::vector<TopicPartition> order_;  // as the file lists them
  std::map<BrokerId, std::map<TopicPartition, int64_t>> leaders_;
  std::map<TopicPartition, std::string> results_;  // "low_watermark: 3" or "error: ..."
};

class DeleteRecordsCommand : public CliCommand {
 public:
  std::string name() const override { return "kafka-delete-records.sh"; }
  std::string summary() const override {
    return "delete records below an offset (the log start moves up): "
           "kafka-delete-records.sh --bootstrap-server "
           "localhost:9092 --offset-json-file offsets.json";
  }

 protected:
  Builder Define(CLI::App& app) const override {
    auto o = std::make_shared<DeleteRecordsOptions>();
    app.add_option("--bootstrap-server", o->bootstrap_server, "REQUIRED: The server to connect to.");
    app.add_option("--offset-json-file", o->offset_json_file,
                   "REQUIRED: The JSON file with offset per partition. The "
                   "format to use is:\n"
                   "{\"partitions\":\n  [{\"topic\": \"foo\", \"partition\": "
                   "1, \"offset\": 1}],\n \"version\":1\n}");
    app.add_option("--command-config", o->command_config,
                   "A property file containing configs to be passed to Admin Client.");
    return [o](const std::vector<std::string>&, const std::vector<std::string>&) -> std::unique_ptr<Invocation> {
      // CommandLineUtils.checkRequiredArgs.
      if (o->bootstrap_server.empty()) throw UsageError("Missing required argument \"[bootstrap-server]\"");
      if (o->offset_json_file.empty()) throw UsageError("Missing required argument \"[offset-json-file]\"");
      return std::make_unique<DeleteRecordsInvocation>(*o);
    };
  }
};

}  // namespace

void RegisterDeleteRecordsCommand(Session& session) {
  session.commands().Register(std::make_unique<DeleteRecordsCommand>());
}

}  // namespace kafkasim
