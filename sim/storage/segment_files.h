#pragma once
// Where a log's bytes go besides memory. The in-memory backend (the default) has none: the Log's
// segments are the storage, and they outlive a process crash because the LogManager that owns
// them belongs to the broker's machine, not its process. The directory backend (--data-dir DIR)
// mirrors every file into DIR/broker-N/<topic>-<partition>/ in Kafka's layout, so that a student
// can `ls` and `hexdump` a real segment.
//
// Paths are relative to the broker's log.dir: "orders-0/00000000000000000000.log".

#include <cstdint>
#include <filesystem>
#include <string>

#include "sim/storage/record.h"

namespace kafkasim {

class SegmentFiles {
 public:
  virtual ~SegmentFiles() = default;
  virtual void Append(const std::string& path, Bytes bytes) = 0;
  // Creates or replaces the whole file.
  virtual void Write(const std::string& path, Bytes bytes) = 0;
  virtual void Truncate(const std::string& path, int64_t size) = 0;
  virtual void Remove(const std::string& path) = 0;
  virtual void RemoveDirectory(const std::string& path) = 0;
};

// Real files under `root`. I/O failures throw std::runtime_error naming the path: the disk is an
// edge of the simulation, like a scenario file.
class DirectoryFiles final : public SegmentFiles {
 public:
  // Creates `root`, emptying it first: a run starts from a fresh disk so that it replays.
  explicit DirectoryFiles(std::filesystem::path root);
  const std::filesystem::path& root() const { return root_; }

  void Append(const std::string& path, Bytes bytes) override;
  void Write(const std::string& path, Bytes bytes) override;
  void Truncate(const std::string& path, int64_t size) override;
  void Remove(const std::string& path) override;
  void RemoveDirectory(const std::string& path) override;

 private:
  std::filesystem::path root_;
};

}  // namespace kafkasim
