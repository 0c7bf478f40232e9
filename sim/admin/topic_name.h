#pragma once
// Kafka's rules for topic names (clients/.../common/internals/Topic.java): which names are legal,
// which are internal, and which collide in metric names ('.' and '_' are the same there). The
// broker checks them when a topic is created (AdminZkClient.validateTopicCreate); kafka-topics
// warns about collision characters before it asks.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sim/admin/admin_error.h"

namespace kafkasim {

inline constexpr std::string_view kGroupMetadataTopicName = "__consumer_offsets";
inline constexpr std::string_view kTransactionStateTopicName = "__transaction_state";
inline constexpr size_t kMaxTopicNameLength = 249;

// __consumer_offsets and __transaction_state.
bool IsInternalTopic(std::string_view topic);

// Topic.validate: InvalidTopicException with Kafka's message for an empty name, "." or "..", a
// name over 249 characters, or a character outside [a-zA-Z0-9._-].
std::optional<AdminError> ValidateTopicName(std::string_view topic);

// Topic.hasCollisionChars: the name holds '.' or '_'.
bool HasCollisionChars(std::string_view topic);

// The warning kafka-topics prints before creating such a topic.
inline constexpr std::string_view kCollisionWarning =
    "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') "
    "could "
    "collide. To avoid issues it is best to use either, but not both.";

// AdminZkClient.validateTopicCreate: an existing topic whose name equals `topic` once every '.'
// reads as '_' makes creation fail with InvalidTopicException "Topic 'a.b' collides with existing
// topics: a_b". `existing` must not hold `topic` itself (that is TopicExistsException).
std::optional<AdminError> CheckTopicCollision(std::string_view topic,
                                              std::span<const std::string> existing);

// TopicExistsException "Topic 'orders' already exists."
AdminError TopicExistsError(std::string_view topic);

}  // namespace kafkasim
