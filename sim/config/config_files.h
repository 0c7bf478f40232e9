#pragma once
// The files a Kafka installation ships, as a read-only virtual filesystem, so that a lesson can
// write `bin/zookeeper-server-start.sh config/zookeeper.properties` as on a laptop.
//
// Lookup order: a path that exists on the real filesystem is read from there (a student's own
// configuration wins), otherwise the shipped copy is used. Paths are matched after dropping a
// leading "./"; both "config/x" and Kafka's install-relative "../config/x" are not guessed at.
//
// Besides Kafka 3.7's own config/zookeeper.properties, kafkasim ships what a student would
// write to run a replicated ensemble on one laptop, following ZooKeeper's Administrator's Guide
// ("Running Replicated ZooKeeper"): config/zookeeper-N.properties for servers 1..3 and
// config/ensemble-5/zookeeper-N.properties for servers 1..5, each with its own clientPort
// (2181, 2182, ...) and dataDir (/tmp/zookeeper-N), plus the myid file in each dataDir.
//
// Kafka 3.7's own config/server.properties ships verbatim, and with it config/server-1.properties
// and config/server-2.properties: what Kafka's quickstart ("Setting up a multi-broker cluster")
// told a student to write, a copy of server.properties with broker.id=N,
// listeners=PLAINTEXT://:909(2+N) and log.dirs=/tmp/kafka-logs-N.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kafkasim {

std::optional<std::string> ReadConfigFile(std::string_view path);

// The shipped paths, sorted (for `help` and tests).
std::vector<std::string> ShippedConfigFiles();

}  // namespace kafkasim
