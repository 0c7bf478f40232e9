#include "sim/broker/config_change_listener.h"

#include <fmt/format.h>

#include <charconv>

#include "sim/broker/broker.h"
#include "sim/broker/controller.h"
#include "sim/broker/zk_data.h"

namespace kafkasim {

using zk::OpResult;
using zk::WatchedEvent;

namespace {

// "config_change_0000000007" -> 7; -1 for a name that is not a notification.
int64_t ChangeNumber(std::string_view name) {
  if (!name.starts_with(zkdata::kConfigChangePrefix)) return -1;
  name.remove_prefix(zkdata::kConfigChangePrefix.size());
  int64_t n = -1;
  const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), n);
  return ec == std::errc() && end == name.data() + name.size() ? n : -1;
}

}  // namespace

void ConfigChangeListener::Startup() { ProcessNotifications(); }

void ConfigChangeListener::ProcessNotifications() {
  // Listing the children leaves the watch that brings the next notification (one-shot).
  broker_.zk().GetChildren(
      std::string(zkdata::kConfigChanges),
      [this](const OpResult& r) {
        if (!r.ok()) return;
        const int64_t now_ms = broker_.sim().now().micros() / 1000;
        for (const std::string& child : r.children) {  // sorted, hence in sequence order
          const int64_t number = ChangeNumber(child);
          if (number < 0) continue;
          const bool fresh = number > last_executed_change_;
          if (fresh) last_executed_change_ = number;
          const std::string path = fmt::format("{}/{}", zkdata::kConfigChanges, child);
          broker_.zk().GetData(path, [this, fresh, child, path, now_ms](const OpResult& d) {
            if (!d.ok()) return;
            if (fresh) ProcessNotification(child, d.data);
            // purgeObsoleteNotifications: every broker removes what is older than 15 minutes.
            if (now_ms - d.stat.ctime > kChangeExpiration.micros() / 1000) {
              broker_.zk().Delete(path, -1, [](const OpResult&) {});
            }
          });
        }
      },
      [this](const WatchedEvent&) { ProcessNotifications(); });
}

void ConfigChangeListener::ProcessNotification(const std::string& name, const std::string& data) {
  const std::optional<std::string> entity = zkdata::DecodeConfigChange(data);
  if (!entity) return;  // Kafka logs the error and goes on with the next notification
  // Only topic configs are simulated; client, user, ip and broker notifications change nothing.
  constexpr std::string_view kTopics = "topics/";
  if (!entity->starts_with(kTopics)) return;
  ApplyTopicConfig(entity->substr(kTopics.size()), name);
}

void ConfigChangeListener::ApplyTopicConfig(const std::string& topic, const std::string& notification) {
  const std::string path = zkdata::TopicConfigPath(topic);
  broker_.zk().GetData(path, [this, topic, notification, path](const OpResult& r) {
    // AdminZkClient.fetchEntityConfig: no znode is no override.
    std::map<std::string, std::string> config;
    if (r.ok()) {
      if (auto decoded = zkdata::DecodeTopicConfig(r.data)) config = *decoded;
    }
    const ReplicaManager::TopicConfigUpdate update = broker_.replicas().UpdateTopicConfig(topic, config);
    if (!update.error.empty()) {
      broker_.Emit({.kind = "topic.config_invalid",
                    .narration = fmt::format("{} cannot use topic {}'s config in {}: {}", broker_.name(), topic, path,
                                             update.error),
                    .fields = {{"topic", topic}, {"notification", notification}}});
    } else if (!update.logs.empty()) {
      broker_.Emit({.kind = "topic.config_applied",
                    .narration = fmt::format(
                        "{} saw {} under /config/changes, reread {} and applies it to its log(s) {}: {}",
                        broker_.name(), notification, path, fmt::join(update.logs, ", "),
                        update.changes.empty() ? std::string("no effective value changed")
                                               : fmt::format("{}", fmt::join(update.changes, ", "))),
                    .rule = "every broker watches /config/changes and rereads the topic's config from ZooKeeper",
                    .fields = {{"topic", topic},
                               {"notification", notification},
                               {"logs", fmt::format("{}", fmt::join(update.logs, ","))},
                               {"changes", fmt::format("{}", fmt::join(update.changes, "; "))}}});
    }
    broker_.controller().OnTopicConfigChanged(topic, config);
  });
}

}  // namespace kafkasim
