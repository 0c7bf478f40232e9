// `network`: splits, one-way blocks, delay and loss — the failures a teacher stages.
//
//   network split {broker-0 zookeeper-0} {broker-1 broker-2}
//   network isolate broker-0          # broker-0 alone on one side, everyone else on the other
//   network block broker-1 broker-0   # one way: broker-1's messages to broker-0 are lost
//   network delay broker-2 200ms      # like `tc netem delay 200ms` on broker-2
//   network loss broker-2 10%
//   network heal                      # ends splits and blocks (delay and loss stay)

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <charconv>
#include <set>

#include "sim/script/builtin_commands.h"
#include "sim/script/session.h"

namespace kafkasim {
namespace {

using Groups = std::vector<std::vector<std::string>>;

// Reads "{a b} {c d}" (the lexer makes the braces words of their own). `first` is the index of
// the first group word among the command's arguments, for error locations.
Groups ParseGroups(const std::vector<std::string>& words, int first) {
  Groups groups;
  std::set<std::string> seen;
  bool open = false;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    const int at = first + static_cast<int>(i);
    if (w == "{") {
      if (open) throw UsageError("'{' inside a group: groups cannot nest", at);
      groups.emplace_back();
      open = true;
    } else if (w == "}") {
      if (!open) throw UsageError("'}' without a '{' before it", at);
      if (groups.back().empty()) throw UsageError("empty group '{}'", at);
      open = false;
    } else {
      if (!open) throw UsageError(fmt::format("'{}' is outside a group: write {{{} ...}}", w, w), at);
      if (!seen.insert(w).second) throw UsageError(fmt::format("'{}' is in two groups", w), at);
      groups.back().push_back(w);
    }
  }
  if (open) throw UsageError("a group is missing its closing '}'");
  if (groups.size() < 2) throw UsageError("a split needs at least two groups: {a b} {c d}");
  return groups;
}

std::optional<double> ParseProbability(const std::string& text) {
  std::string digits = text;
  double scale = 1;
  if (!digits.empty() && digits.back() == '%') {
    digits.pop_back();
    scale = 100;
  }
  double v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || ptr != digits.data() + digits.size() || digits.empty()) return std::nullopt;
  v /= scale;
  if (!(v >= 0 && v <= 1)) return std::nullopt;
  return v;
}

// Resolves names to nodes, printing an error for the first unknown one.
std::optional<std::vector<NodeId>> Resolve(Session& session, const std::vector<std::string>& names) {
  std::vector<NodeId> ids;
  for (const std::string& name : names) {
    Node* node = session.FindNode(name);
    if (node == nullptr) {
      session.PrintError(session.UnknownNodeMessage(name));
      return std::nullopt;
    }
    ids.push_back(node->id());
  }
  return ids;
}

std::string Describe(const Groups& groups) {
  std::vector<std::string> parts;
  for (const auto& g : groups) parts.push_back(fmt::format("{{{}}}", fmt::join(g, " ")));
  return fmt::format("{}", fmt::join(parts, " | "));
}

int Split(Session& session, const Groups& groups) {
  std::vector<std::vector<NodeId>> ids;
  for (const auto& g : groups) {
    auto resolved = Resolve(session, g);
    if (!resolved) return 1;
    ids.push_back(*resolved);
  }
  session.sim().network().Split(ids);
  session.Emit("network.split", "",
               fmt::format("the network splits: {} — messages between the sides are lost, also "
                           "those already on the wire",
                           Describe(groups)));
  return 0;
}

class NetworkCommand : public CliCommand {
 public:
  std::string name() const override { return "network"; }
  std::string summary() const override {
    return "stage network failures: split, isolate, block, delay, loss, heal";
  }

