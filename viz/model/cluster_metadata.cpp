#include "viz/model/cluster_metadata.h"

#include <algorithm>
#include <cassert>

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/broker_disk.h"
#include "sim/broker/broker_part.h"
#include "sim/broker/controller.h"
#include "sim/broker/partition.h"
#include "sim/broker/replica_manager.h"
#include "viz/model/broker_slots.h"

namespace kafkasim::viz {
namespace {

// Topics by name, numbered in name order: the table and the brokers' replicas are matched by
// (topic number, partition) rather than by comparing names.
class TopicNumbers {
 public:
  void Add(const std::string& topic) {
    assert(names_.empty() || names_.back() < topic);
    names_.push_back(topic);
  }
  // -1 for a topic the table does not list (one being deleted).
  int Of(const std::string& topic) const {
    auto it = std::lower_bound(names_.begin(), names_.end(), topic);
    return it != names_.end() && *it == topic ? static_cast<int>(it - names_.begin()) : -1;
  }
  bool operator==(const TopicNumbers&) const = default;

 private:
  std::vector<std::string> names_;  // sorted
};

// One partition's metadata, wherever it came from; it points into the source's own tables.
struct Known {
  int topic = 0;  // its TopicNumbers number
  const TopicPartition* tp = nullptr;
  const std::vector<BrokerId>* replicas = nullptr;
  const LeaderAndIsr* state = nullptr;  // null: no state yet
  bool leader_live = false;  // the leader is among the live brokers this view knows
};

// The active controller's context, partition by partition in (topic, partition) order. Its
// states map is kept in the same order, so it is walked beside the topics, not searched.
class FromController {
 public:
  explicit FromController(const ControllerContext& context) : context_(context) {
    for (const auto& [topic, info] : context.topics) {
      if (!context.deleting.contains(topic)) topics_.Add(topic);
    }
  }
  const TopicNumbers& topics() const { return topics_; }
  size_t size_hint() const { return context_.states.size(); }

  template <typename Visit>
  void ForEach(Visit visit) const {
    auto state = context_.states.begin();
    TopicPartition tp;
    int number = 0;
    for (const auto& [topic, info] : context_.topics) {
      if (context_.deleting.contains(topic)) continue;
      tp.topic = topic;
      for (const auto& [p, replicas] : info.assignment) {
        tp.partition = p;
        while (state != context_.states.end() && state->first < tp) ++state;
        const bool stated = state != context_.states.end() && state->first == tp;
        const LeaderAndIsr* s = stated ? &state->second : nullptr;
        visit(Known{.topic = number, .tp = &tp, .replicas = &replicas, .state = s,
                    .leader_live = context_.live_brokers.contains(s != nullptr ? s->leader : kNoLeader)});
      }
      ++number;
    }
  }

 private:
  const ControllerContext& context_;
  TopicNumbers topics_;
};

// A broker's metadata cache, when no controller is active.
class FromCache {
 public:
  explicit FromCache(const MetadataCache& cache) : cache_(cache), names_(cache.Topics()) {
    for (const std::string& topic : names_) topics_.Add(topic);
  }
  const TopicNumbers& topics() const { return topics_; }
  size_t size_hint() const { return 0; }

  template <typename Visit>
  void ForEach(Visit visit) const {
    for (size_t number = 0; number < names_.size(); ++number) {
      const int32_t count = cache_.PartitionCount(names_[number]);
      for (int32_t p = 0; p < count; ++p) {
        const PartitionState* s = cache_.Partition({names_[number], p});
        if (s == nullptr || s->state.leader == kLeaderDuringDelete) continue;
        visit(Known{.topic = static_cast<int>(number), .tp = &s->tp, .replicas = &s->replicas, .state = &s->state,
                    .leader_live = cache_.IsLive(s->state.leader)});
      }
    }
  }

