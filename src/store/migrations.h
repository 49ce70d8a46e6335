// migrations.h — the schema migrations compiled into the binary (src/store/schema/*.sql, in
// name order). NNN_name.sql runs on every backend, NNN_name.sqlite.sql / NNN_name.postgres.sql
// only on that one; the version is NNN, recorded in schema_migrations. On SQLite `BIGINT PRIMARY
// KEY` is read as `INTEGER PRIMARY KEY` (the rowid alias; PostgreSQL needs BIGINT for 64-bit ids).
#pragma once

#include <cstddef>

namespace ng::store {

struct Migration {
  const char* file;
  const char* sql;
};
extern const Migration kMigrations[];
extern const size_t kMigrationCount;

}  // namespace ng::store
