// The kafkasim command line, run as a user runs it: exit codes, output files, error messages.

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

struct Result {
  int exit_code;
  std::string out, err;
};

class Workdir {
 public:
  Workdir() : path_(fs::temp_directory_path() / ("kafkasim-cli-" + std::to_string(getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~Workdir() { fs::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }
  std::string Path(const std::string& name) const { return (path_ / name).string(); }
  std::string Read(const std::string& name) const {
    std::ifstream in(path_ / name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  Result Run(const std::string& args) const {
    const std::string cmd = std::string(KAFKASIM_BINARY) + " " + args + " >" + Path("stdout") + " 2>" + Path("stderr") +
                            " </dev/null";
    const int status = std::system(cmd.c_str());
    return {WEXITSTATUS(status), Read("stdout"), Read("stderr")};
  }

 private:
  fs::path path_;
};

const char* kGood = "title: Time passes\nseed: 3\n\nsleep 5s\nnarrate \"five seconds later\"\nexpect time == 5s\n";

}  // namespace

TEST_CASE("kafkasim run exits 0 when every expectation holds, and narrates") {
  Workdir dir;
  const Result r = dir.Run("run " + dir.Write("good.scn", kGood));
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("(Time passes) with seed 3"));
  CHECK_THAT(r.out, Catch::Contains("five seconds later"));
  CHECK_THAT(r.out, Catch::Contains("1 of 1 expectations held"));
}

TEST_CASE("kafkasim run exits 1 on a failed expectation, naming the line, expected and actual") {
  Workdir dir;
  const std::string file = dir.Write("bad.scn", "sleep 5s\nexpect time == 3s\n");
  const Result r = dir.Run("run --quiet " + file);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains(file + ":2: expectation failed: expect time == 3s"));
  CHECK_THAT(r.err, Catch::Contains("actual:   5s"));
}

TEST_CASE("kafkasim run exits 2 on a bad file, with file:line:col and a caret") {
  Workdir dir;
  const std::string file = dir.Write("typo.scn", "sleep 1s\nat 10x crash broker-0\n");
  const Result r = dir.Run("run " + file);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith(file + ":2:4: error:"));
  CHECK_THAT(r.err, Catch::Contains("at 10x crash broker-0\n   ^"));
  CHECK(dir.Run("run " + dir.Path("missing.scn")).exit_code == 2);
}

TEST_CASE("--trace writes JSON Lines with the documented fields, identical on every run") {
  Workdir dir;
  const std::string file = dir.Write("good.scn", kGood);
  REQUIRE(dir.Run("run --quiet --trace " + dir.Path("a.jsonl") + " " + file).exit_code == 0);
  REQUIRE(dir.Run("run --quiet --trace " + dir.Path("b.jsonl") + " " + file).exit_code == 0);
  const std::string a = dir.Read("a.jsonl");
  CHECK(a == dir.Read("b.jsonl"));
  std::istringstream lines(a);
  int count = 0;
  uint64_t last_seq = 0;
  for (std::string line; std::getline(lines, line); ++count) {
    const auto j = nlohmann::json::parse(line);
    CHECK(j.at("seq").get<uint64_t>() > last_seq);
    last_seq = j["seq"];
    CHECK(j.contains("time_us"));
    CHECK(j.contains("kind"));
    CHECK(j.contains("text"));
  }
  CHECK(count >= 4);
}

TEST_CASE("--record writes an SQLite database that sqlite3 can query") {
  Workdir dir;
  const std::string db = dir.Path("run.db");
  REQUIRE(dir.Run("run --quiet --record " + db + " --trace " + dir.Path("t.jsonl") + " " +
                  dir.Write("good.scn", kGood))
              .exit_code == 0);
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &handle) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(handle, "SELECT count(*), max(time_us) FROM events", -1, &stmt, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  const int rows = sqlite3_column_int(stmt, 0);
  CHECK(sqlite3_column_int64(stmt, 1) == 5'000'000);
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  std::istringstream lines(dir.Read("t.jsonl"));
  int jsonl = 0;
  for (std::string line; std::getline(lines, line);) ++jsonl;
  CHECK(rows == jsonl);
}

TEST_CASE("kafkasim check prints a line per scenario and a closing count") {
  Workdir dir;
  dir.Write("a-good.scn", kGood);
  dir.Write("b-failing.scn", "expect time == 1s\n");
  const Result r = dir.Run("check " + dir.Path(""));
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("ok    " + dir.Path("a-good.scn")));
  CHECK_THAT(r.out, Catch::Contains("FAIL  " + dir.Path("b-failing.scn")));
  CHECK_THAT(r.out, Catch::EndsWith("1 passed, 1 failed\n"));
}

TEST_CASE("kafkasim check takes single scenario files too, and names a missing one") {
  Workdir dir;
  dir.Write("a-good.scn", kGood);
  dir.Write("b-failing.scn", "expect time == 1s\n");
  const Result one = dir.Run("check " + dir.Path("a-good.scn"));
  CHECK(one.exit_code == 0);
  CHECK_THAT(one.out, Catch::EndsWith("1 passed, 0 failed\n"));
  const Result missing = dir.Run("check " + dir.Path("a-good.scn") + " " + dir.Path("nope.scn"));
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("no such file or folder: " + dir.Path("nope.scn")));
}

TEST_CASE("kafkasim run --data-dir keeps the brokers' segments as real files in Kafka's layout") {
  Workdir dir;
  const std::string scenario = dir.Write("produce.scn",
                                         "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
                                         "bin/kafka-server-start.sh config/server.properties\n"
                                         "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders\n"
                                         "> a-record-to-find-on-disk\n");
  const Result r = dir.Run("run --quiet --data-dir " + dir.Path("data") + " " + scenario);
  CHECK(r.exit_code == 0);
  const fs::path segment = fs::path(dir.Path("data")) / "broker-0" / "orders-0" / "00000000000000000000.log";
  REQUIRE(fs::exists(segment));
  std::ifstream in(segment, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  CHECK_THAT(bytes.str(), Catch::Contains("a-record-to-find-on-disk"));
  CHECK(fs::exists(segment.parent_path() / "00000000000000000000.index"));
}

TEST_CASE("an unknown kafkasim command suggests the nearest") {
  Workdir dir;
  const Result r = dir.Run("rn x.scn");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown command 'rn'; did you mean 'run'?"));
}

TEST_CASE("kafkasim shell reads a pipe") {
  Workdir dir;
  const std::string input = dir.Write("in.txt", "sleep 3s\nexpect time == 3s\n");
  const std::string cmd = std::string(KAFKASIM_BINARY) + " shell <" + input + " >" + dir.Path("out") + " 2>&1";
  CHECK(WEXITSTATUS(std::system(cmd.c_str())) == 0);
  CHECK_THAT(dir.Read("out"), Catch::Contains("✓ expect time == 3s"));
}
