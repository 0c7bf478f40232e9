// The kafka-dump-log.sh command (sim/storage/tools/): finding a broker's segment by path.

#include <catch2/catch.hpp>

#include "sim/script/session.h"
#include "sim/storage/tools/install.h"
#include "sim/storage/tools/storage_part.h"
#include "tests/storage/log_fixture.h"

namespace kafkasim {
namespace {

// Collects what commands print.
class Output : public TraceSink {
 public:
  void OnEvent(const TraceEvent& event) override {
    if (event.kind != "script.output") return;
    (event.fields["stream"] == "stderr" ? err : out) +=
        event.fields["text"].get<std::string>() + "\n";
  }
  std::string out, err;
};

struct DumpFixture {
  DumpFixture() {
    InstallStorage(session);
    session.trace().AddSink(&output);
    for (LogManager* manager : {&broker0, &broker1}) {
      manager->GetOrCreateLog("orders", 0, LogConfig{}, now)
          .AppendAsLeader(testing::Batch({{"k", "v"}}, testing::kStartMs), LeaderEpoch(0), now);
    }
    broker1.GetOrCreateLog("users", 0, LogConfig{}, now);
    session.part<StoragePart>().Attach("broker-0", &broker0);
    session.part<StoragePart>().Attach("broker-1", &broker1);
  }
  ~DumpFixture() { session.trace().RemoveSink(&output); }

  int Run(std::vector<std::string> args) {
    const Command* command = session.commands().Find("bin/kafka-dump-log.sh");
    REQUIRE(command);
    ParsedCommand parsed = command->Parse(args, {});
    int code = -1;
    parsed.invocation->Start(session, [&](int c) { code = c; });
    return code;
  }

  Time now = Time::FromMicros(testing::kStartMs * 1000);
  Session session;
  Output output;
  LogManager broker0{{.broker_name = "broker-0"}};
  LogManager broker1{{.broker_name = "broker-1"}};
};

TEST_CASE("kafka-dump-log.sh prints the segment a path names on one broker") {
  DumpFixture f;
  CHECK(f.Run({"--files", "broker-1:/tmp/kafka-logs/orders-0/00000000000000000000.log",
               "--print-data-log"}) == 0);
  CHECK(f.output.out.starts_with(
      "Dumping /tmp/kafka-logs/orders-0/00000000000000000000.log\nLog starting offset: 0\n"
      "baseOffset: 0 lastOffset: 0 count: 1 "));
  CHECK(
      f.output.out.ends_with("| offset: 0 CreateTime: 1700000000000 keySize: 1 valueSize: 1 "
                             "sequence: -1 headerKeys: [] key: k payload: v\n"));
}

TEST_CASE("kafka-dump-log.sh asks which machine when several brokers hold the path") {
  DumpFixture f;
  CHECK(f.Run({"--files", "/tmp/kafka-logs/orders-0/00000000000000000000.log"}) == 1);
  CHECK(f.output.err ==
        "/tmp/kafka-logs/orders-0/00000000000000000000.log exists on broker-0, broker-1: name "
        "the machine, as in broker-0:/tmp/kafka-logs/orders-0/00000000000000000000.log\n");
  // A path only one broker has needs no machine.
  CHECK(f.Run({"--files", "/tmp/kafka-logs/users-0/00000000000000000000.log"}) == 0);
}

TEST_CASE("kafka-dump-log.sh of a missing file fails as Java does") {
  DumpFixture f;
  CHECK(f.Run({"--files", "/tmp/kafka-logs/orders-9/00000000000000000000.log"}) == 1);
  CHECK(f.output.err ==
        "Exception in thread \"main\" java.nio.file.NoSuchFileException: "
        "/tmp/kafka-logs/orders-9/00000000000000000000.log\n");
}

TEST_CASE("kafka-dump-log.sh requires --files") {
  DumpFixture f;
  const Command* command = f.session.commands().Find("kafka-dump-log");
  CHECK_THROWS_AS(command->Parse({"--print-data-log"}, {}), UsageError);
}

}  // namespace
}  // namespace kafkasim
