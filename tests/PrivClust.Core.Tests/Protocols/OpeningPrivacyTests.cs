using PrivClust.Core.Harness;
using PrivClust.Core.Protocols;
using PrivClust.Core.Tests.Support;

namespace PrivClust.Core.Tests.Protocols;

/// <summary>
/// Openings are uniformly masked and no mask is reused: run every protocol repeatedly on the SAME constant
/// inputs; with fresh uniform masks the opened values are uniform and pairwise distinct, with a reused mask
/// the same opening would repeat.
/// </summary>
public class OpeningPrivacyTests
{
    private const int N = 4096;

    private static RecordingObserver RunAllProtocolsTwice(ulong seed)
    {
        ulong[] constant = Enumerable.Repeat(12345UL << 16, N).ToArray();
        var observer = new RecordingObserver();
        TwoPartyHarness.Run(seed, s => RunProtocols(s, constant), s => RunProtocols(s, []),
            configure: s => s.Observer = s.IsParty0 ? observer : null);
        return observer;
    }

    /// <summary>Every protocol, twice, on the owner's (party 0's) constant input.</summary>
    private static int RunProtocols(PartySession s, ulong[] ownInput)
    {
        ulong[] x = new ulong[N], counts = new ulong[8];
        Sharing.Input(s, 0, ownInput, x);
        Sharing.Input(s, 0, ownInput.Length == 0 ? [] : Enumerable.Repeat(7UL, 8).ToArray(), counts);
        ulong[] z = new ulong[N], flags = new ulong[8], q = new ulong[8 * 2];
        for (int repeat = 0; repeat < 2; repeat++)
        {
            Multiplication.Multiply<ulong>(s, x, x, z);
            Multiplication.Square(s, x, z);
            Truncation.Truncate<ulong>(s, x, 16, z);
            Comparison.LessThanZero<ulong>(s, x, z);
            BitProducts.Multiply(s, Comparison.LessThanZeroBits(s, x), x, z);
            Tournament.ArgMin(s, x, N / 4, 4, z, new ulong[N / 4]);
            Division.DivideByCount(s, x.AsSpan(0, 16), 2, x.AsSpan(0, 8), q, flags);
            Division.DivideByCount(s, x.AsSpan(0, 16), 2, counts, q, flags, x.AsSpan(16, 16), x.AsSpan(32, 2), new ulong[2], maxCount: 200);
            CombinedRound.BitProductsAndProducts(s, Comparison.LessThanZeroBits(s, x.AsSpan(0, 64)), x.AsSpan(0, 64), new ulong[64],
                new PreparedProducts(s, x.AsSpan(0, 64), x.AsSpan(64, 64)));
            var fixedX = FixedMatrix.Create(s, x, N / 4, 4);
            MatrixProduct.MultiplyLeft(s, fixedX, x.AsSpan(0, 8), 2, new ulong[N / 4 * 2]);
            MatrixProduct.MultiplyLeftPending(s, fixedX, x.AsSpan(0, 64), Comparison.LessThanZeroBits(s, x.AsSpan(0, 64)), 16,
                new ulong[N / 4 * 16], new ulong[64], new ulong[64]);
        }
        return 0;
    }

    [Fact]
    public void Opened_values_are_uniform_by_chi_square_on_the_top_byte()
    {
        ulong[] opened = RunAllProtocolsTwice(101).Masked.ToArray();
        Assert.True(opened.Length > 50_000, $"only {opened.Length} openings");
        var bins = new long[256];
        foreach (ulong v in opened)
        {
            bins[v >> 56]++;
        }
        double expected = opened.Length / 256.0;
        double chi2 = bins.Sum(b => (b - expected) * (b - expected) / expected);
        // 255 degrees of freedom: P(chi2 > 330) ≈ 0.001.
        Assert.True(chi2 < 330, $"chi-square {chi2:F1} over {opened.Length} openings (seed 101)");
    }

    [Fact]
    public void No_opened_value_repeats_so_no_mask_was_reused()
    {
        RecordingObserver observer = RunAllProtocolsTwice(102);
        var seen = new HashSet<ulong>();
        foreach (var (what, kind, values) in observer.Openings)
        {
            Assert.Equal(OpeningKind.Masked, kind);
            foreach (ulong v in values)
            {
                Assert.True(seen.Add(v), $"opening '{what}' repeats a value: a mask was reused (seed 102)");
            }
        }
    }

    [Fact]
    public void Multi_input_and_openings_are_uniform_and_never_repeat()
    {
        // The 4-ary comparison opens 7 + 6 bit planes per group (levels 2 and 3) and the all-pairs argmin 4 planes per
        // 4-input AND: on constant inputs, twice, every opened word must look uniform and none may repeat.
        const int n = 1 << 15;
        ulong[] constant = Enumerable.Repeat(12345UL << 16, n).ToArray();
        var observer = new RecordingObserver();
        int Run(PartySession s, ulong[] own)
        {
            ulong[] x = new ulong[n];
            Sharing.Input(s, 0, own, x);
            for (int repeat = 0; repeat < 2; repeat++)
            {
                Comparison.LessThanZeroBits(s, x);
                AllPairsArgMin.ArgMinBits(s, x.AsSpan(0, 5 * 2000), 2000, 5);
            }
            return 0;
        }
        TwoPartyHarness.Run(103, s => Run(s, constant), s => Run(s, []), configure: s => s.Observer = s.IsParty0 ? observer : null);
        ulong[] opened = observer.Openings.Where(o => o.What is "borrow e" or "and4 e").SelectMany(o => o.Values).ToArray();
        Assert.True(opened.Length > 30_000, $"only {opened.Length} openings");
        Assert.Contains(observer.Openings, o => o.What == "and4 e");
        var bins = new long[256];
        var ones = new long[64];
        foreach (ulong v in opened)
        {
            bins[v >> 56]++;
            for (int b = 0; b < 64; b++)
            {
                ones[b] += (long)(v >> b & 1);
            }
        }
        double expected = opened.Length / 256.0;
        double chi2 = bins.Sum(b => (b - expected) * (b - expected) / expected);
        Assert.True(chi2 < 330, $"chi-square {chi2:F1} over {opened.Length} openings (seed 103)");
        // Each bit position set about half the time (6 standard deviations).
        double sd = Math.Sqrt(opened.Length / 4.0);
        Assert.All(ones, c => Assert.InRange(c, opened.Length / 2.0 - 6 * sd, opened.Length / 2.0 + 6 * sd));
        Assert.Equal(opened.Length, opened.Distinct().Count());
    }
}
