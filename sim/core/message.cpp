#include "sim/core/message.h"

#include <array>
#include <cstdint>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

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
  static constexpr std::size_t kHugeChunkBytes = 2 * 1024 * 1024;
  static constexpr uint32_t kHugeAfter = kHugeChunkBytes / kChunkBytes;  // 2 MiB in small chunks
  static_assert(kChunkBytes % kLargest == 0);

  void* Allocate(std::size_t size) {
    if (size > kLargest) return ::operator new(size);
    Block*& head = free_[ClassOf(size)];
    if (head == nullptr) Carve(ClassOf(size));
    Block* block = head;
    head = block->next;
    // The next allocation reads the next block's link: with many messages in flight the free
    // list holds blocks long out of the cache.
    __builtin_prefetch(head);
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

  // Threads a fresh chunk onto the empty free list of one class. A class that has carved
  // kHugeAfter small chunks is holding many messages in flight (a million in the kernel
  // benchmark): from then on its chunks are 2 MiB, aligned and backed by a huge page where the
  // system allows, because a message is read at random when it arrives and a miss in the TLB
  // costs more than the miss in the cache (under virtualisation, much more).
  void Carve(std::size_t size_class) {
    const std::size_t block_bytes = size_class * kGranule;
    const bool huge = carved_[size_class]++ >= kHugeAfter;
    const std::size_t chunk_bytes = huge ? kHugeChunkBytes : kChunkBytes;
    char* chunk;
    if (huge) {
      chunk = static_cast<char*>(::operator new(chunk_bytes, std::align_val_t{kHugeChunkBytes}));
#if defined(__linux__) && defined(MADV_HUGEPAGE)
      madvise(chunk, chunk_bytes, MADV_HUGEPAGE);  // a hint: without huge pages it still works
#endif
    } else {
      chunk = static_cast<char*>(::operator new(chunk_bytes));
    }
    Block* head = nullptr;
    for (std::size_t at = chunk_bytes / block_bytes * block_bytes; at > 0;) {
      at -= block_bytes;
      head = new (chunk + at) Block{head};
    }
    free_[size_class] = head;
  }

  std::array<Block*, kLargest / kGranule + 1> free_{};
  std::array<uint32_t, kLargest / kGranule + 1> carved_{};  // chunks carved, by class
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
