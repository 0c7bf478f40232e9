// `sqlite3 FILE "SQL"` as the sqlite3 shell runs it: the statements run against the real database
// file (created when missing), and the rows the last one returns print in list mode ("a|b", NULL
// as nothing). A lesson uses it to insert rows a JDBC source connector picks up, and to look at
// what a JDBC sink wrote. An error prints "Error: ..." and fails the command.
//
// `expect sqlite FILE "SQL" == V` checks the first column of the first row a query returns
// (`expect sqlite sink.db "SELECT count(*) FROM users" == 5`).

#include <fmt/format.h>

#include "sim/connect/commands.h"
#include "sim/connect/sqlite_db.h"
#include "sim/script/session.h"

namespace kafkasim {
namespace {

class SqliteCommand : public Command {
 public:
  std::string name() const override { return "sqlite3"; }
  std::string summary() const override {
    return "run SQL on a real SQLite file: sqlite3 source.db \"INSERT INTO users VALUES (1, 'ada')\"";
  }
  ParsedCommand Parse(const std::vector<std::string>& args, const std::vector<std::string>&) const override {
    if (args.size() == 1 && args[0] == "--help") {
      return {.help = "Usage: sqlite3 FILE \"SQL\"\n"
                      "Runs the SQL statements on the database file (created when missing) and prints the rows\n"
                      "of the last query in list mode (columns separated by |).\n"};
    }
    if (args.size() != 2) {
      throw UsageError(args.size() < 2 ? "sqlite3 takes a database file and one quoted SQL text: sqlite3 FILE \"SQL\""
                                       : "too many arguments: quote the SQL text (sqlite3 FILE \"SQL\")",
                       args.size() < 2 ? -1 : 2);
    }
    return {.invocation = std::make_unique<InstantInvocation>([file = args[0], sql = args[1]](Session& session) {
      auto db = SqliteDb::Open(file, /*create=*/true);
      if (auto* e = std::get_if<std::string>(&db)) {
        session.PrintError("Error: " + *e);
        return 1;
      }
      auto rows = std::get<SqliteDb>(db).Execute(sql);
      if (auto* e = std::get_if<std::string>(&rows)) {
        session.PrintError("Error: " + *e);
        return 1;
      }
      for (const auto& row : std::get<SqlRows>(rows).rows) session.Print(SqlRowText(row));
      return 0;
    })};
  }
};

QueryResult SqliteQuery(Session&, const std::vector<std::string>& a) {
  auto db = SqliteDb::Open(a[0], /*create=*/false);
  if (auto* e = std::get_if<std::string>(&db)) return QueryError{*e};
  auto rows = std::get<SqliteDb>(db).Execute(a[1]);
  if (auto* e = std::get_if<std::string>(&rows)) return QueryError{fmt::format("{}: {}", a[0], *e)};
  const SqlRows& r = std::get<SqlRows>(rows);
  if (r.rows.empty() || r.rows[0].empty()) return QueryError{fmt::format("the query returned no row: {}", a[1])};
  return SqlValueText(r.rows[0][0]);
}

}  // namespace

void RegisterSqliteCommand(Session& session) {
  session.commands().Register(std::make_unique<SqliteCommand>());
  session.queries().Register({.name = "sqlite", .usage = "sqlite FILE \"SQL\"", .arguments = 2,
                              .evaluate = SqliteQuery});
}

}  // namespace kafkasim