 protected:
  Builder Define(CLI::App& app) const override {
    struct Values {
      std::vector<std::string> groups;
      std::string node, peer, amount;
    };
    auto v = std::make_shared<Values>();
    app.require_subcommand(1);
    app.add_subcommand("split", "split the nodes into groups that cannot reach each other")
        ->add_option("groups", v->groups, "{a b} {c d} ...")->required();
    app.add_subcommand("isolate", "cut one node off from every other")
        ->add_option("node", v->node)->required();
    CLI::App* block = app.add_subcommand("block", "drop every message from FROM to TO (one way)");
    block->add_option("from", v->node)->required();
    block->add_option("to", v->peer)->required();
    CLI::App* delay = app.add_subcommand("delay", "add latency to what NODE sends (0 to undo)");
    delay->add_option("node", v->node)->required();
    delay->add_option("duration", v->amount)->required();
    CLI::App* loss = app.add_subcommand("loss", "lose a share of what NODE sends (0% to undo)");
    loss->add_option("node", v->node)->required();
    loss->add_option("probability", v->amount, "10% or 0.1")->required();
    app.add_subcommand("heal", "end every split and block");

    return [v, &app](const std::vector<std::string>& args, const std::vector<std::string>&)
               -> std::unique_ptr<Invocation> {
      const std::string sub = app.get_subcommands().front()->get_name();
      if (sub == "split") {
        Groups groups = ParseGroups(v->groups, WordIndex(args, "split") + 1);
        return std::make_unique<InstantInvocation>([groups](Session& s) { return Split(s, groups); });
      }
      if (sub == "isolate") {
        return std::make_unique<InstantInvocation>([node = v->node](Session& s) {
          if (!Resolve(s, {node})) return 1;
          Groups groups{{node}, {}};
          for (const auto& n : s.sim().nodes()) {
            if (n->name() != node) groups[1].push_back(n->name());
          }
          if (groups[1].empty()) {
            s.PrintError(fmt::format("{} is the only node: there is nothing to isolate it from", node));
            return 1;
          }
          return Split(s, groups);
        });
      }
      if (sub == "block") {
        return std::make_unique<InstantInvocation>([from = v->node, to = v->peer](Session& s) {
          auto ids = Resolve(s, {from, to});
          if (!ids) return 1;
          s.sim().network().Block((*ids)[0], (*ids)[1]);
          s.Emit("network.block", from, fmt::format("every message from {} to {} is now lost (the other "
                                                    "direction still works)", from, to));
          return 0;
        });
      }
      if (sub == "delay") {
        auto d = ParseDuration(v->amount);
        if (!d) throw UsageError(fmt::format("'{}' is not a duration (like 200ms)", v->amount),
                                 WordIndex(args, v->amount));
        return std::make_unique<InstantInvocation>([node = v->node, d = *d](Session& s) {
          auto ids = Resolve(s, {node});
          if (!ids) return 1;
          s.sim().network().SetEgressDelay((*ids)[0], d);
          s.Emit("network.delay", node, fmt::format("messages sent by {} now take {} longer", node,
                                                    FormatDuration(d)));
          return 0;
        });
      }
      if (sub == "loss") {
        auto p = ParseProbability(v->amount);
        if (!p) throw UsageError(fmt::format("'{}' is not a probability (like 10% or 0.1)", v->amount),
                                 WordIndex(args, v->amount));
        return std::make_unique<InstantInvocation>([node = v->node, p = *p](Session& s) {
          auto ids = Resolve(s, {node});
          if (!ids) return 1;
          s.sim().network().SetEgressLoss((*ids)[0], p);
          s.Emit("network.loss", node, fmt::format("{}% of the messages {} sends are now lost", p * 100, node));
          return 0;
        });
      }
      return std::make_unique<InstantInvocation>([](Session& s) {
        s.sim().network().Heal();
        s.Emit("network.heal", "", "the network heals: every node can reach every other again");
        return 0;
      });
    };
  }
};

}  // namespace

void RegisterNetworkCommand(CommandRegistry& commands) { commands.Register(std::make_unique<NetworkCommand>()); }

}  // namespace kafkasim
