// FileStreamSourceTask and FileStreamSinkTask behind the SourceTask / SinkTask interfaces, for
// the worker's general path (transforms, error handling on Connect data). The worker has fast
// paths for them without transforms (worker_source_task.cpp, worker_sink_task.cpp) that give the
// same records and lines.

#include <fmt/format.h>

#include "sim/connect/connector_tasks.h"
#include "sim/connect/file_stream_sink.h"
#include "sim/connect/file_stream_source.h"

namespace kafkasim {
namespace {

constexpr Duration kFileIdlePoll = Duration::Millis(1000);  // FileStreamSourceTask: this.wait(1000)

class FileStreamSourceTask : public SourceTask {
 public:
  explicit FileStreamSourceTask(const ConnectorConfig& config)
      : file_(*config.file, config.batch_size), filename_(*config.file), topic_(config.topic) {}

  std::optional<std::string> Start(const OffsetReader& offsets) override {
    const auto offset = offsets(Partition());
    if (offset.is_object() && offset.contains("position") && offset["position"].is_number_integer()) {
      file_.Seek(offset["position"].get<int64_t>());
    }
    return std::nullopt;
  }

  SourcePoll Poll(Time) override {
    SourcePoll out{.next_poll = Duration()};
    std::vector<FileStreamSource::Line> lines;
    const auto status = file_.Poll(lines);
    if (status != FileStreamSource::PollStatus::kLines) {
      out.next_poll = kFileIdlePoll;
      return out;
    }
    for (FileStreamSource::Line& line : lines) {
      out.records.push_back(SourceRecord{.source_partition = Partition(),
                                         .source_offset = {{"position", line.position}},
                                         .topic = topic_,
                                         .value = {StringSchema(), std::move(line.text)}});
    }
    out.what = fmt::format("read {} line(s) of {}", out.records.size(), filename_);
    return out;
  }

 private:
  nlohmann::ordered_json Partition() const { return {{"filename", filename_}}; }
  FileStreamSource file_;
  std::string filename_, topic_;
};

class FileStreamSinkTask : public SinkTask {
 public:
  FileStreamSinkTask(const ConnectorConfig& config, std::function<void(const std::string&)> print)
      : sink_(config.file ? std::optional<std::filesystem::path>(*config.file) : std::nullopt, std::move(print)),
        target_(config.file ? *config.file : "standard output") {}

  std::optional<std::string> Start() override { return sink_.Start(); }

  std::optional<std::string> Put(const std::vector<ConnectRecord>& records) override {
    std::vector<std::string> lines;
    lines.reserve(records.size());
    for (const ConnectRecord& r : records) lines.push_back(JavaToString(r.value));
    sink_.Put(lines);
    return std::nullopt;
  }

  std::string target() const override { return target_; }

 private:
  FileStreamSink sink_;
  std::string target_;
};

}  // namespace

std::unique_ptr<SourceTask> MakeFileStreamSourceTask(const ConnectorConfig& config) {
  return std::make_unique<FileStreamSourceTask>(config);
}

std::unique_ptr<SinkTask> MakeFileStreamSinkTask(const ConnectorConfig& config,
                                                 std::function<void(const std::string&)> print) {
  return std::make_unique<FileStreamSinkTask>(config, std::move(print));
}

}  // namespace kafkasim
