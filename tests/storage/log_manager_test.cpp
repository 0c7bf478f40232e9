// The broker's LogManager (sim/storage/log_manager.cpp): logs by partition, the schedules, a
// crash, a power loss and the directory backend.

#include "sim/storage/log_manager.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "tests/storage/log_fixture.h"

namespace kafkasim {
namespace {

const Time kT0 = Time::FromMicros(testing::kStartMs * 1000);

LogManager::HighWatermarkOf AtLogEnd() {
  return [](const Log& log) { return log.log_end_offset(); };
}

TEST_CASE("log manager: one log per partition, named <topic>-<partition> under a log dir") {
  LogManager manager({.broker_name = "broker-1"});
  Log& log = manager.GetOrCreateLog("orders", 2, LogConfig{}, kT0);
  CHECK(log.dir() == "/tmp/kafka-logs/orders-2");
  CHECK(&manager.GetOrCreateLog("orders", 2, LogConfig{}, kT0) == &log);
  CHECK(manager.GetLog("orders", 1) == nullptr);
  manager.DeleteLog("orders", 2);
  CHECK(manager.GetLog("orders", 2) == nullptr);
}

TEST_CASE("log manager: partitions spread over log.dirs, fewest partitions first") {
  LogManager manager({.log_dirs = {"/data/a", "/data/b"}});
  CHECK(manager.GetOrCreateLog("t", 0, LogConfig{}, kT0).dir() == "/data/a/t-0");
  CHECK(manager.GetOrCreateLog("t", 1, LogConfig{}, kT0).dir() == "/data/b/t-1");
  CHECK(manager.GetOrCreateLog("t", 2, LogConfig{}, kT0).dir() == "/data/a/t-2");
}

TEST_CASE("log manager: a segment is found by the path a student types") {
  LogManager manager({});
  manager.GetOrCreateLog("orders", 0, LogConfig{}, kT0)
      .AppendAsLeader(testing::Values({"a"}), LeaderEpoch(0), kT0);
  const Log* log = nullptr;
  CHECK(manager.FindSegment("/tmp/kafka-logs/orders-0/00000000000000000000.log", &log));
  CHECK(log == manager.GetLog("orders", 0));
  CHECK(!manager.FindSegment("/tmp/kafka-logs/orders-0/00000000000000000001.log"));
  CHECK(!manager.FindSegment("/tmp/kafka-logs/orders-1/00000000000000000000.log"));
}

TEST_CASE("log manager: a crash keeps the page cache, a power loss does not") {
  for (const bool power_loss : {false, true}) {
    LogManager manager({});
    Log& log = manager.GetOrCreateLog("orders", 0, LogConfig{}, kT0);
    log.AppendAsLeader(testing::Values({"a"}), LeaderEpoch(0), kT0);
    log.Flush(kT0);
    log.AppendAsLeader(testing::Values({"b"}), LeaderEpoch(0), kT0);
    if (power_loss) {
      Random random(1, "disk");
      manager.LoseUnflushed(random);
    }
    manager.Startup(kT0);
    CHECK(log.log_end_offset() == Offset(power_loss ? 1 : 2));
  }
}

TEST_CASE("log manager: the OS writes dirty data back after 30 seconds") {
  LogManager manager({});
  Log& log = manager.GetOrCreateLog("orders", 0, LogConfig{}, kT0);
  log.AppendAsLeader(testing::Values({"a"}), LeaderEpoch(0), kT0);
  CHECK(manager.RunFlushes(kT0 + Duration::Seconds(25)).empty());
  const LogEvents events = manager.RunFlushes(kT0 + Duration::Seconds(30));
  REQUIRE(events.size() == 1);
  CHECK(events[0].text == "the operating system wrote orders-0 to disk up to offset 1");
  CHECK(log.recovery_point() == Offset(1));
}

TEST_CASE("log manager: a clean shutdown makes the next start skip recovery") {
  LogManager manager({});
  manager.GetOrCreateLog("orders", 0, LogConfig{}, kT0)
      .AppendAsLeader(testing::Values({"a"}), LeaderEpoch(0), kT0);
  manager.Shutdown(kT0);
  CHECK(manager.Startup(kT0).at(0).segments_scanned == 0);
  CHECK(manager.Startup(kT0).at(0).segments_scanned == 1);  // that start was not clean
}

TEST_CASE("log manager: retention and the cleaner run over every log") {
  LogManager manager({});
  LogConfig short_retention;
  short_retention.retention_ms = 1000;
  LogConfig compacted;
  compacted.cleanup_compact = true;
  compacted.cleanup_delete = false;
  compacted.segment_bytes = 150;
  Log& orders = manager.GetOrCreateLog("orders", 0, short_retention, kT0);
  Log& users = manager.GetOrCreateLog("users", 0, compacted, kT0);
  orders.AppendAsLeader(testing::Values({"a"}), LeaderEpoch(0), kT0);
  for (int i = 0; i < 4; ++i) {
    users.AppendAsLeader(testing::Batch({{"k", std::to_string(i)}}), LeaderEpoch(0), kT0);
  }
  const Time later = kT0 + Duration::Seconds(2);
  CHECK(!manager.RunRetention(later, AtLogEnd()).empty());
  CHECK(orders.log_start_offset() == Offset(1));
  CHECK(!manager.RunCleaner(later, AtLogEnd()).empty());
  CHECK(users.DirtyRatio(users.log_end_offset()) == 0.0);
}

TEST_CASE("log manager: --data-dir writes Kafka's layout with real bytes") {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "kafkasim-log-manager-test";
  {
    LogManager manager({.broker_name = "broker-0", .data_dir = dir});
    Log& log = manager.GetOrCreateLog("orders", 0, LogConfig{}, kT0);
    log.AppendAsLeader(testing::Values({"hello"}), LeaderEpoch(0), kT0);
    log.AppendAsLeader(testing::Values({"world"}), LeaderEpoch(0), kT0);
    const std::filesystem::path segment = dir / "broker-0/orders-0/00000000000000000000.log";
    REQUIRE(std::filesystem::exists(segment));
    CHECK(std::filesystem::file_size(segment) == static_cast<uintmax_t>(log.size_bytes()));
    std::ifstream in(segment, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
    const std::vector<std::byte> expected = log.active_segment().LogFileBytes();
    CHECK(std::memcmp(bytes.data(), expected.data(), expected.size()) == 0);
    CHECK(std::filesystem::exists(dir / "broker-0/orders-0/00000000000000000000.index"));
    CHECK(std::filesystem::exists(dir / "broker-0/orders-0/leader-epoch-checkpoint"));
    // A power loss truncates the real file too.
    Random random(3, "disk");
    manager.LoseUnflushed(random);
    manager.Startup(kT0);
    CHECK(std::filesystem::file_size(segment) == static_cast<uintmax_t>(log.size_bytes()));
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kafkasim
