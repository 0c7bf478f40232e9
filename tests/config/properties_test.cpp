#include "sim/config/properties.h"

#include <catch2/catch.hpp>

#include "sim/config/config_files.h"

using namespace kafkasim;

TEST_CASE("properties: '=', ':' and blanks separate keys from values; comments are skipped") {
  const Properties p = ParseProperties(
      "# a comment\n! another\n\ndataDir=/tmp/zookeeper\nclientPort : 2181\nmaxClientCnxns 0\n  padded =  v  \n");
  CHECK(p.Get("dataDir") == "/tmp/zookeeper");
  CHECK(p.Get("clientPort") == "2181");
  CHECK(p.Get("maxClientCnxns") == "0");
  CHECK(p.Get("padded") == "v  ");  // trailing blanks belong to the value
  CHECK(p.values().size() == 4);
}

TEST_CASE("properties: a trailing odd backslash continues the line, without the next line's indent") {
  const Properties p = ParseProperties("list=a,\\\n    b,\\\n    c\nescaped=ends\\\\\nnext=1\n");
  CHECK(p.Get("list") == "a,b,c");
  CHECK(p.Get("escaped") == "ends\\");  // an even count is a literal backslash
  CHECK(p.Get("next") == "1");
}

TEST_CASE("properties: escapes in keys and values") {
  const Properties p = ParseProperties("key\\:with\\=seps=tab\\there\nunicode=caf\\u00e9\nplain=\\q\n");
  CHECK(p.Get("key:with=seps") == "tab\there");
  CHECK(p.Get("unicode") == "caf\xc3\xa9");
  CHECK(p.Get("plain") == "q");
}

TEST_CASE("properties: a key given twice keeps its last value; a key alone has an empty value") {
  const Properties p = ParseProperties("a=1\na=2\nflag\n");
  CHECK(p.Get("a") == "2");
  CHECK(p.Get("flag") == "");
}

TEST_CASE("Kafka's config/zookeeper.properties is shipped") {
  auto text = ReadConfigFile("config/zookeeper.properties");
  REQUIRE(text.has_value());
  const Properties p = ParseProperties(*text);
  CHECK(p.Get("dataDir") == "/tmp/zookeeper");
  CHECK(p.Get("clientPort") == "2181");
  CHECK(p.Get("maxClientCnxns") == "0");
  CHECK(p.Get("admin.enableServer") == "false");
  CHECK_FALSE(p.Has("tickTime"));
  CHECK_FALSE(ReadConfigFile("config/nope.properties").has_value());
}
