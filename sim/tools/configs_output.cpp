#include "sim/tools/configs_output.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace kafkasim {
namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return std::string(s);
}

// String.split(sep + "(?=[^\\]]*(?:\\[|$))", -1): split at `sep` where no ']' comes before the
// next '[' or the end — that is, outside square brackets. Empty trailing fields are kept.
std::vector<std::string> SplitOutsideBrackets(std::string_view s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != sep) continue;
    const size_t close = s.find(']', i + 1), open = s.find('[', i + 1);
    const bool outside = close == std::string_view::npos || (open != std::string_view::npos && open < close);
    if (!outside) continue;
    parts.emplace_back(s.substr(start, i - start));
    start = i + 1;
  }
  parts.emplace_back(s.substr(start));
  return parts;
}

}  // namespace

AdminResult<std::vector<std::pair<std::string, std::string>>> ParseConfigsToBeAdded(std::string_view text) {
  std::map<std::string, std::string> props;
  for (const std::string& pair : SplitOutsideBrackets(text, ',')) {
    std::vector<std::string> kv = SplitOutsideBrackets(pair, '=');
    if (kv.size() != 2) {
      return MakeAdminError(exceptions::kIllegalArgument,
                            "requirement failed: Invalid entity config: all configs to be added must be in the "
                            "format \"key=val\".");
    }
    // "\\s*=\\s*": the blanks around the '=' belong to the separator.
    std::string value = kv[1];
    std::erase(value, '[');
    std::erase(value, ']');
    props[Trim(kv[0])] = Trim(value);
  }
  return std::vector<std::pair<std::string, std::string>>(props.begin(), props.end());
}

std::vector<std::string> ParseConfigsToBeDeleted(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& arg : args) {
    size_t start = 0;
    while (true) {
      const size_t comma = arg.find(',', start);
      out.push_back(Trim(std::string_view(arg).substr(start, comma == std::string::npos ? std::string::npos
                                                                                         : comma - start)));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

std::vector<DescribedConfig> SelectDescribed(std::vector<DescribedConfig> configs, ConfigResourceType type, bool all) {
  if (!all) {
    const ConfigSource dynamic =
        type == ConfigResourceType::kTopic ? ConfigSource::kTopicConfig : ConfigSource::kDynamicBrokerConfig;
    std::erase_if(configs, [&](const DescribedConfig& c) { return c.source != dynamic; });
  }
  std::stable_sort(configs.begin(), configs.end(),
                   [](const DescribedConfig& a, const DescribedConfig& b) { return a.name < b.name; });
  return configs;
}

std::string FormatDescribedConfig(const DescribedConfig& c) {
  std::vector<std::string> synonyms;
  for (const ConfigSynonym& s : c.synonyms) {
    synonyms.push_back(fmt::format("{}:{}={}", ToString(s.source), s.name, s.value.value_or("null")));
  }
  return fmt::format("  {}={} sensitive={} synonyms={{{}}}", c.name, c.value.value_or("null"), c.is_sensitive,
                     fmt::join(synonyms, ", "));
}

std::string DescribeHeader(ConfigResourceType type, std::string_view name, bool all) {
  const std::string_view entity = type == ConfigResourceType::kTopic ? "topic" : "broker";
  if (type == ConfigResourceType::kBroker && name.empty()) return "Default configs for brokers in the cluster are:";
  return fmt::format("{} configs for {} {} are:", all ? "All" : "Dynamic", entity, name);
}

std::string_view ExceptionClassFor(ErrorCode error) {
  switch (error) {
    case ErrorCode::kInvalidConfig: return exceptions::kInvalidConfiguration;
    case ErrorCode::kInvalidRequest: return "org.apache.kafka.common.errors.InvalidRequestException";
    case ErrorCode::kUnknownTopicOrPartition: return exceptions::kUnknownTopicOrPartition;
    case ErrorCode::kInvalidTopicException: return exceptions::kInvalidTopic;
    case ErrorCode::kRequestTimedOut: return "org.apache.kafka.common.errors.TimeoutException";
    default: return "org.apache.kafka.common.errors.UnknownServerException";
  }
}

}  // namespace kafkasim
