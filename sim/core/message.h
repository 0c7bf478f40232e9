#pragma once
// A message is a typed value sent over the simulated network: a request, a response, a
// ZooKeeper packet. Concrete messages derive from Message and describe themselves for the trace
// (type, a short label for the packet in flight, the request's fields for the inspector).
//
// A message carries its own wire header (id, sender, receiver, send time, the trace event of its
// send, whether it will be lost), written by Network::Send. So a message on the wire is one
// allocation, and the pending event that delivers it is a pointer to it in the event queue: the
// network keeps no table of messages in flight.
//
// Messages are allocated from a pool rather than the general heap: the network moves millions
// of them a second, and a free list per size makes an allocation a pointer swap. `new` and
// `delete` of any Message subclass use it transparently (the virtual destructor gives the
// sized delete the dynamic size).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>

#include <nlohmann/json.hpp>

#include "sim/core/strong_int.h"
#include "sim/core/time.h"
#include "sim/core/trace.h"

namespace kafkasim {

class Message {
 public:
  virtual ~Message() = default;

  // The message's type name as Kafka calls it ("Produce", "Fetch", "JoinGroup", "Ping").
  virtual std::string_view Type() const = 0;
  // What the visualizer writes on the packet: "Produce orders-1 ×100", "Fetch @42".
  virtual std::string Label() const { return std::string(Type()); }
  // Which family the message belongs to, for colouring and filtering: "produce", "replication",
  // "fetch", "group", "metadata", "controller", "zookeeper", "heartbeat", "connect", "other".
  virtual std::string_view Category() const { return "other"; }
  // Bytes on the wire: the network's bandwidth model charges for them.
  virtual int64_t SizeBytes() const { return 64; }
  // The request's fields, for the trace and the packet inspector.
  virtual void DescribeFields(nlohmann::ordered_json& fields) const {}

  static void* operator new(std::size_t size);
  static void operator delete(void* p, std::size_t size);

 private:
  friend class Network;
  friend class Simulation;  // reads the receiver ahead of delivery, to prefetch it

  // The wire header. Meaningful from Network::Send on; a message not yet sent has none.
  MessageId id_;
  NodeId from_;
  NodeId to_;
  Time sent_at_;
  TraceSeq send_seq_ = 0;  // its net.send event: the cause of its net.deliver or net.drop
  bool lost_ = false;      // drawn when it was sent; it travels and dies on arrival
};

// A message as its receiver gets it: the addressing and timing, and the message itself.
struct Envelope {
  MessageId id;
  NodeId from;
  NodeId to;
  Time sent_at;
  Time arrive_at;
  std::unique_ptr<Message> message;

  // The message as a T, or null. Handlers try one type after another, so most of these calls
  // fail: for a final T (every concrete message type is final) that is one comparison of
  // type_info addresses, where a dynamic_cast would walk the class hierarchy and type_info's ==
  // compares the mangled names with strcmp whenever they differ (for types shared across
  // dynamic libraries). kafkasim links the simulator statically, so each type has exactly one
  // type_info object.
  template <typename T>
  const T* As() const {
    if constexpr (std::is_final_v<T>) {
      return message != nullptr && &typeid(*message) == &typeid(T) ? static_cast<const T*>(message.get()) : nullptr;
    } else {
      return dynamic_cast<const T*>(message.get());
    }
  }
};

}  // namespace kafkasim
