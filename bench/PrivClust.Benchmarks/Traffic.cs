using PrivClust.Core.Harness;
using PrivClust.Core.Protocols;

namespace PrivClust.Benchmarks;

/// <summary>
/// The `traffic` mode: rounds, online bytes per party and dealer bytes of every protocol, measured through
/// <see cref="TwoPartyHarness"/> on n elements (the figures of docs/protocols.md).
/// </summary>
public static class Traffic
{
    public static void Print(int n)
    {
        var rng = new System.Random(1);
        ulong[] x = Inputs.Signed(rng, n, 40), y = Inputs.Signed(rng, n, 40), bits = new ulong[n];
        for (int i = 0; i < n; i++)
        {
            bits[i] = (ulong)rng.Next(2);
        }
        Console.WriteLine($"n = {n}: rounds | online B/elem P0 | online B/elem P1 | dealer B/elem");
        Row("input sharing (owner P0)", n, s => { var z = new ulong[n]; Sharing.Input(s, 0, s.IsParty0 ? x : [], z); });
        Row("open", n, s => { var z = new ulong[n]; Sharing.Open<ulong>(s, Half(s, x), z, OpeningKind.Output, "t"); });
        Row("open to P1", n, s => { var z = new ulong[n]; Sharing.OpenTo(s, 1, Half(s, x), z, OpeningKind.Output, "t"); });
        Row("multiply 64", n, s => Multiplication.Multiply<ulong>(s, Half(s, x), Half(s, y), new ulong[n]));
        Row("multiply 128", n, s => Multiplication.Multiply<UInt128>(s, Wide(Half(s, x)), Wide(Half(s, y)), new UInt128[n]));
        Row("square", n, s => Multiplication.Square(s, Half(s, x), new ulong[n]));
        Row("truncation 64 (s=16)", n, s => Truncation.Truncate<ulong>(s, Half(s, x), 16, new ulong[n]));
        Row("truncation 128 (s=60)", n, s => Truncation.Truncate<UInt128>(s, Wide(Half(s, x)), 60, new UInt128[n]));
        Row("extension 64→128", n, s => Truncation.Extend(s, Half(s, x), new UInt128[n]));
        Row("LTZ bits", n, s => Comparison.LessThanZeroBits(s, Half(s, x)));
        Row("LTZ arithmetic 64", n, s => Comparison.LessThanZero<ulong>(s, Half(s, x), new ulong[n]));
        Row("LTZ arithmetic 128", n, s => Comparison.LessThanZero<UInt128>(s, Half(s, x), new UInt128[n]));
        Row("B2A 64", n, s => Comparison.BitsToArithmetic<ulong>(s, new ulong[(n + 63) / 64], new ulong[n]));
        Row("select", n, s => Selection.Select(s, Half(s, bits), Half(s, x), Half(s, y), new ulong[n]));
        Row("IsZero (general)", n, s => Equality.IsZero(s, Half(s, x), new ulong[n]));
        Row("IsZero (non-negative)", n, s => Equality.IsZeroNonNegative(s, Half(s, bits), new ulong[n]));
        foreach (int k in new[] { 2, 5, 10 })
        {
            int rows = n / k;
            Row($"argmin over k={k} (per row)", rows, s => Tournament.ArgMin(s, Half(s, x.AsSpan(0, rows * k).ToArray()), rows, k, new ulong[rows * k], new ulong[rows]));
        }
        Row($"argmax over one segment of {n} (per element)", n, s => Tournament.ArgMax(s, Half(s, x), 1, n, new ulong[n], new ulong[1]));
        (ulong[] sums, ulong[] counts) = Inputs.Division(rng, 10, n / 10);
        Row($"DivideByCount k=10 × {n / 10} (per dividend)", sums.Length, s => Division.DivideByCount(s, Half(s, sums), n / 10, Half(s, counts), new ulong[sums.Length], new ulong[10]));
        (ulong[] sums1, ulong[] counts1) = Inputs.Division(rng, n, 1);
        Row($"DivideByCount k={n} × 1 (per dividend)", n, s => Division.DivideByCount(s, Half(s, sums1), 1, Half(s, counts1), new ulong[n], new ulong[n]));
        Row("DivideByPublic m=7", n, s => Division.DivideByPublic(s, Half(s, x), 7, new ulong[n]));
        const int d = 8, k2 = 10;
        Row($"FixedMatrix.Create {n}×{d} (per matrix element)", n * d, s => FixedMatrix.Create(s, Half(s, Inputs.Signed(new System.Random(3), n * d, 40)), n, d));
        MatrixCalls(n, d, k2);
    }

    /// <summary>Party 0 holds the values, party 1 zeros: a valid sharing, enough for counting traffic.</summary>
    private static ulong[] Half(PartySession s, ulong[] v) => s.IsParty0 ? v : new ulong[v.Length];

    private static UInt128[] Wide(ulong[] v) => v.Select(e => (UInt128)(Int128)(long)e).ToArray();

    private static void Row(string name, int elements, Action<PartySession> body)
    {
        var run = TwoPartyHarness.Run(5, s => { body(s); return 0; });
        var m = RunMetrics.From(run, elements);
        Console.WriteLine($"| {name} | {m.Rounds} | {m.BytesPerElement0:0.###} | {m.BytesPerElement1:0.###} | {m.DealerBytesPerElement:0.###} |");
    }

    private static void MatrixCalls(int n, int d, int k)
    {
        var run = TwoPartyHarness.Run(6, s =>
        {
            var fx = FixedMatrix.Create(s, Half(s, Inputs.Signed(new System.Random(3), n * d, 40)), n, d);
            long r = s.Stats.Total.Rounds, b = s.Stats.Total.BytesSent;
            MatrixProduct.MultiplyLeft(s, fx, Half(s, new ulong[d * k]), k, new ulong[n * k]);
            long r1 = s.Stats.Total.Rounds - r, b1 = s.Stats.Total.BytesSent - b;
            MatrixProduct.MultiplyRight(s, Half(s, new ulong[k * n]), k, fx, new ulong[k * d]);
            long r2 = s.Stats.Total.Rounds - r - r1, b2 = s.Stats.Total.BytesSent - b - b1;
            return (r1, b1, r2, b2);
        });
        var (r1, b1, r2, b2) = run.Party0;
        Console.WriteLine($"| MultiplyLeft X({n}×{d})·Y({d}×{k}), reused mask (per call) | {r1} | {b1} | {run.Party1.b1} | dealer total for mask + both calls: {run.DealerBytes} B (expected 8·n·k + 8·k·d = {8L * n * k + 8L * k * d}) |");
        Console.WriteLine($"| MultiplyRight Y({k}×{n})·X, reused mask (per call) | {r2} | {b2} | {run.Party1.b2} | |");
    }
}
