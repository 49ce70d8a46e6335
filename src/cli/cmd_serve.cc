// newsgraph serve — thin: flags → ng::ServeOptions → ng::Server::Start, then wait for SIGINT /
// SIGTERM.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "newsgraph/serve.h"

namespace ng::cli {
namespace {

constexpr const char* kHelp =
    "usage: newsgraph serve --db TARGET [--host 127.0.0.1] [--port 8080] [flags]\n"
    "\n"
    "A JSON API (described at /api/openapi.json) over a database written by `newsgraph ingest --db`:\n"
    "article search, events by the filters of `newsgraph query`, aggregates per day / dyad /\n"
    "country / place, the actor network, an article with its evidence. A database another\n"
    "process is ingesting into is served as it grows. Read-only unless --review is given.\n"
    "\n"
    "flags:\n"
    "  --db TARGET            SQLite file or postgresql:// URI (required)\n"
    "  --host ADDR            IPv4 address to bind (default 127.0.0.1; 0.0.0.0 = every interface)\n"
    "  --port N               TCP port (default 8080; 0 = any free port, printed at start)\n"
    "  --review TOKEN         accept POST /api/events/{id}/reviews with 'Authorization: Bearer TOKEN'\n"
    "                         (judgements go to their own table; export --format reviews)\n"
    "  --allow-ingest         accept POST /api/ingest (an HTML page, with 'Authorization: Bearer TOKEN'\n"
    "                         of --review): the pipeline of `ingest --db` stores it in the database\n"
    "  --max-ingest-bytes N   the largest page POST /api/ingest takes (default 8388608)\n"
    "  --threads N            worker threads, one database connection each (default 4)\n"
    "  --max-results N        the largest `limit` a request may ask for (default 1000)\n"
    "  --max-conn-per-client N  open connections per client address (default 64)\n"
    "  --statement-timeout-ms N  cancel queries running longer (default 2000)\n"
    "  --no-rollups           aggregates scan the event clusters instead of the summary tables\n"
    "                         (the answers are the same; for measuring what the summaries save)\n"
    "\n"
    "exit codes: 0 stopped by SIGINT/SIGTERM, 1 the database could not be opened or the port bound,\n"
    "2 usage error\n";

}  // namespace

int CmdServe(const std::vector<std::string>& args) {
  ServeOptions o;
  auto usage = [](const std::string& m) {
    std::fprintf(stderr, "newsgraph serve: %s\n", m.c_str());
    return 2;
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kHelp, stdout);
      return 0;
    }
    if (a == "--no-rollups") {
      o.use_rollups = false;
      continue;
    }
    if (a == "--allow-ingest") {
      o.allow_ingest = true;
      continue;
    }
    if (i + 1 >= args.size()) return usage(a.rfind("--", 0) == 0 ? a + " needs a value" : "unknown argument '" + a + "'");
    const std::string& v = args[++i];
    auto number = [&](int lo, int hi, int* out) {
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end || n < lo || n > hi) return false;
      *out = static_cast<int>(n);
      return true;
    };
    if (a == "--db") o.db = v;
    else if (a == "--host") o.host = v;
    else if (a == "--review") o.review_token = v;
    else if (a == "--port") { if (!number(0, 65535, &o.port)) return usage("--port: 0 to 65535"); }
    else if (a == "--threads") { if (!number(1, 256, &o.threads)) return usage("--threads: 1 to 256"); }
    else if (a == "--max-results") { if (!number(1, 1000000, &o.max_results)) return usage("--max-results: 1 to 1000000"); }
    else if (a == "--max-ingest-bytes") {
      int n = 0;
      if (!number(1, 1 << 30, &n)) return usage("--max-ingest-bytes: 1 to 1073741824");
      o.max_ingest_bytes = static_cast<size_t>(n);
    } else if (a == "--max-conn-per-client") {
      if (!number(1, 100000, &o.max_connections_per_client)) return usage("--max-conn-per-client: 1 to 100000");
    } else if (a == "--statement-timeout-ms") {
      if (!number(1, 3600000, &o.statement_timeout_ms)) return usage("--statement-timeout-ms: 1 to 3600000");
    } else {
      return usage("unknown argument '" + a + "'\n\n" + kHelp);
    }
  }
  if (o.db.empty()) return usage("--db is required (a SQLite file or postgresql:// URI)");
  if (!o.review_token.empty() && o.review_token.size() < 8) return usage("--review: a token of at least 8 characters");
  if (o.allow_ingest && o.review_token.empty()) return usage("--allow-ingest needs --review TOKEN (the token ingest requests carry)");
  // Block the signals before the server's threads start, so only sigwait below receives them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  Result<std::unique_ptr<Server>> server = Server::Start(o);
  if (!server.ok()) {
    std::fprintf(stderr, "newsgraph serve: %s\n", server.status().message().c_str());
    return 1;
  }
  bool uri = o.db.find("://") != std::string::npos;  // may hold a password: name the backend only
  std::printf("newsgraph serve: http://%s:%d/ (%s%s)\n", (*server)->host().c_str(), (*server)->port(),
              uri ? "PostgreSQL" : o.db.c_str(),
              o.review_token.empty() ? ", read-only" : o.allow_ingest ? ", reviews and ingest on" : ", reviews on");
  std::fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  (*server)->Stop();
  return 0;
}

}  // namespace ng::cli
