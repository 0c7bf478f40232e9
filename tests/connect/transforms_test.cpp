// Single Message Transforms (sim/connect/transforms/): each transform on a Struct with its schema
// and on a schemaless map, their failures (Requirements' DataException texts), and the config
// checks that refuse a bad chain with Kafka's ConfigException texts.

#include <catch2/catch.hpp>

#include "sim/connect/connector_config.h"
#include "sim/connect/transforms/transformation.h"

using namespace kafkasim;
using Json = nlohmann::ordered_json;

namespace {

Json UserSchema() {
  return Json::parse(R"({"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"},
    {"type":"string","optional":true,"field":"name"},{"type":"string","optional":true,"field":"email"}],
    "optional":false,"name":"users"})");
}

ConnectRecord SinkUser() {
  return ConnectRecord{.topic = "users",
                       .kafka_partition = 2,
                       .value = {UserSchema(), Json::parse(R"({"id":7,"name":"ada","email":"ada@example.com"})")},
                       .timestamp_ms = 1700000000000,
                       .kafka_offset = 41};
}

// The chain of `config` (which must validate) applied to `record`.
TransformResult ApplyChain(const Json& config, ConnectRecord record) {
  ConfigValidation v;
  ValidateTransformsConfig(config, v);
  for (const auto& value : v.values) {
    INFO(value.name);
    REQUIRE(value.errors.empty());
  }
  for (const auto& t : MakeTransformationChain(config)) {
    auto r = t->Apply(std::move(record));
    if (std::holds_alternative<TransformError>(r)) return r;
    auto next = std::get<std::optional<ConnectRecord>>(std::move(r));
    if (!next) return std::optional<ConnectRecord>();
    record = std::move(*next);
  }
  return std::optional<ConnectRecord>(std::move(record));
}

ConnectRecord Ok(TransformResult r) {
  REQUIRE(std::holds_alternative<std::optional<ConnectRecord>>(r));
  auto record = std::get<std::optional<ConnectRecord>>(std::move(r));
  REQUIRE(record.has_value());
  return std::move(*record);
}

std::vector<std::string> Errors(const Json& config) {
  ConfigValidation v;
  ValidateTransformsConfig(config, v);
  std::vector<std::string> out;
  for (const auto& value : v.values) out.insert(out.end(), value.errors.begin(), value.errors.end());
  return out;
}

}  // namespace

TEST_CASE("InsertField$Value adds the record's topic, partition, offset, timestamp and a constant to the Struct") {
  const ConnectRecord r = Ok(ApplyChain(
      {{"transforms", "ins"}, {"transforms.ins.type", "org.apache.kafka.connect.transforms.InsertField$Value"},
       {"transforms.ins.topic.field", "t!"}, {"transforms.ins.partition.field", "p"},
       {"transforms.ins.offset.field", "o"}, {"transforms.ins.timestamp.field", "ts"},
       {"transforms.ins.static.field", "origin"}, {"transforms.ins.static.value", "crm"}},
      SinkUser()));
  CHECK(r.value.value.dump() ==
        R"({"id":7,"name":"ada","email":"ada@example.com","t":"users","p":2,"o":41,"ts":1700000000000,"origin":"crm"})");
  const Json& fields = r.value.schema["fields"];
  REQUIRE(fields.size() == 8);
  CHECK(fields[3].dump() == R"({"type":"string","optional":false,"field":"t"})");  // '!' makes it required
  CHECK(fields[4].dump() == R"({"type":"int32","optional":true,"field":"p"})");
  CHECK(fields[6]["name"] == "org.apache.kafka.connect.data.Timestamp");
}

TEST_CASE("InsertField fails on a string value and on an offset of a source record; a tombstone passes") {
  ConnectRecord line{.topic = "lines", .value = {StringSchema(), "a line"}};
  auto r = ApplyChain({{"transforms", "i"}, {"transforms.i.type", "InsertField$Value"},
                       {"transforms.i.static.field", "x"}, {"transforms.i.static.value", "y"}},
                      line);
  REQUIRE(std::holds_alternative<TransformError>(r));
  CHECK(std::get<TransformError>(r).trace ==
        "org.apache.kafka.connect.errors.DataException: Only Struct objects supported for [field insertion], found: "
        "java.lang.String");
  ConnectRecord schemaless{.topic = "t", .value = {Json(), "text"}};
  r = ApplyChain({{"transforms", "i"}, {"transforms.i.type", "InsertField$Value"}, {"transforms.i.topic.field", "t"}},
                 schemaless);
  CHECK(std::get<TransformError>(r).trace ==
        "org.apache.kafka.connect.errors.DataException: Only Map objects supported in absence of schema for [field "
        "insertion], found: java.lang.String");
  ConnectRecord source{.topic = "t", .value = {Json(), Json::parse(R"({"a":1})")}};
  r = ApplyChain({{"transforms", "i"}, {"transforms.i.type", "InsertField$Value"}, {"transforms.i.offset.field", "o"}},
                 source);
  CHECK(std::get<TransformError>(r).trace.ends_with(
      "Only SinkRecord supported for [field insertion], found: org.apache.kafka.connect.source.SourceRecord"));
  ConnectRecord tombstone = SinkUser();
  tombstone.value = {};
  CHECK(Ok(ApplyChain({{"transforms", "i"}, {"transforms.i.type", "InsertField$Value"},
                       {"transforms.i.topic.field", "t"}},
                      tombstone))
            .value.value.is_null());
}

