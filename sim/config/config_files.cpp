#include "sim/config/config_files.h"

#include <cassert>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "sim/config/connect_config_files.h"

namespace kafkasim {
namespace {

// Kafka 3.7's config/zookeeper.properties, verbatim.
constexpr std::string_view kZooKeeperProperties = R"(# Licensed to the Apache Software Foundation (ASF) under one or more
# contributor license agreements.  See the NOTICE file distributed with
# this work for additional information regarding copyright ownership.
# The ASF licenses this file to You under the Apache License, Version 2.0
# (the "License"); you may not use this file except in compliance with
# the License.  You may obtain a copy of the License at
#
#    http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
# the directory where the snapshot is stored.
dataDir=/tmp/zookeeper
# the port at which the clients will connect
clientPort=2181
# disable the per-ip limit on the number of connections since this is a non-production config
maxClientCnxns=0
# Disable the adminserver by default to avoid port conflicts.
# Set the port to something non-conflicting if choosing to enable this
admin.enableServer=false
# admin.serverPort=8080
)";

// Kafka 3.7's config/server.properties (ZooKeeper mode), verbatim. Note what 3.7 leaves commented
// out: listeners (the broker then listens on PLAINTEXT://:9092) and log.segment.bytes (so that
// `kafka-topics --describe` shows no segment.bytes override inherited from the broker).
constexpr std::string_view kServerProperties = R"kafka(# Licensed to the Apache Software Foundation (ASF) under one or more
# contributor license agreements.  See the NOTICE file distributed with
# this work for additional information regarding copyright ownership.
# The ASF licenses this file to You under the Apache License, Version 2.0
# (the "License"); you may not use this file except in compliance with
# the License.  You may obtain a copy of the License at
#
#    http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

#
# This configuration file is intended for use in ZK-based mode, where Apache ZooKeeper is required.
# See kafka.server.KafkaConfig for additional details and defaults
#

############################# Server Basics #############################

# The id of the broker. This must be set to a unique integer for each broker.
broker.id=0

############################# Socket Server Settings #############################

# The address the socket server listens on. If not configured, the host name will be equal to the value of
# java.net.InetAddress.getCanonicalHostName(), with PLAINTEXT listener name, and port 9092.
#   FORMAT:
#     listeners = listener_name://host_name:port
#   EXAMPLE:
#     listeners = PLAINTEXT://your.host.name:9092
#listeners=PLAINTEXT://:9092

# Listener name, hostname and port the broker will advertise to clients.
# If not set, it uses the value for "listeners".
#advertised.listeners=PLAINTEXT://your.host.name:9092

# Maps listener names to security protocols, the default is for them to be the same. See the config documentation for more details
#listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL

# The number of threads that the server uses for receiving requests from the network and sending responses to the network
num.network.threads=3

# The number of threads that the server uses for processing requests, which may include disk I/O
num.io.threads=8

# The send buffer (SO_SNDBUF) used by the socket server
socket.send.buffer.bytes=102400

# The receive buffer (SO_RCVBUF) used by the socket server
socket.receive.buffer.bytes=102400

# The maximum size of a request that the socket server will accept (protection against OOM)
socket.request.max.bytes=104857600


############################# Log Basics #############################

# A comma separated list of directories under which to store log files
log.dirs=/tmp/kafka-logs

# The default number of log partitions per topic. More partitions allow greater
# parallelism for consumption, but this will also result in more files across
# the brokers.
num.partitions=1

# The number of threads per data directory to be used for log recovery at startup and flushing at shutdown.
# This value is recommended to be increased for installations with data dirs located in RAID array.
num.recovery.threads.per.data.dir=1

############################# Internal Topic Settings  #############################
# The replication factor for the group metadata internal topics "__consumer_offsets" and "__transaction_state"
# For anything other than development testing, a value greater than 1 is recommended to ensure availability such as 3.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1

############################# Log Flush Policy #############################

# Messages are immediately written to the filesystem but by default we only fsync() to sync
# the OS cache lazily. The following configurations control the flush of data to disk.
# There are a few important trade-offs here:
#    1. Durability: Unflushed data may be lost if you are not using replication.
#    2. Latency: Very large flush intervals may lead to latency spikes when the flush does occur as there will be a lot of data to flush.
#    3. Throughput: The flush is generally the most expensive operation, and a small flush interval may lead to excessive seeks.
# The settings below allow one to configure the flush policy to flush data after a period of time or
# every N messages (or both). This can be done globally and overridden on a per-topic basis.

# The number of messages to accept before forcing a flush of data to disk
#log.flush.interval.messages=10000

# The maximum amount of time a message can sit in a log before we force a flush
#log.flush.interval.ms=1000

############################# Log Retention Policy #############################

# The following configurations control the disposal of log segments. The policy can
# be set to delete segments after a period of time, or after a given size has accumulated.
# A segment will be deleted whenever *either* of these criteria are met. Deletion always happens
# from the end of the log.

# The minimum age of a log file to be eligible for deletion due to age
log.retention.hours=168

# A size-based retention policy for logs. Segments are pruned from the log unless the remaining
# segments drop below log.retention.bytes. Functions independently of log.retention.hours.
#log.retention.bytes=1073741824

# The maximum size of a log segment file. When this size is reached a new log segment will be created.
#log.segment.bytes=1073741824

# The interval at which log segments are checked to see if they can be deleted according
# to the retention policies
log.retention.check.interval.ms=300000

############################# Zookeeper #############################

# Zookeeper connection string (see zookeeper docs for details).
# This is a comma separated host:port pairs, each corresponding to a zk
# server. e.g. "127.0.0.1:3000,127.0.0.1:3001,127.0.0.1:3002".
# You can also append an optional chroot string to the urls to specify the
# root directory for all kafka znodes.
zookeeper.connect=localhost:2181

# Timeout in ms for connecting to zookeeper
zookeeper.connection.timeout.ms=18000


############################# Group Coordinator Settings #############################

# The following configuration specifies the time, in milliseconds, that the GroupCoordinator will delay the initial consumer rebalance.
# The rebalance will be further delayed by the value of group.initial.rebalance.delay.ms as new members join the group, up to a maximum of max.poll.interval.ms.
# The default value for this is 3 seconds.
# We override this to 0 here as it makes for a better out-of-the-box experience for development and testing.
# However, in production environments the default value of 3 seconds is more suitable as this will help to avoid unnecessary, and potentially expensive, rebalances during application startup.
group.initial.rebalance.delay.ms=0
)kafka";

