// TimestampRouter (Kafka 3.7): sends each record to the topic `topic.format` names, with
// ${topic} the record's topic and ${timestamp} its timestamp written by `timestamp.format`
// (java.text.SimpleDateFormat in UTC; defaults "${topic}-${timestamp}" and "yyyyMMdd"). A record
// without a timestamp fails with a DataException.

#include <fmt/format.h>

#include "sim/connect/config_checks.h"
#include "sim/connect/transforms/transformation.h"

namespace kafkasim {
namespace {

struct CivilTime {
  int64_t year;
  int month, day, hour, minute, second, millis;
};

// Howard Hinnant's days-to-civil: the proleptic Gregorian calendar SimpleDateFormat uses after 1582.
CivilTime CivilFromMillis(int64_t ms) {
  int64_t days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
  int64_t rest = ms - days * 86400000;
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return CivilTime{.year = y, .month = m, .day = d, .hour = static_cast<int>(rest / 3600000),
                   .minute = static_cast<int>(rest / 60000 % 60), .second = static_cast<int>(rest / 1000 % 60),
                   .millis = static_cast<int>(rest % 1000)};
}

// The SimpleDateFormat letters a topic name uses (y M d H m s S), quoted text, and literals.
std::string FormatSimpleDate(const std::string& pattern, int64_t ms) {
  const CivilTime t = CivilFromMillis(ms);
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '\'') {
      const size_t end = pattern.find('\'', i + 1);
      if (end == i + 1) {
        out += '\'';
      } else {
        out += pattern.substr(i + 1, (end == std::string::npos ? pattern.size() : end) - i - 1);
      }
      i = end == std::string::npos ? pattern.size() : end + 1;
      continue;
    }
    size_t n = 1;
    while (i + n < pattern.size() && pattern[i + n] == c) ++n;
    const int width = static_cast<int>(n);
    switch (c) {
      case 'y': out += n == 2 ? fmt::format("{:02}", t.year % 100) : fmt::format("{:0{}}", t.year, width); break;
      case 'M': out += fmt::format("{:0{}}", t.month, width); break;
      case 'd': out += fmt::format("{:0{}}", t.day, width); break;
      case 'H': out += fmt::format("{:0{}}", t.hour, width); break;
      case 'm': out += fmt::format("{:0{}}", t.minute, width); break;
      case 's': out += fmt::format("{:0{}}", t.second, width); break;
      case 'S': out += fmt::format("{:0{}}", t.millis, width); break;
      default: out += pattern.substr(i, n);
    }
    i += n;
  }
  return out;
}

std::string ReplaceAllText(std::string s, std::string_view from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

class TimestampRouter : public Transformation {
 public:
  explicit TimestampRouter(const ConfigJson& props)
      : topic_format_(ConfigString(props, "topic.format").value_or("${topic}-${timestamp}")),
        timestamp_format_(ConfigString(props, "timestamp.format").value_or("yyyyMMdd")) {}

  std::string class_name() const override { return "org.apache.kafka.connect.transforms.TimestampRouter"; }

  TransformResult Apply(ConnectRecord record) const override {
    if (!record.timestamp_ms) {
      return TransformError{fmt::format("org.apache.kafka.connect.errors.DataException: Timestamp missing on record: "
                                        "ConnectRecord{{topic='{}', kafkaPartition={}, timestamp=null}}",
                                        record.topic,
                                        record.kafka_partition ? std::to_string(*record.kafka_partition) : "null")};
    }
    const std::string ts = FormatSimpleDate(timestamp_format_, *record.timestamp_ms);
    record.topic = ReplaceAllText(ReplaceAllText(topic_format_, "${topic}", record.topic), "${timestamp}", ts);
    return std::optional<ConnectRecord>(std::move(record));
  }

 private:
  std::string topic_format_, timestamp_format_;
};

void ValidateTimestampRouter(const ConfigJson& config, const std::string& prefix, ConfigValidation& out) {
  const std::string group = "Transforms: " + prefix.substr(11, prefix.size() - 12);
  AddConfigValue(out, config, prefix + "topic.format",
                 ConnectKeyDef{.default_value = "${topic}-${timestamp}", .importance = "HIGH",
                              .documentation = "Format string which can contain <code>${topic}</code> and "
                                               "<code>${timestamp}</code> as placeholders for the topic and "
                                               "timestamp, respectively.",
                              .group = group, .display_name = "topic.format"});
  ConfigValueInfo& format = AddConfigValue(
      out, config, prefix + "timestamp.format",
      ConnectKeyDef{.default_value = "yyyyMMdd", .importance = "HIGH",
                   .documentation = "Format string for the timestamp that is compatible with "
                                    "<code>java.text.SimpleDateFormat</code>.",
                   .group = group, .display_name = "timestamp.format"});
  if (format.value && std::count(format.value->begin(), format.value->end(), '\'') % 2 != 0) {
    format.errors.push_back(fmt::format("Invalid value {} for configuration {}: Unterminated quote", *format.value,
                                        format.name));
  }
}

std::unique_ptr<Transformation> MakeTimestampRouter(const ConfigJson& props, bool) {
  return std::make_unique<TimestampRouter>(props);
}

}  // namespace

void AddTimestampRouterPlugin(std::vector<TransformPlugin>& out) {
  out.push_back({"org.apache.kafka.connect.transforms.TimestampRouter", ValidateTimestampRouter, MakeTimestampRouter,
                 false});
}

}  // namespace kafkasim
