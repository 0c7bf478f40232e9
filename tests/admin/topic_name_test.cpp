#include "sim/admin/topic_name.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace kafkasim;

TEST_CASE("topic names: Kafka's legal characters, length and dots") {
  CHECK_FALSE(ValidateTopicName("orders"));
  CHECK_FALSE(ValidateTopicName("Orders_2024.v-1"));
  CHECK_FALSE(ValidateTopicName(std::string(249, 'a')));
  CHECK(*ValidateTopicName("") == AdminError{"org.apache.kafka.common.errors.InvalidTopicException",
                                             "Topic name is illegal, it can't be empty"});
  CHECK(ValidateTopicName("..")->message == "Topic name cannot be \".\" or \"..\"");
  CHECK(ValidateTopicName(std::string(250, 'a'))->message ==
        "Topic name is illegal, it can't be longer than 249 characters, Topic name: " +
            std::string(250, 'a'));
  CHECK(ValidateTopicName("my topic")->message ==
        "Topic name \"my topic\" is illegal, it contains a character other than ASCII "
        "alphanumerics, '.', '_' and '-'");
}

TEST_CASE("internal topics, collision characters and colliding names") {
  CHECK(IsInternalTopic("__consumer_offsets"));
  CHECK(IsInternalTopic("__transaction_state"));
  CHECK_FALSE(IsInternalTopic("__consumer_offsets2"));
  CHECK(HasCollisionChars("a.b"));
  CHECK(HasCollisionChars("a_b"));
  CHECK_FALSE(HasCollisionChars("a-b"));
  const std::vector<std::string> existing = {"orders_v1", "payments"};
  CHECK(*CheckTopicCollision("orders.v1", existing) ==
        AdminError{"org.apache.kafka.common.errors.InvalidTopicException",
                   "Topic 'orders.v1' collides with existing topics: orders_v1"});
  CHECK_FALSE(CheckTopicCollision("orders-v1", existing));
  CHECK(TopicExistsError("orders") ==
        AdminError{"org.apache.kafka.common.errors.TopicExistsException",
                   "Topic 'orders' already exists."});
}
