// tagset.h — fixed id tables for UD English tags (UPOS, PTB XPOS) and dependency relations.
//
// The ids are part of the tagger and parser model file formats: never reorder or remove an entry,
// only append (and bump the model versions if a model must learn the new entry).
// Id 0 of every table is "unknown": UposId("FOO") == 0, UposName(0) == "X"; XposName(0) == "_";
// DeprelName(0) == "dep". Names out of range map to the id-0 name, so *Name() never fails.
//
// Usage:
//   uint8_t u = ng::syntax::UposId("NOUN");   // 8
//   const char* s = ng::syntax::DeprelName(d);
#pragma once

#include <cstdint>
#include <string_view>

namespace ng::syntax {

int UposCount();
int XposCount();
int DeprelCount();

uint8_t UposId(std::string_view name);    // 0 when unknown
uint8_t XposId(std::string_view name);    // 0 when unknown
uint8_t DeprelId(std::string_view name);  // 0 when unknown ("dep")
const char* UposName(uint8_t id);
const char* XposName(uint8_t id);
const char* DeprelName(uint8_t id);

// Handy fixed ids (checked by a test against the tables).
inline constexpr uint8_t kUposX = 0;
inline constexpr uint8_t kDeprelDep = 0;
inline constexpr uint8_t kDeprelRoot = 5;
inline constexpr uint8_t kDeprelPunct = 1;

}  // namespace ng::syntax
