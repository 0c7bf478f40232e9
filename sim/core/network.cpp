#include "sim/core/network.h"

#include <algorithm>
#include <bit>
#include <cassert>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <fmt/format.h>

#include "sim/core/simulation.h"

namespace kafkasim {

Network::Network(Simulation& sim)
    : sim_(sim), send_kind_(sim.trace().Kind("net.send")), deliver_kind_(sim.trace().Kind("net.deliver")),
      drop_kind_(sim.trace().Kind("net.drop")) {}

void Network::AddNode(NodeId id, uint64_t seed, const std::string& name) {
  assert(id.value() == nodes_.size());
  nodes_.emplace_back(seed, name);
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

bool Network::ReachableWhenPartitioned(NodeId from, NodeId to) const {
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

const LinkOptions& Network::LinkFromTable(NodeId from, NodeId to) const {
  auto it = links_.find({from, to});
  return it == links_.end() ? default_link_ : it->second;
}

Time Network::SetLinkClockSlow(uint32_t& clock, NodeId from, NodeId to, Time arrive) {
  if (auto far = far_arrivals_.find({from, to}); far != far_arrivals_.end()) {
    arrive = std::max(arrive, far->second);
    far_arrivals_.erase(far);
  }
  if (arrive - epoch_ > kMaxLinkClock) Rebase(sim_.now());
  if (arrive - epoch_ > kMaxLinkClock) {
    far_arrivals_[{from, to}] = arrive;
    clock = 0;
  } else {
    clock = static_cast<uint32_t>((arrive - epoch_).micros());
  }
  return arrive;
}

void Network::Rebase(Time now) {
  assert(now >= epoch_);
  const Duration shift = now - epoch_;
  const auto shifted = [shift](uint32_t& stored) {
    stored = Duration::Micros(stored) > shift ? static_cast<uint32_t>(stored - shift.micros()) : 0;
  };
  for (NodeState& n : nodes_) {
    for (uint32_t& stored : n.last_arrival) shifted(stored);
    for (RecentSet& set : n.recent) {
      for (uint32_t& stored : set.clock) shifted(stored);
    }
    shifted(n.spilled_until);
  }
  epoch_ = now;
  std::erase_if(far_arrivals_, [now](const auto& far) { return far.second <= now; });
}

namespace {

// Which of a set's four ways hold `to` (bit k for way k). A few vector instructions where the
// target has SSE2, four compares otherwise.
[[gnu::always_inline]] inline unsigned WaysHolding(const std::array<uint32_t, 4>& ids, uint32_t to) {
#if defined(__SSE2__)
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(ids.data()));
  return static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(v, _mm_set1_epi32(static_cast<int>(to))))));
#else
  unsigned mask = 0;
  for (unsigned k = 0; k < 4; ++k) mask |= static_cast<unsigned>(ids[k] == to) << k;
  return mask;
#endif
}

// Which of a set's four ways are free: their clock is at or before now.
[[gnu::always_inline]] inline unsigned WaysFree(const std::array<uint32_t, 4>& clocks, int64_t now_clock) {
  if (now_clock >= int64_t{UINT32_MAX}) return 0xF;  // every clock fits 32 bits
#if defined(__SSE2__)
  // Unsigned a <= b as signed compares of a and b with their top bits flipped: !(a > b).
  const __m128i flip = _mm_set1_epi32(INT32_MIN);
  const __m128i v = _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(clocks.data())), flip);
  const __m128i now = _mm_xor_si128(_mm_set1_epi32(static_cast<int>(static_cast<uint32_t>(now_clock))), flip);
  return ~static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpgt_epi32(v, now)))) & 0xF;
#else
  unsigned mask = 0;
  for (unsigned k = 0; k < 4; ++k) mask |= static_cast<unsigned>(clocks[k] <= now_clock) << k;
  return mask;
#endif
}

}  // namespace

[[gnu::always_inline]] inline uint32_t Network::LinkClock(const NodeState& sender, NodeId to, int64_t now_clock,
                                                          int& way) {
  static_assert(kRecentWays == 4);
  const RecentSet& set = SetOf(sender, to);
  // A link is in at most one way: SetLinkClock puts it in a free one only when it is in none.
  const unsigned holding = WaysHolding(set.to, to.value());
  if (holding != 0) {
    way = std::countr_zero(holding);
    return set.clock[way];
  }
  way = -1;
  if (sender.spilled_until <= now_clock) [[likely]] return 0;
  return to.value() < sender.last_arrival.size() ? sender.last_arrival[to.value()] : 0;
}

[[gnu::always_inline]] inline void Network::SetLinkClock(NodeState& sender, NodeId to, int way, uint32_t clock,
                                                         int64_t now_clock) {
  RecentSet& set = SetOf(sender, to);
  if (way >= 0) {
    set.clock[way] = clock;
    return;
  }
  // Unused, or its last message has arrived.
  if (const unsigned free = WaysFree(set.clock, now_clock); free != 0) [[likely]] {
    const int k = std::countr_zero(free);
    set.to[k] = to.value();
    set.clock[k] = clock;
    return;
  }
  PerLink(sender.last_arrival, to) = clock;
  sender.spilled_until = std::max(sender.spilled_until, clock);
}

