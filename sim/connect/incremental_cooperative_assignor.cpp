#include "sim/connect/incremental_cooperative_assignor.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace kafkasim {
namespace {

template <typename T>
bool ContainsItem(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

template <typename T>
void RemoveItems(std::vector<T>& v, const std::vector<T>& gone) {
  std::erase_if(v, [&](const T& x) { return ContainsItem(gone, x); });
}

template <typename T>
void AppendMissing(std::vector<T>& v, const std::vector<T>& more) {
  for (const T& x : more) {
    if (!ContainsItem(v, x)) v.push_back(x);
  }
}

// Kafka's diff(base, toSubtract...): a sorted set (it builds TreeSets).
ConnectorsAndTasks SortedDiff(const ConnectorsAndTasks& base, std::initializer_list<const ConnectorsAndTasks*> subtract) {
  ConnectorsAndTasks out;
  for (const auto& c : base.connectors) {
    bool gone = false;
    for (const auto* s : subtract) gone = gone || ContainsItem(s->connectors, c);
    if (!gone && !ContainsItem(out.connectors, c)) out.connectors.push_back(c);
  }
  for (const auto& t : base.tasks) {
    bool gone = false;
    for (const auto* s : subtract) gone = gone || ContainsItem(s->tasks, t);
    if (!gone && !ContainsItem(out.tasks, t)) out.tasks.push_back(t);
  }
  std::sort(out.connectors.begin(), out.connectors.end());
  std::sort(out.tasks.begin(), out.tasks.end());
  return out;
}

ConnectorsAndTasks SortedUnion(const WorkerAssignments& members) {
  ConnectorsAndTasks out;
  for (const auto& [worker, a] : members) {
    AppendMissing(out.connectors, a.connectors);
    AppendMissing(out.tasks, a.tasks);
  }
  std::sort(out.connectors.begin(), out.connectors.end());
  std::sort(out.tasks.begin(), out.tasks.end());
  return out;
}

// What more than one member runs.
ConnectorsAndTasks Duplicated(const WorkerAssignments& members) {
  std::map<std::string, int> connectors;
  std::map<ConnectorTaskId, int> tasks;
  for (const auto& [worker, a] : members) {
    for (const auto& c : a.connectors) ++connectors[c];
    for (const auto& t : a.tasks) ++tasks[t];
  }
  ConnectorsAndTasks out;
  for (const auto& [c, n] : connectors) {
    if (n > 1) out.connectors.push_back(c);
  }
  for (const auto& [t, n] : tasks) {
    if (n > 1) out.tasks.push_back(t);
  }
  return out;
}

// Per member, the part of its assignment that is in `of` (kept in the member's order).
WorkerAssignments Intersection(const ConnectorsAndTasks& of, const WorkerAssignments& members) {
  WorkerAssignments out;
  for (const auto& [worker, a] : members) {
    ConnectorsAndTasks& mine = out[worker];
    for (const auto& c : a.connectors) {
      if (ContainsItem(of.connectors, c)) mine.connectors.push_back(c);
    }
    for (const auto& t : a.tasks) {
      if (ContainsItem(of.tasks, t)) mine.tasks.push_back(t);
    }
  }
  return out;
}

void AddAllTo(WorkerAssignments& base, const WorkerAssignments& more) {
  for (const auto& [worker, a] : more) {
    ConnectorsAndTasks& b = base[worker];
    AppendMissing(b.connectors, a.connectors);
    AppendMissing(b.tasks, a.tasks);
  }
}

// The fair share of one kind of resource, revoked from the front of each member's list
// (loadBalancingRevocations).
template <typename T, typename Get>
std::map<std::string, std::vector<T>> BalanceRevocations(size_t total, const auto& workers, Get get) {
  const size_t members = workers.size();
  const size_t floor = total / members;
  const size_t extras = total % members;
  size_t at_floor = 0, at_extra = 0;
  for (const auto& w : workers) {
    const size_t n = get(w).size();
    at_floor += n == floor;
    at_extra += n == floor + 1;
  }
  std::map<std::string, std::vector<T>> out;
  if (at_extra == extras && at_floor + at_extra == members) return out;  // balanced already
  size_t given_extra = 0;
  for (const auto& w : workers) {
    const std::vector<T>& held = get(w);
    if (held.size() <= floor) continue;
    size_t keep = floor;
    if (given_extra < extras) {
      ++given_extra;
      if (held.size() == floor + 1) continue;
      keep = floor + 1;
    }
    out[w.worker].assign(held.begin(), held.begin() + static_cast<std::ptrdiff_t>(held.size() - keep));
  }
  return out;
}

}  // namespace

IncrementalCooperativeAssignor::IncrementalCooperativeAssignor(Duration max_delay) : max_delay_(max_delay) {
  assert(max_delay >= Duration() && "scheduled.rebalance.max.delay.ms is at least 0");
}

void IncrementalCooperativeAssignor::ResetDelay() {
  candidate_workers_.clear();
  scheduled_rebalance_ = Time();
  delay_ = Duration();
}

// ExponentialBackoff(initial 1 ms, multiplier 40, max = the max delay, no jitter): 40 ms, 1.6 s,
// 64 s, then the max delay.
Duration IncrementalCooperativeAssignor::ConsecutiveRevocationBackoff(int attempts) const {
  const int64_t max_ms = max_delay_.millis();
  const int64_t initial = max_ms == 0 ? 0 : 1;
  const double exp_max = max_ms > initial ? std::log(static_cast<double>(max_ms)) / std::log(40.0) : 0.0;
  if (exp_max == 0.0) return Duration::Millis(initial);
  const double term = static_cast<double>(initial) * std::pow(40.0, std::min(static_cast<double>(attempts), exp_max));
  return Duration::Millis(std::min(static_cast<int64_t>(term), max_ms));
}

void IncrementalCooperativeAssignor::HandleLostAssignments(Time now, const ConnectorsAndTasks& lost,
                                                           ConnectorsAndTasks& to_reassign,
                                                           std::vector<WorkerLoad>& next) {
  if (lost.empty() && !revoked_in_previous_) {
    ResetDelay();
    return;
  }
  bool everyone_back = true;
  for (const std::string& m : previous_members_) {
    everyone_back = everyone_back && std::any_of(next.begin(), next.end(), [&](const WorkerLoad& w) { return w.worker == m; });
  }
  if (scheduled_rebalance_ == Time() && everyone_back) {
    // No worker left: the missing ones were lost on the way (a member missed the last
    // assignment). They are assigned again as if new.
    to_reassign = lost;
    return;
  }
  if (max_delay_ == Duration()) {
    to_reassign = lost;
    return;
  }
  if (scheduled_rebalance_ != Time() && now >= scheduled_rebalance_) {
    // The delay ran out: the lost ones go to the workers that came back empty, round-robin, or
    // are spread like new ones when there are none.
    std::vector<WorkerLoad*> candidates;
    for (const std::string& c : candidate_workers_) {
      for (WorkerLoad& w : next) {
        if (w.worker == c) candidates.push_back(&w);
      }
    }
    if (candidates.empty()) {
      to_reassign = lost;
    } else {
      for (size_t i = 0; i < lost.connectors.size(); ++i) {
        candidates[i % candidates.size()]->load.connectors.push_back(lost.connectors[i]);
      }
      for (size_t i = 0; i < lost.tasks.size(); ++i) {
        candidates[i % candidates.size()]->load.tasks.push_back(lost.tasks[i]);
      }
    }
    ResetDelay();
    revoked_in_previous_ = false;
    return;
  }
  for (const WorkerLoad& w : next) {
    if (w.load.empty()) candidate_workers_.insert(w.worker);
  }
  if (now < scheduled_rebalance_) {
    // Still waiting: the delay is the time left.
    delay_ = std::min(scheduled_rebalance_ - now, max_delay_);
  } else {
    delay_ = max_delay_;
  }
  scheduled_rebalance_ = now + delay_;
}

ConnectClusterAssignment IncrementalCooperativeAssignor::PerformTaskAssignment(
    Time now, const std::map<std::string, int32_t>& configured_tasks, int32_t last_completed_generation,
    int32_t current_generation, const WorkerAssignments& members) {
  assert(!members.empty() && "the leader is a member");
  if (previous_generation_ != last_completed_generation) previous_assignment_ = {};

  ConnectorsAndTasks configured;
  for (const auto& [connector, count] : configured_tasks) {
    configured.connectors.push_back(connector);
    for (int32_t t = 0; t < count; ++t) configured.tasks.push_back({connector, t});
  }
  const ConnectorsAndTasks active = SortedUnion(members);

  // A revocation that did not take effect (its member still runs it): start over from what runs.
  if (!previous_revocation_.empty()) {
    const bool still_running =
        std::any_of(previous_revocation_.connectors.begin(), previous_revocation_.connectors.end(),
                    [&](const std::string& c) { return ContainsItem(active.connectors, c); }) ||
        std::any_of(previous_revocation_.tasks.begin(), previous_revocation_.tasks.end(),
                    [&](const ConnectorTaskId& t) { return ContainsItem(active.tasks, t); });
    if (still_running) previous_assignment_ = active;
    previous_revocation_ = {};
  }

  const ConnectorsAndTasks deleted = SortedDiff(previous_assignment_, {&configured});
  const ConnectorsAndTasks duplicated = Duplicated(members);
  const ConnectorsAndTasks lost = SortedDiff(previous_assignment_, {&active, &deleted});
  const ConnectorsAndTasks created = SortedDiff(configured, {&previous_assignment_, &active});

  WorkerAssignments current = members;
  for (auto& [worker, a] : current) {
    RemoveItems(a.connectors, deleted.connectors);
    RemoveItems(a.tasks, deleted.tasks);
  }
  WorkerAssignments to_revoke;
  const WorkerAssignments deleted_to_revoke = Intersection(deleted, members);
  const WorkerAssignments duplicated_to_revoke = Intersection(duplicated, members);
  AddAllTo(to_revoke, deleted_to_revoke);
  AddAllTo(to_revoke, duplicated_to_revoke);

  std::vector<WorkerLoad> next;
  for (const auto& [worker, a] : members) next.push_back({worker, a});
  auto remove_all = [&next](const WorkerAssignments& gone) {
    for (WorkerLoad& w : next) {
      auto it = gone.find(w.worker);
      if (it == gone.end()) continue;
      RemoveItems(w.load.connectors, it->second.connectors);
      RemoveItems(w.load.tasks, it->second.tasks);
    }
  };
  remove_all(deleted_to_revoke);
  remove_all(duplicated_to_revoke);

  ConnectorsAndTasks lost_to_reassign;
  HandleLostAssignments(now, lost, lost_to_reassign, next);

  if (delay_ == Duration()) {
    // No revocation while lost work is held back.
    WorkerAssignments balance;
    const bool any_load = std::any_of(next.begin(), next.end(), [](const WorkerLoad& w) { return !w.load.empty(); });
    if (any_load && !configured.empty()) {
      for (auto& [w, c] : BalanceRevocations<std::string>(configured.connectors.size(), next,
                                                           [](const WorkerLoad& l) -> const auto& { return l.load.connectors; })) {
        balance[w].connectors = c;
      }
      for (auto& [w, t] : BalanceRevocations<ConnectorTaskId>(configured.tasks.size(), next,
                                                              [](const WorkerLoad& l) -> const auto& { return l.load.tasks; })) {
        balance[w].tasks = t;
      }
    }
    if (revoked_in_previous_ && !balance.empty()) {
      ++successive_revoking_rebalances_;
      delay_ = ConsecutiveRevocationBackoff(successive_revoking_rebalances_);
      if (delay_ != Duration()) {
        scheduled_rebalance_ = now + delay_;
      } else {
        AddAllTo(to_revoke, balance);
        remove_all(balance);
      }
    } else if (!balance.empty()) {
      AddAllTo(to_revoke, balance);
      remove_all(balance);
      revoked_in_previous_ = true;
    } else if (revoked_in_previous_) {
      // Balanced at last: the backoff starts over.
      revoked_in_previous_ = false;
      successive_revoking_rebalances_ = 0;
    }
  } else {
    revoked_in_previous_ = false;
  }

  ConnectorsAndTasks to_assign = created;
  AppendMissing(to_assign.connectors, lost_to_reassign.connectors);
  AppendMissing(to_assign.tasks, lost_to_reassign.tasks);
  AssignRoundRobin(next, to_assign);

  ConnectClusterAssignment out{.delay = delay_};
  ConnectorsAndTasks still_assigned;
  for (const WorkerLoad& w : next) {
    ConnectorsAndTasks fresh = w.load;
    RemoveItems(fresh.connectors, current[w.worker].connectors);
    RemoveItems(fresh.tasks, current[w.worker].tasks);
    out.newly_assigned[w.worker] = std::move(fresh);
    ConnectorsAndTasks all = w.load;
    if (auto it = to_revoke.find(w.worker); it != to_revoke.end()) {
      RemoveItems(all.connectors, it->second.connectors);
      RemoveItems(all.tasks, it->second.tasks);
    }
    out.all_assigned[w.worker] = all;
    AppendMissing(still_assigned.connectors, w.load.connectors);
    AppendMissing(still_assigned.tasks, w.load.tasks);
  }
  for (const auto& [worker, revoked] : to_revoke) {
    RemoveItems(still_assigned.connectors, revoked.connectors);
    RemoveItems(still_assigned.tasks, revoked.tasks);
    AppendMissing(previous_revocation_.connectors, revoked.connectors);
    AppendMissing(previous_revocation_.tasks, revoked.tasks);
    if (!revoked.empty()) out.newly_revoked[worker] = revoked;
  }
  for (const std::string& c : lost.connectors) {
    if (!ContainsItem(still_assigned.connectors, c)) out.held_back.connectors.push_back(c);
  }
  for (const ConnectorTaskId& t : lost.tasks) {
    if (!ContainsItem(still_assigned.tasks, t)) out.held_back.tasks.push_back(t);
  }
  // Lost work held back still counts as assigned: next round it is lost again, not new.
  AppendMissing(still_assigned.connectors, lost.connectors);
  AppendMissing(still_assigned.tasks, lost.tasks);
  std::sort(still_assigned.connectors.begin(), still_assigned.connectors.end());
  std::sort(still_assigned.tasks.begin(), still_assigned.tasks.end());
  previous_assignment_ = std::move(still_assigned);
  previous_generation_ = current_generation;
  previous_members_.clear();
  for (const auto& [worker, a] : members) previous_members_.insert(worker);
  return out;
}

// assignConnectors / assignTasks: sort the members by load (ties by member id), then hand the
// new ones out one each to the members tied with the least loaded, round after round.
void IncrementalCooperativeAssignor::AssignRoundRobin(std::vector<WorkerLoad>& next, const ConnectorsAndTasks& to_assign) {
  auto spread = [&next](const auto& items, auto get) {
    std::stable_sort(next.begin(), next.end(), [&](const WorkerLoad& a, const WorkerLoad& b) {
      const size_t na = get(a).size(), nb = get(b).size();
      return na != nb ? na < nb : a.worker < b.worker;
    });
    size_t i = 0;
    while (i < items.size()) {
      const size_t first_load = get(next[0]).size();
      size_t up_to = 0;
      while (up_to < next.size() && get(next[up_to]).size() <= first_load) ++up_to;
      for (size_t w = 0; w < up_to && i < items.size(); ++w) get(next[w]).push_back(items[i++]);
    }
  };
  spread(to_assign.connectors, [](auto& w) -> auto& { return w.load.connectors; });
  spread(to_assign.tasks, [](auto& w) -> auto& { return w.load.tasks; });
}

}  // namespace kafkasim
