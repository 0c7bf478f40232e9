#pragma once
// Scenario lines shared by the benchmarks that need a cluster of many brokers on one machine.

#include <string>

#include <fmt/format.h>

namespace kafkasim::bench {

// ZooKeeper, then `brokers` brokers: broker 0 from config/server.properties as shipped, every other
// one on its own port and log directory, as a real second broker on the same host must be.
inline std::string StartZooKeeperAndBrokers(int brokers) {
  std::string text =
      "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
      "bin/kafka-server-start.sh config/server.properties\n";
  for (int b = 1; b < brokers; ++b) {
    text += fmt::format("bin/kafka-server-start.sh config/server.properties --override broker.id={} "
                        "--override listeners=PLAINTEXT://:{} --override log.dirs=/tmp/kafka-logs-{}\n",
                        b, 9092 + b, b);
  }
  return text;
}

}  // namespace kafkasim::bench
