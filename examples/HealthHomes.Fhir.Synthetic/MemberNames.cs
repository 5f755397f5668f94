using Hl7.Fhir.Model;

namespace HealthHomes.Fhir.Synthetic;

/// <summary>
/// Names for members and staff: 200 family names (a root and an ending) and 64 given names, so a name search at
/// 10k members matches about 50 people and at 100k about 500, as on a real panel's common names.
/// </summary>
public static class MemberNames
{
    private static readonly string[] Roots =
    [
        "Ash", "Brook", "Carl", "Dal", "Ed", "Fair", "Gold", "Hart", "Hol", "Kirk", "Lang", "Mar", "Nor", "Oak", "Pen",
        "Ral", "Sher", "Stan", "Thorn", "Wal", "West", "Whit", "Wood", "Win", "Crom",
    ];

    private static readonly string[] Endings = ["ton", "son", "ley", "field", "wood", "man", "ford", "well"];

    private static readonly string[] Given =
    [
        "Aaliyah", "Abigail", "Adrian", "Aiden", "Alejandro", "Alexis", "Amara", "Andre", "Angela", "Anthony", "Ava", "Benjamin",
        "Brianna", "Camila", "Carlos", "Carmen", "Chloe", "Daniel", "Darnell", "David", "Destiny", "Diego", "Elena", "Elijah",
        "Emily", "Emmanuel", "Ethan", "Evelyn", "Fatima", "Gabriel", "Grace", "Hannah", "Isabella", "Isaiah", "Jamal", "Jasmine",
        "Jayden", "Jessica", "Jose", "Joshua", "Kayla", "Keisha", "Kevin", "Latoya", "Leah", "Liam", "Lucas", "Luis", "Maria",
        "Marcus", "Maya", "Michael", "Mia", "Nathan", "Noah", "Olivia", "Priya", "Rosa", "Samuel", "Sofia", "Tyrone", "Valeria",
        "William", "Zoe",
    ];

    public static int FamilyCount => Roots.Length * Endings.Length;

    public static string Family(int index) => Roots[index % Roots.Length] + Endings[index / Roots.Length % Endings.Length];

    public static string GivenName(int index) => Given[index % Given.Length];

    public static HumanName Member(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var family = Family(random.Next(FamilyCount));
        var given = new List<string> { GivenName(random.Next(Given.Length)) };
        if (random.Next(3) == 0)
        {
            given.Add(GivenName(random.Next(Given.Length)));
        }

        return new HumanName { Use = HumanName.NameUse.Official, Family = family, Given = given };
    }

    public static HumanName Staff(int index) => new()
    {
        Use = HumanName.NameUse.Official,
        Family = Family(index * 7 % FamilyCount),
        Given = [GivenName(index * 11 % Given.Length)],
    };
}