MessageId Network::Send(NodeId from, NodeId to, std::unique_ptr<Message> message) {
  assert(sim_.node(from).running() && "only a running process sends");
  assert(message != nullptr);
  NodeState& sender = nodes_[from.value()];
  // A sender busy towards many receivers reads its full table, at random: start fetching it.
  const Time now = sim_.now();
  if (sender.spilled_until > (now - epoch_).micros() && to.value() < sender.last_arrival.size()) {
    __builtin_prefetch(&sender.last_arrival[to.value()]);
  }
  const LinkOptions& link = LinkFor(from, to);

  // The draws, in this order, are part of the replay: jitter, then the link's loss, then the
  // sender's egress loss (Chance draws nothing when the probability is zero).
  Duration latency = link.latency + sender.egress_delay;
  if (link.jitter > Duration()) latency += Duration::Micros(sender.random.Between(0, link.jitter.micros()));
  const bool lost = sender.random.Chance(link.loss) || sender.random.Chance(sender.egress_loss);

  Time departs = now;
  if (link.bandwidth_bps > 0) {
    Time& busy_until = PerLink(sender.busy_until, to);
    const int64_t transmit_us = message->SizeBytes() * 1000'000 / link.bandwidth_bps;
    departs = std::max(now, busy_until) + Duration::Micros(transmit_us);
    busy_until = departs;
  }
  Message& m = *message;
  m.id_ = MessageId(next_id_++);
  m.from_ = from;
  m.to_ = to;
  m.sent_at_ = now;
  m.lost_ = lost;

  // FIFO per link: TCP delivers in order, so a message never arrives before its predecessor.
  // A clock at or before now, which LinkClock may give as 0, cannot hold it back: latency >= 0.
  assert(latency >= Duration() && departs >= now);
  int way;
  uint32_t clock = LinkClock(sender, to, (now - epoch_).micros(), way);
  Time arrive = std::max(departs + latency, epoch_ + Duration::Micros(clock));
  if (!far_arrivals_.empty() || arrive - epoch_ > kMaxLinkClock) [[unlikely]] {
    arrive = SetLinkClockSlow(clock, from, to, arrive);  // may move epoch_
  } else {
    clock = static_cast<uint32_t>((arrive - epoch_).micros());
  }
  SetLinkClock(sender, to, way, clock, (now - epoch_).micros());
  Trace& trace = sim_.trace();
  m.send_seq_ = trace.Wants(send_kind_) ? TraceSend(m, arrive) : trace.Skip(send_kind_);
  ++in_flight_;
  sim_.PushArrival(arrive, message.release());
  return m.id_;
}

TraceSeq Network::TraceSend(const Message& m, Time arrive) {
  TraceEvent event{.time = m.sent_at_, .kind = "net.send", .node = sim_.node(m.from_).name(),
                   .peer = sim_.node(m.to_).name()};
  const std::string label = m.Label();
  event.fields["msg"] = m.id_.value();
  event.fields["type"] = std::string(m.Type());
  event.fields["category"] = std::string(m.Category());
  event.fields["label"] = label;
  event.fields["bytes"] = m.SizeBytes();
  event.fields["arrive_us"] = arrive.micros();
  m.DescribeFields(event.fields);
  event.narration = fmt::format("{} → {}: {}", event.node, event.peer, label);
  return sim_.trace().Emit(send_kind_, std::move(event));
}

void Network::Arrive(Message* raw) {
  std::unique_ptr<Message> message(raw);
  assert(in_flight_ > 0);
  --in_flight_;
  const NodeId from = message->from_, to = message->to_;
  Node& receiver = sim_.node(to);
  Fate fate = Fate::kDelivered;
  if (message->lost_) {
    fate = Fate::kLost;
  } else if (!Reachable(from, to)) {
    fate = Fate::kUnreachable;
  } else if (!receiver.running()) {
    fate = Fate::kReceiverDown;
  }

  // Everything the receiver does next is caused by this delivery (or drop).
  Trace& trace = sim_.trace();
  const TraceKind kind = fate == Fate::kDelivered ? deliver_kind_ : drop_kind_;
  trace.set_context(trace.Wants(kind) ? TraceArrival(*message, fate) : trace.Skip(kind));
  if (fate != Fate::kDelivered) return;

  const Envelope envelope{.id = message->id_, .from = from, .to = to, .sent_at = message->sent_at_,
                          .arrive_at = sim_.now(), .message = std::move(message)};
  ++receiver.events_handled_;
  receiver.process()->OnMessage(envelope);
}

TraceSeq Network::TraceArrival(const Message& m, Fate fate) {
  TraceEvent event{.time = sim_.now(), .kind = fate == Fate::kDelivered ? "net.deliver" : "net.drop",
                   .node = sim_.node(m.to_).name(), .peer = sim_.node(m.from_).name(),
                   .cause = m.send_seq_};
  const std::string label = m.Label();
  event.fields["msg"] = m.id_.value();
  event.fields["type"] = std::string(m.Type());
  event.fields["label"] = label;
  if (fate == Fate::kDelivered) {
    event.narration = fmt::format("{} received {} from {}", event.node, label, event.peer);
  } else {
    const std::string reason = WhyDropped(m, fate);
    event.fields["reason"] = reason;
    event.narration = fmt::format("{} from {} to {} dropped: {}", label, event.peer, event.node, reason);
  }
  return sim_.trace().Emit(fate == Fate::kDelivered ? deliver_kind_ : drop_kind_, std::move(event));
}

std::string Network::WhyDropped(const Message& m, Fate fate) const {
  switch (fate) {
    case Fate::kLost: return "lost on the way";
    case Fate::kUnreachable: return WhyUnreachable(m.from_, m.to_);
    case Fate::kReceiverDown: {
      const Node& receiver = sim_.node(m.to_);
      return fmt::format("{} is {}: nobody is listening", receiver.name(), ToString(receiver.state()));
    }
    case Fate::kDelivered: break;
  }
  assert(false && "a delivered message has no drop reason");
  return "";
}

}  // namespace kafkasim
