#include "sim/core/network.h"

#include <algorithm>
#include <cassert>

#include <fmt/format.h>

#include "sim/core/simulation.h"

namespace kafkasim {
namespace {

uint64_t LinkKey(NodeId from, NodeId to) {
  return (static_cast<uint64_t>(from.value()) << 32) | to.value();
}

}  // namespace

const size_t Network::kInFlightSlotBytes = sizeof(Network::InFlight);

void Network::AddNode(NodeId id, uint64_t seed, const std::string& name) {
  assert(id.value() == nodes_.size());
  nodes_.push_back(NodeState{.random = Random(seed, "net/" + name)});
}

void Network::SetEgressDelay(NodeId node, Duration extra) { nodes_[node.value()].egress_delay = extra; }

void Network::SetEgressLoss(NodeId node, double probability) {
  assert(probability >= 0 && probability <= 1);
  nodes_[node.value()].egress_loss = probability;
}

void Network::Split(const std::vector<std::vector<NodeId>>& groups) {
  for (NodeState& n : nodes_) n.group = 0;
  int group = 0;
  for (const auto& members : groups) {
    ++group;
    for (NodeId id : members) {
      assert(nodes_[id.value()].group == 0 && "a node is in one group only");
      nodes_[id.value()].group = group;
    }
  }
  split_ = group > 1;
}

void Network::Heal() {
  for (NodeState& n : nodes_) n.group = 0;
  split_ = false;
  blocked_.clear();
}

bool Network::Reachable(NodeId from, NodeId to) const {
  const int a = PerNode(from).group, b = PerNode(to).group;
  if (a != 0 && b != 0 && a != b) return false;
  return !blocked_.contains({from, to});
}

std::string Network::WhyUnreachable(NodeId from, NodeId to) const {
  if (blocked_.contains({from, to})) {
    return fmt::format("the link from {} to {} is blocked", sim_.node(from).name(), sim_.node(to).name());
  }
  return fmt::format("{} and {} are on different sides of a network split", sim_.node(from).name(),
                     sim_.node(to).name());
}

const LinkOptions& Network::LinkFor(NodeId from, NodeId to) const {
  if (links_.empty()) return default_link_;
  auto it = links_.find({from, to});
  return it == links_.end() ? default_link_ : it->second;
}

MessageId Network::Send(NodeId from, NodeId to, std::unique_ptr<Message> message) {
  assert(sim_.node(from).running() && "only a running process sends");
  assert(message != nullptr);
  NodeState& sender = nodes_[from.value()];
  const LinkOptions& link = LinkFor(from, to);
  const Time now = sim_.now();

  Duration latency = link.latency + sender.egress_delay;
  if (link.jitter > Duration()) latency += Duration::Micros(sender.random.Between(0, link.jitter.micros()));
  const bool lost = sender.random.Chance(link.loss) || sender.random.Chance(sender.egress_loss);

  LinkClock& clock = clocks_[LinkKey(from, to)];
  Time departs = now;
  if (link.bandwidth_bps > 0) {
    const int64_t transmit_us = message->SizeBytes() * 1000'000 / link.bandwidth_bps;
    departs = std::max(now, clock.busy_until) + Duration::Micros(transmit_us);
    clock.busy_until = departs;
  }
  // FIFO per link: TCP delivers in order, so a message never arrives before its predecessor.
  const Time arrive = std::max(departs + latency, clock.last_arrival);
  clock.last_arrival = arrive;

  const MessageId id(next_id_++);
  TraceSeq seq;
  if (sim_.trace().enabled()) {
    TraceEvent event{.time = now, .kind = "net.send", .node = sim_.node(from).name(),
                     .peer = sim_.node(to).name()};
    const std::string label = message->Label();
    event.fields["msg"] = id.value();
    event.fields["type"] = std::string(message->Type());
    event.fields["category"] = std::string(message->Category());
    event.fields["label"] = label;
    event.fields["bytes"] = message->SizeBytes();
    event.fields["arrive_us"] = arrive.micros();
    message->DescribeFields(event.fields);
    event.narration = fmt::format("{} → {}: {}", event.node, event.peer, label);
    seq = sim_.trace().Emit(std::move(event));
  } else {
    seq = sim_.trace().Skip();
  }

  uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  InFlight& f = slots_[slot];
  f.envelope = Envelope{.id = id, .from = from, .to = to, .sent_at = now, .arrive_at = arrive,
                        .message = std::move(message)};
  f.send_seq = seq;
  f.lost = lost;
  ++in_flight_count_;
  sim_.PushArrival(arrive, slot);
  return id;
}

void Network::Arrive(uint32_t slot) {
  // Move the message out first: handling it may send more, which may grow slots_.
  Envelope envelope = std::move(slots_[slot].envelope);
  const TraceSeq send_seq = slots_[slot].send_seq;
  const bool lost = slots_[slot].lost;
  free_slots_.push_back(slot);
  --in_flight_count_;

  Node& receiver = sim_.node(envelope.to);
  std::string drop_reason;
  if (lost) {
    drop_reason = "lost on the way";
  } else if (!Reachable(envelope.from, envelope.to)) {
    drop_reason = WhyUnreachable(envelope.from, envelope.to);
  } else if (!receiver.running()) {
    drop_reason = fmt::format("{} is {}: nobody is listening", receiver.name(), ToString(receiver.state()));
  }

  Trace& trace = sim_.trace();
  if (trace.enabled()) {
    TraceEvent event{.time = sim_.now(), .kind = drop_reason.empty() ? "net.deliver" : "net.drop",
                     .node = receiver.name(), .peer = sim_.node(envelope.from).name(),
                     .cause = send_seq};
    const std::string label = envelope.message->Label();
    event.fields["msg"] = envelope.id.value();
    event.fields["type"] = std::string(envelope.message->Type());
    event.fields["label"] = label;
    if (drop_reason.empty()) {
      event.narration = fmt::format("{} received {} from {}", event.node, label, event.peer);
    } else {
      event.fields["reason"] = drop_reason;
      event.narration = fmt::format("{} from {} to {} dropped: {}", label, event.peer, event.node, drop_reason);
    }
    trace.set_context(trace.Emit(std::move(event)));
  } else {
    trace.set_context(trace.Skip());
  }
  if (drop_reason.empty()) receiver.process()->OnMessage(envelope);
}

}  // namespace kafkasim
