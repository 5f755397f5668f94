using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace HealthHomes.Fhir.CareManagement.Tests;

/// <summary>
/// Keeps the rule book (docs/domain/) true: every rule ID of <see cref="RuleIds"/> has an entry there, no file cites the
/// notes that lived outside the repository, and every link into the rule book, from its own pages or from code and
/// docs, reaches an existing file and heading (GitHub anchors: lower case, spaces to '-', punctuation dropped).
/// </summary>
public sealed partial class RuleBookTests
{
    private static readonly string Root = RepositoryRoot();
    private static readonly string RuleBook = Path.Combine(Root, "docs", "domain");
    private static readonly string Self = Path.Combine(Root, "tests", "HealthHomes.Fhir.CareManagement.Tests", "RuleBookTests.cs");

    /// <summary>Where citations are looked for: the repository's own sources and documents.</summary>
    private static readonly string[] ScannedFolders = ["src", "tests", "docs", "profiles", "examples", "tools"];

    private static readonly HashSet<string> TextExtensions =
        new([".cs", ".md", ".json", ".py", ".sh", ".csproj", ".props", ".targets", ".yml", ".yaml", ".txt", ".xml", ".http"], StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void Every_rule_ID_of_RuleIds_has_its_own_heading_in_the_rule_book()
    {
        var ids = typeof(RuleIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.True(ids.Count >= 20, $"RuleIds has {ids.Count} constants; reflection found too few.");

        var headings = RuleBookPages().SelectMany(p => Headings(p)).ToHashSet(StringComparer.Ordinal);
        var anchors = RuleBookPages().SelectMany(p => Anchors(p)).ToHashSet(StringComparer.Ordinal);
        var missing = ids.Where(id => !headings.Contains(id) && !anchors.Contains(Slug(id))).ToList();
        Assert.True(missing.Count == 0, "No heading or anchor in docs/domain/*.md for: " + string.Join(", ", missing));
    }

    [Fact]
    public void No_file_cites_the_notes_outside_the_repository()
    {
        // Split so that this file does not match itself; it is skipped as well.
        string[] patterns = ["DOMAIN" + ".md", "DOMAIN" + "-REFERENCE", ".." + "/shared"];
        List<string> offenders = [];
        foreach (var file in ScannedFiles().Where(f => !string.Equals(f, Self, StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var pattern in patterns.Where(p => lines[i].Contains(p, StringComparison.Ordinal)))
                {
                    offenders.Add($"{Relative(file)}:{i + 1} cites '{pattern}'");
                }
            }
        }

        Assert.True(offenders.Count == 0, "Point these at docs/domain/ instead:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Every_relative_link_in_the_rule_book_and_every_markdown_link_into_it_resolves()
    {
        var pages = RuleBookPages();
        Assert.True(pages.Count >= 2, "docs/domain/ has too few pages.");
        var markdown = ScannedFiles().Where(f => f.EndsWith(".md", StringComparison.OrdinalIgnoreCase)).Append(Path.Combine(Root, "README.md")).Distinct();
        List<string> broken = [];
        var checkedLinks = 0;
        foreach (var file in markdown)
        {
            var inRuleBook = IsUnder(file, RuleBook);
            foreach (var (target, line) in RelativeLinks(file))
            {
                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var path = hash < 0 ? target : target[..hash];
                var anchor = hash < 0 ? "" : target[(hash + 1)..];
                var resolved = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path)));
                if (!inRuleBook && !IsUnder(resolved, RuleBook))
                {
                    continue;
                }

                checkedLinks++;
                var problem = Problem(resolved, anchor);
                if (problem is not null)
                {
                    broken.Add($"{Relative(file)}:{line} ({target}): {problem}");
                }
            }
        }

        Assert.True(checkedLinks >= 50, $"Only {checkedLinks} links checked; the link reader is broken.");
        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void Every_rule_book_section_cited_from_code_and_docs_exists()
    {
        List<string> broken = [];
        var citations = 0;
        foreach (var file in ScannedFiles().Append(Path.Combine(Root, "README.md")).Where(f => !string.Equals(f, Self, StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match match in Citation().Matches(lines[i]))
                {
                    citations++;
                    var page = Path.Combine(RuleBook, match.Groups["page"].Value);
                    var problem = Problem(page, match.Groups["anchor"].Value);
                    if (problem is not null)
                    {
                        broken.Add($"{Relative(file)}:{i + 1} ({match.Value}): {problem}");
                    }
                }
            }
        }

        Assert.True(citations >= 40, $"Only {citations} citations of docs/domain/ found; the scan is broken.");
        Assert.True(broken.Count == 0, "Citations of missing rule book sections:\n" + string.Join("\n", broken));
    }

    [Theory]
    [InlineData("KS-HAP-90", "ks-hap-90")]
    [InlineData("Day 0 and within N days", "day-0-and-within-n-days")]
    [InlineData("`$deadline-compliance`: every deadline", "deadline-compliance-every-deadline")]
    [InlineData("Business days, holidays (by jurisdiction)", "business-days-holidays-by-jurisdiction")]
    public void Anchors_follow_GitHub(string heading, string anchor) => Assert.Equal(anchor, Slug(heading));

    /// <summary>Why a link to <paramref name="file"/>#<paramref name="anchor"/> does not resolve, or null when it does.</summary>
    private static string? Problem(string file, string anchor)
    {
        if (!File.Exists(file) && !Directory.Exists(file))
        {
            return "no such file";
        }

        if (anchor.Length == 0)
        {
            return null;
        }

        if (!file.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || !File.Exists(file))
        {
            return "an anchor into a file that is not markdown";
        }

        return Anchors(file).Contains(anchor) ? null : $"no heading with anchor '#{anchor}' in {Relative(file)}";
    }

    private static List<string> RuleBookPages() => [.. Directory.GetFiles(RuleBook, "*.md").Order(StringComparer.Ordinal)];

    /// <summary>The heading texts of a markdown page, outside fenced code.</summary>
    private static IEnumerable<string> Headings(string file)
    {
        var fenced = false;
        foreach (var line in File.ReadLines(file))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (!fenced && Heading().Match(line) is { Success: true } match)
            {
                yield return match.Groups["text"].Value.Trim();
            }
        }
    }

    /// <summary>The anchors of a markdown page: its headings' GitHub anchors (repeats numbered -1, -2, ...) and explicit a id / name anchors.</summary>
    private static HashSet<string> Anchors(string file)
    {
        HashSet<string> anchors = new(StringComparer.Ordinal);
        Dictionary<string, int> seen = new(StringComparer.Ordinal);
        foreach (var heading in Headings(file))
        {
            var slug = Slug(heading);
            var n = seen.GetValueOrDefault(slug);
            seen[slug] = n + 1;
            anchors.Add(n == 0 ? slug : $"{slug}-{n}");
        }

        foreach (Match match in HtmlAnchor().Matches(File.ReadAllText(file)))
        {
            anchors.Add(match.Groups["id"].Value);
        }

        return anchors;
    }

    /// <summary>GitHub's heading anchor: link markup reduced to its text, lower case, punctuation dropped (hyphens and underscores kept), spaces to '-'.</summary>
    private static string Slug(string heading)
    {
        var text = InlineLink().Replace(heading, "${text}");
        StringBuilder slug = new();
        foreach (var c in text.Trim())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    /// <summary>The relative link targets of a markdown page with their line numbers (not web or mail links, not in fenced code).</summary>
    private static IEnumerable<(string Target, int Line)> RelativeLinks(string file)
    {
        var fenced = false;
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (fenced)
            {
                continue;
            }

            foreach (Match match in MarkdownLink().Matches(line))
            {
                var target = match.Groups["target"].Value;
                if (!target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
                {
                    yield return (target, number);
                }
            }
        }
    }

    /// <summary>The text files under the scanned folders, without build output.</summary>
    private static IEnumerable<string> ScannedFiles()
    {
        foreach (var folder in ScannedFolders.Select(f => Path.Combine(Root, f)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var parts = Path.GetRelativePath(Root, file).Split(Path.DirectorySeparatorChar);
                if (!parts.Any(p => p is "bin" or "obj" or ".git" or "node_modules") && TextExtensions.Contains(Path.GetExtension(file)))
                {
                    yield return file;
                }
            }
        }
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>The folder holding HealthHomes.Fhir.sln, walking up from the test assembly's folder.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HealthHomes.Fhir.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No HealthHomes.Fhir.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex("<a\\s+(?:id|name)=\"(?<id>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAnchor();

    [GeneratedRegex(@"docs/domain/(?<page>[A-Za-z0-9_.-]+\.md)(?:#(?<anchor>[A-Za-z0-9_-]+))?")]
    private static partial Regex Citation();
}