 private:
  const MetadataCache& cache_;
  std::vector<std::string> names_;
  TopicNumbers topics_;
};

// One broker's own side of its replicas, as last copied, with what the copy was taken at.
struct Hosted {
  int topic = 0;
  int32_t partition = 0;
  bool is_leader = false;
  Offset log_start_offset{0};
  Offset log_end_offset{0};
  Offset high_watermark{0};
  auto key() const { return std::pair(topic, partition); }
  bool operator==(const Hosted&) const = default;
};
using HostedKey = std::pair<int, int32_t>;  // (topic number, partition)

// The replicas whose copy differs between two copies of one broker, in (topic, partition)
// order: those in one copy only, and those whose offsets or leadership moved.
void Differences(const std::vector<Hosted>& before, const std::vector<Hosted>& after, std::vector<HostedKey>& out) {
  size_t i = 0, j = 0;
  while (i < before.size() || j < after.size()) {
    if (j == after.size() || (i < before.size() && before[i].key() < after[j].key())) {
      out.push_back(before[i++].key());
    } else if (i == before.size() || after[j].key() < before[i].key()) {
      out.push_back(after[j++].key());
    } else {
      if (!(before[i] == after[j])) out.push_back(after[j].key());
      ++i, ++j;
    }
  }
}
struct BrokerStamp {
  uint64_t events_handled = 0;
  uint32_t incarnation = 0;
  NodeState state = NodeState::kStopped;
  bool operator==(const BrokerStamp&) const = default;
};
BrokerStamp StampOf(const Node& n) {
  return BrokerStamp{.events_handled = n.events_handled(), .incarnation = n.incarnation(), .state = n.state()};
}

struct BrokerCopy {
  BrokerId id;
  BrokerStamp stamp;
  bool moved = true;  // copied again by this read
  bool running = false;
  std::optional<int64_t> log_bytes;  // LogBytesOnDisk, once asked for at this stamp
  std::vector<Hosted> hosted;  // in (topic, partition) order
  size_t next = 0;             // the first not passed yet by the table's walk
  // What a move changed: every replica of the broker (`whole`: it is new to the copies, the
  // topics were renumbered, or it started or stopped), or only those in `changed`, in (topic,
  // partition) order. A broker handles an event for every fetch, and most leave its 300 replicas
  // as they were.
  bool whole = true;
  std::vector<HostedKey> changed;
  size_t next_changed = 0;  // the first not passed yet by the table's walk
  // The table's rows naming this broker as a replica, in order, as the last full read wrote
  // them: a reread looks at a moved broker's rows only, not at every row for every broker.
  struct Row {
    uint32_t row = 0;
    HostedKey key;
  };
  std::vector<Row> rows;
  const Hosted* Find(int topic, int32_t partition) {
    const auto key = std::pair(topic, partition);
    while (next < hosted.size() && hosted[next].key() < key) ++next;
    return next < hosted.size() && hosted[next].key() == key ? &hosted[next] : nullptr;
  }
  bool Changed(int topic, int32_t partition) {
    const auto key = std::pair(topic, partition);
    while (next_changed < changed.size() && changed[next_changed] < key) ++next_changed;
    return next_changed < changed.size() && changed[next_changed] == key;
  }
};

}  // namespace

// Only a base: what the table keeps is made of this file's own types (KeptCopies), which a type
// the header names must not hold as members.
struct ClusterMetadata::ReplicaCopies {
  virtual ~ReplicaCopies() = default;
};

namespace {

struct KeptCopies final : ClusterMetadata::ReplicaCopies {
  TopicNumbers topics;             // the numbering the copies use
  std::string source;              // the view the table was read from
  const ClusterMetadata* rows_of = nullptr;  // the table whose rows the last read wrote
  std::vector<BrokerCopy> copies;  // by broker id
  std::vector<uint32_t> orphan_rows;  // rows naming a broker without a copy: always read again
  std::vector<char> marked;           // a reread's rows to read again, by row
};

// Every running broker's own side of its replicas, copied broker by broker into a flat list and
// then matched to the table's partitions. Each broker keeps its partitions in its own memory and
// in (topic, partition) order, so reading them broker by broker follows memory; reading them
// partition by partition jumped between three brokers a partition, and at 100 brokers and 30,000
// replicas those cache misses were most of a frame. A broker whose node handled no event since
// the last read (same count, incarnation and state) keeps its copy.
class ReplicaReader {
 public:
  ReplicaReader(Session& session, const TopicNumbers& topics, KeptCopies& kept)
      : brokers_(session.part<BrokerPart>()), copies_(kept.copies) {
    const bool renumbered = !(kept.topics == topics);
    if (renumbered) kept.topics = topics;
    const auto& ids = brokers_.brokers();  // ordered by id
    const bool same_brokers =
        copies_.size() == ids.size() &&
        std::equal(ids.begin(), ids.end(), copies_.begin(), [](const auto& e, const BrokerCopy& c) { return e.first == c.id; });
    if (!same_brokers) {
      copies_.clear();
      for (const auto& [id, node] : ids) copies_.push_back(BrokerCopy{.id = id, .stamp = {.events_handled = UINT64_MAX}});
    }
    unchanged_ = !renumbered && same_brokers;
    fresh_ = renumbered || !same_brokers;
    for (size_t i = 0; i < copies_.size(); ++i) slots_.Set(copies_[i].id, static_cast<int32_t>(i));
    auto copy = copies_.begin();
    for (const auto& [id, node] : ids) {
      BrokerCopy& c = *copy++;
      c.next = 0;
      c.next_changed = 0;
      const BrokerStamp stamp = StampOf(session.sim().node(node));
      c.moved = renumbered || c.stamp != stamp;
      if (c.stamp != stamp) c.log_bytes.reset();
      if (!c.moved) continue;
      unchanged_ = false;
      const bool fresh = c.stamp.events_handled == UINT64_MAX;
      c.stamp = stamp;
      const Broker* broker = brokers_.Running(node);
      const bool was_running = c.running;
      c.running = broker != nullptr;
      previous_.swap(c.hosted);
      c.hosted.clear();
      if (broker != nullptr) Copy(*broker, topics, c.hosted);
      c.whole = fresh || renumbered || c.running != was_running;
      c.changed.clear();
      if (!c.whole) Differences(previous_, c.hosted, c.changed);
    }
  }

