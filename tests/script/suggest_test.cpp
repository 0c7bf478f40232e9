#include "sim/script/suggest.h"

#include <catch2/catch.hpp>

namespace kafkasim {
namespace {

const std::vector<std::string> kTools = {"kafka-topics.sh", "kafka-console-producer.sh",
                                         "kafka-console-consumer.sh", "kafka-server-start.sh"};

TEST_CASE("a missing letter suggests the command that was meant", "[suggest]") {
  CHECK(NearestName("kafka-topic.sh", kTools) == "kafka-topics.sh");
}

TEST_CASE("two swapped letters count as one edit", "[suggest]") {
  CHECK(EditDistance("tilte", "title") == 1);
  CHECK(NearestName("tilte", {"title", "seed"}) == "title");
}

TEST_CASE("the distance is optimal string alignment, not unrestricted Damerau", "[suggest]") {
  // OSA may not edit a swapped pair again: "ca" -> "ac" -> "abc" would be 2, OSA says 3.
  CHECK(EditDistance("ca", "abc") == 3);
  CHECK(EditDistance("", "abc") == 3);
  CHECK(EditDistance("kitten", "sitting") == 3);
  CHECK(EditDistance("same", "same") == 0);
}

TEST_CASE("a word far from every candidate gets no suggestion", "[suggest]") {
  CHECK(NearestName("zookeeper-shell.sh", kTools) == std::nullopt);
  CHECK(NearestName("seed", {}) == std::nullopt);
}

TEST_CASE("the allowed distance is a third of the word's length, at least one", "[suggest]") {
  CHECK(NearestName("sed", {"seed"}) == "seed");        // 3 letters allow 1 edit
  CHECK(NearestName("sd", {"seed"}) == std::nullopt);   // 2 edits are too many for 2 letters
  CHECK(NearestName("lessn", {"lesson"}) == "lesson");  // 5 letters allow 1 edit
  CHECK(NearestName("lsn", {"lesson"}) == std::nullopt);
  CHECK(NearestName("descrption", {"description"}) == "description");
  CHECK(NearestName("dscrption", {"description"}) == "description");  // 9 letters allow 3
}

TEST_CASE("rewriting a whole short name is not a suggestion", "[suggest]") {
  CHECK(NearestName("x", {"h", "s"}) == std::nullopt);
  CHECK(NearestName("", {"h"}) == std::nullopt);
}

TEST_CASE("the smaller distance wins over the order of the candidates", "[suggest]") {
  CHECK(NearestName("sead", {"send", "seed"}) == "send");  // both 1: the first listed wins
  // Both are near enough for ten letters, and 1 beats 2 although listed later.
  CHECK(NearestName("descriptio", {"descript", "description"}) == "description");
}

TEST_CASE("ties go to the candidate listed first", "[suggest]") {
  CHECK(NearestName("bat", {"cat", "hat", "bar"}) == "cat");
  CHECK(NearestName("bat", {"bar", "hat", "cat"}) == "bar");
}

TEST_CASE("an exact match is its own nearest name", "[suggest]") {
  CHECK(NearestName("title", {"seed", "title"}) == "title");
}

TEST_CASE("suggestions compare bytes case-sensitively", "[suggest]") {
  CHECK(EditDistance("Title", "title") == 1);
  CHECK(NearestName("Title", {"title"}) == "title");
}

}  // namespace
}  // namespace kafkasim
