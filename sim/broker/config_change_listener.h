#pragma once
// How a ZooKeeper-mode broker learns that a config changed (ZkConfigManager with its
// ZkNodeChangeNotificationListener on /config/changes, Kafka 3.7).
//
// Whoever changes a config (IncrementalAlterConfigs on any broker) writes /config/<type>/<name>
// and then a persistent sequential node /config/changes/config_change_<n> holding
// {"version":2,"entity_path":"topics/orders"}. Every broker watches the children of
// /config/changes. On a change it lists them in order and, for each one newer than the last it
// processed, reads the notification, rereads the named entity's config from ZooKeeper and hands
// it to the entity type's handler — for topics, the replica manager, which gives the new config
// to the topic's logs and partitions. The last processed number lives in memory only, so a
// (re)started broker processes every notification still there. Each broker also deletes the
// notifications older than 15 minutes (changeExpirationMs).

#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/time.h"

namespace kafkasim {

class Broker;

class ConfigChangeListener {
 public:
  // ZkNodeChangeNotificationListener's changeExpirationMs.
  static constexpr Duration kChangeExpiration = Duration::Millis(15 * 60 * 1000);

  explicit ConfigChangeListener(Broker& broker) : broker_(broker) {}

  // ZkConfigManager.startup: called once the broker is registered (again after a new session).
  void Startup();

 private:
  void ProcessNotifications();
  void ProcessNotification(const std::string& name, const std::string& data);
  void ApplyTopicConfig(const std::string& topic, const std::string& notification);

  Broker& broker_;
  int64_t last_executed_change_ = -1;
};

}  // namespace kafkasim
