// hash.h — small integer hashing shared by the stages (the tagger's feature keys, SimHash).
#pragma once

#include <cstdint>

namespace ng {

// splitmix64's finaliser: every input bit reaches every output bit (spreads FNV's weak low bits).
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace ng
