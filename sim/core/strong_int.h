#pragma once
// An integer that cannot be mixed up with another kind of integer: a NodeId is not a MessageId
// is not an Offset. Comparison and hashing only; arithmetic where a kind needs it is spelled out.

#include <compare>
#include <cstdint>
#include <functional>

namespace kafkasim {

template <typename Tag, typename Rep = int64_t>
class StrongInt {
 public:
  using rep = Rep;
  constexpr StrongInt() = default;
  constexpr explicit StrongInt(Rep v) : v_(v) {}
  constexpr Rep value() const { return v_; }
  constexpr auto operator<=>(const StrongInt&) const = default;

 private:
  Rep v_{};
};

struct NodeIdTag {};
// A process in the simulation (a ZooKeeper server, a broker, a client, a Connect worker).
// Ids are handed out densely in the order nodes are added.
using NodeId = StrongInt<NodeIdTag, uint32_t>;
inline constexpr NodeId kNoNode{UINT32_MAX};

struct MessageIdTag {};
using MessageId = StrongInt<MessageIdTag, uint64_t>;

}  // namespace kafkasim

template <typename Tag, typename Rep>
struct std::hash<kafkasim::StrongInt<Tag, Rep>> {
  size_t operator()(const kafkasim::StrongInt<Tag, Rep>& v) const { return std::hash<Rep>{}(v.value()); }
};
