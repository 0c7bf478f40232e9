#include "sim/connect/topic_admin.h"

#include <fmt/format.h>

#include "sim/client/producer_record.h"
#include "sim/connect/worker_task.h"

namespace kafkasim {

TopicAdmin::TopicAdmin(Simulation& sim, const BrokerDirectory& directory, std::string node_name,
                       AdminClientOptions options)
    : sim_(sim), directory_(directory), node_name_(std::move(node_name)), options_(std::move(options)) {}

TopicAdmin::~TopicAdmin() { *alive_ = false; }

void TopicAdmin::CreateOrFindTopic(const InternalTopicConfig& topic, Done done) {
  if (node_ == kNoNode || !sim_.node(node_).running()) {
    Simulation& sim = sim_;
    const BrokerDirectory& directory = directory_;
    auto self = std::make_shared<NodeId>(kNoNode);
    node_ = StartClientNode(sim, node_name_, "admin", self, [&sim, self, &directory, options = options_] {
      return std::make_unique<AdminClient>(sim, *self, directory, options);
    });
  }
  CreatableTopic request{.name = topic.topic,
                         .num_partitions = topic.partitions,
                         .replication_factor = topic.replication_factor,
                         .configs = {{"cleanup.policy", "compact"}}};
  auto* admin = static_cast<AdminClient*>(sim_.node(node_).process());
  admin->Call(
      "createTopics", AdminClient::Target::kController,
      [request] {
        auto r = std::make_unique<CreateTopicsRequest>();
        r->topics.push_back(request);
        return r;
      },
      [alive = alive_, name = topic.topic, done = std::move(done)](const Envelope* response, const std::string& error) {
        if (!*alive) return;
        if (response == nullptr) {
          return done(
              fmt::format("org.apache.kafka.connect.errors.ConnectException: Timed out while checking for or "
                          "creating topic(s) '{}'. This could indicate a connectivity issue, unavailable "
                          "topic partitions, or if this is your first use of the topic it may have taken too "
                          "long to create.\nCaused by: {}",
                          name, error));
        }
        const TopicResult& r = response->As<CreateTopicsResponse>()->results.at(0);
        if (r.error == ErrorCode::kNone || r.error == ErrorCode::kTopicAlreadyExists) return done(std::nullopt);
        done(
            fmt::format("org.apache.kafka.connect.errors.ConnectException: Error while attempting to create/find "
                        "topic(s) '{}'\nCaused by: java.util.concurrent.ExecutionException: {}",
                        name, ProducerErrorFor(r.error, r.message).ToString()));
      });
}

void TopicAdmin::Close() { StopClientNode(sim_, node_, /*crash=*/false); }

void TopicAdmin::Halt() {
  *alive_ = false;
  sim_.Schedule(Duration(), kNoNode, [&sim = sim_, node = node_] { StopClientNode(sim, node, /*crash=*/true); });
}

}  // namespace kafkasim
