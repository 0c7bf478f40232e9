// `curl` as a lesson types it against Kafka Connect's REST API, from the simulated machine:
//
//   curl [-s] [-S] [-i] [-f] [-X METHOD] [-H 'Name: value']... [-d DATA | -d @FILE]... URL
//
//   -X/--request     the method (default GET, or POST when there is data)
//   -H/--header      a request header; a lesson must send `Content-Type: application/json` with
//                    a body, as at work: curl's own default for -d is
//                    application/x-www-form-urlencoded, which Connect answers with 415
//   -d/--data        the body; @FILE reads a real file (relative to the working directory) and,
//                    as curl does, drops its line breaks; --data-binary keeps them and
//                    --data-raw takes '@' literally; several are joined with '&'
//   -i/--include     print the status line and headers before the body
//   -s/--silent      no error messages (-S shows them again); -f/--fail: an HTTP error is exit 22
//   -L, --location, -v are accepted; the body is printed as the server sent it (compact JSON).
//
// The request travels the simulated network from node `curl` to the worker's node. Exit codes
// and messages are curl 7.88's: 6 (unknown host), 7 (nothing listening), 22 (-f), 52 (the
// worker died before answering).

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "sim/connect/commands.h"
#include "sim/connect/connect_part.h"
#include "sim/connect/http_messages.h"
#include "sim/script/foreground_job.h"
#include "sim/script/session.h"

namespace kafkasim {
namespace {

constexpr Duration kLivenessCheck = Duration::Millis(100);

// The node curl runs on: hands each response to the request that waits for it.
class CurlProcess : public Process {
 public:
  using OnResponse = std::function<void(const HttpResponse&)>;
  void OnMessage(const Envelope& e) override {
    const auto* r = e.As<HttpResponse>();
    if (r == nullptr) return;
    auto it = waiting_.find(r->id);
    if (it == waiting_.end()) return;
    OnResponse callback = std::move(it->second);
    waiting_.erase(it);
    callback(*r);
  }
  uint64_t NextId() { return ++next_id_; }
  void Wait(uint64_t id, OnResponse callback) { waiting_[id] = std::move(callback); }
  void Forget(uint64_t id) { waiting_.erase(id); }

 private:
  std::map<uint64_t, OnResponse> waiting_;
  uint64_t next_id_ = 0;
};

struct CurlOptions {
  std::string method, url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::string> data;
  bool has_data = false, silent = false, show_error = false, include = false, fail = false;
};

class CurlInvocation : public Invocation {
 public:
  explicit CurlInvocation(CurlOptions o) : o_(std::move(o)) {}

  void Start(Session& session, std::function<void(int)> done) override {
    session_ = &session;
    job_.Begin(session, std::move(done));
    // http://host:port/path — curl assumes http:// when no scheme is given.
    std::string rest = o_.url;
    if (rest.starts_with("http://")) rest = rest.substr(7);
    const size_t slash = rest.find('/');
    const std::string authority = rest.substr(0, slash);
    target_ = slash == std::string::npos ? "/" : rest.substr(slash);
    const size_t colon = authority.rfind(':');
    const std::string host = authority.substr(0, colon);
    const int32_t port = colon == std::string::npos ? 80 : std::atoi(authority.substr(colon + 1).c_str());
    if (host != "localhost" && host != "127.0.0.1" && host != "0.0.0.0") {
      return Fail(6, fmt::format("curl: (6) Could not resolve host: {}", host));
    }
    auto& part = session.part<ConnectPart>();
    Herder* worker = part.ListeningOn(port);
    if (worker == nullptr || !worker->ready()) {
      return Fail(7, fmt::format("curl: (7) Failed to connect to {} port {} after 0 ms: Couldn't connect to server",
                                 host, port));
    }
    worker_node_ = part.NodeListeningOn(port);
    Simulation& sim = session.sim();
    Node* node = sim.FindNode("curl");
    if (node == nullptr) {
      const NodeId id = sim.AddNode("curl", "client", [] { return std::make_unique<CurlProcess>(); });
      sim.Start(id);
      node = &sim.node(id);
    } else if (!node->running()) {
      sim.Restart(node->id());
    }
    curl_node_ = node->id();
    job_.RunsAs(curl_node_);
    auto* curl = static_cast<CurlProcess*>(node->process());
    request_id_ = curl->NextId();
    auto request = std::make_unique<HttpRequest>();
    request->id = request_id_;
    request->method = o_.method.empty() ? (o_.has_data ? "POST" : "GET") : o_.method;
    request->target = target_;
    request->headers.emplace_back("Host", authority);
    request->headers.emplace_back("User-Agent", "curl/7.88.1");
    request->headers.emplace_back("Accept", "*/*");
    bool has_type = false;
    for (const auto& [k, v] : o_.headers) {
      std::string lower = k;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower == "content-type") has_type = true;
      request->headers.emplace_back(k, v);
    }
    if (o_.has_data) {
      request->has_body = true;
      request->body = fmt::format("{}", fmt::join(o_.data, "&"));
      if (!has_type) request->headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    }
    curl->Wait(request_id_, [this](const HttpResponse& r) { OnResponse(r); });
    sim.network().Send(curl_node_, worker_node_, std::move(request));
    CheckAlive();
  }

 private:
  void CheckAlive() {
    // The command may be gone once it finished (the shell drops it): check before touching it.
    session_->sim().Schedule(kLivenessCheck, curl_node_, [this, finished = finished_] {
      if (*finished) return;
      if (!session_->sim().node(worker_node_).running()) {
        if (auto* p = static_cast<CurlProcess*>(session_->sim().node(curl_node_).process())) p->Forget(request_id_);
        return Fail(52, "curl: (52) Empty reply from server");
      }
      CheckAlive();
    });
  }

