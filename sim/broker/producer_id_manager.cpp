#include "sim/broker/producer_id_manager.h"

#include <cassert>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sim/broker/broker.h"
#include "sim/protocol/data_requests.h"

namespace kafkasim {
namespace {

constexpr std::string_view kProducerIdBlockPath = "/latest_producer_id_block";
// How soon a claim that failed (ZooKeeper unreachable) is tried again.
constexpr Duration kClaimRetryBackoff = Duration::Millis(100);

}  // namespace

std::string EncodeProducerIdBlock(const ProducerIdBlock& block) {
  nlohmann::ordered_json j;
  j["version"] = 1;
  j["broker"] = block.broker;
  j["block_start"] = std::to_string(block.first);
  j["block_end"] = std::to_string(block.last);
  return j.dump();
}

std::optional<ProducerIdBlock> DecodeProducerIdBlock(const std::string& json) {
  const auto j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("block_start") || !j.contains("block_end") || !j["block_start"].is_string() ||
      !j["block_end"].is_string()) {
    return std::nullopt;
  }
  return ProducerIdBlock{.broker = j.value("broker", -1),
                         .first = std::stoll(j["block_start"].get<std::string>()),
                         .last = std::stoll(j["block_end"].get<std::string>())};
}

void ProducerIdManager::Startup() {
  if (!block_ && !claiming_) ClaimBlock();
}

void ProducerIdManager::ClaimBlock() {
  claiming_ = true;
  const std::string path(kProducerIdBlockPath);
  broker_.zk().GetData(path, [this, path](const zk::OpResult& read) {
    if (!read.ok() && read.code != zk::ErrorCode::kNoNode) {
      broker_.sim().Schedule(kClaimRetryBackoff, broker_.node(), [this] { ClaimBlock(); });
      return;
    }
    const std::optional<ProducerIdBlock> latest = read.ok() ? DecodeProducerIdBlock(read.data) : std::nullopt;
    const ProducerIdBlock next{.broker = broker_.id().value(),
                               .first = latest ? latest->last + 1 : 0,
                               .last = (latest ? latest->last + 1 : 0) + kProducerIdBlockSize - 1};
    auto written = [this, next](const zk::OpResult& r) {
      if (!r.ok()) {
        // BADVERSION: another broker claimed a block since we read; read again.
        broker_.sim().Schedule(r.code == zk::ErrorCode::kBadVersion ? Duration() : kClaimRetryBackoff, broker_.node(),
                               [this] { ClaimBlock(); });
        return;
      }
      claiming_ = false;
      block_ = next;
      next_ = next.first;
      broker_.Emit({.kind = "broker.producer_id_block",
                    .narration = fmt::format("{} claimed producer ids {}-{} in ZooKeeper's {}: the ids it hands to "
                                             "idempotent producers are unique across the cluster",
                                             broker_.name(), next.first, next.last, kProducerIdBlockPath),
                    .rule = "producer ids are claimed in blocks of 1000",
                    .fields = {{"broker", next.broker}, {"block_start", next.first}, {"block_end", next.last}}});
      AnswerWaiting();
    };
    if (read.code == zk::ErrorCode::kNoNode) {
      broker_.zk().Create(path, EncodeProducerIdBlock(next), zk::CreateMode::kPersistent, written);
    } else {
      broker_.zk().SetData(path, EncodeProducerIdBlock(next), read.stat.version, written);
    }
  });
}

void ProducerIdManager::HandleInitProducerId(const Envelope& envelope) {
  const auto& request = *envelope.As<InitProducerIdRequest>();
  waiting_.push_back(Waiting{.client = envelope.from, .correlation_id = request.correlation_id});
  AnswerWaiting();
}

void ProducerIdManager::AnswerWaiting() {
  while (!waiting_.empty()) {
    if (!block_ || next_ > block_->last) {
      if (!claiming_) ClaimBlock();
      return;
    }
    const Waiting w = waiting_.front();
    waiting_.pop_front();
    const int64_t id = next_++;
    broker_.Emit({.kind = "broker.producer_id",
                  .narration = fmt::format("{} gives producer id {} (epoch 0) to {}: its batches will carry that id "
                                           "and a sequence number per partition",
                                           broker_.name(), id, broker_.sim().node(w.client).name()),
                  .rule = "enable.idempotence=true",
                  .fields = {{"producer_id", id}}});
    auto response = std::make_unique<InitProducerIdResponse>();
    response->correlation_id = w.correlation_id;
    response->producer_id = id;
    response->producer_epoch = 0;
    broker_.sim().network().Send(broker_.node(), w.client, std::move(response));
  }
}

}  // namespace kafkasim
