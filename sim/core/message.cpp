#include "sim/core/message.h"

#include <memory_resource>

namespace kafkasim {
namespace {

// One pool for the process. The simulator is single-threaded by design (determinism), so the
// unsynchronized pool is the right one. Never destroyed: messages owned by static objects may
// outlive any ordinary static.
std::pmr::unsynchronized_pool_resource& MessagePool() {
  static auto* pool = new std::pmr::unsynchronized_pool_resource();
  return *pool;
}

}  // namespace

void* Message::operator new(std::size_t size) { return MessagePool().allocate(size, alignof(std::max_align_t)); }

void Message::operator delete(void* p, std::size_t size) {
  MessagePool().deallocate(p, size, alignof(std::max_align_t));
}

}  // namespace kafkasim
