#pragma once
// How a broker in ZooKeeper mode hands out producer ids (Kafka 3.7's ZkProducerIdManager, used
// by the transaction coordinator to answer InitProducerId). Ids are unique across the cluster
// because brokers claim them in blocks of 1000 through one znode, /latest_producer_id_block,
// holding the last block claimed:
//   {"version":1,"broker":0,"block_start":"0","block_end":"999"}
// A broker reads it, writes the next block (block_end + 1 ... + 1000) with a conditional setData
// on the version it read, and reads again when another broker won the race (BADVERSION). It
// claims its first block at startup, and the next one when the current block runs out.
//
// An idempotent producer (no transactional.id) gets a fresh id with epoch 0 from any broker.
// Requests that arrive while a block is being claimed wait for it.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "sim/core/strong_int.h"

namespace kafkasim {

class Broker;
struct Envelope;

// ProducerIdsBlock.PRODUCER_ID_BLOCK_SIZE.
inline constexpr int64_t kProducerIdBlockSize = 1000;

struct ProducerIdBlock {
  int32_t broker = -1;
  int64_t first = 0;
  int64_t last = -1;
};

// The znode's JSON, and back (nullopt when the data is not a block, e.g. empty at first).
std::string EncodeProducerIdBlock(const ProducerIdBlock& block);
std::optional<ProducerIdBlock> DecodeProducerIdBlock(const std::string& json);

class ProducerIdManager {
 public:
  explicit ProducerIdManager(Broker& broker) : broker_(broker) {}

  // Claims the first block (KafkaServer.startup, once registered).
  void Startup();
  void HandleInitProducerId(const Envelope& envelope);

  // The block in use, if any; the next id it will hand out.
  const std::optional<ProducerIdBlock>& block() const { return block_; }
  int64_t next_producer_id() const { return next_; }

 private:
  void ClaimBlock();
  void AnswerWaiting();

  Broker& broker_;
  std::optional<ProducerIdBlock> block_;
  int64_t next_ = 0;
  bool claiming_ = false;
  struct Waiting {
    NodeId client;
    int32_t correlation_id;
  };
  std::deque<Waiting> waiting_;
};

}  // namespace kafkasim
