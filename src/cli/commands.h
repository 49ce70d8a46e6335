// commands.h — one function per subcommand; each returns the process exit code
// (0 ok, 1 some inputs failed, 2 usage error).
#pragma once

#include <string>
#include <vector>

namespace ng::cli {

int CmdExtract(const std::vector<std::string>& args);
int CmdAnalyze(const std::vector<std::string>& args);
int CmdIngest(const std::vector<std::string>& args);
int CmdFetch(const std::vector<std::string>& args);
int CmdCode(const std::vector<std::string>& args);
int CmdExplain(const std::vector<std::string>& args);
int CmdQuery(const std::vector<std::string>& args);
int CmdExport(const std::vector<std::string>& args);
int CmdActor(const std::vector<std::string>& args);
int CmdServe(const std::vector<std::string>& args);

}  // namespace ng::cli
