// DatagenConnector / DatagenTask, as Confluent's kafka-connect-datagen (0.6) generates its
// quickstart data: `quickstart=users|pageviews|orders` picks the schema, `kafka.topic` the topic,
// `max.interval` (ms, default 500) bounds the random pause before each record, `iterations`
// (default -1: forever) how many records the task makes. Each record's value is a Struct of the
// quickstart's schema (ksql.users, ksql.pageviews, ksql.orders), its key the quickstart's key
// field (userid, viewtime, orderid).
//
// The values are drawn from the task's own random stream (the simulation's seed and the task id):
// a seed replays the same records. Source partition {"task.id":N}, offset
// {"task.generation":0,"current.iteration":N}: a restarted task goes on counting from its
// committed offset.

#include <fmt/format.h>

#include "sim/connect/config_checks.h"
#include "sim/connect/connector_plugins.h"
#include "sim/connect/connector_tasks.h"
#include "sim/core/random.h"

namespace kafkasim {
namespace {

using Json = nlohmann::ordered_json;

Json DatagenField(const std::string& name, const std::string& type) {
  return {{"type", type}, {"optional", false}, {"field", name}};
}

Json DatagenSchema(const std::string& quickstart) {
  if (quickstart == "users") {
    return {{"type", "struct"},
            {"fields", Json::array({DatagenField("registertime", "int64"), DatagenField("userid", "string"),
                                    DatagenField("regionid", "string"), DatagenField("gender", "string")})},
            {"optional", false},
            {"name", "ksql.users"}};
  }
  if (quickstart == "pageviews") {
    return {{"type", "struct"},
            {"fields", Json::array({DatagenField("viewtime", "int64"), DatagenField("userid", "string"),
                                    DatagenField("pageid", "string")})},
            {"optional", false},
            {"name", "ksql.pageviews"}};
  }
  Json address = {{"type", "struct"},
                  {"fields", Json::array({DatagenField("city", "string"), DatagenField("state", "string"),
                                          DatagenField("zipcode", "int64")})},
                  {"optional", false},
                  {"name", "ksql.address"},
                  {"field", "address"}};
  return {{"type", "struct"},
          {"fields", Json::array({DatagenField("ordertime", "int64"), DatagenField("orderid", "int32"),
                                  DatagenField("itemid", "string"), DatagenField("orderunits", "double"), address})},
          {"optional", false},
          {"name", "ksql.orders"}};
}

class DatagenTask : public SourceTask {
 public:
  DatagenTask(const ConnectorConfig& config, const TaskEnvironment& env)
      : random_(env.seed, "datagen/" + env.task_id),
        task_index_(env.task_index),
        quickstart_(ConfigString(config.raw, "quickstart").value_or("users")),
        topic_(ConfigString(config.raw, "kafka.topic").value_or("")),
        max_interval_ms_(ConfigNumber(config.raw, "max.interval", 500)),
        iterations_(ConfigNumber(config.raw, "iterations", -1)),
        schema_(DatagenSchema(quickstart_)) {}

  std::optional<std::string> Start(const OffsetReader& offsets) override {
    const Json offset = offsets(Partition());
    if (offset.is_object() && offset.contains("current.iteration")) count_ = offset["current.iteration"].get<int64_t>();
    return std::nullopt;
  }

  SourcePoll Poll(Time) override {
    SourcePoll out;
    if (iterations_ >= 0 && count_ >= iterations_) {
      out.next_poll = Duration::Millis(1000);  // done: nothing more to make
      return out;
    }
    Json value = Next();
    Json key_schema, key;
    const std::string key_field = quickstart_ == "users" ? "userid" : quickstart_ == "pageviews" ? "viewtime" : "orderid";
    for (const Json& f : schema_["fields"]) {
      if (f["field"] == key_field) key_schema = {{"type", f["type"]}, {"optional", false}};
    }
    key = value[key_field];
    ++count_;
    out.records.push_back(SourceRecord{.source_partition = Partition(),
                                       .source_offset = {{"task.generation", 0}, {"current.iteration", count_}},
                                       .topic = topic_,
                                       .key = {key_schema, key},
                                       .value = {schema_, std::move(value)}});
    out.what = fmt::format("generated {} record #{}", quickstart_, count_);
    out.next_poll = Duration::Millis(max_interval_ms_ > 0 ? static_cast<int64_t>(random_.Below(
                                                                static_cast<uint64_t>(max_interval_ms_)))
                                                          : 0);
    return out;
  }

 private:
  Json Partition() const { return {{"task.id", task_index_}}; }
  std::string Pick(const std::string& prefix, int64_t lo, int64_t hi) {
    return prefix + std::to_string(random_.Between(lo, hi));
  }

  Json Next() {
    if (quickstart_ == "users") {
      static const char* kGenders[] = {"MALE", "FEMALE", "OTHER"};
      return {{"registertime", random_.Between(1487715775521, 1519273364600)},
              {"userid", Pick("User_", 1, 9)},
              {"regionid", Pick("Region_", 1, 9)},
              {"gender", kGenders[random_.Below(3)]}};
    }
    if (quickstart_ == "pageviews") {
      return {{"viewtime", 1 + 10 * count_}, {"userid", Pick("User_", 1, 9)}, {"pageid", Pick("Page_", 10, 99)}};
    }
    const double units = 0.1 + random_.Unit() * 9.9;
    return {{"ordertime", random_.Between(1487715775521, 1519273364600)},
            {"orderid", count_},
            {"itemid", Pick("Item_", 1, 999)},
            {"orderunits", units},
            {"address", {{"city", Pick("City_", 1, 99)}, {"state", Pick("State_", 1, 99)},
                         {"zipcode", random_.Between(10000, 99999)}}}};
  }

  Random random_;
  int32_t task_index_;
  std::string quickstart_, topic_;
  int64_t max_interval_ms_, iterations_;
  Json schema_;
  int64_t count_ = 0;
};

ConnectKeyDef DatagenKey(std::string type, std::optional<std::string> default_value, std::string doc,
                         bool required = false) {
  return ConnectKeyDef{.type = std::move(type), .required = required, .default_value = std::move(default_value),
                       .importance = required ? "HIGH" : "LOW", .documentation = std::move(doc),
                       .group = "Datagen"};
}

}  // namespace

void ValidateDatagenConfig(const ConfigJson& config, ConfigValidation& out) {
  CheckRequired(AddConfigValue(out, config, "kafka.topic", DatagenKey("STRING", std::nullopt, "Topic to write to", true)));
  CheckNumber(AddConfigValue(out, config, "max.interval",
                             DatagenKey("LONG", "500", "Max interval between messages (ms)")),
              "LONG", 0);
  CheckNumber(AddConfigValue(out, config, "iterations",
                             DatagenKey("INT", "-1", "Number of messages to send from each task, or less than 1 for "
                                                     "unlimited")),
              "INT");
  ConfigValueInfo& quickstart = AddConfigValue(
      out, config, "quickstart", DatagenKey("STRING", "", "Name of quickstart to use: users, pageviews or orders"));
  CheckRequired(quickstart);
  if (quickstart.value && *quickstart.value != "users" && *quickstart.value != "pageviews" &&
      *quickstart.value != "orders") {
    quickstart.errors.push_back(fmt::format("Invalid value {} for configuration quickstart: kafkasim has the users, "
                                            "pageviews and orders quickstarts",
                                            *quickstart.value));
  }
}

std::unique_ptr<SourceTask> MakeDatagenTask(const ConnectorConfig& config, const TaskEnvironment& env) {
  return std::make_unique<DatagenTask>(config, env);
}

}  // namespace kafkasim
