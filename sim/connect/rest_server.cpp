#include "sim/connect/rest_server.h"

#include <fmt/format.h>

#include "sim/admin/hashing.h"
#include "sim/connect/connector_plugins.h"
#include "sim/connect/jackson_error.h"
#include "sim/connect/json_body.h"
#include "sim/connect/herder.h"

namespace kafkasim {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kKafkaVersion = "3.7.0";
constexpr std::string_view kKafkaCommit = "2ae524ed625438c5";  // AppInfoParser's commit id of 3.7.0

HttpResponse Reply(int status, const Json& body) {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = body.dump();
  return r;
}

HttpResponse NoContent() {
  HttpResponse r;
  r.status = 204;
  return r;
}

HttpResponse Error(int status, const std::optional<std::string>& message) {
  return Reply(status, Json{{"error_code", status}, {"message", message ? Json(*message) : Json()}});
}

HttpResponse Error(const HerderError& e) { return Error(e.status, e.message); }

std::string UrlDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else if (s[i] == '+') {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

struct Target {
  std::vector<std::string> segments;
  std::multimap<std::string, std::string> query;
  bool Flag(const std::string& key) const {
    auto it = query.find(key);
    return it != query.end() && it->second == "true";
  }
};

Target ParseTarget(const std::string& target) {
  Target t;
  const size_t q = target.find('?');
  const std::string path = target.substr(0, q);
  size_t start = 0;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) t.segments.push_back(UrlDecode(std::string_view(path).substr(start, end - start)));
    start = end + 1;
  }
  if (q != std::string::npos) {
    std::string_view rest = std::string_view(target).substr(q + 1);
    while (!rest.empty()) {
      const size_t amp = rest.find('&');
      std::string_view pair = rest.substr(0, amp);
      const size_t eq = pair.find('=');
      t.query.emplace(UrlDecode(pair.substr(0, eq)), eq == std::string_view::npos ? "" : UrlDecode(pair.substr(eq + 1)));
      rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    }
  }
  return t;
}

std::string HeaderValue(const HttpRequest& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k.size() == name.size() &&
        std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return v;
    }
  }
  return "";
}

// The request body read as Jackson would: nullopt with the error response when it cannot be.
struct Body {
  std::optional<Json> json;  // nullopt: no body (Jackson hands the resource a null)
  std::optional<HttpResponse> error;
};

