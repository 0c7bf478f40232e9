#include "sim/connect/config_checks.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace kafkasim {
namespace {

std::string TrimmedConfigText(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t start = 0;
  while (start < s.size() && std::isspace(static_cast<unsigned char>(s[start]))) ++start;
  return s.substr(start);
}

std::string LowerConfigText(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

std::optional<std::string> ConfigString(const ConfigJson& config, const std::string& key) {
  auto it = config.find(key);
  if (it == config.end() || it->is_null()) return std::nullopt;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

ConfigValueInfo& AddConfigValue(ConfigValidation& out, const ConfigJson& config, const std::string& key,
                                ConnectKeyDef def) {
  out.values.push_back(ConfigValueInfo{.name = key, .value = ConfigString(config, key), .def = std::move(def)});
  return out.values.back();
}

void CheckRequired(ConfigValueInfo& v) {
  if (!v.value) {
    v.errors.push_back(fmt::format("Missing required configuration \"{}\" which has no default value.", v.name));
  }
}

void CheckNumber(ConfigValueInfo& v, std::string_view type, std::optional<int64_t> at_least) {
  if (!v.value) return;
  const std::string s = TrimmedConfigText(*v.value);
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  const int64_t max = type == "SHORT" ? 32767 : type == "INT" ? 2147483647 : INT64_MAX;
  const int64_t min = type == "SHORT" ? -32768 : type == "INT" ? -2147483648LL : INT64_MIN;
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || n > max || n < min) {
    v.errors.push_back(fmt::format("Invalid value {} for configuration {}: Not a number of type {}", *v.value, v.name, type));
  } else if (at_least && n < *at_least) {
    v.errors.push_back(fmt::format("Invalid value {} for configuration {}: Value must be at least {}", n, v.name, *at_least));
  }
}

void CheckBoolean(ConfigValueInfo& v) {
  if (!v.value) return;
  const std::string s = LowerConfigText(TrimmedConfigText(*v.value));
  if (s != "true" && s != "false") {
    v.errors.push_back(
        fmt::format("Invalid value {} for configuration {}: Expected value to be either true or false", *v.value, v.name));
  }
}

void CheckOneOf(ConfigValueInfo& v, const std::vector<std::string>& allowed) {
  if (!v.value) return;
  if (std::find(allowed.begin(), allowed.end(), *v.value) != allowed.end()) return;
  v.errors.push_back(fmt::format("Invalid value {} for configuration {}: String must be one of: {}", *v.value, v.name,
                                 fmt::join(allowed, ", ")));
}

bool ConfigBool(const ConfigJson& config, const std::string& key, bool fallback) {
  auto s = ConfigString(config, key);
  if (!s) return fallback;
  return LowerConfigText(TrimmedConfigText(*s)) == "true";
}

int64_t ConfigNumber(const ConfigJson& config, const std::string& key, int64_t fallback) {
  auto s = ConfigString(config, key);
  if (!s) return fallback;
  const std::string t = TrimmedConfigText(*s);
  int64_t n = fallback;
  std::from_chars(t.data(), t.data() + t.size(), n);
  return n;
}

void CountConfigErrors(ConfigValidation& out) {
  out.error_count = 0;
  for (const ConfigValueInfo& v : out.values) out.error_count += static_cast<int>(v.errors.size());
}

}  // namespace kafkasim
