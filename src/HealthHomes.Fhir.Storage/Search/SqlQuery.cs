using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace HealthHomes.Fhir.Storage.Search;

/// <summary>
/// SQL text under construction with its parameters. Every value that comes from the request is bound as a
/// parameter; only registry ids (small integers the server owns) and fixed column names are written inline.
/// </summary>
internal sealed class SqlQuery
{
    private readonly List<KeyValuePair<string, object?>> _parameters = [];
    private int _aliases;

    public StringBuilder Text { get; } = new();

    /// <summary>
    /// The OR of <paramref name="conditions"/> as a balanced tree: "((a) OR (b)) OR ((c) OR (d))". SQLite parses a flat
    /// "a OR b OR ..." into a tree as deep as the list and refuses more than 1,000 levels; balanced, 1,000 values nest 10 deep.
    /// </summary>
    public static string AnyOf(IReadOnlyList<string> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        return conditions.Count switch
        {
            0 => "0",
            1 => "(" + conditions[0] + ")",
            _ => "(" + AnyOf([.. conditions.Take(conditions.Count / 2)]) + " OR " + AnyOf([.. conditions.Skip(conditions.Count / 2)]) + ")",
        };
    }

    /// <summary>Binds <paramref name="value"/> and returns its placeholder.</summary>
    public string Bind(object? value)
    {
        var name = "@p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(new(name, value ?? DBNull.Value));
        return name;
    }

    /// <summary>A table alias unique within this statement (nested subqueries must not shadow each other).</summary>
    public string Alias(string prefix) => prefix + (++_aliases).ToString(CultureInfo.InvariantCulture);

    public SqliteCommand CreateCommand(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // the text holds placeholders only; every request value is a bound parameter
        command.CommandText = Text.ToString();
#pragma warning restore CA2100
        foreach (var (name, value) in _parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    /// <summary>"x.SearchParameterId = 5" or "x.SearchParameterId IN (5,9)": ids come from the registry, never from the request.</summary>
    public static string ParameterIdFilter(string alias, IReadOnlyList<int> ids)
        => ids.Count == 1
            ? $"{alias}.SearchParameterId = {ids[0].ToString(CultureInfo.InvariantCulture)}"
            : $"{alias}.SearchParameterId IN ({string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)))})";
}
