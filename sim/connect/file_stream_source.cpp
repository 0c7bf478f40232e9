#include "sim/connect/file_stream_source.h"

#include <cassert>

namespace kafkasim {
namespace {
constexpr size_t kReadChunk = 1 << 16;
}

FileStreamSource::FileStreamSource(std::filesystem::path path, int32_t batch_size)
    : path_(std::move(path)), batch_size_(batch_size) {
  assert(batch_size_ > 0);
}

FileStreamSource::~FileStreamSource() {
  if (file_ != nullptr) std::fclose(file_);
}

void FileStreamSource::Seek(int64_t position) {
  read_to_ = consumed_ = position;
  buffer_.clear();
  buffer_start_ = 0;
}

FileStreamSource::PollStatus FileStreamSource::Poll(std::vector<Line>& out) {
  if (file_ == nullptr) {
    file_ = std::fopen(path_.c_str(), "rb");
    if (file_ == nullptr) return PollStatus::kMissing;
  }
  const size_t before = out.size();
  while (out.size() - before < static_cast<size_t>(batch_size_)) {
    // Cut the lines the buffer holds. A '\r' at the end of what was read may be the first half
    // of "\r\n": the line waits for the next byte, as Kafka's extractLine does.
    while (out.size() - before < static_cast<size_t>(batch_size_)) {
      const size_t eol = buffer_.find_first_of("\r\n", buffer_start_);
      if (eol == std::string::npos) break;
      size_t next = eol + 1;
      if (buffer_[eol] == '\r') {
        if (next == buffer_.size()) break;
        if (buffer_[next] == '\n') ++next;
      }
      Line line{.text = buffer_.substr(buffer_start_, eol - buffer_start_)};
      consumed_ += static_cast<int64_t>(next - buffer_start_);
      line.position = consumed_;
      buffer_start_ = next;
      out.push_back(std::move(line));
    }
    if (out.size() - before >= static_cast<size_t>(batch_size_)) break;
    // Read what was appended since.
    buffer_.erase(0, buffer_start_);
    buffer_start_ = 0;
    if (std::fseek(file_, static_cast<long>(read_to_), SEEK_SET) != 0) break;
    char chunk[kReadChunk];
    const size_t n = std::fread(chunk, 1, sizeof chunk, file_);
    std::clearerr(file_);
    if (n == 0) break;
    buffer_.append(chunk, n);
    read_to_ += static_cast<int64_t>(n);
  }
  return out.size() > before ? PollStatus::kLines : PollStatus::kNoData;
}

}  // namespace kafkasim
