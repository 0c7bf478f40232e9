#pragma once
// A small language for recorder tests: a story told through a real Trace (so seq and cause
// numbering are the kernel's), with the event shapes the network and the script layer emit.
//
//   TraceStory story({&sink});
//   TraceSeq send = story.Send("broker-0", "broker-1", "Fetch", "Fetch orders-0", 2_ms);
//   story.Deliver(send);

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "sim/core/time.h"
#include "sim/core/trace.h"

namespace kafkasim::testing {

class TraceStory {
 public:
  explicit TraceStory(std::vector<TraceSink*> sinks) {
    for (TraceSink* sink : sinks) trace_.AddSink(sink);
  }

  Time now() const { return now_; }
  void Advance(Duration d) { now_ += d; }
  void Flush() { trace_.Flush(); }

  TraceSeq Send(const std::string& from, const std::string& to, const std::string& type,
                const std::string& label, Duration latency) {
    TraceEvent e{.time = now_, .kind = "net.send", .node = from, .peer = to};
    const uint64_t msg = next_msg_++;
    e.fields["msg"] = msg;
    e.fields["type"] = type;
    e.fields["label"] = label;
    e.fields["bytes"] = 100 + label.size();
    e.fields["arrive_us"] = (now_ + latency).micros();
    e.narration = fmt::format("{} → {}: {}", from, to, label);
    const TraceSeq seq = trace_.Emit(std::move(e));
    sends_[seq] = Sent{msg, from, to, type, label, now_ + latency};
    return seq;
  }

  // Moves time to the message's arrival (if it is later) and delivers it there.
  TraceSeq Deliver(TraceSeq send) { return End(send, ""); }
  TraceSeq Drop(TraceSeq send, const std::string& reason) { return End(send, reason); }

  TraceSeq Command(const std::string& line, const std::string& source = "lesson.ksim:3") {
    TraceEvent e{.time = now_, .kind = "script.command", .narration = line};
    e.fields["line"] = line;
    e.fields["source"] = source;
    return trace_.Emit(std::move(e));
  }
  TraceSeq Output(const std::string& stream, const std::string& text) {
    TraceEvent e{.time = now_, .kind = "script.output", .narration = text};
    e.fields["stream"] = stream;
    e.fields["text"] = text;
    return trace_.Emit(std::move(e));
  }
  TraceSeq Narrate(const std::string& text) {
    TraceEvent e{.time = now_, .kind = "script.narrate", .narration = text};
    e.fields["text"] = text;
    return trace_.Emit(std::move(e));
  }
  TraceSeq Expect(const std::string& query, const std::string& op,
                  const nlohmann::ordered_json& expected, const nlohmann::ordered_json& actual) {
    TraceEvent e{.time = now_, .kind = "script.expect"};
    e.fields["query"] = query;
    e.fields["op"] = op;
    e.fields["expected"] = expected;
    e.fields["actual"] = actual;
    e.fields["ok"] = expected == actual;
    e.fields["source"] = "lesson.ksim:12";
    e.narration = fmt::format("expect {} {} {}", query, op, expected.dump());
    return trace_.Emit(std::move(e));
  }
  // Any other event, e.g. Domain("partition.leader_elected", "broker-1", "...").
  TraceSeq Domain(const std::string& kind, const std::string& node, const std::string& narration,
                  TraceSeq cause = 0, const std::string& rule = "") {
    return trace_.Emit(TraceEvent{.time = now_,
                                  .kind = kind,
                                  .node = node,
                                  .cause = cause,
                                  .rule = rule,
                                  .narration = narration});
  }
  TraceSeq Emit(TraceEvent e) {
    e.time = now_;
    return trace_.Emit(std::move(e));
  }

 private:
  struct Sent {
    uint64_t msg;
    std::string from, to, type, label;
    Time arrive;
  };

  TraceSeq End(TraceSeq send, const std::string& reason) {
    const Sent s = sends_.at(send);
    if (s.arrive > now_) now_ = s.arrive;
    TraceEvent e{.time = now_,
                 .kind = reason.empty() ? "net.deliver" : "net.drop",
                 .node = s.to,
                 .peer = s.from,
                 .cause = send};
    e.fields["msg"] = s.msg;
    e.fields["type"] = s.type;
    e.fields["label"] = s.label;
    if (!reason.empty()) e.fields["reason"] = reason;
    e.narration = reason.empty() ? fmt::format("{} received {} from {}", s.to, s.label, s.from)
                                 : fmt::format("{} dropped: {}", s.label, reason);
    sends_.erase(send);  // a message ends once; the story stays small over long runs
    return trace_.Emit(std::move(e));
  }

  Trace trace_;
  Time now_;
  uint64_t next_msg_ = 1;
  std::map<TraceSeq, Sent> sends_;
};

// A short run touching every kind of event the recorders treat specially, with non-ASCII
// text. Deterministic: the same story every time.
inline void TellSampleStory(TraceStory& story) {
  using namespace kafkasim::time_literals;
  story.Narrate("Three brokers; watch the leader of orders-1 move.");
  story.Command("kafka-topics.sh --create --topic orders --partitions 3");
  story.Output("stdout", "Created topic orders.");
  const TraceSeq produce =
      story.Send("producer-1", "broker-0", "Produce", "Produce orders-1 ×100", 2_ms);
  story.Deliver(produce);
  const TraceSeq fetch = story.Send("broker-1", "broker-0", "Fetch", "Fetch orders-1", 1_ms);
  story.Advance(5_ms);
  story.Domain("node.crash", "broker-0", "broker-0 crashed");
  story.Drop(fetch, "broker-0 is crashed: nobody is listening");
  const TraceSeq elected = story.Domain("partition.leader_elected", "controller",
                                        "broker-1 is now leader of orders-1 (epoch 1)", 0,
                                        "unclean.leader.election.enable=false");
  story.Domain("partition.isr_shrink", "controller", "ISR of orders-1 is now [1, 2]", elected);
  story.Send("broker-2", "broker-1", "Fetch", "Fetch orders-1", 30_s);
  story.Expect("leader(orders-1)", "==", 1, 1);
  story.Output("stderr", "Error: not leader");
}

// A file path in the temporary directory, removed (with SQLite's side files) when done.
class TempPath {
 public:
  explicit TempPath(const std::string& name)
      : path_((std::filesystem::temp_directory_path() /
               fmt::format("kafkasim-record-{}-{}", getpid(), name))
                  .string()) {
    Remove();
  }
  ~TempPath() { Remove(); }
  const std::string& str() const { return path_; }

 private:
  void Remove() {
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
      std::filesystem::remove(path_ + suffix, ignored);
    }
  }
  std::string path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace kafkasim::testing
