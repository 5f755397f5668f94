using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Synthetic;

/// <summary>
/// A deterministic synthetic panel of <see cref="MemberCount"/> members: the same seed gives byte-identical bundles.
/// Each member is one transaction Bundle (POSTs with urn:uuid fullUrls) whose history is written to produce a designed
/// engagement status (<see cref="EngagementScenario"/>) and to exercise the rules of
/// docs/domain/README.md#index-of-rule-ids: the Patient, the program enrollment (EpisodeOfCare, KS-HH or ECM), the
/// CareTeam, outreach attempts and checklist steps (Task), ECM eligibility reviews and notifications, a plan once
/// engaged, hospital stays, opt-outs and referrals: about 13 resources per member (README.md). The organizations and
/// staff they point at come once, from <see cref="Directory"/>.
/// </summary>
public sealed class SyntheticPanel
{
    /// <summary>Every date in the panel is at or before this instant (a Monday): the panel does not depend on the clock.</summary>
    public static readonly DateTimeOffset BaseDate = new(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);

    public SyntheticPanel(int seed, int memberCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(memberCount);
        Seed = seed;
        MemberCount = memberCount;
    }

    public int Seed { get; }

    public int MemberCount { get; }

    /// <summary>The shared organizations and practitioners (PUTs with fixed ids); load this before the members.</summary>
    public static Bundle Directory() => ProviderDirectory.Transaction();

    /// <summary>Member <paramref name="index"/>'s transaction Bundle; each member has its own random stream, so any member can be made alone.</summary>
    public Bundle Member(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MemberCount);
        return new MemberTransaction(new Random(MemberSeed(Seed, index)), index).Build();
    }

    /// <summary>All members' transaction Bundles in order.</summary>
    public IEnumerable<Bundle> Members()
    {
        for (var i = 0; i < MemberCount; i++)
        {
            yield return Member(i);
        }
    }

    /// <summary>The member's Medicaid ID (KanCare ID or Medi-Cal CIN), fixed by the index alone.</summary>
    public static string MedicaidId(int index, bool ecm) => (ecm ? "9" : "KC") + (index + 10_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture) + (ecm ? "A" : "");

    /// <summary>SplitMix64 of (seed, index): unrelated streams for neighbouring members, the same on every run and platform.</summary>
    private static int MemberSeed(int seed, int index)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)(z ^ (z >> 31));
        }
    }
}
