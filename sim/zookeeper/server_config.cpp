#include "sim/zookeeper/server_config.h"

#include <charconv>

#include <fmt/format.h>

#include "sim/config/config_files.h"

namespace kafkasim::zk {
namespace {

std::optional<int64_t> ParseInt(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

}  // namespace

Duration ServerConfig::Negotiate(Duration requested) const {
  // ZooKeeperServer.processConnectRequest clamps the client's wish into [min, max].
  if (requested < min_session_timeout) return min_session_timeout;
  if (requested > max_session_timeout) return max_session_timeout;
  return requested;
}

std::variant<ServerConfig, std::string> ParseServerConfig(const Properties& props) {
  ServerConfig c;
  for (const auto& [key, value] : props.values()) {
    auto number = ParseInt(value);
    auto need_number = [&]() -> std::optional<std::string> {
      if (!number) return fmt::format("Error parsing {}: '{}' is not a number", key, value);
      return std::nullopt;
    };
    if (key == "clientPort" || key == "tickTime" || key == "initLimit" || key == "syncLimit" ||
        key == "minSessionTimeout" || key == "maxSessionTimeout") {
      if (auto e = need_number()) return *e;
    }
    if (key == "clientPort") c.client_port = static_cast<int>(*number);
    if (key == "dataDir") c.data_dir = value;
    if (key == "tickTime") c.tick = Duration::Millis(*number);
    if (key == "initLimit") c.init_limit = static_cast<int>(*number);
    if (key == "syncLimit") c.sync_limit = static_cast<int>(*number);
    if (key == "minSessionTimeout") c.min_session_timeout = Duration::Millis(*number);
    if (key == "maxSessionTimeout") c.max_session_timeout = Duration::Millis(*number);
    if (key.starts_with("server.")) {
      auto id = ParseInt(std::string_view(key).substr(7));
      if (!id || *id <= 0) return fmt::format("Error parsing {}: the server id must be a positive number", key);
      c.servers[static_cast<int>(*id)] = value;
    }
  }
  if (c.tick <= Duration()) return std::string("tickTime is not set");
  if (c.min_session_timeout == Duration()) c.min_session_timeout = c.tick * 2;
  if (c.max_session_timeout == Duration()) c.max_session_timeout = c.tick * 20;
  if (c.standalone()) {
    c.servers.clear();
    return c;
  }
  const std::string myid_path = c.data_dir + "/myid";
  auto myid_text = ReadConfigFile(myid_path);
  if (!myid_text) return fmt::format("{} file is missing", myid_path);
  auto myid = ParseInt(*myid_text);
  if (!myid) return fmt::format("serverid {} is not a number", *myid_text);
  if (!c.servers.contains(static_cast<int>(*myid))) {
    return fmt::format("My id {} not in the peer list", *myid);
  }
  c.myid = static_cast<int>(*myid);
  return c;
}

}  // namespace kafkasim::zk
