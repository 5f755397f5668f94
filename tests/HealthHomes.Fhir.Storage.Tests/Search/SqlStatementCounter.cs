using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace HealthHomes.Fhir.Storage.Tests.Search;

/// <summary>Counts the SQL statements SQLite runs on one connection (via sqlite3_trace), to pin a search's cost.</summary>
public sealed class SqlStatementCounter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly List<string> _statements = [];

    public SqlStatementCounter(SqliteConnection connection)
    {
        _connection = connection;
        raw.sqlite3_trace(connection.Handle, (_, sql) => _statements.Add(sql.utf8_to_string()), null);
    }

    public IReadOnlyList<string> Statements => _statements;

    public int Selects => _statements.Count(s => s.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase));

    public void Dispose() => raw.sqlite3_trace(_connection.Handle, (strdelegate_trace?)null, null);
}