TEST_CASE("ReplaceField keeps include minus exclude, renames, and rewrites the schema in the same order") {
  const ConnectRecord r = Ok(ApplyChain({{"transforms", "r"},
                                         {"transforms.r.type", "ReplaceField$Value"},
                                         {"transforms.r.exclude", "email"},
                                         {"transforms.r.renames", "id:user_id,name:full_name"}},
                                        SinkUser()));
  CHECK(r.value.value.dump() == R"({"user_id":7,"full_name":"ada"})");
  CHECK(r.value.schema["fields"].dump() ==
        R"([{"type":"int32","optional":false,"field":"user_id"},{"type":"string","optional":true,"field":"full_name"}])");
  ConnectRecord map{.topic = "t", .value = {Json(), Json::parse(R"({"a":1,"b":2,"c":3})")}};
  CHECK(Ok(ApplyChain({{"transforms", "r"}, {"transforms.r.type", "ReplaceField$Value"}, {"transforms.r.include", "a,c"}},
                      map))
            .value.value.dump() == R"({"a":1,"c":3})");
  CHECK(Errors({{"transforms", "r"}, {"transforms.r.type", "ReplaceField$Value"}, {"transforms.r.renames", "a:b,c"}}) ==
        std::vector<std::string>{"Invalid value [a:b, c] for configuration transforms.r.renames: Invalid rename "
                                 "mapping: c"});
}

TEST_CASE("MaskField empties the fields by type, or writes the replacement") {
  ConnectRecord r = Ok(ApplyChain({{"transforms", "m"}, {"transforms.m.type", "MaskField$Value"},
                                   {"transforms.m.fields", "id,email"}},
                                  SinkUser()));
  CHECK(r.value.value.dump() == R"({"id":0,"name":"ada","email":""})");
  r = Ok(ApplyChain({{"transforms", "m"}, {"transforms.m.type", "MaskField$Value"}, {"transforms.m.fields", "email"},
                     {"transforms.m.replacement", "<hidden>"}},
                    SinkUser()));
  CHECK(r.value.value["email"] == "<hidden>");
  auto bad = ApplyChain({{"transforms", "m"}, {"transforms.m.type", "MaskField$Value"}, {"transforms.m.fields", "phone"}},
                        SinkUser());
  CHECK(std::get<TransformError>(bad).trace ==
        "org.apache.kafka.connect.errors.DataException: phone is not a valid field name");
  CHECK(Errors({{"transforms", "m"}, {"transforms.m.type", "MaskField$Value"}}) ==
        std::vector<std::string>{"Missing required configuration \"transforms.m.fields\" which has no default value."});
}

TEST_CASE("RegexRouter renames a topic the regex matches whole; TimestampRouter formats the timestamp in UTC") {
  const Json route = {{"transforms", "route"},
                      {"transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter"},
                      {"transforms.route.regex", "db-(.*)"},
                      {"transforms.route.replacement", "warehouse.$1"}};
  CHECK(Ok(ApplyChain(route, SinkUser())).topic == "users");  // no match: unchanged
  ConnectRecord db = SinkUser();
  db.topic = "db-users";
  CHECK(Ok(ApplyChain(route, db)).topic == "warehouse.users");
  // 1700000000000 ms is 2023-11-14 22:13:20 UTC.
  CHECK(Ok(ApplyChain({{"transforms", "ts"}, {"transforms.ts.type", "TimestampRouter"}}, SinkUser())).topic ==
        "users-20231114");
  CHECK(Ok(ApplyChain({{"transforms", "ts"}, {"transforms.ts.type", "TimestampRouter"},
                       {"transforms.ts.topic.format", "${timestamp}_${topic}"},
                       {"transforms.ts.timestamp.format", "yyyy-MM-dd'T'HH:mm"}},
                      SinkUser()))
            .topic == "2023-11-14T22:13_users");
  ConnectRecord no_ts = SinkUser();
  no_ts.timestamp_ms.reset();
  auto r = ApplyChain({{"transforms", "ts"}, {"transforms.ts.type", "TimestampRouter"}}, no_ts);
  CHECK(std::get<TransformError>(r).trace.starts_with(
      "org.apache.kafka.connect.errors.DataException: Timestamp missing on record: "));
}

TEST_CASE("transforms apply in the listed order") {
  // Renaming before masking masks the new name; the other order would fail on the old one.
  const ConnectRecord r = Ok(ApplyChain({{"transforms", "rename,mask"},
                                         {"transforms.rename.type", "ReplaceField$Value"},
                                         {"transforms.rename.renames", "email:contact"},
                                         {"transforms.mask.type", "MaskField$Value"},
                                         {"transforms.mask.fields", "contact"}},
                                        SinkUser()));
  CHECK(r.value.value.dump() == R"({"id":7,"name":"ada","contact":""})");
}

TEST_CASE("a bad transforms config gets ConnectorConfig's errors: no type, an unknown class, a duplicate alias") {
  CHECK(Errors({{"transforms", "a"}}) ==
        std::vector<std::string>{"Missing required configuration \"transforms.a.type\" which has no default value."});
  CHECK(Errors({{"transforms", "a"}, {"transforms.a.type", "com.example.Nope"}}) ==
        std::vector<std::string>{"Invalid value com.example.Nope for configuration transforms.a.type: Class "
                                 "com.example.Nope could not be found."});
  CHECK(Errors({{"transforms", "a,a"}, {"transforms.a.type", "RegexRouter"}, {"transforms.a.regex", "x"},
                {"transforms.a.replacement", "y"}}) ==
        std::vector<std::string>{"Invalid value a,a for configuration transforms: Duplicate alias provided."});
  CHECK(Errors({{"transforms", "r"}, {"transforms.r.type", "RegexRouter"}, {"transforms.r.regex", "("},
                {"transforms.r.replacement", "y"}})
            .at(0)
            .starts_with("Invalid value ( for configuration transforms.r.regex: Invalid regex: "));
}
