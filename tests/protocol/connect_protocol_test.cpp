// The Connect group's embedded protocol: what a worker says in JoinGroup and what the leader
// tells it in SyncGroup, in IncrementalCooperativeConnectProtocol's layout.

#include <catch2/catch.hpp>

#include "sim/connect/connect_leader_assignment.h"
#include "sim/protocol/connect_protocol.h"
#include "sim/protocol/wire_codec.h"

using namespace kafkasim;

TEST_CASE("a leader's assignment round-trips, connectors as task -1 of their entry") {
  ConnectAssignment a{.leader = "connect-1-abc",
                      .leader_url = "http://localhost:8083/",
                      .config_offset = 7,
                      .assigned = {{"src"}, {{"src", 0}, {"snk", 1}}},
                      .revoked = {{}, {{"snk", 0}}},
                      .delay = Duration::Millis(30000)};
  const std::string bytes = EncodeConnectAssignment(a);
  auto back = DecodeConnectAssignment(bytes);
  REQUIRE(back);
  CHECK(back->leader == "connect-1-abc");
  CHECK(back->config_offset == 7);
  CHECK(back->delay == Duration::Millis(30000));
  CHECK(back->assigned.connectors == std::vector<std::string>{"src"});
  CHECK(back->assigned.tasks == std::vector<ConnectorTaskId>{{"snk", 1}, {"src", 0}});  // by connector
  CHECK(back->revoked.tasks == std::vector<ConnectorTaskId>{{"snk", 0}});

  // The layout: version 2, error 0, then the strings and the offset.
  ByteReader r(bytes);
  CHECK(r.Int16() == kConnectProtocolV2);
  CHECK(r.Int16() == ConnectAssignment::kNoError);
  CHECK(r.String() == "connect-1-abc");
}

TEST_CASE("a worker's JoinGroup metadata: its URL, config offset and what it runs (null when nothing)") {
  ConnectWorkerState fresh{.url = "http://localhost:8084/", .config_offset = 3};
  const std::string bytes = EncodeConnectMetadata(fresh);
  ByteReader r(bytes);
  r.Int16();
  r.String();
  r.Int64();
  CHECK(r.Int32() == -1);  // null allocation
  CHECK(DecodeConnectMetadata(bytes) == fresh);

  ConnectWorkerState busy{.url = "http://localhost:8083/", .config_offset = 9, .running = {{"src"}, {{"src", 0}}}};
  CHECK(DecodeConnectMetadata(EncodeConnectMetadata(busy)) == busy);
}

TEST_CASE("malformed Connect protocol bytes are refused") {
  CHECK_FALSE(DecodeConnectAssignment(""));
  CHECK_FALSE(DecodeConnectMetadata("\x00\x02"));
  std::string bytes = EncodeConnectAssignment({.leader = "l"});
  CHECK_FALSE(DecodeConnectAssignment(bytes.substr(0, bytes.size() - 1)));
  CHECK_FALSE(DecodeConnectAssignment(bytes + "x"));
}

TEST_CASE("the leader assigns through the protocol: each member's part, the leader's URL, the config offset") {
  IncrementalCooperativeAssignor assignor(Duration::Millis(300000));
  ConnectLeaderInput in{.leader_id = "w1",
                        .protocol = "sessioned",
                        .members = {{"w1", std::nullopt, EncodeConnectMetadata({.url = "http://localhost:8083/", .config_offset = 4})},
                                    {"w2", std::nullopt, EncodeConnectMetadata({.url = "http://localhost:8084/", .config_offset = 4})}},
                        .leader_config_offset = 4,
                        .configured_tasks = {{"src", 1}, {"snk", 2}},
                        .last_completed_generation = -1,
                        .generation = 1};
  auto out = PerformConnectLeaderAssignment(assignor, in);
  REQUIRE(out.error.empty());
  REQUIRE(out.assignments.size() == 2);
  auto w2 = DecodeConnectAssignment(out.assignments[1].assignment);
  REQUIRE(w2);
  CHECK(out.assignments[1].member_id == "w2");
  CHECK(w2->leader_url == "http://localhost:8083/");
  CHECK(w2->config_offset == 4);
  CHECK(w2->assigned.connectors == std::vector<std::string>{"src"});
  CHECK(out.decoded.at("w1").assigned.connectors == std::vector<std::string>{"snk"});
}

TEST_CASE("a leader behind another member's config offset answers CONFIG_MISMATCH with no assignment") {
  IncrementalCooperativeAssignor assignor(Duration::Millis(300000));
  ConnectLeaderInput in{.leader_id = "w1",
                        .protocol = "compatible",
                        .members = {{"w1", std::nullopt, EncodeConnectMetadata({.url = "http://localhost:8083/", .config_offset = 2})},
                                    {"w2", std::nullopt, EncodeConnectMetadata({.url = "http://localhost:8084/", .config_offset = 5})}},
                        .leader_config_offset = 2,
                        .configured_tasks = {{"src", 1}},
                        .generation = 1};
  auto out = PerformConnectLeaderAssignment(assignor, in);
  CHECK(out.config_mismatch);
  for (const auto& [member, a] : out.decoded) {
    CHECK(a.error == ConnectAssignment::kConfigMismatch);
    CHECK(a.version == kConnectProtocolV1);
    CHECK(a.config_offset == 5);
    CHECK(a.assigned.empty());
  }
}
