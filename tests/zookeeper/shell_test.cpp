// bin/zookeeper-shell.sh prints what ZooKeeperMain prints.

#include <catch2/catch.hpp>

#include "sim/zookeeper/shell_format.h"
#include "tests/zookeeper/zk_fixture.h"

using namespace kafkasim;
using namespace kafkasim::testing;

TEST_CASE("ls prints the connection banner, the connect event and the sorted children") {
  ZkWorld w;
  REQUIRE(w.Run("zookeeper-server-start.sh config/zookeeper.properties") == 0);
  REQUIRE(w.Run("zookeeper-shell.sh localhost:2181 create /brokers") == 0);
  REQUIRE(w.Run("zookeeper-shell.sh localhost:2181 create /admin") == 0);
  const size_t before = w.Output().size();
  REQUIRE(w.Run("zookeeper-shell.sh localhost:2181 ls /") == 0);
  const std::vector<std::string> all = w.Output();
  const std::vector<std::string> out(all.begin() + static_cast<long>(before), all.end());
  CHECK(out == std::vector<std::string>{"Connecting to localhost:2181", "", "WATCHER::", "",
                                        "WatchedEvent state:SyncConnected type:None path:null",
                                        "[admin, brokers, zookeeper]"});
}

TEST_CASE("the shell's node connects, runs one command and stops") {
  ZkWorld w;
  REQUIRE(w.Run("zookeeper-server-start.sh config/zookeeper.properties") == 0);
  REQUIRE(w.Run("zookeeper-shell.sh localhost:2181 ls /zookeeper") == 0);
  CHECK(w.Output().back() == "[config, quota]");
  CHECK(w.sim().FindNode("zookeeper-shell-1")->state() == NodeState::kStopped);
  CHECK(w.Server("zookeeper-0").db().sessions().empty());  // it closed its session
}

TEST_CASE("a missing node is reported as ZooKeeperMain reports it, with a failing exit code") {
  ZkWorld w;
  REQUIRE(w.Run("zookeeper-server-start.sh config/zookeeper.properties") == 0);
  CHECK(w.Run("zookeeper-shell.sh localhost:2181 get /brokers/ids/9") == 1);
  CHECK(w.Output().back() == "Node does not exist: /brokers/ids/9");
}

TEST_CASE("stat prints the znode's Stat fields in ZooKeeper's order and format") {
  ZkWorld w;
  REQUIRE(w.Run("zookeeper-server-start.sh config/zookeeper.properties") == 0);
  REQUIRE(w.Run("zookeeper-shell.sh localhost:2181 create /cluster {\"id\":\"x\"}") == 0);
  REQUIRE(w.Run("zookeeper-shell.sh localhost:2181 stat /cluster") == 0);
  const auto out = w.Output();
  REQUIRE(out.size() >= 11);
  const std::vector<std::string> stat(out.end() - 11, out.end());
  CHECK_THAT(stat[0], Catch::Matches("cZxid = 0x[0-9a-f]+"));
  CHECK_THAT(stat[1], Catch::Matches("ctime = Thu Jan 01 00:00:0[0-9] UTC 1970"));
  CHECK(stat[5] == "cversion = 0");
  CHECK(stat[6] == "dataVersion = 0");
  CHECK(stat[8] == "ephemeralOwner = 0x0");
  CHECK(stat[9] == "dataLength = 10");
  CHECK(stat[10] == "numChildren = 0");
}

TEST_CASE("Java's Date.toString counts days, months and years from the epoch") {
  CHECK(zk::JavaDate(0) == "Thu Jan 01 00:00:00 UTC 1970");
  CHECK(zk::JavaDate(86'400'000LL * 59 + 3'723'000) == "Sun Mar 01 01:02:03 UTC 1970");
  CHECK(zk::JavaDate(951'782'400'000LL) == "Tue Feb 29 00:00:00 UTC 2000");
}
