using Microsoft.Data.Sqlite;

namespace HealthHomes.Fhir.Storage.Sqlite;

/// <summary>Turns an <see cref="AccessFilter"/> into a SQL condition on a Resource row alias, so that access is enforced inside the query.</summary>
internal static class AccessFilterSql
{
    /// <summary>Returns " AND (...)" for <paramref name="alias"/> (a Resource row) and adds its parameters, or "" when unrestricted.</summary>
    public static string Condition(AccessFilter access, string alias, SqliteCommand command)
    {
        if (access.IsUnrestricted)
        {
            return "";
        }

        var parts = new List<string>();
        if (access.ResourceTypes is { } types)
        {
            var names = new List<string>();
            foreach (var type in types)
            {
                var name = $"$acl_type{names.Count}";
                command.Parameters.AddWithValue(name, type);
                names.Add(name);
            }

            parts.Add(names.Count == 0 ? "0" : $"{alias}.ResourceType IN ({string.Join(", ", names)})");
        }

        if (access.Compartment is { } compartment)
        {
            command.Parameters.AddWithValue("$acl_ctype", compartment.CompartmentType);
            command.Parameters.AddWithValue("$acl_cid", compartment.Id);
            parts.Add($"(({alias}.ResourceType = $acl_ctype AND {alias}.LogicalId = $acl_cid) OR EXISTS (SELECT 1 FROM ReferenceIndex acl WHERE acl.ResourceKey = {alias}.ResourceKey AND acl.TargetId = $acl_cid AND acl.TargetType = $acl_ctype))");
        }

        return " AND " + string.Join(" AND ", parts);
    }
}
