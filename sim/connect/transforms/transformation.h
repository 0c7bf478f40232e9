#pragma once
// Single Message Transforms (KIP-66): `transforms=a,b` with `transforms.a.type=<class>` and the
// transform's own keys under `transforms.a.`, applied in the listed order to every record — to a
// source task's records before the converter, to a sink task's after it. A transform returns the
// new record, nothing (the record is dropped), or the DataException it failed with (an error
// handled by errors.tolerance).
//
// Built in, as Kafka 3.7's connect-transforms names them (`$Key`/`$Value` pick the record's part):
//   InsertField$Value/$Key   insert_field.cpp
//   ReplaceField$Value/$Key  replace_field.cpp
//   MaskField$Value/$Key     mask_field.cpp
//   RegexRouter              regex_router.cpp
//   TimestampRouter          timestamp_router.cpp
//
// Records are Connect data as converter.h keeps it: a schema (JsonConverter's JSON form, null
// when schemaless) and a JSON value; a Struct is an object with a "struct" schema.

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/connect/connector_config.h"
#include "sim/connect/converter.h"

namespace kafkasim {

struct ConnectRecord {
  std::string topic;
  std::optional<int32_t> kafka_partition;
  SchemaAndValue key, value;
  std::optional<int64_t> timestamp_ms;
  std::optional<int64_t> kafka_offset;  // sink records only (a SinkRecord)
  bool is_sink() const { return kafka_offset.has_value(); }
};

struct TransformError {
  std::string trace;  // "org.apache.kafka.connect.errors.DataException: ..."
};

using TransformResult = std::variant<std::optional<ConnectRecord>, TransformError>;

class Transformation {
 public:
  virtual ~Transformation() = default;
  virtual TransformResult Apply(ConnectRecord record) const = 0;
  virtual std::string class_name() const = 0;
};

// A transform class: its keys' validation (errors under the full key names, `prefix` =
// "transforms.a.") and, for props that validated, the configured transform.
struct TransformPlugin {
  std::string class_name;  // "org.apache.kafka.connect.transforms.InsertField$Value"
  void (*validate)(const ConfigJson& config, const std::string& prefix, ConfigValidation& out);
  std::unique_ptr<Transformation> (*make)(const ConfigJson& props, bool key);
  bool key = false;  // the $Key variant
};

const std::vector<TransformPlugin>& TransformPlugins();
// By full class name, or the simple name ("InsertField$Value").
const TransformPlugin* FindTransformPlugin(const std::string& name);

// ConnectorConfig's checks of `transforms`: every alias needs its type, a known class, and the
// class's own keys valid.
void ValidateTransformsConfig(const ConfigJson& config, ConfigValidation& out);

// The chain of a config that validated, in order.
std::vector<std::unique_ptr<Transformation>> MakeTransformationChain(const ConfigJson& config);

// --- helpers the transforms share ---
// The part a $Key/$Value transform works on.
inline SchemaAndValue& OperatingPart(ConnectRecord& r, bool key) { return key ? r.key : r.value; }
// Requirements.requireMap / requireStruct failures.
TransformError RequireFailure(const SchemaAndValue& data, std::string_view purpose);
// The Java class of a Connect value, for messages ("java.lang.String", "java.util.HashMap").
std::string JavaClassOf(const SchemaAndValue& data);
// The keys under `prefix`, without it.
ConfigJson TransformProps(const ConfigJson& config, const std::string& prefix);

// Each transform file's plugin entries.
void AddInsertFieldPlugins(std::vector<TransformPlugin>& out);
void AddReplaceFieldPlugins(std::vector<TransformPlugin>& out);
void AddMaskFieldPlugins(std::vector<TransformPlugin>& out);
void AddRegexRouterPlugin(std::vector<TransformPlugin>& out);
void AddTimestampRouterPlugin(std::vector<TransformPlugin>& out);

}  // namespace kafkasim
