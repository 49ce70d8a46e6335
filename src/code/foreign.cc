// foreign.cc — placeholder until the TABARI/PETRARCH dictionary reader lands (issue 6).
#include "newsgraph/code.h"

namespace ng {

Result<std::unique_ptr<ForeignCoder>> LoadForeignDictionaries(const std::string& path) {
  return Status(Code::kUnimplemented, "TABARI/PETRARCH dictionaries are not supported yet");
}

}  // namespace ng
