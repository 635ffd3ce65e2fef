using PrivClust.Core.Clustering;

namespace PrivClust.Net.Party;

/// <summary>Checks a job against this party's policy and data; the first reason to refuse, or null.</summary>
public static class JobPolicy
{
    public static string? RefusalReason(JobSpec spec, PartyPolicyOptions policy, PartyTable data)
    {
        string algorithm = Core.Results.ResultDocument.Name(spec.Algorithm);
        if (!policy.AllowedAlgorithms.Contains(algorithm, StringComparer.OrdinalIgnoreCase))
        {
            return $"algorithm {algorithm} is not allowed by this party's policy";
        }
        if (spec.Columns.Count == 0)
        {
            return "the job names no columns";
        }
        string[] notAllowed = spec.Columns.Where(c => !policy.AllowedColumns.Contains(c, StringComparer.Ordinal)).ToArray();
        if (notAllowed.Length > 0)
        {
            return $"column(s) {string.Join(", ", notAllowed)} not allowed by this party's policy";
        }
        if (spec.Partition == Partition.Horizontal && spec.Columns.FirstOrDefault(c => !data.HasColumn(c)) is { } missing)
        {
            return $"this party's data has no column {missing}";
        }
        if (spec.Reveal.HasFlag(RevealPolicy.Sizes) && !policy.Reveal.Contains("sizes", StringComparer.OrdinalIgnoreCase))
        {
            return "revealing cluster sizes is not allowed by this party's policy";
        }
        if (spec.Reveal.HasFlag(RevealPolicy.Inertia) && !policy.Reveal.Contains("inertia", StringComparer.OrdinalIgnoreCase))
        {
            return "revealing inertia is not allowed by this party's policy";
        }
        return null;
    }
}
