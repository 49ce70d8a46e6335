// huge_pages.h — an allocator for the tagger's and parser's large weight tables (internal).
//
// Scoring reads a few hundred random places of ~30 MB of tables per sentence; with 4 KiB pages
// nearly every read also misses the TLB. Blocks of 2 MiB or more are allocated 2 MiB-aligned and
// marked MADV_HUGEPAGE, so the kernel (transparent huge pages in "madvise" mode, the Debian
// default) backs them with 2 MiB pages. Smaller blocks come from operator new as usual. Where
// the kernel refuses, the memory is ordinary memory: only speed changes, never results.
//   std::vector<Slot, HugePageAllocator<Slot>> table;
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>

namespace ng::syntax {

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHugePage = size_t{2} << 20;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: allocators convert implicitly

  T* allocate(size_t n) {
    if (n > static_cast<size_t>(-1) / sizeof(T) - kHugePage) throw std::bad_alloc();
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return static_cast<T*>(::operator new(bytes));
    const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (p == nullptr) throw std::bad_alloc();
    madvise(p, rounded, MADV_HUGEPAGE);  // advice only: failure leaves ordinary pages
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kHugePage) {
      ::operator delete(p);
    } else {
      std::free(p);
    }
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
  template <typename U>
  bool operator!=(const HugePageAllocator<U>&) const { return false; }
};

}  // namespace ng::syntax
