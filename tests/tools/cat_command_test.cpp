// `cat`: a lesson prints Kafka's shipped config files with it and writes a worker's properties
// file from the `>` lines that follow, as a shell's `cat > FILE` writes its standard input.

#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "tests/broker/cluster_fixture.h"

namespace kafkasim {
namespace {

std::string CatTestPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("kafkasim-cat-test-" + name)).string();
}

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_CASE("cat > FILE writes the > lines that follow, and >> appends", "[tools][cat]") {
  const std::string path = CatTestPath("worker.properties");
  std::filesystem::remove(path);
  const auto run = testing::PlayCluster(fmt::format("cat > {0}\n> group.id=connect-cluster\n> listeners=http://localhost:8084\n"
                                                    "cat >> {0}\n> rest.advertised.port=8084\n",
                                                    path));
  testing::RequireOk(run);
  CHECK(ReadWhole(path) == "group.id=connect-cluster\nlisteners=http://localhost:8084\nrest.advertised.port=8084\n");
}

TEST_CASE("cat prints a real file first, else the config file kafkasim ships under that path", "[tools][cat]") {
  const std::string path = CatTestPath("notes.txt");
  std::ofstream(path, std::ios::binary | std::ios::trunc) << "written by the test\n";
  const auto run = testing::PlayCluster(fmt::format("cat {}\ncat config/connect-distributed.properties\n", path));
  testing::RequireOk(run);
  CHECK_THAT(run.narration, Catch::Contains("written by the test"));
  CHECK_THAT(run.narration, Catch::Contains("group.id=connect-cluster"));
  CHECK_THAT(run.narration, Catch::Contains("offset.storage.topic=connect-offsets"));
}

TEST_CASE("cat of a missing file says so as the shell's cat does, and fails", "[tools][cat]") {
  const auto run = testing::PlayCluster("cat no-such-file.txt\n");
  CHECK_THAT(run.narration, Catch::Contains("cat: no-such-file.txt: No such file or directory"));
  CHECK(run.report.failed_commands == 1);
}

}  // namespace
}  // namespace kafkasim
