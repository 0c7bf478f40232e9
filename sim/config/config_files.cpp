#include "sim/config/config_files.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

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
    for (int id = 1; id <= 3; ++id) {
      (*m)[fmt::format("config/zookeeper-{}.properties", id)] = EnsembleServerProperties(3, id);
    }
    for (int id = 1; id <= 5; ++id) {
      (*m)[fmt::format("config/ensemble-5/zookeeper-{}.properties", id)] = EnsembleServerProperties(5, id);
      (*m)[fmt::format("/tmp/zookeeper-{}/myid", id)] = fmt::format("{}\n", id);
    }
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
