#include "sim/connect/worker_config.h"

#include <charconv>

#include <fmt/format.h>

namespace kafkasim {
namespace {

constexpr std::string_view kConfigException = "org.apache.kafka.common.config.ConfigException";

std::string Missing(std::string_view key) {
  return fmt::format("{}: Missing required configuration \"{}\" which has no default value.", kConfigException, key);
}

std::string Invalid(std::string_view key, std::string_view value, std::string_view why) {
  return fmt::format("{}: Invalid value {} for configuration {}: {}", kConfigException, value, key, why);
}

std::variant<ConverterConfig, std::string> ParseConverter(const Properties& props, const std::string& key) {
  auto cls = props.Get(key);
  if (!cls) return Missing(key);
  auto kind = ConverterKindOf(*cls);
  if (!kind) {
    return Invalid(key, *cls, fmt::format("Class {} could not be found.", *cls));
  }
  ConverterConfig c{.kind = *kind};
  if (auto s = props.Get(key + ".schemas.enable")) {
    if (*s != "true" && *s != "false") {
      return Invalid("schemas.enable", *s, "Expected value to be either true or false");
    }
    c.schemas_enable = *s == "true";
  }
  return c;
}

}  // namespace

std::variant<std::pair<std::string, int32_t>, std::string> ParseListener(const std::string& listener) {
  const size_t scheme = listener.find("://");
  if (scheme == std::string::npos) {
    return Invalid("listeners", listener, "Invalid listener: expected PROTOCOL://HOST:PORT");
  }
  std::string protocol = listener.substr(0, scheme);
  for (char& ch : protocol) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (protocol != "http") {
    return fmt::format("{}: kafkasim's Connect REST server speaks http only, not {}", kConfigException, protocol);
  }
  const std::string rest = listener.substr(scheme + 3);
  const size_t colon = rest.rfind(':');
  if (colon == std::string::npos) {
    return Invalid("listeners", listener, "Invalid listener: expected PROTOCOL://HOST:PORT");
  }
  int32_t port = 0;
  const std::string p = rest.substr(colon + 1);
  auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
  if (ec != std::errc() || ptr != p.data() + p.size() || port < 0 || port > 65535) {
    return Invalid("listeners", listener, "Invalid port");
  }
  return std::pair{rest.substr(0, colon), port};
}

std::variant<WorkerConfig, std::string> ParseStandaloneWorkerConfig(const Properties& props) {
  auto parsed = ParseCommonWorkerConfig(props);
  if (auto* e = std::get_if<std::string>(&parsed)) return *e;
  WorkerConfig c = std::get<WorkerConfig>(std::move(parsed));
  auto file = props.Get("offset.storage.file.filename");
  if (!file) return Missing("offset.storage.file.filename");
  c.offset_storage_file = *file;
  return c;
}

std::variant<WorkerConfig, std::string> ParseCommonWorkerConfig(const Properties& props) {
  WorkerConfig c;
  c.originals = props;
  if (auto b = props.Get("bootstrap.servers")) c.bootstrap_servers = SplitConfigList(*b);
  auto key = ParseConverter(props, "key.converter");
  if (auto* e = std::get_if<std::string>(&key)) return *e;
  c.key_converter = std::get<ConverterConfig>(key);
  auto value = ParseConverter(props, "value.converter");
  if (auto* e = std::get_if<std::string>(&value)) return *e;
  c.value_converter = std::get<ConverterConfig>(value);
  if (auto f = props.Get("offset.flush.interval.ms")) {
    int64_t ms = 0;
    auto [ptr, ec] = std::from_chars(f->data(), f->data() + f->size(), ms);
    if (ec != std::errc() || ptr != f->data() + f->size()) {
      return Invalid("offset.flush.interval.ms", *f, "Not a number of type LONG");
    }
    c.offset_flush_interval = Duration::Millis(ms);
  }
  if (auto l = props.Get("listeners")) {
    auto listeners = SplitConfigList(*l);
    if (listeners.empty()) return Invalid("listeners", *l, "Empty list");
    auto parsed = ParseListener(listeners.front());
    if (auto* e = std::get_if<std::string>(&parsed)) return *e;
    auto [host, port] = std::get<std::pair<std::string, int32_t>>(parsed);
    if (!host.empty() && host != "0.0.0.0") c.rest_host = host;
    c.rest_port = port;
  }
  return c;
}

std::vector<std::string> SplitConfigList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    std::string item = s.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

}  // namespace kafkasim