Body ReadBody(const HttpRequest& r) {
  if (!r.has_body || r.body.empty()) return {};
  std::string type = HeaderValue(r, "Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (type != "application/json") return {.error = Error(415, std::string("HTTP 415 Unsupported Media Type"))};
  if (auto e = JacksonParseError(r.body)) return {.error = Error(500, *e)};
  return {.json = ParseFirstJsonValue(r.body)};
}

std::string_view JsonTokenName(const Json& j) {
  if (j.is_array()) return "Array value (token `JsonToken.START_ARRAY`)";
  if (j.is_object()) return "Object value (token `JsonToken.START_OBJECT`)";
  if (j.is_string()) return "String value (token `JsonToken.VALUE_STRING`)";
  if (j.is_boolean()) return j.get<bool>() ? "Boolean value (token `JsonToken.VALUE_TRUE`)"
                                           : "Boolean value (token `JsonToken.VALUE_FALSE`)";
  if (j.is_number_integer()) return "Integer value (token `JsonToken.VALUE_NUMBER_INT`)";
  return "Floating-point value (token `JsonToken.VALUE_NUMBER_FLOAT`)";
}

std::string Mismatch(std::string_view type, const Json& j) {
  return fmt::format("Cannot deserialize value of type `{}` from {}\n at [Source: REDACTED "
                     "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1]",
                     type, JsonTokenName(j));
}

// A Map<String, String> as Jackson reads one: scalars become their text, null stays null.
std::variant<ConfigJson, std::string> ReadConfigMap(const Json& j) {
  if (!j.is_object()) return Mismatch("java.util.LinkedHashMap<java.lang.String,java.lang.String>", j);
  ConfigJson out = ConfigJson::object();
  for (const auto& [k, v] : j.items()) {
    if (v.is_string() || v.is_null()) {
      out[k] = v;
    } else if (v.is_object() || v.is_array()) {
      return Mismatch("java.lang.String", v);
    } else {
      out[k] = v.dump();
    }
  }
  return out;
}

// AbstractHerder/ConnectorsResource.checkAndPutConnectorConfigName.
std::optional<HerderError> PutName(const std::string& name, ConfigJson& config) {
  auto it = config.find("name");
  if (it != config.end() && it->is_string() && it->get<std::string>() != name) {
    return HerderError{.status = 400,
                       .message = fmt::format("Connector name configuration ({}) doesn't match connector name in the "
                                              "URL ({})",
                                              it->get<std::string>(), name)};
  }
  if (it == config.end()) config["name"] = name;
  return std::nullopt;
}

HttpResponse CreateConnector(Herder& w, const Json& body) {
  if (!body.is_object()) {
    return Error(500, Mismatch("org.apache.kafka.connect.runtime.rest.entities.CreateConnectorRequest", body));
  }
  if (!body.contains("name") || !body["name"].is_string() || !body.contains("config") || body["config"].is_null()) {
    return Error(500, std::nullopt);  // a NullPointerException has no message
  }
  std::string name = body["name"].get<std::string>();
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.erase(name.begin());
  if (name.find('/') != std::string::npos) return Error(400, std::string("connector name should not contain '/'"));
  auto config = ReadConfigMap(body["config"]);
  if (auto* e = std::get_if<std::string>(&config)) return Error(500, *e);
  ConfigJson map = std::get<ConfigJson>(std::move(config));
  if (auto e = PutName(name, map)) return Error(*e);
  TargetState initial = TargetState::kStarted;
  if (body.contains("initial_state") && !body["initial_state"].is_null()) {
    const std::string s = body["initial_state"].is_string() ? body["initial_state"].get<std::string>() : "";
    if (s == "PAUSED") {
      initial = TargetState::kPaused;
    } else if (s == "STOPPED") {
      initial = TargetState::kStopped;
    } else if (s != "RUNNING") {
      return Error(500, fmt::format("Cannot deserialize value of type "
                                    "`org.apache.kafka.connect.runtime.rest.entities.CreateConnectorRequest$InitialState`"
                                    " from String \"{}\": not one of the values accepted for Enum class: "
                                    "[PAUSED, STOPPED, RUNNING]",
                                    s));
    }
  }
  auto created = w.PutConnectorConfig(name, std::move(map), /*allow_replace=*/false, initial);
  if (auto* e = std::get_if<HerderError>(&created)) return Error(*e);
  HttpResponse r = Reply(201, std::get<std::pair<bool, Json>>(created).second);
  r.headers.emplace_back("Location", fmt::format("http://{}/connectors/{}", w.worker_id(), name));
  return r;
}

template <typename T>
HttpResponse ReplyOr(int status, const HerderResult<T>& result) {
  if (auto* e = std::get_if<HerderError>(&result)) return Error(*e);
  return Reply(status, std::get<T>(result));
}

HttpResponse ListConnectors(Herder& w, const Target& t) {
  const std::vector<std::string> names = w.ConnectorNames();
  auto [from, to] = t.query.equal_range("expand");
  if (from == to) return Reply(200, Json(names));
  Json out = Json::object();
  for (const std::string& name : names) {
    std::vector<std::string> keys;
    for (auto it = from; it != to; ++it) {
      if ((it->second == "status" || it->second == "info") && std::find(keys.begin(), keys.end(), it->second) == keys.end()) {
        keys.push_back(it->second);
      }
    }
    Json entry = Json::object();
    for (const std::string& k : JavaHashMapOrder(keys, JavaHashMapTableSize(keys.size()))) {
      // A distributed worker may know a connector whose status nobody has written yet: Kafka's
      // NotFoundException then answers the whole request.
      auto part = k == "status" ? w.ConnectorStatus(name) : w.ConnectorInfo(name);
      if (auto* e = std::get_if<HerderError>(&part)) return Error(*e);
      entry[k] = std::get<Json>(std::move(part));
    }
    out[name] = entry;
  }
  return Reply(200, out);
}

std::optional<int32_t> TaskIndex(const std::string& s) {
  if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), ::isdigit)) return std::nullopt;
  return std::stoi(s);
}

