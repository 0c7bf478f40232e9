#pragma once
// HTTP on the simulated network, for Kafka Connect's REST API: a request from a client (the
// `curl` command's node) to a worker's listener, and the worker's answer. One exchange per
// connection, as curl makes it; `id` pairs an answer with its request.

#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "sim/core/message.h"

namespace kafkasim {

struct HttpRequest final : Message {
  uint64_t id = 0;
  std::string method;  // "GET"
  std::string target;  // "/connectors/local-file-source/status?expand=info"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool has_body = false;
  std::string_view Type() const override { return "HTTP"; }
  std::string_view Category() const override { return "connect"; }
  std::string Label() const override { return method + " " + target; }
  int64_t SizeBytes() const override { return 128 + static_cast<int64_t>(body.size()); }
};

struct HttpResponse final : Message {
  uint64_t id = 0;
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // empty for 204
  std::string_view Type() const override { return "HTTP"; }
  std::string_view Category() const override { return "connect"; }
  std::string Label() const override { return fmt::format("HTTP {}", status); }
  int64_t SizeBytes() const override { return 128 + static_cast<int64_t>(body.size()); }
};

// "Created" for 201 (the reason phrase Jetty sends).
std::string_view HttpReason(int status);

}  // namespace kafkasim
