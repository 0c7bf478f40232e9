#include "sim/connect/offset_store.h"

#include <fstream>

namespace kafkasim {

OffsetStore::OffsetStore(std::optional<std::filesystem::path> file) : file_(std::move(file)) { Load(); }

std::optional<std::string> OffsetStore::Get(const std::string& key) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void OffsetStore::Set(const std::map<std::string, std::string>& entries) {
  for (const auto& [k, v] : entries) {
    entries_[k] = v;
    if (writer_) writer_(k, v);
  }
  Save();
}

void OffsetStore::Load() {
  if (!file_) return;
  std::ifstream in(*file_);
  std::string line;
  while (std::getline(in, line)) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;  // a torn last line from a crash mid-write
    entries_[line.substr(0, tab)] = line.substr(tab + 1);
  }
}

void OffsetStore::Save() const {
  if (!file_) return;
  std::error_code ec;
  std::filesystem::create_directories(file_->parent_path(), ec);
  // Write a temporary file and rename it over the old one, as FileOffsetBackingStore does, so
  // a crash never leaves half a map.
  const std::filesystem::path tmp = file_->string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    for (const auto& [k, v] : entries_) out << k << '\t' << v << '\n';
  }
  std::filesystem::rename(tmp, *file_, ec);
}

}  // namespace kafkasim
