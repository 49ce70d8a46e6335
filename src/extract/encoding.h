// encoding.h — turn the raw bytes of an HTML page into valid UTF-8.
//
// Usage:
//   NG_ASSIGN_OR_RETURN(ng::extract::DecodedText text,
//                       ng::extract::DecodeHtml(record.body, "text/html; charset=ISO-8859-1"));
//   // text.utf8 is always valid UTF-8 without NUL bytes; text.charset says how it was read.
//
// The order of evidence, strongest first:
//   1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE) — always wins, and is stripped;
//   2. the charset declared by HTTP (`http_charset`: a bare label such as "utf-8", or a whole
//      Content-Type value such as "text/html; charset=utf-8");
//   3. a <meta charset> / <meta http-equiv="Content-Type"> found by the WHATWG
//      "prescan a byte stream" algorithm over the first 4096 bytes (one pass; it finds the same
//      <meta> as scanning 1024 bytes first, and also one that straddles byte 1024);
//   4. a strict UTF-8 check of the bytes;
//   5. uchardet over (at most) 64 KB of the bytes, starting just before the first non-ASCII byte;
//   6. windows-1252.
// Labels are mapped per the WHATWG Encoding standard (iso-8859-1, latin1, us-ascii → windows-1252;
// gb2312 → GBK; x-sjis → Shift_JIS; ks_c_5601-1987 → EUC-KR; ...). Unknown labels are ignored.
//
// Declared charsets lie on real pages, so a declaration (2 or 3) is used only when the bytes agree:
//   - "looks like UTF-8" means: at least 8 well-formed multi-byte sequences for every malformed one
//     (an incomplete sequence cut off at the very end does not count as malformed). Text in a
//     legacy charset read as UTF-8 scores far below 1:1 (cp1252 almost 0, GBK/EUC ~0.1,
//     half-width katakana ~0.5), so the margin is wide both ways;
//   - a declared single- or multi-byte legacy charset is overruled by UTF-8 when the bytes contain
//     at least one multi-byte sequence and look like UTF-8 (a page re-serialised to UTF-8 that
//     still says iso-8859-1); pure-ASCII bytes keep the declared charset;
//   - a declared UTF-8 is kept when the bytes look like UTF-8 (the few malformed sequences become
//     U+FFFD and `lossy` is set); otherwise the next declaration, then detection, is tried;
//   - a declared UTF-16 (HTTP only; WHATWG turns a <meta> UTF-16 into UTF-8) is kept only when
//     the bytes show the NUL pattern of UTF-16 text, whose endianness then decides LE/BE;
//   - bytes that show that NUL pattern without a BOM are UTF-16 whatever is declared
//     (source "utf16-sniff").
// When nothing is declared, bytes that look like UTF-8 (including pure ASCII) are UTF-8.
//
// Deviations from WHATWG, on purpose (we extract text; we are not a browser):
//   - "replacement" labels (iso-2022-kr, iso-2022-cn, hz-gb-2312) decode with the real ICU
//     converter instead of producing a single U+FFFD;
//   - x-user-defined decodes as windows-1252.
//
// Output is always valid UTF-8: malformed input becomes U+FFFD (one per maximal subpart, as
// WHATWG and ICU do), NUL bytes are dropped, `lossy` tells whether any U+FFFD was inserted.
// The UTF-8 path is one vectorised validating scan (SSSE3, chosen at run time; several GB/s)
// plus one copy; every path is linear in the input size.
// Thread-safe: no global mutable state.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "newsgraph/status.h"

namespace ng::extract {

struct DecodedText {
  std::string utf8;     // valid UTF-8, no NUL bytes, no BOM (empty when `borrowed`)
  std::string charset;  // canonical name actually used: "UTF-8", "windows-1252", "Shift_JIS",
                        // ... (WHATWG names; uchardet-only ones as ICU knows them: "IBM855")
  std::string source;   // "bom" | "http" | "meta" | "utf8-check" | "utf16-sniff" | "uchardet"
                        // | "default"
  bool lossy = false;   // U+FFFD replacement characters were inserted
  // With DecodeHtml's `borrow_input`: input that is already clean UTF-8 is not copied into
  // utf8; borrowed_text views it (minus any BOM) instead, valid as long as the input is.
  bool borrowed = false;
  std::string_view borrowed_text;

  // The decoded text, wherever it is.
  std::string_view text() const { return borrowed ? borrowed_text : std::string_view(utf8); }
};

// Never fails: garbage gives a best-effort decode, and if ICU cannot convert at all (its data
// library missing) the bytes are read as windows-1252. The Result leaves room for budgets.
// `borrow_input`: see DecodedText::borrowed (saves a copy of the page when the caller keeps the
// input alive while it reads the text).
ng::Result<DecodedText> DecodeHtml(std::string_view bytes, std::string_view http_charset = {},
                                   bool borrow_input = false);

// True when `s` is well-formed UTF-8 (Unicode Table 3-7: no overlongs, no surrogates, nothing
// above U+10FFFF, no truncated sequence). NUL is well-formed UTF-8, so this accepts it.
bool IsValidUtf8(std::string_view s);

// `s` with each maximal malformed subpart replaced by U+FFFD and NUL bytes dropped.
// Cheap on clean input (one scan + one copy), so callers may call it unconditionally.
std::string SanitizeUtf8(std::string_view s);

// The WHATWG "get an encoding" step: the canonical name for a charset label ("Latin1 " →
// "windows-1252", "utf8" → "UTF-8"), or nullopt for an unknown label.
std::optional<std::string_view> CanonicalCharset(std::string_view label);

// The charset named by a <meta> element in the first `limit` bytes (WHATWG prescan), as a
// canonical name; a declared UTF-16 is reported as "UTF-8", per the standard. nullopt when none.
std::optional<std::string_view> PrescanMetaCharset(std::string_view bytes, size_t limit = 4096);

}  // namespace ng::extract
