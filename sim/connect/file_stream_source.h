#pragma once
// What FileStreamSourceTask does with its file (Kafka 3.7, connect/file): it keeps the file open
// and, on each poll, reads what was appended since, cuts it into lines at '\n', '\r' or "\r\n",
// and returns at most batch.size of them. A line without its end-of-line waits for the rest.
// Each line's source offset is the position just after it, in bytes from the start of the file:
// a restarted task seeks there and goes on. A missing file is waited for (Kafka logs "Couldn't find
// file ... sleeping to wait for it to be created" and retries after a second).
//
// The file is a real one; a relative path resolves against the working directory.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace kafkasim {

class FileStreamSource {
 public:
  FileStreamSource(std::filesystem::path path, int32_t batch_size);
  ~FileStreamSource();
  FileStreamSource(const FileStreamSource&) = delete;
  FileStreamSource& operator=(const FileStreamSource&) = delete;

  struct Line {
    std::string text;
    int64_t position = 0;  // the source offset: the byte just after the line's end-of-line
  };
  enum class PollStatus { kLines, kNoData, kMissing };
  // Up to batch.size complete lines read since the last poll.
  PollStatus Poll(std::vector<Line>& out);
  // Where a restarted task resumes (the committed source offset).
  void Seek(int64_t position);
  int64_t position() const { return consumed_; }

 private:
  std::filesystem::path path_;
  int32_t batch_size_;
  std::FILE* file_ = nullptr;
  int64_t read_to_ = 0;   // bytes of the file read into buffer_ so far
  int64_t consumed_ = 0;  // bytes handed out as lines
  std::string buffer_;    // read but not yet handed out
  size_t buffer_start_ = 0;
};

}  // namespace kafkasim
