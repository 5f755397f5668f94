using System.Text;

namespace HealthHomes.Fhir.Server.Rest.Formats;

/// <summary>
/// Where a streaming JSON reader stands, as a FHIRPath expression such as Patient.name[0].given[1] (a primitive's
/// _element companion is named as the element). Used by <see cref="RequestBodyScan"/> to name a culprit.
/// </summary>
internal sealed class JsonPath
{
    private readonly List<Level> _levels = [];
    private string _type = "";

    public bool IsResourceType => _levels.Count == 1 && _levels[0].Property == "resourceType";

    public string Expression
    {
        get
        {
            var sb = new StringBuilder(_type.Length > 0 ? _type : "$this");
            foreach (var level in _levels)
            {
                if (level.IsArray)
                {
                    sb.Append('[').Append(level.Index).Append(']');
                }
                else if (level.Property is { } name)
                {
                    sb.Append('.').Append(name.StartsWith('_') ? name[1..] : name);
                }
            }

            return sb.ToString();
        }
    }

    public void Open(bool isArray)
    {
        Value();
        _levels.Add(new Level { IsArray = isArray, Index = -1 });
    }

    public void Close() => _levels.RemoveAt(_levels.Count - 1);

    public void Name(string property) => _levels[^1].Property = property;

    /// <summary>A value starts at the current level: in an array, the next index.</summary>
    public void Value()
    {
        if (_levels.Count > 0 && _levels[^1].IsArray)
        {
            _levels[^1].Index++;
        }
    }

    /// <summary>Records the root resource's type, named first in the expression.</summary>
    public void TypeIs(string type) => _type = type;

    private sealed class Level
    {
        public bool IsArray { get; init; }

        public int Index { get; set; }

        public string? Property { get; set; }
    }
}
