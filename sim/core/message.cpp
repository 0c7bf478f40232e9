#include "sim/core/message.h"

#include <array>
#include <new>

namespace kafkasim {
namespace {

// Free lists of message-sized blocks, one per size class, carved from chunks that are never
// returned. A freed block is the next one handed out in its class, so the message a handler is
// about to send reuses the memory of one that just arrived, still in the cache. Single-threaded
// by design (determinism), so nothing is synchronised.
class MessagePool {
 public:
  static constexpr std::size_t kGranule = alignof(std::max_align_t);  // 16: every block aligned
  static constexpr std::size_t kLargest = 512;  // larger messages are rare: the general heap
  static constexpr std::size_t kChunkBytes = 64 * 1024;
  static_assert(kChunkBytes % kLargest == 0);

  void* Allocate(std::size_t size) {
    if (size > kLargest) return ::operator new(size);
    Block*& head = free_[ClassOf(size)];
    if (head == nullptr) Carve(ClassOf(size));
    Block* block = head;
    head = block->next;
    return block;
  }

  void Deallocate(void* p, std::size_t size) {
    if (size > kLargest) return ::operator delete(p);
    Block*& head = free_[ClassOf(size)];
    head = new (p) Block{head};
  }

 private:
  struct Block {
    Block* next;
  };

  static std::size_t ClassOf(std::size_t size) { return (size + kGranule - 1) / kGranule; }

  // Threads a fresh chunk onto the empty free list of one class.
  void Carve(std::size_t size_class) {
    const std::size_t block_bytes = size_class * kGranule;
    auto* chunk = static_cast<char*>(::operator new(kChunkBytes));
    Block* head = nullptr;
    for (std::size_t at = kChunkBytes / block_bytes * block_bytes; at > 0;) {
      at -= block_bytes;
      head = new (chunk + at) Block{head};
    }
    free_[size_class] = head;
  }

  std::array<Block*, kLargest / kGranule + 1> free_{};
};

// Constant-initialised and trivially destructible: usable from any static constructor or
// destructor, and the chunks live until the process ends (messages owned by static objects may
// outlive any ordinary static).
[[maybe_unused]] constinit MessagePool pool;

}  // namespace

#if defined(__SANITIZE_ADDRESS__)
// Under AddressSanitizer messages come from the general heap, so a message used after its
// delivery is reported rather than silently reading a recycled block.
void* Message::operator new(std::size_t size) { return ::operator new(size); }
void Message::operator delete(void* p, std::size_t size) { ::operator delete(p); }
#else
void* Message::operator new(std::size_t size) { return pool.Allocate(size); }
void Message::operator delete(void* p, std::size_t size) { pool.Deallocate(p, size); }
#endif

}  // namespace kafkasim
