#pragma once
// The watches a server holds for the sessions connected to it (WatchManager in ZooKeeper).
// Watches are one-shot: a change fires each matching watch once and forgets it. They live in
// the server's memory, so a crash or a lost quorum forgets them (the client then re-reads).
//
// Which change fires which watch (DataTree in ZooKeeper):
//  - a node created: data watches on it (set by exists) → NodeCreated, child watches on its
//    parent → NodeChildrenChanged;
//  - a node deleted: data and child watches on it → NodeDeleted, child watches on its parent →
//    NodeChildrenChanged;
//  - data set: data watches on it → NodeDataChanged.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim/zookeeper/zk_types.h"

namespace kafkasim::zk {

struct FiredWatch {
  SessionId session;
  EventType type;
  std::string path;
};

class WatchManager {
 public:
  void AddDataWatch(const std::string& path, SessionId session) { data_[path].insert(session); }
  void AddChildWatch(const std::string& path, SessionId session) { child_[path].insert(session); }
  // The watches `change` fires, removed from the tables, in a fixed order.
  std::vector<FiredWatch> Trigger(const Change& change);
  void RemoveSession(SessionId session);
  void Clear();
  size_t size() const;

 private:
  static void Fire(std::map<std::string, std::set<SessionId>>& table, const std::string& path,
                   EventType type, std::vector<FiredWatch>& out);
  std::map<std::string, std::set<SessionId>> data_;
  std::map<std::string, std::set<SessionId>> child_;
};

}  // namespace kafkasim::zk