  void OnResponse(const HttpResponse& r) {
    if (o_.fail && r.status >= 400) {
      return Fail(22, fmt::format("curl: (22) The requested URL returned error: {}", r.status));
    }
    std::string out;
    if (o_.include) {
      out += fmt::format("HTTP/1.1 {} {}\n", r.status, HttpReason(r.status));
      for (const auto& [k, v] : r.headers) out += fmt::format("{}: {}\n", k, v);
      out += fmt::format("Content-Length: {}\nServer: Jetty(9.4.53.v20231009)\n\n", r.body.size());
    }
    out += r.body;
    if (!out.empty()) session_->Print(out);
    Finish(0);
  }

  void Fail(int code, const std::string& message) {
    if (!o_.silent || o_.show_error) session_->PrintError(message);
    Finish(code);
  }

  void Finish(int code) {
    if (*finished_) return;
    *finished_ = true;
    job_.Finish(code);
  }

  CurlOptions o_;
  Session* session_ = nullptr;
  ForegroundJob job_;
  std::string target_;
  NodeId worker_node_ = kNoNode, curl_node_ = kNoNode;
  uint64_t request_id_ = 0;
  std::shared_ptr<bool> finished_ = std::make_shared<bool>(false);
};

// -d's argument: @FILE reads the file, dropping CR and LF as curl does (unless binary).
std::string DataArgument(const std::string& arg, bool literal, bool binary, int word) {
  if (literal || !arg.starts_with("@")) return arg;
  std::ifstream in(arg.substr(1), std::ios::binary);
  if (!in) throw UsageError(fmt::format("Warning: Couldn't read data from file \"{}\", this makes an empty POST.",
                                        arg.substr(1)),
                            word);
  std::ostringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  if (!binary) std::erase_if(s, [](char c) { return c == '\r' || c == '\n'; });
  return s;
}

class CurlCommand : public Command {
 public:
  std::string name() const override { return "curl"; }
  std::string summary() const override {
    return "talk to Kafka Connect's REST API: curl -s -X POST -H 'Content-Type: application/json' --data @c.json "
           "http://localhost:8083/connectors";
  }
  ParsedCommand Parse(const std::vector<std::string>& args, const std::vector<std::string>&) const override {
    static const std::string kUsage =
        "Usage: curl [options...] <url>\n"
        " -d, --data <data>          HTTP POST data (@FILE reads a file)\n"
        "     --data-binary <data>   HTTP POST binary data\n"
        "     --data-raw <data>      HTTP POST data, '@' allowed\n"
        " -f, --fail                 Fail fast with no output on HTTP errors\n"
        " -H, --header <header>      Pass custom header(s) to server\n"
        " -i, --include              Include protocol response headers in the output\n"
        " -X, --request <method>     Specify request method to use\n"
        " -s, --silent               Silent mode\n"
        " -S, --show-error           Show error even when -s is used\n";
    if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) return {.help = kUsage};
    CurlOptions o;
    for (size_t i = 0; i < args.size(); ++i) {
      const std::string& a = args[i];
      const int word = static_cast<int>(i);
      auto value = [&](std::string_view flag) -> std::string {
        if (i + 1 >= args.size()) throw UsageError(fmt::format("curl: option {}: requires parameter", flag), word);
        return args[++i];
      };
      if (a == "-X" || a == "--request") {
        o.method = value(a);
      } else if (a.starts_with("-X") && a.size() > 2) {
        o.method = a.substr(2);
      } else if (a == "-H" || a == "--header") {
        const std::string h = value(a);
        const size_t colon = h.find(':');
        if (colon == std::string::npos) continue;  // curl ignores a header without a colon
        std::string v = h.substr(colon + 1);
        while (!v.empty() && v.front() == ' ') v.erase(v.begin());
        o.headers.emplace_back(h.substr(0, colon), v);
      } else if (a == "-d" || a == "--data" || a == "--data-ascii" || a == "--data-binary" || a == "--data-raw") {
        o.data.push_back(DataArgument(value(a), a == "--data-raw", a == "--data-binary", word + 1));
        o.has_data = true;
      } else if (a == "-L" || a == "--location" || a == "-v" || a == "--verbose") {
        // accepted; no redirects happen here, and verbose output is not simulated
      } else if (a == "--silent") {
        o.silent = true;
      } else if (a == "--show-error") {
        o.show_error = true;
      } else if (a == "--include") {
        o.include = true;
      } else if (a == "--fail") {
        o.fail = true;
      } else if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
        for (char c : a.substr(1)) {  // combined short flags: -sS, -si
          if (c == 's') o.silent = true;
          else if (c == 'S') o.show_error = true;
          else if (c == 'i') o.include = true;
          else if (c == 'f') o.fail = true;
          else if (c == 'L' || c == 'v') continue;
          else throw UsageError(fmt::format("curl: option {}: is unknown", a), word);
        }
      } else if (a.starts_with("--")) {
        throw UsageError(fmt::format("curl: option {}: is unknown", a), word);
      } else {
        if (!o.url.empty()) throw UsageError("kafkasim's curl takes one URL", word);
        o.url = a;
      }
    }
    if (o.url.empty()) throw UsageError("curl: no URL specified!");
    if (o.url.find("://") != std::string::npos && !o.url.starts_with("http://")) {
      throw UsageError(fmt::format("curl: (1) Protocol \"{}\" not supported", o.url.substr(0, o.url.find("://"))),
                       WordIndex(args, o.url));
    }
    return {.invocation = std::make_unique<CurlInvocation>(std::move(o))};
  }
};

}  // namespace

void RegisterCurlCommand(Session& session) { session.commands().Register(std::make_unique<CurlCommand>()); }

}  // namespace kafkasim
