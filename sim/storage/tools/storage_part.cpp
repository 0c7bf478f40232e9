#include "sim/storage/tools/storage_part.h"

#include <cassert>

namespace kafkasim {

void StoragePart::Attach(const std::string& broker_name, const LogManager* manager) {
  assert(manager);
  managers_[broker_name] = manager;
}

void StoragePart::Detach(const std::string& broker_name) { managers_.erase(broker_name); }

const LogManager* StoragePart::Find(const std::string& broker_name) const {
  auto it = managers_.find(broker_name);
  return it == managers_.end() ? nullptr : it->second;
}

namespace {

// "dir/00000000000000000000.index" -> {"dir", "00000000000000000000", ".index"}.
struct PathParts {
  std::string_view dir, stem, extension;
};

std::optional<PathParts> Split(std::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string_view file = path.substr(slash + 1);
  const size_t dot = file.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  return PathParts{path.substr(0, slash), file.substr(0, dot), file.substr(dot)};
}

}  // namespace

std::vector<StoragePart::Resolved> StoragePart::Resolve(std::string_view path) const {
  std::vector<Resolved> found;
  std::string_view only_broker;
  if (const size_t colon = path.find(':'); colon != std::string_view::npos) {
    only_broker = path.substr(0, colon);
    path = path.substr(colon + 1);
  }
  const std::optional<PathParts> parts = Split(path);
  if (!parts || (parts->extension != ".log" && parts->extension != ".index" &&
                 parts->extension != ".timeindex")) {
    return found;
  }
  for (const auto& [broker, manager] : managers_) {
    if (!only_broker.empty() && broker != only_broker) continue;
    for (const Log* log : manager->logs()) {
      // The log.dirs path, or the real file under --data-dir.
      bool here = parts->dir == log->dir();
      if (!here && manager->options().data_dir) {
        const auto real = *manager->options().data_dir / broker / log->name();
        here = parts->dir == real.string();
      }
      if (!here) continue;
      for (const auto& segment : log->segments()) {
        if (SegmentFilePrefix(segment->base_offset()) == parts->stem) {
          found.push_back({broker, log, segment.get(), std::string(parts->extension)});
        }
      }
    }
  }
  return found;
}

}  // namespace kafkasim
