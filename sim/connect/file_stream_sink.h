#pragma once
// What FileStreamSinkTask does (Kafka 3.7, connect/file): it opens its file for appending when
// it starts — failing the task with "Couldn't find or create file 'F' for FileStreamSinkTask"
// when it cannot — and prints each record's value on a line of its own (PrintStream.println of
// the value, so a string as it is and a null as "null"). Without a file it prints to the
// worker's standard output. The file is a real one; a relative path resolves against the
// working directory.

#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kafkasim {

class FileStreamSink {
 public:
  // `stdout_sink` receives the lines when there is no file.
  FileStreamSink(std::optional<std::filesystem::path> path, std::function<void(const std::string&)> stdout_sink);

  // Opens the file; the ConnectException message when it cannot.
  std::optional<std::string> Start();
  // Appends the lines and flushes them (PrintStream writes through to the file on each println).
  void Put(const std::vector<std::string>& values);

 private:
  std::optional<std::filesystem::path> path_;
  std::function<void(const std::string&)> stdout_sink_;
  std::ofstream out_;
};

}  // namespace kafkasim