// What Kafka's quickstart ("Setting up a multi-broker cluster", Kafka 1.x-2.x docs) told a student
// to write: `cp config/server.properties config/server-N.properties`, then set broker.id=N,
// listeners=PLAINTEXT://:909(2+N) and log.dirs=/tmp/kafka-logs-N. Everything else is the copy.
std::string QuickstartServerProperties(int id) {
  std::string text(kServerProperties);
  const auto replace = [&text](std::string_view from, const std::string& to) {
    const size_t at = text.find(std::string(from) + "\n");
    assert(at != std::string::npos && "the line to edit is in Kafka's file");
    text.replace(at, from.size(), to);
  };
  replace("broker.id=0", fmt::format("broker.id={}", id));
  replace("#listeners=PLAINTEXT://:9092", fmt::format("listeners=PLAINTEXT://:{}", 9092 + id));
  replace("log.dirs=/tmp/kafka-logs", fmt::format("log.dirs=/tmp/kafka-logs-{}", id));
  return text;
}

// One server of an n-server ensemble on one machine: the Administrator's Guide's example
// settings (tickTime=2000, initLimit=5, syncLimit=2), distinct ports per server.
std::string EnsembleServerProperties(int n, int id) {
  std::string text = fmt::format(
      "# kafkasim: server {} of a {}-server ZooKeeper ensemble on one machine (not shipped by Kafka).\n"
      "# Start each server with its own file; a server's id is read from dataDir/myid.\n"
      "tickTime=2000\n"
      "initLimit=5\n"
      "syncLimit=2\n"
      "dataDir=/tmp/zookeeper-{}\n"
      "clientPort={}\n"
      "maxClientCnxns=0\n"
      "admin.enableServer=false\n",
      id, n, id, 2180 + id);
  for (int s = 1; s <= n; ++s) {
    text += fmt::format("server.{}=localhost:{}:{}\n", s, 2887 + s, 3887 + s);
  }
  return text;
}

const std::map<std::string, std::string, std::less<>>& Shipped() {
  static const auto* files = [] {
    auto* m = new std::map<std::string, std::string, std::less<>>();
    (*m)["config/zookeeper.properties"] = std::string(kZooKeeperProperties);
    (*m)["config/server.properties"] = std::string(kServerProperties);
    for (int id = 1; id <= 2; ++id) {
      (*m)[fmt::format("config/server-{}.properties", id)] = QuickstartServerProperties(id);
    }
    for (int id = 1; id <= 3; ++id) {
      (*m)[fmt::format("config/zookeeper-{}.properties", id)] = EnsembleServerProperties(3, id);
    }
    for (int id = 1; id <= 5; ++id) {
      (*m)[fmt::format("config/ensemble-5/zookeeper-{}.properties", id)] = EnsembleServerProperties(5, id);
      (*m)[fmt::format("/tmp/zookeeper-{}/myid", id)] = fmt::format("{}\n", id);
    }
    AddConnectConfigFiles(*m);
    return m;
  }();
  return *files;
}

}  // namespace

std::optional<std::string> ReadConfigFile(std::string_view path) {
  std::string_view key = path;
  while (key.starts_with("./")) key.remove_prefix(2);
  std::error_code ec;
  const std::filesystem::path real{std::string(path)};
  if (std::filesystem::is_regular_file(real, ec)) {
    std::ifstream in(real, std::ios::binary);
    if (in) {
      std::ostringstream text;
      text << in.rdbuf();
      return text.str();
    }
  }
  auto it = Shipped().find(key);
  if (it == Shipped().end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> ShippedConfigFiles() {
  std::vector<std::string> paths;
  for (const auto& [path, text] : Shipped()) paths.push_back(path);
  return paths;
}

}  // namespace kafkasim
