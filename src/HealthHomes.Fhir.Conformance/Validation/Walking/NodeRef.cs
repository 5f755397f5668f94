using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation.Walking;

/// <summary>
/// Where the walker is in the instance. The FHIRPath location and the SDK's <see cref="PocoNode"/> (needed only to
/// evaluate an invariant) are built on demand, so walking a valid resource allocates little.
/// </summary>
internal sealed class NodeRef
{
    private readonly NodeRef? _parent;
    private readonly NodeRef _root;
    private readonly string _name;
    private readonly int _index;
    private PocoNode? _node;
    private string? _childName;
    private PocoNodeOrList? _childNode;
    private string? _path;
    private FhirEvaluationContext? _evaluation;

    private NodeRef(NodeRef? parent, string name, int index, Base value)
    {
        _parent = parent;
        _root = parent?._root ?? this;
        _name = name;
        _index = index;
        Value = value;
        ResourceScope = value is Resource || parent is null ? this : parent.ResourceScope;
    }

    public Base Value { get; }

    /// <summary>
    /// SDK nodes built under this root to evaluate invariants (a lookup of a repeating element builds one per item):
    /// a cost counter for tests, which stays linear in the resource's size as long as no list is built twice.
    /// </summary>
    public long SdkNodesBuilt { get; private set; }

    /// <summary>The node of the resource this element belongs to (a contained or bundled resource is its own scope).</summary>
    public NodeRef ResourceScope { get; }

    public static NodeRef Root(Resource resource) => new(null, resource.TypeName, -1, resource);

    /// <param name="index">The position in a repeating element, or -1 for a single one.</param>
    public NodeRef Child(string name, int index, Base value) => new(this, name, index, value);

    /// <summary>FHIRPath location, e.g. <c>Patient.name[0].family</c>.</summary>
    public string Path => _path ??= _parent is null
        ? _name
        : _index < 0 ? string.Concat(_parent.Path, ".", _name) : $"{_parent.Path}.{_name}[{_index}]";

    /// <summary>The location of a child that is absent (for cardinality issues).</summary>
    public string PathOf(string childName) => string.Concat(Path, ".", childName);

    public PocoNode Node => _node ??= Materialize();

    public FhirEvaluationContext Evaluation => ResourceScope._evaluation ??= new FhirEvaluationContext
    {
        Resource = ResourceScope.Node,
        RootResource = _root.Node,
    };

    /// <summary>
    /// The SDK node of a named child (a list node for a repeating element), kept for the next sibling: the walker visits
    /// a repeating element's items in a row, and building the list node again for each item made a resource of N
    /// references cost N x N.
    /// </summary>
    private PocoNodeOrList? ChildNode(string name)
    {
        if (!ReferenceEquals(_childName, name) && _childName != name)
        {
            _childNode = Node.Child(name);
            _childName = name;
            _root.SdkNodesBuilt += _childNode is PocoListNode list ? list.Count() : 1;
        }

        return _childNode;
    }

    private PocoNode Materialize()
    {
        if (_parent is null)
        {
            SdkNodesBuilt++;
            return Value.ToPocoNode();
        }

        var child = _parent.ChildNode(_name);
        return child switch
        {
            PocoListNode list when _index >= 0 => list[_index],
            PocoNode single => single,
            _ => throw new InvalidOperationException($"{Path} is not navigable"),
        };
    }
}
