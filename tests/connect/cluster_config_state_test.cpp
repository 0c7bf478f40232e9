// The config topic as every distributed worker reads it: records in Kafka's keys and JSON values,
// task configs that wait for their commit, tombstones, target states, and what compaction can do.

#include <catch2/catch.hpp>

#include "sim/connect/cluster_config_state.h"

using namespace kafkasim;

namespace {

struct ConfigTopic {
  ConfigUpdate Append(const ConfigTopicRecord& r) {
    records.push_back(r);
    return state.Apply(static_cast<int64_t>(records.size()) - 1, r);
  }
  std::vector<ConfigTopicRecord> records;
  ClusterConfigState state;
};

ConfigJson Props(const std::string& file) { return ConfigJson{{"connector.class", "FileStreamSource"}, {"file", file}}; }

}  // namespace

TEST_CASE("config topic records carry Kafka's keys and schemaless JSON values") {
  CHECK(ConnectorConfigRecord("src", ConfigJson{{"tasks.max", "2"}}).key == "connector-src");
  CHECK(*ConnectorConfigRecord("src", ConfigJson{{"tasks.max", "2"}}).value == R"({"properties":{"tasks.max":"2"}})");
  CHECK(TaskConfigRecord({"my-src", 3}, ConfigJson::object()).key == "task-my-src-3");
  CHECK(*TaskCommitRecord("src", 2).value == R"({"tasks":2})");
  CHECK(TaskCommitRecord("src", 2).key == "commit-src");
  CHECK(*TargetStateRecord("src", TargetState::kPaused).value == R"({"state":"PAUSED","state.v2":"PAUSED"})");
  // KIP-875: older workers know no STOPPED; they read the state field and pause.
  CHECK(*TargetStateRecord("src", TargetState::kStopped).value == R"({"state":"PAUSED","state.v2":"STOPPED"})");
  CHECK(TargetStateRecord("src", TargetState::kStopped).key == "target-state-src");
  CHECK_FALSE(ConnectorTombstone("src").value.has_value());
}

TEST_CASE("a connector config takes effect at once, started; its tasks only with their commit record") {
  ConfigTopic topic;
  auto created = topic.Append(ConnectorConfigRecord("src", Props("a.txt")));
  CHECK(created.kind == ConfigUpdate::Kind::kConnectorConfig);
  CHECK(topic.state.connectors() == std::vector<std::string>{"src"});
  CHECK(topic.state.target_state("src") == TargetState::kStarted);
  CHECK(topic.state.task_count("src") == 0);

  CHECK(topic.Append(TaskConfigRecord({"src", 0}, Props("a.txt"))).kind == ConfigUpdate::Kind::kNone);
  CHECK(topic.Append(TaskConfigRecord({"src", 1}, Props("a.txt"))).kind == ConfigUpdate::Kind::kNone);
  CHECK(topic.state.task_config({"src", 0}) == nullptr);  // not yet committed

  auto committed = topic.Append(TaskCommitRecord("src", 2));
  CHECK(committed.kind == ConfigUpdate::Kind::kTaskConfigs);
  CHECK(committed.tasks == std::vector<ConnectorTaskId>{{"src", 0}, {"src", 1}});
  CHECK(topic.state.task_count("src") == 2);
  REQUIRE(topic.state.task_config({"src", 1}) != nullptr);
  CHECK(topic.state.TaskCounts() == std::map<std::string, int32_t>{{"src", 2}});
  CHECK(topic.state.offset() == 4);  // the next record to read
}

TEST_CASE("a commit whose task configs were compacted away leaves the connector inconsistent, with no tasks") {
  ConfigTopic topic;
  topic.Append(ConnectorConfigRecord("src", Props("a.txt")));
  topic.Append(TaskConfigRecord({"src", 1}, Props("a.txt")));  // task 0's record is gone
  topic.Append(TaskCommitRecord("src", 2));
  CHECK(topic.state.inconsistent("src"));
  CHECK(topic.state.TaskCounts() == std::map<std::string, int32_t>{{"src", 0}});

  // The leader writes them all again: consistent.
  topic.Append(TaskConfigRecord({"src", 0}, Props("a.txt")));
  topic.Append(TaskConfigRecord({"src", 1}, Props("a.txt")));
  topic.Append(TaskCommitRecord("src", 2));
  CHECK_FALSE(topic.state.inconsistent("src"));
  CHECK(topic.state.TaskCounts() == std::map<std::string, int32_t>{{"src", 2}});
}

TEST_CASE("target states: paused, stopped, and a connector's tombstone removes it with its tasks") {
  ConfigTopic topic;
  topic.Append(ConnectorConfigRecord("src", Props("a.txt")));
  topic.Append(TaskConfigRecord({"src", 0}, Props("a.txt")));
  topic.Append(TaskCommitRecord("src", 1));
  CHECK(topic.Append(TargetStateRecord("src", TargetState::kPaused)).kind == ConfigUpdate::Kind::kTargetState);
  CHECK(topic.state.target_state("src") == TargetState::kPaused);
  CHECK(topic.Append(TargetStateRecord("src", TargetState::kPaused)).kind == ConfigUpdate::Kind::kNone);  // no change
  topic.Append(TargetStateRecord("src", TargetState::kStopped));
  CHECK(topic.state.target_state("src") == TargetState::kStopped);
  // An older worker's record, with only the state field, is still understood.
  topic.Append({"target-state-src", R"({"state":"STARTED"})"});
  CHECK(topic.state.target_state("src") == TargetState::kStarted);

  CHECK(topic.Append(ConnectorTombstone("src")).kind == ConfigUpdate::Kind::kConnectorRemoved);
  topic.Append(TargetStateTombstone("src"));
  CHECK(topic.state.connectors().empty());
  CHECK(topic.state.task_config({"src", 0}) == nullptr);
  CHECK(topic.state.task_count("src") == 0);
}

TEST_CASE("a worker replaying the topic from the start builds the same snapshot: configs survive the workers") {
  ConfigTopic topic;
  topic.Append(ConnectorConfigRecord("sink", Props("b.txt")));
  topic.Append(TargetStateRecord("src", TargetState::kPaused));  // initial state, before its config
  topic.Append(ConnectorConfigRecord("src", Props("a.txt")));
  topic.Append(TaskConfigRecord({"src", 0}, Props("a.txt")));
  topic.Append(TaskCommitRecord("src", 1));
  ClusterConfigState replayed;
  for (size_t i = 0; i < topic.records.size(); ++i) replayed.Apply(static_cast<int64_t>(i), topic.records[i]);
  CHECK(replayed.connectors() == std::vector<std::string>{"sink", "src"});
  CHECK(replayed.target_state("src") == TargetState::kPaused);
  CHECK(replayed.TaskCounts() == topic.state.TaskCounts());
  CHECK(replayed.offset() == topic.state.offset());
}

TEST_CASE("records Kafka cannot read are logged and skipped, not applied") {
  ConfigTopic topic;
  CHECK_FALSE(topic.Append({"connector-x", "not json"}).error.empty());
  CHECK(topic.state.connectors().empty());
  CHECK_FALSE(topic.Append({"task-nonumber", R"({"properties":{}})"}).error.empty());
  CHECK_FALSE(topic.Append({"mystery-key", "{}"}).error.empty());
  auto restart = topic.Append(RestartRequestRecord("x", true, false));
  CHECK(restart.kind == ConfigUpdate::Kind::kRestartRequest);
  CHECK(restart.include_tasks);
  CHECK_FALSE(restart.only_failed);
}
