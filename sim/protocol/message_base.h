#pragma once
// The base of every Kafka protocol message on the simulated network: requests carry a
// correlation id that their response echoes, as on a real connection, so a client can match
// answers to questions and ignore answers it no longer waits for.

#include <cstdint>
#include <string_view>

#include "sim/core/message.h"

namespace kafkasim {

struct KafkaMessage : Message {
  int32_t correlation_id = 0;
};

}  // namespace kafkasim
