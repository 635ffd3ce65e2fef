using PrivClust.Core.Harness;
using PrivClust.Core.Protocols;

namespace PrivClust.Benchmarks;

/// <summary>
/// One whole two-party run of each protocol through <see cref="TwoPartyHarness"/>: both parties' threads, the
/// in-process dealer generating party 1's corrections on demand, and party 0's local PRG expansion. The
/// benchmarks and the metrics table call the same functions.
/// </summary>
public static class Workloads
{
    public const int TruncationShift = 16;

    /// <summary>Counts of the division workload: k = 10 counts (clusters), n / 10 dividends per count.</summary>
    public const int DivisionCounts = 10;

    public sealed record Shared(ulong[][] Party0, ulong[][] Party1);

    public static Shared Share(int seed, params ulong[][] values)
    {
        var rng = new System.Random(seed);
        var split = values.Select(v => Inputs.Split(v, rng)).ToArray();
        return new Shared(split.Select(s => s.S0).ToArray(), split.Select(s => s.S1).ToArray());
    }

    public static Shared MultiplyInputs(int n)
    {
        var rng = new System.Random(1);
        return Share(2, Inputs.Ring(rng, n), Inputs.Ring(rng, n));
    }

    public static TwoPartyResult<ulong[]> Multiply(Shared s) => TwoPartyHarness.Run(11,
        p => Mul(p, s.Party0), p => Mul(p, s.Party1));

    private static ulong[] Mul(PartySession p, ulong[][] v)
    {
        var z = new ulong[v[0].Length];
        Multiplication.Multiply<ulong>(p, v[0], v[1], z);
        return z;
    }

    public static Shared ComparisonInputs(int n) => Share(4, Inputs.Ring(new System.Random(3), n));

    public static TwoPartyResult<ulong[]> Compare(Shared s) => TwoPartyHarness.Run(12,
        p => Ltz(p, s.Party0), p => Ltz(p, s.Party1));

    private static ulong[] Ltz(PartySession p, ulong[][] v)
    {
        var z = new ulong[v[0].Length];
        Comparison.LessThanZero<ulong>(p, v[0], z);
        return z;
    }

    public static Shared TruncationInputs(int n) => Share(6, Inputs.Signed(new System.Random(5), n, 62));

    public static TwoPartyResult<ulong[]> Truncate(Shared s) => TwoPartyHarness.Run(13,
        p => Trunc(p, s.Party0), p => Trunc(p, s.Party1));

    private static ulong[] Trunc(PartySession p, ulong[][] v)
    {
        var z = new ulong[v[0].Length];
        Truncation.Truncate<ulong>(p, v[0], TruncationShift, z);
        return z;
    }

    public static Shared DivisionInputs(int n)
    {
        (ulong[] sums, ulong[] counts) = Inputs.Division(new System.Random(7), DivisionCounts, n / DivisionCounts);
        return Share(8, sums, counts);
    }

    public static TwoPartyResult<ulong[]> Divide(Shared s) => TwoPartyHarness.Run(14,
        p => Div(p, s.Party0), p => Div(p, s.Party1));

    private static ulong[] Div(PartySession p, ulong[][] v)
    {
        var q = new ulong[v[0].Length];
        var flags = new ulong[v[1].Length];
        Division.DivideByCount(p, v[0], v[0].Length / v[1].Length, v[1], q, flags);
        return q;
    }

    /// <summary>The harness alone: threads, seeds, sessions, no protocol.</summary>
    public static TwoPartyResult<int> Empty() => TwoPartyHarness.Run(15, _ => 0, _ => 0);

    /// <summary>
    /// X (n×8) · C (8×10) with X a <see cref="FixedMatrix"/> masked once: a long-lived pair holding the fixed
    /// matrix; <see cref="Call"/> runs one product (fresh C share, fresh left matrix triple from the dealer).
    /// </summary>
    public sealed class MatrixWorkload : IDisposable
    {
        public const int D = 8, K = 10;
        private readonly PersistentPair _pair;
        private readonly FixedMatrix _x0, _x1;
        private readonly ulong[][] _c;
        private readonly ulong[] _z0, _z1;

        public MatrixWorkload(int n, Func<int, PrivClust.Core.Channels.IChannel, PrivClust.Core.Channels.IChannel>? wrapChannel = null,
            Func<int, PrivClust.Core.Correlations.ICorrelationSource, PrivClust.Core.Correlations.ICorrelationSource>? wrapSource = null,
            Func<PrivClust.Core.Correlations.ICorrectionFeed, PrivClust.Core.Correlations.ICorrectionFeed>? wrapFeed = null)
        {
            _pair = new PersistentPair(16, wrapChannel, wrapSource, wrapFeed);
            var rng = new System.Random(9);
            Shared x = Share(10, Inputs.Signed(rng, n * D, 40));
            (_x0, _x1) = _pair.Run(p => FixedMatrix.Create(p, x.Party0[0], n, D), p => FixedMatrix.Create(p, x.Party1[0], n, D));
            Shared c = Share(17, Inputs.Signed(rng, D * K, 40));
            _c = [c.Party0[0], c.Party1[0]];
            _z0 = new ulong[n * K];
            _z1 = new ulong[n * K];
        }

        public PersistentPair Pair => _pair;

        public int Call()
        {
            _pair.Run(p => { MatrixProduct.MultiplyLeft(p, _x0, _c[0], K, _z0); return 0; },
                      p => { MatrixProduct.MultiplyLeft(p, _x1, _c[1], K, _z1); return 0; });
            return (int)_z0[0];
        }

        public void Dispose() => _pair.Dispose();
    }
}