  // No broker handled an event since the last read: every row would be written as it is.
  bool unchanged() const { return unchanged_; }
  // The copies were made afresh (other brokers, or the topics renumbered): what they knew of the
  // table's rows is gone.
  bool fresh() const { return fresh_; }

  // After a full read into `table` (topic numbers `topics`): which rows name each broker.
  void NoteRows(const ClusterMetadata& table, const TopicNumbers& topics, std::vector<uint32_t>& orphans) {
    for (BrokerCopy& c : copies_) c.rows.clear();
    orphans.clear();
    const std::string* last_topic = nullptr;
    int number = -1;
    for (size_t row = 0; row < table.partitions.size(); ++row) {
      const PartitionInfo& p = table.partitions[row];
      if (last_topic == nullptr || *last_topic != p.tp.topic) number = topics.Of(p.tp.topic);
      last_topic = &p.tp.topic;
      for (BrokerId id : p.replicas) {
        if (BrokerCopy* copy = CopyOf(id)) {
          copy->rows.push_back(BrokerCopy::Row{.row = static_cast<uint32_t>(row), .key = {number, p.tp.partition}});
        } else if (orphans.empty() || orphans.back() != row) {
          orphans.push_back(static_cast<uint32_t>(row));
        }
      }
    }
  }

  // Marks the rows with a replica whose broker's side may read otherwise than at the last read:
  // its broker moved, and the replica's copy changed (or the broker does not host it: such a
  // replica is read from the disk), or the broker started or stopped.
  void MarkChanged(std::vector<char>& marked) {
    for (BrokerCopy& c : copies_) {
      if (!c.moved) continue;
      for (const BrokerCopy::Row& r : c.rows) {
        if (c.whole || c.Changed(r.key.first, r.key.second) ||
            (c.running && c.Find(r.key.first, r.key.second) == nullptr)) {
          marked[r.row] = 1;
        }
      }
      // The reads that follow walk the copy from its start again.
      c.next = 0;
      c.next_changed = 0;
    }
  }
  // The broker handled an event since the last read (or is new to it).
  bool Moved(BrokerId id) {
    const BrokerCopy* copy = CopyOf(id);
    return copy == nullptr || copy->moved;
  }

