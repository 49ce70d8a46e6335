// robots.cc — robots.txt (RFC 9309): the group for our product token (else "*"), longest
// matching Allow/Disallow wins, Allow wins ties, '*' and '$' wildcards.
#include <cctype>

#include "ingest/http_message.h"
#include "newsgraph/ingest.h"

namespace ng {
namespace {

// Pattern match with '*' (any run) and a trailing '$' (end anchor), on a path prefix basis.
bool Matches(std::string_view pat, std::string_view path) {
  bool anchored = !pat.empty() && pat.back() == '$';
  if (anchored) pat.remove_suffix(1);
  // Iterative wildcard matching with backtracking over the last '*'.
  size_t p = 0, s = 0, star = std::string_view::npos, mark = 0;
  while (s < path.size()) {
    if (p < pat.size() && pat[p] == '*') { star = p++; mark = s; continue; }
    if (p == pat.size() && !anchored) return true;
    if (p < pat.size() && pat[p] == path[s]) { ++p; ++s; continue; }
    if (star != std::string_view::npos) { p = star + 1; s = ++mark; continue; }
    return false;
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

}  // namespace

bool RobotsAllows(std::string_view txt, std::string_view user_agent, std::string_view path) {
  std::string token = ingest::ToLower(user_agent.substr(0, user_agent.find_first_of("/ ")));
  struct Rule { bool allow; std::string pattern; };
  std::vector<Rule> mine, star;
  bool group_mine = false, group_star = false, in_agents = false, have_mine = false;
  size_t pos = 0;
  while (pos <= txt.size()) {
    size_t eol = txt.find('\n', pos);
    if (eol == std::string_view::npos) eol = txt.size();
    std::string_view line = txt.substr(pos, eol - pos);
    pos = eol + 1;
    line = ingest::Trim(line.substr(0, line.find('#')));
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = ingest::ToLower(ingest::Trim(line.substr(0, colon)));
    std::string_view value = ingest::Trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!in_agents) { group_mine = group_star = false; in_agents = true; }
      std::string agent = ingest::ToLower(value);
      if (agent == "*") group_star = true;
      else if (!agent.empty() && token.find(agent) != std::string::npos) { group_mine = true; have_mine = true; }
      continue;
    }
    if (key != "allow" && key != "disallow") { in_agents = false; continue; }
    in_agents = false;
    if (value.empty()) continue;  // "Disallow:" allows everything
    Rule r{key == "allow", std::string(value)};
    if (group_mine) mine.push_back(r);
    if (group_star) star.push_back(r);
  }
  const std::vector<Rule>& rules = have_mine ? mine : star;
  if (path.empty()) path = "/";
  size_t best_len = 0;
  bool allowed = true, any = false;
  for (const Rule& r : rules) {
    if (!Matches(r.pattern, path)) continue;
    if (!any || r.pattern.size() > best_len || (r.pattern.size() == best_len && r.allow)) {
      any = true;
      best_len = r.pattern.size();
      allowed = r.allow;
    }
  }
  return allowed;
}

}  // namespace ng
