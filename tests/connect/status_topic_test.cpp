// The status topic: Kafka's keys and values, and the generation rules that keep a worker whose
// task moved away from hiding the new owner's state.

#include <catch2/catch.hpp>

#include "sim/connect/status_topic.h"

using namespace kafkasim;

TEST_CASE("status records: Kafka's keys, and state, trace, worker_id, generation as JSON") {
  CHECK(ConnectorStatusKey("src") == "status-connector-src");
  CHECK(TaskStatusKey({"src", 2}) == "status-task-src-2");
  ConnectStatusEntry s{.state = ConnectState::kRunning, .worker_id = "localhost:8083", .generation = 5};
  CHECK(EncodeStatusValue(s) == R"({"state":"RUNNING","trace":null,"worker_id":"localhost:8083","generation":5})");
  CHECK(DecodeStatusValue(EncodeStatusValue(s)) == s);
  ConnectStatusEntry failed{.state = ConnectState::kFailed, .trace = "java.lang.Boom", .worker_id = "w", .generation = 1};
  CHECK(DecodeStatusValue(EncodeStatusValue(failed)) == failed);
  CHECK_FALSE(DecodeStatusValue(R"({"state":"DANCING","worker_id":"w","generation":1})"));
  CHECK_FALSE(DecodeStatusValue("nope"));
}

TEST_CASE("a worker does not overwrite a status written by another worker in a newer generation") {
  StatusStore store;
  const std::string key = TaskStatusKey({"src", 0});
  REQUIRE(store.Read(key, EncodeStatusValue({.state = ConnectState::kRunning, .worker_id = "localhost:8084", .generation = 7})));
  // The old owner, still in generation 6, would report the task UNASSIGNED as it stops it.
  CHECK_FALSE(store.CanWriteSafely(key, {.state = ConnectState::kUnassigned, .worker_id = "localhost:8083", .generation = 6}));
  CHECK(store.CanWriteSafely(key, {.state = ConnectState::kUnassigned, .worker_id = "localhost:8083", .generation = 7}));
  CHECK(store.CanWriteSafely(key, {.state = ConnectState::kFailed, .worker_id = "localhost:8084", .generation = 6}));
}

TEST_CASE("reading: a stale UNASSIGNED of an older generation does not hide RUNNING (KAFKA-12525); tombstones remove") {
  StatusStore store;
  const std::string key = TaskStatusKey({"src", 0});
  store.Read(key, EncodeStatusValue({.state = ConnectState::kRunning, .worker_id = "b", .generation = 4}));
  CHECK_FALSE(store.Read(key, EncodeStatusValue({.state = ConnectState::kUnassigned, .worker_id = "a", .generation = 3})));
  CHECK(store.task({"src", 0})->worker_id == "b");
  CHECK(store.Read(key, EncodeStatusValue({.state = ConnectState::kUnassigned, .worker_id = "b", .generation = 5})));
  CHECK(store.task({"src", 0})->state == ConnectState::kUnassigned);
  CHECK(store.Read(key, std::nullopt));
  CHECK_FALSE(store.task({"src", 0}));
}
