// RegexRouter (Kafka 3.7): when the whole topic name matches `regex`, the record goes to the
// topic Matcher.replaceFirst(replacement) gives ($1 names a group); otherwise it is unchanged.

#include <regex>

#include <fmt/format.h>

#include "sim/connect/config_checks.h"
#include "sim/connect/transforms/transformation.h"

namespace kafkasim {
namespace {

// Java's replacement syntax ($n groups, \x a literal x) in std::regex's ECMAScript format.
std::string EcmaReplacement(const std::string& java) {
  std::string out;
  for (size_t i = 0; i < java.size(); ++i) {
    if (java[i] == '\\' && i + 1 < java.size()) {
      ++i;
      out += java[i] == '$' ? std::string("$$") : std::string(1, java[i]);
    } else {
      out += java[i];
    }
  }
  return out;
}

class RegexRouter : public Transformation {
 public:
  explicit RegexRouter(const ConfigJson& props)
      : regex_(ConfigString(props, "regex").value_or("")),
        replacement_(EcmaReplacement(ConfigString(props, "replacement").value_or(""))) {}

  std::string class_name() const override { return "org.apache.kafka.connect.transforms.RegexRouter"; }

  TransformResult Apply(ConnectRecord record) const override {
    if (std::regex_match(record.topic, regex_)) {
      record.topic = std::regex_replace(record.topic, regex_, replacement_, std::regex_constants::format_first_only);
    }
    return std::optional<ConnectRecord>(std::move(record));
  }

 private:
  std::regex regex_;
  std::string replacement_;
};

void ValidateRegexRouter(const ConfigJson& config, const std::string& prefix, ConfigValidation& out) {
  const std::string group = "Transforms: " + prefix.substr(11, prefix.size() - 12);
  ConfigValueInfo& regex = AddConfigValue(out, config, prefix + "regex",
                                          ConnectKeyDef{.required = true, .importance = "HIGH",
                                                       .documentation = "Regular expression to use for matching.",
                                                       .group = group, .display_name = "regex"});
  CheckRequired(regex);
  if (regex.value) {
    try {
      std::regex r(*regex.value);
    } catch (const std::regex_error& e) {
      regex.errors.push_back(fmt::format("Invalid value {} for configuration {}: Invalid regex: {}", *regex.value,
                                         regex.name, e.what()));
    }
  }
  CheckRequired(AddConfigValue(out, config, prefix + "replacement",
                               ConnectKeyDef{.required = true, .importance = "HIGH",
                                            .documentation = "Replacement string.", .group = group,
                                            .display_name = "replacement"}));
}

std::unique_ptr<Transformation> MakeRegexRouter(const ConfigJson& props, bool) {
  return std::make_unique<RegexRouter>(props);
}

}  // namespace

void AddRegexRouterPlugin(std::vector<TransformPlugin>& out) {
  out.push_back({"org.apache.kafka.connect.transforms.RegexRouter", ValidateRegexRouter, MakeRegexRouter, false});
}

}  // namespace kafkasim
