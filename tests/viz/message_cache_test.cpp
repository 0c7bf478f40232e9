#include "viz/model/message_cache.h"

#include <catch2/catch.hpp>

namespace kafkasim::viz {
namespace {

void Send(Timeline& t, TraceSeq seq, int64_t at_us, const char* label) {
  TraceEvent e{.seq = seq, .time = Time::FromMicros(at_us), .kind = "net.send", .node = "a", .peer = "b"};
  e.fields["type"] = "Fetch";
  e.fields["category"] = "replication";
  if (label[0] != 0) e.fields["label"] = label;
  e.fields["arrive_us"] = at_us + 100;
  t.OnEvent(e);
}

TEST_CASE("a message is parsed from its send once, wherever it is in the timeline") {
  Timeline t;
  // Sends 10,000 events apart land on different pages of the cache's index.
  for (TraceSeq seq = 1; seq <= 20001; ++seq) Send(t, seq, static_cast<int64_t>(seq), seq == 20001 ? "" : "Fetch @x");
  MessageCache cache;
  const MessageInfo& first = cache.Get(t, 0);
  CHECK(first.send_seq == 1);
  CHECK(first.label == "Fetch @x");
  CHECK(first.category == "replication");
  CHECK(first.sender == "a");
  CHECK(first.receiver == "b");
  CHECK(first.arrives == Time::FromMicros(101));
  const MessageInfo& last = cache.Get(t, 20000);
  CHECK(last.send_seq == 20001);
  CHECK(last.label == "Fetch");  // no label: the type
  CHECK(cache.size() == 2);
  // Asked again: the same entry, not parsed again, and the first still where it was.
  CHECK(&cache.Get(t, 0) == &first);
  CHECK(&cache.Get(t, 20000) == &last);
  CHECK(cache.size() == 2);
  CHECK(cache.Get(t, 10000).send_seq == 10001);
  CHECK(first.send_seq == 1);
  // A reader's Trim keeps what a small cache holds: the next frame parses nothing again.
  cache.Trim();
  CHECK(&cache.Get(t, 0) == &first);
  CHECK(cache.size() == 3);
}

TEST_CASE("another timeline starts the message cache over") {
  Timeline t, other;
  Send(t, 1, 10, "from t");
  Send(other, 7, 20, "from other");
  MessageCache cache;
  CHECK(cache.Get(t, 0).label == "from t");
  CHECK(cache.Get(other, 0).label == "from other");
  CHECK(cache.size() == 1);
}

}  // namespace
}  // namespace kafkasim::viz
