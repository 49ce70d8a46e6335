// coder.cc — placeholder until the coder lands (issue 6): loads nothing, codes nothing.
#include "newsgraph/code.h"

namespace ng {

class Codebook {};

Result<std::shared_ptr<const Codebook>> LoadCodebook(const std::string& dir) {
  return std::shared_ptr<const Codebook>(std::make_shared<Codebook>());
}
std::string DefaultCodebookDir() { return ""; }

std::vector<Event> CodeEvents(const Codebook&, const Analysis&, std::string_view, const CodeOptions&) {
  return {};
}

}  // namespace ng
