#pragma once
// What a timer runs when it fires: a move-only `void()` callable stored inside the timer's own
// slot, so that setting a timer allocates nothing.
//
// Why not std::function: libstdc++'s keeps only a callable of two pointers in place and
// allocates for anything bigger, and the usual timer lambda captures `this` and an id or two. A
// simulation sets and fires millions of timers a second, so the allocation was a cost per event.
//
// The callable lives in kInlineBytes of storage when it fits (a lambda capturing `this`, a few
// ids and even a std::function does); a larger one is kept on the heap, which is correct but no
// longer free, so keep timer captures small. Calling an empty TimerCallback is a bug (asserted).
// An empty std::function handed in gives an empty TimerCallback.

#include <cassert>
#include <concepts>
#include <cstddef>
#include <cstring>
#include <functional>
#include <new>
#include <type_traits>
#include <utility>

namespace kafkasim {

class TimerCallback {
 public:
  static constexpr size_t kInlineBytes = 48;
  static constexpr size_t kAlign = alignof(void*);

  TimerCallback() = default;
  TimerCallback(std::nullptr_t) {}  // NOLINT: as std::function, nullptr is "no callback"

  template <typename F>
    requires(!std::same_as<std::remove_cvref_t<F>, TimerCallback> &&
             std::invocable<std::remove_cvref_t<F>&>)
  TimerCallback(F&& f) {  // NOLINT: implicit, as std::function's
    using Fn = std::remove_cvref_t<F>;
    if constexpr (std::is_pointer_v<Fn> || std::is_same_v<Fn, std::function<void()>>) {
      if (!f) return;  // a null function pointer, an empty std::function
    }
    if constexpr (kInline<Fn>) {
      ::new (static_cast<void*>(storage_)) Fn(std::forward<F>(f));
      ops_ = &kInlineOps<Fn>;
    } else {
      Fn* const heap = new Fn(std::forward<F>(f));
      std::memcpy(storage_, &heap, sizeof heap);
      ops_ = &kHeapOps<Fn>;
    }
  }

  TimerCallback(TimerCallback&& other) noexcept { TakeFrom(other); }
  TimerCallback& operator=(TimerCallback&& other) noexcept {
    if (this != &other) {
      Reset();
      TakeFrom(other);
    }
    return *this;
  }
  TimerCallback& operator=(std::nullptr_t) {
    Reset();
    return *this;
  }
  TimerCallback(const TimerCallback&) = delete;
  TimerCallback& operator=(const TimerCallback&) = delete;
  ~TimerCallback() { Reset(); }

  explicit operator bool() const { return ops_ != nullptr; }

  void operator()() {
    assert(ops_ != nullptr && "calling an empty timer callback");
    ops_->invoke(storage_);
  }

  // Destroys the callable (and what it captured); the callback is empty after.
  void Reset() {
    if (ops_ == nullptr) return;
    if (ops_->destroy != nullptr) ops_->destroy(storage_);
    ops_ = nullptr;
  }

 private:
  // How a stored callable is called, moved and destroyed. A null relocate means its bytes may
  // be copied; a null destroy, that there is nothing to do (the common captures: pointers, ids).
  struct Ops {
    void (*invoke)(void* storage);
    void (*relocate)(void* from, void* to);  // move-constructs at `to`, destroys at `from`
    void (*destroy)(void* storage);
  };

  template <typename Fn>
  static constexpr bool kInline = sizeof(Fn) <= kInlineBytes &&
                                  alignof(Fn) <= kAlign &&
                                  std::is_nothrow_move_constructible_v<Fn>;

  template <typename Fn>
  static constexpr Ops kInlineOps{
      .invoke = [](void* s) { (*std::launder(static_cast<Fn*>(s)))(); },
      .relocate = std::is_trivially_copyable_v<Fn>
                      ? nullptr
                      : +[](void* from, void* to) {
                          Fn* f = std::launder(static_cast<Fn*>(from));
                          ::new (to) Fn(std::move(*f));
                          f->~Fn();
                        },
      .destroy = std::is_trivially_destructible_v<Fn>
                     ? nullptr
                     : +[](void* s) { std::launder(static_cast<Fn*>(s))->~Fn(); },
  };

  template <typename Fn>
  static Fn* HeapPointer(void* s) {
    Fn* p;
    std::memcpy(&p, s, sizeof p);
    return p;
  }
  template <typename Fn>
  static constexpr Ops kHeapOps{
      .invoke = [](void* s) { (*HeapPointer<Fn>(s))(); },
      .relocate = nullptr,  // the pointer moves; the callable stays where it is
      .destroy = [](void* s) { delete HeapPointer<Fn>(s); },
  };

  void TakeFrom(TimerCallback& other) {
    ops_ = other.ops_;
    if (ops_ == nullptr) return;
    if (ops_->relocate == nullptr) {
      std::memcpy(storage_, other.storage_, kInlineBytes);
    } else {
      ops_->relocate(other.storage_, storage_);
    }
    other.ops_ = nullptr;
  }

  const Ops* ops_ = nullptr;
  alignas(kAlign) std::byte storage_[kInlineBytes];
};

}  // namespace kafkasim