HttpResponse Route(Herder& w, const HttpRequest& r, const Target& t) {
  const auto& s = t.segments;
  const std::string& m = r.method;
  auto not_allowed = [] { return Error(405, std::string("HTTP 405 Method Not Allowed")); };
  auto not_found = [] { return Error(404, std::string("HTTP 404 Not Found")); };
  if (s.empty()) {
    if (m != "GET") return not_allowed();
    return Reply(200, Json{{"version", kKafkaVersion}, {"commit", kKafkaCommit}, {"kafka_cluster_id", w.kafka_cluster_id()}});
  }
  if (s[0] == "connector-plugins") {
    if (s.size() == 1) {
      if (m != "GET") return not_allowed();
      Json out = Json::array();
      for (const ConnectorPlugin& p : ConnectorPlugins()) {
        out.push_back(Json{{"class", p.class_name}, {"type", ToString(p.type)}, {"version", p.version}});
      }
      return Reply(200, out);
    }
    if (s.size() == 4 && s[2] == "config" && s[3] == "validate") {
      if (m != "PUT") return not_allowed();
      Body body = ReadBody(r);
      if (body.error) return *body.error;
      if (!body.json) return Error(500, std::nullopt);
      auto config = ReadConfigMap(*body.json);
      if (auto* e = std::get_if<std::string>(&config)) return Error(500, *e);
      ConfigJson map = std::get<ConfigJson>(std::move(config));
      auto cls = map.find("connector.class");
      const ConnectorPlugin* requested = FindConnectorPlugin(s[1]);
      if (cls != map.end() && cls->is_string()) {
        const ConnectorPlugin* included = FindConnectorPlugin(cls->get<std::string>());
        if (included == nullptr || included != requested) {
          return Error(400, fmt::format("Included connector type {} does not match request type {}",
                                        cls->get<std::string>(), s[1]));
        }
      }
      map["connector.class"] = s[1];
      return ReplyOr(200, w.ValidateConfig(std::move(map)));
    }
    return not_found();
  }
  if (s[0] != "connectors") return not_found();
  if (s.size() == 1) {
    if (m == "GET") return ListConnectors(w, t);
    if (m != "POST") return not_allowed();
    Body body = ReadBody(r);
    if (body.error) return *body.error;
    if (!body.json) return Error(500, std::nullopt);
    return CreateConnector(w, *body.json);
  }
  const std::string& name = s[1];
  if (s.size() == 2) {
    if (m == "GET") return ReplyOr(200, w.ConnectorInfo(name));
    if (m != "DELETE") return not_allowed();
    if (auto e = w.DeleteConnector(name)) return Error(*e);
    return NoContent();
  }
  const std::string& what = s[2];
  if (s.size() == 3 && what == "config") {
    if (m == "GET") return ReplyOr(200, w.ConnectorConfigJson(name));
    if (m != "PUT") return not_allowed();
    Body body = ReadBody(r);
    if (body.error) return *body.error;
    if (!body.json) return Error(500, std::nullopt);
    auto config = ReadConfigMap(*body.json);
    if (auto* e = std::get_if<std::string>(&config)) return Error(500, *e);
    ConfigJson map = std::get<ConfigJson>(std::move(config));
    if (auto e = PutName(name, map)) return Error(*e);
    auto put = w.PutConnectorConfig(name, std::move(map), /*allow_replace=*/true);
    if (auto* e = std::get_if<HerderError>(&put)) return Error(*e);
    const auto& [created, info] = std::get<std::pair<bool, Json>>(put);
    HttpResponse reply = Reply(created ? 201 : 200, info);
    if (created) reply.headers.emplace_back("Location", fmt::format("http://{}/connectors/{}", w.worker_id(), name));
    return reply;
  }
  if (s.size() == 3 && what == "status") {
    if (m != "GET") return not_allowed();
    return ReplyOr(200, w.ConnectorStatus(name));
  }
  if (s.size() == 3 && what == "tasks") {
    if (m != "GET") return not_allowed();
    return ReplyOr(200, w.TaskConfigs(name));
  }
  if (s.size() == 3 && what == "restart") {
    if (m != "POST") return not_allowed();
    auto result = w.RestartConnector(name, t.Flag("includeTasks"), t.Flag("onlyFailed"));
    if (auto* e = std::get_if<HerderError>(&result)) return Error(*e);
    const auto& body = std::get<std::optional<Json>>(result);
    return body ? Reply(202, *body) : NoContent();
  }
  if (s.size() == 3 && (what == "pause" || what == "resume" || what == "stop")) {
    if (m != "PUT") return not_allowed();
    const TargetState target =
        what == "pause" ? TargetState::kPaused : what == "resume" ? TargetState::kStarted : TargetState::kStopped;
    if (auto e = w.SetTargetState(name, target)) return Error(*e);
    if (what == "stop") return NoContent();
    HttpResponse accepted;
    accepted.status = 202;
    return accepted;
  }
  if (s.size() == 5 && what == "tasks") {
    const auto task = TaskIndex(s[3]);
    if (!task) return not_found();
    if (s[4] == "status") {
      if (m != "GET") return not_allowed();
      return ReplyOr(200, w.TaskStatus(name, *task));
    }
    if (s[4] == "restart") {
      if (m != "POST") return not_allowed();
      if (auto e = w.RestartTask(name, *task)) return Error(*e);
      return NoContent();
    }
  }
  return not_found();
}

}  // namespace

std::string_view HttpReason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 415: return "Unsupported Media Type";
    case 500: return "Internal Server Error";
    default: return "";
  }
}

HttpResponse RestErrorResponse(int status, const std::string& message) { return Error(status, message); }

HttpResponse HandleRestRequest(Herder& worker, const HttpRequest& request) {
  return Route(worker, request, ParseTarget(request.target));
}

}  // namespace kafkasim
