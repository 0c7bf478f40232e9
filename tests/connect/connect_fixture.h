#pragma once
// A Connect test plays scenario text against the whole simulator and reads back what the
// commands printed (stdout and stderr lines, in order), with a scratch directory of real files
// for the FileStream connectors. Files are named by absolute path, so tests do not depend on
// the working directory.

#include <filesystem>
#include <memory>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/connect/connect_part.h"
#include "sim/connect/worker.h"
#include "sim/kafka/install.h"
#include "sim/script/runner.h"
#include "sim/script/scenario.h"
#include "sim/script/session.h"

namespace kafkasim::testing {

class OutputCollector : public TraceSink {
 public:
  void OnEvent(const TraceEvent& e) override {
    if (e.kind != "script.output") return;
    const std::string text = e.fields.value("text", "");
    (e.fields.value("stream", "") == "stderr" ? err : out).push_back(text);
    all.push_back(text);
  }
  std::vector<std::string> out, err, all;
};

class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / ("kafkasim-" + name)) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  std::string operator/(const std::string& file) const { return (path_ / file).string(); }
  void Write(const std::string& file, const std::string& text) const { std::ofstream(path_ / file) << text; }
  std::string Read(const std::string& file) const {
    std::ifstream in(path_ / file);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::vector<std::string> Lines(const std::string& file) const {
    std::ifstream in(path_ / file);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A session with every part installed; Run plays more lines in it, continuing where the last
// ones stopped.
class ConnectWorld {
 public:
  explicit ConnectWorld(uint64_t seed = 1) : session_(SessionOptions{.seed = seed}) {
    InstallKafka(session_);
    session_.trace().AddSink(&output_);
  }
  ~ConnectWorld() { session_.trace().RemoveSink(&output_); }

  // Plays `text`; returns the report. Output accumulates in out()/err().
  RunReport Run(const std::string& text) {
    // The runner (and the scenario its steps point into) outlive the run: background commands
    // may still hold on to them.
    scenarios_.push_back(std::make_unique<Scenario>(ParseScenario(text, "test.scn")));
    runners_.push_back(std::make_unique<ScenarioRunner>(session_, *scenarios_.back()));
    return runners_.back()->Run(Time::Max());
  }
  // The lines printed since the last call.
  std::vector<std::string> TakeOut() { return Take(output_.out, out_seen_); }
  std::vector<std::string> TakeErr() { return Take(output_.err, err_seen_); }
  Session& session() { return session_; }
  Worker* worker(int32_t port = 8083) { return dynamic_cast<Worker*>(session_.part<ConnectPart>().ListeningOn(port)); }

 private:
  static std::vector<std::string> Take(const std::vector<std::string>& all, size_t& seen) {
    std::vector<std::string> out(all.begin() + static_cast<long>(seen), all.end());
    seen = all.size();
    return out;
  }
  Session session_;
  OutputCollector output_;
  std::vector<std::unique_ptr<Scenario>> scenarios_;
  std::vector<std::unique_ptr<ScenarioRunner>> runners_;
  size_t out_seen_ = 0, err_seen_ = 0;
};

inline constexpr const char* kOneBroker =
    "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
    "bin/kafka-server-start.sh config/server.properties\n";

}  // namespace kafkasim::testing
