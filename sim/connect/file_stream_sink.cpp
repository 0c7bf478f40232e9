#include "sim/connect/file_stream_sink.h"

#include <fmt/format.h>

namespace kafkasim {

FileStreamSink::FileStreamSink(std::optional<std::filesystem::path> path,
                               std::function<void(const std::string&)> stdout_sink)
    : path_(std::move(path)), stdout_sink_(std::move(stdout_sink)) {}

std::optional<std::string> FileStreamSink::Start() {
  if (!path_) return std::nullopt;
  out_.open(*path_, std::ios::app | std::ios::binary);
  if (!out_) {
    return fmt::format("org.apache.kafka.connect.errors.ConnectException: Couldn't find or create file '{}' for "
                       "FileStreamSinkTask",
                       path_->string());
  }
  return std::nullopt;
}

void FileStreamSink::Put(const std::vector<std::string>& values) {
  if (!path_) {
    for (const std::string& v : values) stdout_sink_(v);
    return;
  }
  for (const std::string& v : values) {
    out_.write(v.data(), static_cast<std::streamsize>(v.size()));
    out_.put('\n');
  }
  out_.flush();
}

}  // namespace kafkasim
