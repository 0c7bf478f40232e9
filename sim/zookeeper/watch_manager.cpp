#include "sim/zookeeper/watch_manager.h"

#include "sim/zookeeper/znode_tree.h"

namespace kafkasim::zk {

void WatchManager::Fire(std::map<std::string, std::set<SessionId>>& table, const std::string& path,
                        EventType type, std::vector<FiredWatch>& out) {
  auto it = table.find(path);
  if (it == table.end()) return;
  for (SessionId s : it->second) out.push_back({s, type, path});
  table.erase(it);
}

std::vector<FiredWatch> WatchManager::Trigger(const Change& change) {
  std::vector<FiredWatch> fired;
  const std::string parent = ParentPath(change.path);
  switch (change.kind) {
    case Change::kCreated:
      Fire(data_, change.path, EventType::kNodeCreated, fired);
      Fire(child_, parent, EventType::kNodeChildrenChanged, fired);
      break;
    case Change::kDeleted:
      Fire(data_, change.path, EventType::kNodeDeleted, fired);
      Fire(child_, change.path, EventType::kNodeDeleted, fired);
      Fire(child_, parent, EventType::kNodeChildrenChanged, fired);
      break;
    case Change::kDataChanged:
      Fire(data_, change.path, EventType::kNodeDataChanged, fired);
      break;
  }
  return fired;
}

void WatchManager::RemoveSession(SessionId session) {
  for (auto* table : {&data_, &child_}) {
    for (auto it = table->begin(); it != table->end();) {
      it->second.erase(session);
      it = it->second.empty() ? table->erase(it) : std::next(it);
    }
  }
}

void WatchManager::Clear() {
  data_.clear();
  child_.clear();
}

size_t WatchManager::size() const {
  size_t n = 0;
  for (const auto& [p, s] : data_) n += s.size();
  for (const auto& [p, s] : child_) n += s.size();
  return n;
}

}  // namespace kafkasim::zk