  // Replica `id` of partition `tp` (topic number `topic`), whose ISR is `isr` as the table's
  // source has it. Partitions must be asked for in (topic, partition) order.
  ReplicaInfo Read(int topic, const TopicPartition& tp, const std::vector<BrokerId>& isr, BrokerId id) {
    ReplicaInfo r{.broker = id};
    BrokerCopy* copy = CopyOf(id);
    r.running = copy != nullptr && copy->running;
    const Hosted* hosted = r.running ? copy->Find(topic, tp.partition) : nullptr;
    r.hosted = hosted != nullptr;
    if (hosted != nullptr) {
      r.has_log = true;
      r.log_start_offset = hosted->log_start_offset;
      r.log_end_offset = hosted->log_end_offset;
      r.high_watermark = hosted->high_watermark;
    } else if (const BrokerDisk* disk = brokers_.Disk(id); disk != nullptr && disk->logs != nullptr) {
      if (const Log* log = std::as_const(*disk->logs).GetLog(tp.topic, tp.partition)) {
        r.has_log = true;
        r.log_start_offset = log->log_start_offset();
        r.log_end_offset = log->log_end_offset();
      }
    }
    if (!r.running) {
      r.role = ReplicaRole::kOffline;
    } else if (hosted != nullptr && hosted->is_leader) {
      r.role = ReplicaRole::kLeader;
    } else if (hosted != nullptr && Contains(isr, id)) {
      r.role = ReplicaRole::kInSyncFollower;
    } else {
      r.role = ReplicaRole::kOutOfSyncFollower;
    }
    return r;
  }

 private:
  BrokerCopy* CopyOf(BrokerId id) {
    const int32_t slot = slots_.Of(id);
    return slot == BrokerSlots::kNone ? nullptr : &copies_[slot];
  }

  // A running broker's own side of its replicas, in (topic, partition) order.
  static void Copy(const Broker& broker, const TopicNumbers& topics, std::vector<Hosted>& out) {
    const std::string* last_topic = nullptr;
    int number = -1;
    for (const auto& [tp, p] : broker.replicas().partitions()) {
      if (last_topic == nullptr || *last_topic != tp.topic) number = topics.Of(tp.topic);
      last_topic = &tp.topic;
      if (number < 0) continue;
      out.push_back(Hosted{.topic = number, .partition = tp.partition, .is_leader = p->is_leader(),
                           .log_start_offset = p->log().log_start_offset(), .log_end_offset = p->log_end_offset(),
                           .high_watermark = p->high_watermark()});
    }
  }

