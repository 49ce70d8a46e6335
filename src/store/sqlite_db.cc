// sqlite_db.cc — Db over one SQLite file: WAL journal (readers never block the writer, a crash
// keeps every committed transaction), cached prepared statements, errors a user can act on.
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include <cstdio>
#include <filesystem>
#include <map>

#include "store/db.h"
#include "store/fts_search.h"

namespace ng::store {
namespace {

std::string DirOf(const std::string& path) {
  std::filesystem::path p(path);
  std::string d = p.parent_path().string();
  return d.empty() ? "." : d;
}

class SqliteDb : public Db {
 public:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteDb() override {
    for (auto& [k, s] : stmts_) sqlite3_finalize(s);
    sqlite3_close(db_);
  }
  std::string dialect() const override { return "sqlite"; }

  // SQLite does not keep errno for a failed write (sqlite3_system_errno is 0 after an EPERM):
  // ask the file system whether the database or its WAL may still be written — access(2), not a
  // test open: closing another descriptor of the file would drop SQLite's POSIX locks. EROFS (a
  // read-only mount), EPERM (an immutable file) or EACCES; 0 when both may be written.
  int WriteRefused() const {
    for (const std::string& f : {path_, path_ + "-wal"}) {
      if (::access(f.c_str(), W_OK) != 0 && (errno == EROFS || errno == EPERM || errno == EACCES)) return errno;
    }
    return 0;
  }

  // Translates an SQLite failure into one line that says what happened and what to do.
  Status Error(int rc, const std::string& what) const {
    int base = rc & 0xff;
    std::string msg = path_ + ": " + what + ": " + sqlite3_errmsg(db_);
    int err = sqlite3_system_errno(db_);
    // A write refused by the file system (a read-only mount, an immutable file: EROFS / EPERM /
    // EACCES) is a read-only database, not a full disk. Other failed writes are almost always no
    // space or a file size limit (EFBIG); SQLite reports only ENOSPC as SQLITE_FULL and does not
    // always keep errno, so treat them alike.
    if (base == SQLITE_IOERR) {
      int refused = (err == EROFS || err == EPERM || err == EACCES) ? err : WriteRefused();
      if (refused) {
        base = SQLITE_READONLY;
        err = refused;
      } else if (err == ENOSPC || err == EFBIG || err == EDQUOT || rc == SQLITE_IOERR_WRITE) {
        base = SQLITE_FULL;
      }
    }
    switch (base) {
      case SQLITE_INTERRUPT:
        return ResourceExhausted(path_ + ": the query ran longer than the statement timeout (" +
                                 std::to_string(timeout_ms_) + " ms) and was cancelled; narrow the filters");
      case SQLITE_FULL:
        return ResourceExhausted(path_ + ": disk full or file size limit reached (" + what + ": " + sqlite3_errmsg(db_) +
                                 "); the open batch was rolled back, everything committed before is kept. "
                                 "Free space and rerun: ingest resumes where it stopped");
      case SQLITE_NOTADB:
      case SQLITE_CORRUPT:
        return DataLoss(path_ + ": not a newsgraph database or the file is corrupted (" +
                        sqlite3_errmsg(db_) + "); move it away or choose another --db");
      case SQLITE_READONLY:
      case SQLITE_CANTOPEN:
      case SQLITE_PERM:
        return IoError(msg + (err ? std::string(" (") + std::strerror(err) + ")" : std::string()) +
                       ": is the file or its directory " + DirOf(path_) +
                       " read-only? SQLite also writes " + path_ + "-wal and -shm next to it. The open batch "
                       "was rolled back, everything committed before is kept; rerun once it is writable");
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return Status(Code::kUnavailable, msg + " (another newsgraph process is writing; retry when it ends)");
      case SQLITE_IOERR:
        return IoError(msg);
      default:
        return Internal(msg);
    }
  }

