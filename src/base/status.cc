#include "newsgraph/status.h"

namespace ng {

std::string_view CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kInvalidArgument: return "invalid argument";
    case Code::kNotFound: return "not found";
    case Code::kDataLoss: return "data loss";
    case Code::kResourceExhausted: return "resource exhausted";
    case Code::kUnimplemented: return "unimplemented";
    case Code::kUnavailable: return "unavailable";
    case Code::kInternal: return "internal";
    case Code::kIo: return "i/o error";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string s(CodeName(code_));
  s += ": ";
  s += message_;
  return s;
}

}  // namespace ng
