// The replication-offset-checkpoint file (sim/storage/offset_checkpoint_file.cpp) and where the
// LogManager keeps it: one per log.dir, durable through a power loss, mirrored with --data-dir.

#include "sim/storage/offset_checkpoint_file.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/core/random.h"
#include "sim/storage/log_manager.h"

namespace kafkasim {
namespace {

TEST_CASE("offset checkpoint: version 0, the entry count, then topic partition offset lines by partition") {
  const OffsetCheckpointFile::Offsets offsets = {
      {{"pay", 1}, Offset(7)}, {{"orders", 0}, Offset(0)}, {{"pay", 0}, Offset(2)}};
  CHECK(OffsetCheckpointFile::Format(offsets) == "0\n3\norders 0 0\npay 0 2\npay 1 7\n");
  CHECK(OffsetCheckpointFile::Format({}) == "0\n0\n");
}

TEST_CASE("offset checkpoint: a write replaces the whole file, and fetch finds a partition's offset") {
  OffsetCheckpointFile file(nullptr, "replication-offset-checkpoint");
  CHECK_FALSE(file.written());
  CHECK_FALSE(file.Fetch("pay", 0).has_value());
  file.Write({{{"pay", 0}, Offset(2)}, {{"pay", 1}, Offset(5)}});
  file.Write({{{"pay", 0}, Offset(3)}});
  CHECK(file.written());
  CHECK(file.Fetch("pay", 0) == Offset(3));
  CHECK_FALSE(file.Fetch("pay", 1).has_value());  // a partition no longer hosted is gone
}

TEST_CASE("log manager: each log.dir has its high watermark checkpoint, and a power loss keeps it") {
  LogManager manager({.log_dirs = {"/data/a", "/data/b"}});
  manager.HighWatermarkCheckpoint("/data/a").Write({{{"pay", 0}, Offset(2)}});
  CHECK_FALSE(manager.HighWatermarkCheckpoint("/data/b").written());
  Random random(3, "disk");
  manager.LoseUnflushed(random);  // the checkpoint was fsync'ed when written
  manager.Startup(Time());
  CHECK(manager.HighWatermarkCheckpoint("/data/a").Fetch("pay", 0) == Offset(2));
}

TEST_CASE("log manager: --data-dir writes replication-offset-checkpoint at the top of the broker's dir") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "kafkasim-hw-checkpoint-test";
  {
    LogManager manager({.broker_name = "broker-0", .data_dir = dir});
    manager.HighWatermarkCheckpoint("/tmp/kafka-logs").Write({{{"pay", 0}, Offset(2)}});
    std::ifstream in(dir / "broker-0/replication-offset-checkpoint");
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str() == "0\n1\npay 0 2\n");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kafkasim