  Result<sqlite3_stmt*> Prepare(const std::string& sql, bool cache) {
    if (cache) {
      auto it = stmts_.find(sql);
      if (it != stmts_.end()) {
        sqlite3_reset(it->second);
        sqlite3_clear_bindings(it->second);
        return it->second;
      }
    }
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &s, nullptr);
    if (rc != SQLITE_OK) return Error(rc, "preparing SQL");
    if (cache) stmts_[sql] = s;
    return s;
  }

  Status Bind(sqlite3_stmt* s, const std::vector<Value>& params) {
    for (size_t i = 0; i < params.size(); ++i) {
      int k = static_cast<int>(i + 1), rc = SQLITE_OK;
      const Value& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) rc = sqlite3_bind_null(s, k);
      else if (auto* n = std::get_if<int64_t>(&v)) rc = sqlite3_bind_int64(s, k, *n);
      else if (auto* d = std::get_if<double>(&v)) rc = sqlite3_bind_double(s, k, *d);
      else {
        const std::string& t = std::get<std::string>(v);
        rc = sqlite3_bind_text(s, k, t.data(), static_cast<int>(t.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) return Error(rc, "binding a value");
    }
    return Status::Ok();
  }

  Result<std::vector<Row>> Run(const std::string& sql, const std::vector<Value>& params, bool cache) {
    if (timeout_ms_ > 0) deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms_);
    NG_ASSIGN_OR_RETURN(sqlite3_stmt * s, Prepare(sql, cache));
    std::vector<Row> rows;
    Status st = Bind(s, params);
    while (st.ok()) {
      int rc = sqlite3_step(s);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) { st = Error(rc, "running SQL"); break; }
      int n = sqlite3_column_count(s);
      Row r(static_cast<size_t>(n));
      for (int i = 0; i < n; ++i) {
        if (sqlite3_column_type(s, i) == SQLITE_NULL) continue;
        const unsigned char* t = sqlite3_column_text(s, i);
        r[static_cast<size_t>(i)] = std::string(reinterpret_cast<const char*>(t),
                                                static_cast<size_t>(sqlite3_column_bytes(s, i)));
      }
      rows.push_back(std::move(r));
    }
    if (cache) sqlite3_reset(s);
    else sqlite3_finalize(s);
    if (!st.ok()) return st;
    return rows;
  }

  Status Exec(const std::string& sql, const std::vector<Value>& params) override {
    if (params.empty()) {  // may hold several statements (migrations)
      if (timeout_ms_ > 0) deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms_);
      char* err = nullptr;
      int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
      sqlite3_free(err);
      return rc == SQLITE_OK ? Status::Ok() : Error(rc, "running SQL");
    }
    return Run(sql, params, true).status();
  }
  Result<std::vector<Row>> Query(const std::string& sql, const std::vector<Value>& params) override {
    return Run(sql, params, true);
  }
  Status Begin() override { return Exec("BEGIN IMMEDIATE", {}); }
  Status Commit() override { return Exec("COMMIT", {}); }
  void Rollback() override {
    if (!sqlite3_get_autocommit(db_)) (void)Exec("ROLLBACK", {});
  }
  Status Insert(const std::string& table, const std::vector<std::string>& columns,
                std::vector<Value> values) override {
    std::string key = table;
    for (const auto& c : columns) key += "," + c;
    auto it = insert_sql_.find(key);
    if (it == insert_sql_.end()) {
      std::string sql = "INSERT INTO " + table + " (";
      for (size_t i = 0; i < columns.size(); ++i) sql += (i ? "," : "") + columns[i];
      sql += ") VALUES (";
      for (size_t i = 0; i < columns.size(); ++i) sql += i ? ",?" : "?";
      sql += ")";
      it = insert_sql_.emplace(key, sql).first;
    }
    return Run(it->second, values, true).status();
  }
  Status Flush() override { return Status::Ok(); }
  Status SetStatementTimeout(int ms) override {
    timeout_ms_ = ms;
    // The handler runs every N virtual-machine steps (a few microseconds each).
    sqlite3_progress_handler(db_, ms > 0 ? 10000 : 0, ms > 0 ? &SqliteDb::Expired : nullptr, this);
    return Status::Ok();
  }

 private:
  static int Expired(void* self) {
    return std::chrono::steady_clock::now() > static_cast<SqliteDb*>(self)->deadline_ ? 1 : 0;
  }
  int timeout_ms_ = 0;
  std::chrono::steady_clock::time_point deadline_;
  sqlite3* db_;
  std::string path_;
  std::map<std::string, sqlite3_stmt*> stmts_;
  std::map<std::string, std::string> insert_sql_;
};

}  // namespace

