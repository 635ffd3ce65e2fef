using PrivClust.Core.Protocols;

namespace PrivClust.Core.Tests.Support;

/// <summary>The round budgets of the protocols, as functions of the batch size (docs/protocols.md).</summary>
internal static class Budgets
{
    /// <summary>Comparison to binary shares: 3 rounds (4-ary circuit, up to <see cref="Core.Protocols.Comparison.FourAryLimit"/> elements) or 6.</summary>
    public static int ComparisonBits(long n) => n <= Core.Protocols.Comparison.FourAryLimit ? 3 : 6;

    /// <summary>Comparison to arithmetic 0/1 shares: one B2A round more.</summary>
    public static int Comparison(long n) => ComparisonBits(n) + 1;

    /// <summary>
    /// DivideByCount: the thermometer comparison (30 per count, the lift riding in its first round), the S·p product,
    /// 5 rounds of quotient estimate, the correction comparison (32 per dividend).
    /// </summary>
    public static int Division(int counts, int perCount, int extra = 0) =>
        Comparison(30L * counts + extra) + 1 + 5 + Comparison(32L * counts * perCount);

    /// <summary>
    /// DivideByCount with a public bound on the counts: the table lookup when it is small (the opening, the products, the
    /// exact truncation with its borrow, the B2A: 6), else <see cref="Division(int, int, int)"/>.
    /// </summary>
    public static int Division(int counts, int perCount, int extra, long maxCount) =>
        Core.Protocols.Division.UsesLookup(counts, maxCount) ? LookupDivision : Division(counts, perCount, extra);

    /// <summary>The table-lookup division: 6 rounds whatever the batch.</summary>
    public const int LookupDivision = 6;
}
