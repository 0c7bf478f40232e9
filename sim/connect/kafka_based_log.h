#pragma once
// One of a distributed worker's internal topics as the worker reads and writes it (Kafka 3.7
// KafkaBasedLog): a producer and a group-less consumer of its own, both nodes of their own named
// after the worker ("connect-1-configs-producer"; Kafka's client.id, the same on every worker, is
// "<group.id>-configs" / "-offsets" / "-statuses").
//
//   Start      the consumer takes every partition of the topic from its beginning
//              (auto.offset.reset=earliest) and hands each record it reads to the callback, in
//              offset order per partition: every worker replays the whole topic.
//   ReadToEnd  `done` runs once the consumer has read every partition up to the end the brokers
//              last reported (the high watermark of its latest fetch): what was written before has
//              been seen.
//   Send       a keyed record (a null value is a tombstone); `done` gets the producer's outcome.
//
// The log belongs to the worker's process: when the process dies (Halt), callbacks stop at once and
// its clients die with it, nothing flushed; a clean Stop closes them.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/client/consumer.h"
#include "sim/client/producer.h"
#include "sim/core/simulation.h"
#include "sim/protocol/broker_directory.h"

namespace kafkasim {

struct KafkaBasedLogOptions {
  std::string topic;        // "connect-configs"
  std::string node_prefix;  // "connect-1-configs": nodes <prefix>-producer and <prefix>-consumer
  NodeId worker = kNoNode;  // the worker's process, which owns the log's timers
  ConsumerConfig consumer;  // client.id, bootstrap.servers; auto.offset.reset is set to earliest
  ProducerConfig producer;
};

class KafkaBasedLog {
 public:
  using Callback = std::function<void(const ConsumerRecord&)>;

  KafkaBasedLog(Simulation& sim, const BrokerDirectory& directory, KafkaBasedLogOptions options, Callback on_record);
  ~KafkaBasedLog();
  KafkaBasedLog(const KafkaBasedLog&) = delete;
  KafkaBasedLog& operator=(const KafkaBasedLog&) = delete;

  void Start();
  void ReadToEnd(std::function<void()> done);
  void Send(std::string key, std::optional<std::string> value, SendCallback done = nullptr);
  // A clean stop: what is sent is flushed, then the clients close.
  void Stop();
  // The worker's process died: no callback runs any more; the clients are crashed in an event of
  // the simulator's (a process may not end another while it is being destroyed).
  void Halt();

  const std::string& topic() const { return options_.topic; }
  // Records read so far.
  uint64_t records_read() const { return records_read_; }

 private:
  Consumer* consumer() const;
  Producer* producer() const;
  bool CaughtUp() const;
  void CheckReadToEnd();

  Simulation& sim_;
  const BrokerDirectory& directory_;
  KafkaBasedLogOptions options_;
  Callback on_record_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  NodeId producer_node_ = kNoNode;
  NodeId consumer_node_ = kNoNode;
  std::vector<std::function<void()>> read_waiters_;
  bool checking_ = false;
  uint64_t records_read_ = 0;
};

}  // namespace kafkasim