Result<std::unique_ptr<Db>> OpenSqlite(const std::string& path, bool read_only) {
  std::error_code ec;
  bool exists = std::filesystem::exists(path, ec);
  if (read_only && !exists) return NotFound(path + ": no such database (create it with `newsgraph ingest … --db " + path + "`)");
  if (exists && std::filesystem::is_directory(path, ec)) return InvalidArgument(path + " is a directory, not a database file");
  std::string dir = DirOf(path);
  if (!read_only && !std::filesystem::is_directory(dir, ec)) return NotFound(path + ": directory " + dir + " does not exist");
  if (!read_only && access(dir.c_str(), W_OK) != 0) {
    return IoError(path + ": directory " + dir + " is not writable (SQLite needs to create " +
                   (exists ? path + "-wal" : path) + " there); choose a writable --db location");
  }
  // SQLite counts its allocations under a global mutex unless told not to (nothing here reads
  // the counts): before the first open only, later calls are refused and change nothing.
  static const bool no_memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)no_memstatus;
  sqlite3* db = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  std::string name = path;
  if (read_only && access(dir.c_str(), W_OK) != 0) {
    // A WAL database in a directory we cannot write (read-only mount, archive): SQLite cannot
    // create the -shm index, so read the file as immutable — nobody can be writing it there.
    name = "file:";
    for (char c : path) {
      if (c == '%' || c == '?' || c == '#') {
        char esc[4];
        std::snprintf(esc, sizeof esc, "%%%02X", static_cast<unsigned char>(c));
        name += esc;
      } else {
        name += c;
      }
    }
    name += "?immutable=1";
    flags |= SQLITE_OPEN_URI;
  }
  int rc = sqlite3_open_v2(name.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = path + ": cannot open: " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return IoError(msg);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 10000);
  auto out = std::make_unique<SqliteDb>(db, path);
  std::string fts_error;
  if (!RegisterFtsFunctions(db, &fts_error)) return Internal(path + ": " + fts_error);
  // Touch the header now so a corrupt file is reported on open, not halfway through a run.
  Result<std::vector<Row>> probe = out->Query("SELECT count(*) FROM sqlite_master", {});
  if (!probe.ok()) return probe.status();
  if (!read_only) {
    NG_RETURN_IF_ERROR(out->Exec("PRAGMA journal_mode=WAL", {}));
    // NORMAL in WAL mode: a process crash (kill -9) never loses a committed transaction.
    NG_RETURN_IF_ERROR(out->Exec("PRAGMA synchronous=NORMAL", {}));
  }
  NG_RETURN_IF_ERROR(out->Exec("PRAGMA cache_size=-131072", {}));
  NG_RETURN_IF_ERROR(out->Exec("PRAGMA temp_store=MEMORY", {}));
  return std::unique_ptr<Db>(std::move(out));
}

Result<int64_t> QueryInt(Db& db, const std::string& sql, const std::vector<Value>& params) {
  NG_ASSIGN_OR_RETURN(std::vector<Row> rows, db.Query(sql, params));
  if (rows.empty() || rows[0].empty() || !rows[0][0]) return int64_t{0};
  return static_cast<int64_t>(std::strtoll(rows[0][0]->c_str(), nullptr, 10));
}

}  // namespace ng::store
