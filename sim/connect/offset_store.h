#pragma once
// Standalone mode's source offsets (FileOffsetBackingStore): a map from a source partition to
// its latest committed source offset, both as the internal JsonConverter writes them
// (schemas.enable=false) — key ["<connector>",{"filename":"test.txt"}], value {"position":42}.
//
// It lives on the worker's machine, not in its process: the worker writes it every
// offset.flush.interval.ms and reads it back when it starts, so a crashed worker resumes from
// its last flush and re-sends what came after (at-least-once). With a data directory the map is
// also written to a real file at <data dir>/<worker>/<offset.storage.file.filename>; without one
// it is kept in memory only. Kafka writes a Java-serialized HashMap<byte[], byte[]>; kafkasim
// writes one "key<TAB>value" line per entry instead, readable with `cat`.
//
// Distributed mode (KafkaOffsetBackingStore) keeps the same map in the worker's memory, filled
// by reading the topic offset.storage.topic: a writer sends every Set entry to the topic, and the
// entries read back from it are Restored.

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace kafkasim {

class OffsetStore {
 public:
  // `file`: where to mirror the map; nullopt keeps it in memory only.
  explicit OffsetStore(std::optional<std::filesystem::path> file = std::nullopt);

  std::optional<std::string> Get(const std::string& key) const;
  // Sets the entries and writes the file (when there is one) at once.
  void Set(const std::map<std::string, std::string>& entries);
  const std::map<std::string, std::string>& entries() const { return entries_; }
  // Distributed mode: Set also hands each entry to `writer`; Restore puts an entry read back
  // from the topic without writing it again.
  void SetWriter(std::function<void(const std::string& key, const std::string& value)> writer) {
    writer_ = std::move(writer);
  }
  void Restore(const std::string& key, const std::string& value) { entries_[key] = value; }
  const std::optional<std::filesystem::path>& file() const { return file_; }

 private:
  void Load();
  void Save() const;

  std::optional<std::filesystem::path> file_;
  std::map<std::string, std::string> entries_;
  std::function<void(const std::string& key, const std::string& value)> writer_;
};

}  // namespace kafkasim
