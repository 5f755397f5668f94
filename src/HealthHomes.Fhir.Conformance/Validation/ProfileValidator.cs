using System.Runtime.CompilerServices;
using HealthHomes.Fhir.Conformance.Specification;
using HealthHomes.Fhir.Conformance.Validation.Plans;
using HealthHomes.Fhir.Conformance.Validation.Terminology;
using HealthHomes.Fhir.Conformance.Validation.Walking;
using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Conformance.Validation;

/// <summary>
/// Our validator: base R4 structure and invariants (the core definition of the resource type), then every profile
/// in meta.profile and in <c>extraProfiles</c>. Each StructureDefinition is compiled once into a plan; the current
/// <see cref="ProfileSet"/> is read once per call, so a profile swapped in by <see cref="ProfileSource"/> applies
/// from the next call on. Synchronous inside: the ValueTask completes at once.
/// </summary>
public sealed class ProfileValidator : IResourceValidator
{
    private readonly ProfileSource _source;
    private readonly ValidationOptions _options;
    private readonly ConditionalWeakTable<ProfileSet, TerminologyCache> _terminology = new();
    private long _sdkNodesBuilt;

    public ProfileValidator(ProfileSource source, ValidationOptions options)
    {
        _source = source;
        _options = options;
        Plans = new PlanCache(new PlanCompiler(options));
    }

    internal PlanCache Plans { get; }

    /// <summary>SDK nodes built for invariants over every validation so far (see <see cref="NodeRef.SdkNodesBuilt"/>).</summary>
    internal long SdkNodesBuilt => Interlocked.Read(ref _sdkNodesBuilt);

    public ValueTask<ValidationResult> ValidateAsync(Resource resource, IReadOnlyList<string> extraProfiles, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(extraProfiles);
        ct.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Validate(resource, extraProfiles, ct));
    }

    private ValidationResult Validate(Resource resource, IReadOnlyList<string> extraProfiles, CancellationToken ct)
    {
        var set = _source.Current;
        var ctx = new WalkContext(set, Plans, _terminology.GetValue(set, s => new TerminologyCache(s)), _options, ct);
        var root = NodeRef.Root(resource);
        if (Plans.GetCoreType(set, resource.TypeName) is not { } basePlan)
        {
            ctx.Error(OperationOutcome.IssueType.NotSupported, resource.TypeName, $"No R4 definition for resource type {resource.TypeName}.");
            return new ValidationResult(ctx.Issues);
        }

        InstanceWalker.Element(basePlan.Root, resource, root, ctx, basePass: true);
        var claimed = resource.Meta?.Profile.OfType<string>().ToList() ?? [];
        var i = 0;
        foreach (var url in claimed.Concat(extraProfiles).Distinct(StringComparer.Ordinal))
        {
            var expression = i < claimed.Count ? $"{resource.TypeName}.meta.profile[{i}]" : resource.TypeName;
            i++;
            ValidateAgainst(resource, url, expression, root, ctx);
        }

        Interlocked.Add(ref _sdkNodesBuilt, root.SdkNodesBuilt);
        return new ValidationResult(ctx.Issues);
    }

    private void ValidateAgainst(Resource resource, string url, string expression, NodeRef root, WalkContext ctx)
    {
        var plan = Plans.Get(ctx.Set, url);
        if (plan is null)
        {
            ctx.Warning(OperationOutcome.IssueType.NotFound, expression, $"Profile {url} is not known to this server; the resource was not checked against it.");
        }
        else if (plan.Type != resource.TypeName)
        {
            ctx.Error(OperationOutcome.IssueType.Structure, expression, $"Profile {url} constrains {plan.Type}, not {resource.TypeName}.");
        }
        else if (!plan.IsCoreType)
        {
            InstanceWalker.Element(plan.Root, resource, root, ctx, basePass: false);
        }
    }
}
