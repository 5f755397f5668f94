using HealthHomes.Fhir.Storage.Indexing;
using Microsoft.Data.Sqlite;

namespace HealthHomes.Fhir.Storage.Sqlite;

/// <summary>Stable small-int ids for (resource type, code): read from the SearchParameter table, new ones appended.</summary>
internal static class SearchParameterIds
{
    public static async Task<Dictionary<(string Type, string Code), int>> LoadOrAssignAsync(
        SqliteConnection connection, IReadOnlyList<SearchParameterDefinition> definitions, CancellationToken ct)
    {
        var ids = new Dictionary<(string, string), int>();
        var max = 0;
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT SearchParameterId, ResourceType, Code FROM SearchParameter";
            await using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var id = reader.GetInt32(0);
                ids[(reader.GetString(1), reader.GetString(2))] = id;
                max = Math.Max(max, id);
            }
        }

        var missing = definitions.Where(d => !ids.ContainsKey((d.ResourceType, d.Code))).DistinctBy(d => (d.ResourceType, d.Code)).ToList();
        if (missing.Count == 0)
        {
            return ids;
        }

        await using var tx = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO SearchParameter (SearchParameterId, ResourceType, Code, Type, Url) VALUES ($id, $type, $code, $kind, $url)";
        var pId = insert.Parameters.Add("$id", SqliteType.Integer);
        var pType = insert.Parameters.Add("$type", SqliteType.Text);
        var pCode = insert.Parameters.Add("$code", SqliteType.Text);
        var pKind = insert.Parameters.Add("$kind", SqliteType.Text);
        var pUrl = insert.Parameters.Add("$url", SqliteType.Text);
        foreach (var d in missing)
        {
            ids[(d.ResourceType, d.Code)] = ++max;
            pId.Value = max;
            pType.Value = d.ResourceType;
            pCode.Value = d.Code;
            pKind.Value = d.Type.ToString();
            pUrl.Value = d.Url;
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
        return ids;
    }
}
