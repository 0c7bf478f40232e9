#include "sim/storage/offset_checkpoint_file.h"

#include <fmt/format.h>

#include "sim/storage/record.h"
#include "sim/storage/segment_files.h"

namespace kafkasim {

OffsetCheckpointFile::OffsetCheckpointFile(SegmentFiles* files, std::string mirror_path)
    : files_(files), mirror_path_(std::move(mirror_path)) {}

void OffsetCheckpointFile::Write(Offsets offsets) {
  offsets_ = std::move(offsets);
  written_ = true;
  if (files_ != nullptr) files_->Write(mirror_path_, AsBytes(Format(offsets_)));
}

std::optional<Offset> OffsetCheckpointFile::Fetch(const std::string& topic, int32_t partition) const {
  const auto it = offsets_.find({topic, partition});
  if (it == offsets_.end()) return std::nullopt;
  return it->second;
}

std::string OffsetCheckpointFile::Format(const Offsets& offsets) {
  // OffsetCheckpointFile.CurrentVersion is 0; CheckpointFile writes the count before the lines.
  std::string text = fmt::format("0\n{}\n", offsets.size());
  for (const auto& [tp, offset] : offsets) {
    text += fmt::format("{} {} {}\n", tp.first, tp.second, offset.value());
  }
  return text;
}

}  // namespace kafkasim