  const BrokerPart& brokers_;
  std::vector<BrokerCopy>& copies_;  // by broker id
  BrokerSlots slots_;                // where each broker's copy is in copies_
  std::vector<Hosted> previous_;     // a moved broker's copy before this read
  bool unchanged_ = false;
  bool fresh_ = true;
};

// A roles_version no table had before: one counter for every table of the process.
uint64_t NewRolesVersion() {
  static uint64_t last = 0;
  return ++last;
}

// Writes the replicas' side of row `p` (whose topic is number `topic`) from what `reader` copied.
void FillReplicas(int topic, ReplicaReader& reader, PartitionInfo& p) {
  p.replica_states.clear();
  for (BrokerId id : p.replicas) p.replica_states.push_back(reader.Read(topic, p.tp, p.isr, id));
  const ReplicaInfo* leader = p.Replica(p.leader);
  p.leader_down = !p.offline && (leader == nullptr || !leader->running);
}

// Reads row `p`'s replicas' side again; whether any replica's role changed. `roles` is scratch.
bool RefillReplicas(int topic, ReplicaReader& reader, PartitionInfo& p, std::vector<ReplicaRole>& roles) {
  roles.clear();
  for (const ReplicaInfo& r : p.replica_states) roles.push_back(r.role);
  FillReplicas(topic, reader, p);
  return !std::equal(roles.begin(), roles.end(), p.replica_states.begin(), p.replica_states.end(),
                     [](ReplicaRole a, const ReplicaInfo& r) { return a == r.role; });
}

// Whether row `p` already says what the source says of the partition (its replicas' side aside).
bool SameMetadata(const Known& k, const PartitionInfo& p) {
  const BrokerId leader = k.state != nullptr ? k.state->leader : kNoLeader;
  const bool isr_same = k.state != nullptr ? p.isr == k.state->isr : p.isr.empty();
  return !p.name.empty() && p.tp == *k.tp && p.replicas == *k.replicas && p.leader == leader &&
         p.leader_epoch == (k.state != nullptr ? k.state->leader_epoch : 0) && isr_same &&
         p.offline == (leader == kNoLeader || !k.leader_live);
}

// Writes one partition's row into `p`, reusing the storage a row read last frame already has.
void FillRow(const Known& k, ReplicaReader& reader, PartitionInfo& p) {
  if (p.tp != *k.tp || p.name.empty()) {
    p.tp = *k.tp;
    p.name = ToString(*k.tp);
  }
  p.replicas = *k.replicas;
  p.leader = k.state != nullptr ? k.state->leader : kNoLeader;
  p.leader_epoch = k.state != nullptr ? k.state->leader_epoch : 0;
  if (k.state != nullptr) {
    p.isr = k.state->isr;
  } else {
    p.isr.clear();
  }
  p.offline = p.leader == kNoLeader || !k.leader_live;
  p.under_replicated = p.isr.size() < p.replicas.size();
  FillReplicas(k.topic, reader, p);
}

// When the source (`source_broker`'s controller context or metadata cache) did not move, the
// rows' own side stays: only the rows with a replica whose broker's side changed are read again.
void RefreshReplicas(ReplicaReader& reader, const TopicNumbers& topics, ClusterMetadata& table,
                     KeptCopies& kept) {
  kept.marked.assign(table.partitions.size(), 0);
  for (uint32_t row : kept.orphan_rows) kept.marked[row] = 1;
  reader.MarkChanged(kept.marked);
  const std::string* last_topic = nullptr;
  int number = -1;
  bool roles_changed = false;
  std::vector<ReplicaRole> roles;
  for (size_t row = 0; row < table.partitions.size(); ++row) {
    if (!kept.marked[row]) continue;
    PartitionInfo& p = table.partitions[row];
    if (last_topic == nullptr || *last_topic != p.tp.topic) number = topics.Of(p.tp.topic);
    last_topic = &p.tp.topic;
    roles_changed = RefillReplicas(number, reader, p, roles) || roles_changed;
  }
  if (roles_changed) table.roles_version = NewRolesVersion();
}

template <typename Source>
void ReadFrom(const Source& source, BrokerId source_broker, Session& session, ClusterMetadata& table,
              std::string source_name) {
  if (table.replica_copies == nullptr) table.replica_copies = std::make_shared<KeptCopies>();
  KeptCopies& kept = static_cast<KeptCopies&>(*table.replica_copies);
  ReplicaReader reader(session, source.topics(), kept);
  // A copy of a table shares its copies but not its rows: only the table last written may stay.
  const bool same_rows = kept.source == source_name && kept.rows_of == &table;
  if (same_rows && reader.unchanged()) return;
  if (same_rows && !reader.fresh() && !reader.Moved(source_broker)) {
    return RefreshReplicas(reader, source.topics(), table, kept);
  }
  // The source moved (the controller handles a fetch as often as any broker), but most of its
  // partitions are as they were: a row of ours that already says what the source says keeps its
  // replicas' side unless a replica of it changed, as when the source did not move.
  const bool marks = same_rows && !reader.fresh();
  const size_t old_rows = table.partitions.size();
  if (marks) {
    kept.marked.assign(old_rows, 0);
    for (uint32_t row : kept.orphan_rows) kept.marked[row] = 1;
    reader.MarkChanged(kept.marked);
  }
  kept.source = std::move(source_name);
  kept.rows_of = &table;
  bool roles_changed = !marks;
  std::vector<ReplicaRole> roles;
  table.offline = 0;
  table.under_replicated = 0;
  size_t rows = 0;
  table.partitions.reserve(source.size_hint());
  source.ForEach([&](const Known& k) {
    const size_t row = rows++;
    PartitionInfo& p = row < table.partitions.size() ? table.partitions[row] : table.partitions.emplace_back();
    if (marks && row < old_rows && SameMetadata(k, p)) {
      if (kept.marked[row]) roles_changed = RefillReplicas(k.topic, reader, p, roles) || roles_changed;
    } else {
      FillRow(k, reader, p);
      roles_changed = true;
    }
    table.offline += p.offline;
    table.under_replicated += p.under_replicated;
  });
  roles_changed = roles_changed || rows != old_rows;
  table.partitions.resize(rows);
  if (roles_changed) table.roles_version = NewRolesVersion();
  reader.NoteRows(table, source.topics(), kept.orphan_rows);
}

}  // namespace

std::string_view RoleGlyph(ReplicaRole role) {
  switch (role) {
    case ReplicaRole::kLeader: return "\xE2\x98\x85";             // ★
    case ReplicaRole::kInSyncFollower: return "\xE2\x97\x8F";     // ●
    case ReplicaRole::kOutOfSyncFollower: return "\xE2\x97\x8B";  // ○
    case ReplicaRole::kOffline: return "\xE2\x9C\x96";            // ✖
  }
  return "?";
}

std::string_view RoleName(ReplicaRole role) {
  switch (role) {
    case ReplicaRole::kLeader: return "leader";
    case ReplicaRole::kInSyncFollower: return "in-sync follower";
    case ReplicaRole::kOutOfSyncFollower: return "out-of-sync follower";
    case ReplicaRole::kOffline: return "offline";
  }
  return "?";
}

const ReplicaInfo* PartitionInfo::Replica(BrokerId broker) const {
  for (const ReplicaInfo& r : replica_states) {
    if (r.broker == broker) return &r;
  }
  return nullptr;
}

const PartitionInfo* ClusterMetadata::Find(const TopicPartition& tp) const {
  auto it = std::lower_bound(partitions.begin(), partitions.end(), tp,
                             [](const PartitionInfo& p, const TopicPartition& t) { return p.tp < t; });
  return it != partitions.end() && it->tp == tp ? &*it : nullptr;
}

std::vector<std::string> ClusterMetadata::Topics() const {
  std::vector<std::string> out;
  for (const PartitionInfo& p : partitions) {
    if (out.empty() || out.back() != p.tp.topic) out.push_back(p.tp.topic);
  }
  return out;
}

std::string BrokerName(Session& session, BrokerId id) {
  const NodeId node = session.part<BrokerPart>().directory().NodeOf(id);
  if (node == kNoNode) return fmt::format("broker-{}", id.value());
  return session.sim().node(node).name();
}

int64_t LogBytesOnDisk(Session& session, const ClusterMetadata& table, BrokerId id) {
  const BrokerPart& brokers = session.part<BrokerPart>();
  BrokerCopy* copy = nullptr;
  if (table.replica_copies != nullptr) {
    auto& copies = static_cast<KeptCopies&>(*table.replica_copies).copies;
    auto it = std::lower_bound(copies.begin(), copies.end(), id,
                               [](const BrokerCopy& c, BrokerId i) { return c.id < i; });
    if (it != copies.end() && it->id == id) copy = &*it;
  }
  // The copy's stamp is the broker's as the table's last read saw it: the sum is kept only for
  // the broker as it is now.
  const NodeId node = brokers.directory().NodeOf(id);
  const bool current = copy != nullptr && node != kNoNode && copy->stamp == StampOf(session.sim().node(node));
  if (current && copy->log_bytes) return *copy->log_bytes;
  int64_t bytes = 0;
  if (const BrokerDisk* disk = brokers.Disk(id); disk != nullptr && disk->logs != nullptr) {
    for (const Log* log : std::as_const(*disk->logs).logs()) bytes += log->size_bytes();
  }
  if (current) copy->log_bytes = bytes;
  return bytes;
}

ClusterMetadata ReadClusterMetadata(Session& session) {
  ClusterMetadata out;
  ReadClusterMetadata(session, out);
  return out;
}

void ReadClusterMetadata(Session& session, ClusterMetadata& table) {
  table.source.clear();
  table.controller = kNoLeader;
  BrokerPart& brokers = session.part<BrokerPart>();
  if (const Broker* controller = brokers.ActiveController()) {
    table.controller = controller->id();
    table.source = fmt::format("the controller ({})", controller->name());
    ReadFrom(FromController(controller->controller().context()), controller->id(), session, table, table.source);
  } else {
    // The running broker that heard from the newest controller.
    const Broker* best = nullptr;
    for (const auto& [id, node] : brokers.brokers()) {
      const Broker* b = brokers.Running(node);
      if (b == nullptr || b->metadata().controller_epoch() < 0) continue;
      if (best == nullptr || b->metadata().controller_epoch() > best->metadata().controller_epoch()) best = b;
    }
    if (best == nullptr) {
      table.partitions.clear();
      table.offline = 0;
      table.under_replicated = 0;
      table.replica_copies = nullptr;
      table.roles_version = NewRolesVersion();
      return;
    }
    table.source = fmt::format("{}'s metadata cache (no active controller)", best->name());
    ReadFrom(FromCache(best->metadata()), best->id(), session, table, table.source);
  }
  // Both sources list topics in name order and partitions by number.
  assert(std::is_sorted(table.partitions.begin(), table.partitions.end(),
                        [](const PartitionInfo& a, const PartitionInfo& b) { return a.tp < b.tp; }));
}

}  // namespace kafkasim::viz
