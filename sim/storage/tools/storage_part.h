#pragma once
// The brokers' disks, as the session's tools see them: every broker's LogManager by broker name,
// so that `kafka-dump-log.sh --files PATH` can find the segment PATH names. The broker part
// attaches a broker's LogManager when it creates the broker and detaches it when the broker is
// removed; the LogManager itself stays owned by the broker.
//
// A PATH is resolved as a student would type it on one of the machines:
//   /tmp/kafka-logs/orders-0/00000000000000000000.log    log.dirs path (must be on one broker,
//                                                        or the answer lists the brokers)
//   broker-1:/tmp/kafka-logs/orders-0/00000000000000000000.log   on a named broker
//   DIR/broker-1/orders-0/00000000000000000000.log       the --data-dir file itself

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/storage/log_manager.h"

namespace kafkasim {

class Session;

class StoragePart {
 public:
  explicit StoragePart(Session&) {}

  void Attach(const std::string& broker_name, const LogManager* manager);
  void Detach(const std::string& broker_name);
  const LogManager* Find(const std::string& broker_name) const;

  // A segment file PATH names: which broker, which log, which segment, which of its three files.
  struct Resolved {
    std::string broker;
    const Log* log = nullptr;
    const LogSegment* segment = nullptr;
    std::string extension;  // ".log", ".index" or ".timeindex"
  };
  // Every match (more than one when the same log.dirs path exists on several brokers).
  std::vector<Resolved> Resolve(std::string_view path) const;

 private:
  std::map<std::string, const LogManager*> managers_;  // by broker name: a stable order
};

}  // namespace kafkasim
