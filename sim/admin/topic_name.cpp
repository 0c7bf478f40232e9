#include "sim/admin/topic_name.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace kafkasim {
namespace {

std::string Unified(std::string_view topic) {
  std::string s(topic);
  std::replace(s.begin(), s.end(), '.', '_');
  return s;
}

}  // namespace

bool IsInternalTopic(std::string_view topic) {
  return topic == kGroupMetadataTopicName || topic == kTransactionStateTopicName;
}

std::optional<AdminError> ValidateTopicName(std::string_view topic) {
  const auto invalid = [](std::string message) {
    return MakeAdminError(exceptions::kInvalidTopic, std::move(message));
  };
  if (topic.empty()) return invalid("Topic name is illegal, it can't be empty");
  if (topic == "." || topic == "..") return invalid("Topic name cannot be \".\" or \"..\"");
  if (topic.size() > kMaxTopicNameLength) {
    return invalid(
        fmt::format("Topic name is illegal, it can't be longer than {} characters, Topic name: {}",
                    kMaxTopicNameLength, topic));
  }
  const bool legal = std::all_of(topic.begin(), topic.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
  if (!legal) {
    return invalid(
        fmt::format("Topic name \"{}\" is illegal, it contains a character other than ASCII "
                    "alphanumerics, '.', '_' and '-'",
                    topic));
  }
  return std::nullopt;
}

bool HasCollisionChars(std::string_view topic) {
  return topic.find('.') != std::string_view::npos || topic.find('_') != std::string_view::npos;
}

std::optional<AdminError> CheckTopicCollision(std::string_view topic,
                                              std::span<const std::string> existing) {
  if (!HasCollisionChars(topic)) return std::nullopt;
  std::vector<std::string> colliding;
  for (const std::string& other : existing) {
    if (other != topic && Unified(other) == Unified(topic)) colliding.push_back(other);
  }
  if (colliding.empty()) return std::nullopt;
  return MakeAdminError(exceptions::kInvalidTopic,
                        fmt::format("Topic '{}' collides with existing topics: {}", topic,
                                    fmt::join(colliding, ", ")));
}

AdminError TopicExistsError(std::string_view topic) {
  return MakeAdminError(exceptions::kTopicExists, fmt::format("Topic '{}' already exists.", topic));
}

}  // namespace kafkasim
