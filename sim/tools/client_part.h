#pragma once
// The client processes a session started (console producers and consumers), by node name, with
// the counters that outlive their processes, so that `expect producer console-producer-1 acked
// == 3` can be asked after the tool finished or crashed. Kept as Session::part<ClientPart>().

#include <map>
#include <memory>
#include <string>

#include "sim/client/producer.h"

namespace kafkasim {

class Session;

class ClientPart {
 public:
  explicit ClientPart(Session&) {}

  std::shared_ptr<ProducerStats> AddProducer(const std::string& node_name) {
    return producers_[node_name] = std::make_shared<ProducerStats>();
  }
  const ProducerStats* FindProducer(const std::string& node_name) const {
    auto it = producers_.find(node_name);
    return it == producers_.end() ? nullptr : it->second.get();
  }
  const std::map<std::string, std::shared_ptr<ProducerStats>>& producers() const { return producers_; }

 private:
  std::map<std::string, std::shared_ptr<ProducerStats>> producers_;
};

}  // namespace kafkasim
