using System.Runtime.CompilerServices;
namespace PrivClust.Core.Protocols;

/// <summary>
/// An exact truncation by 2^s in Z_2^128 (<see cref="Truncation.Truncate{T}"/>) whose masks are drawn before its input
/// exists, so that products WITH its output can be prepared in earlier rounds. After the opening of c = y + r + 2^126,
/// the output is q_i = P_i + W_i·[t_i] − [h_i] with public P_i = ⌊c_i/2^s⌋ − 2^(126−s) and W_i = 2^(128−s)·[c_i's top bit
/// is 0], and the dealer's shares h = ⌊r/2^s⌋, t = r's top bit. A product of q_i with any share y is then
/// P_i·[y] + W_i·[t_i·y] − [h_i·y]: local once [t_i·y] and [h_i·y] are known, and those are Beaver products of values
/// that exist before the opening. Likewise q_i·q'_j needs the four products of (t_i, h_i) with (t'_j, h'_j).
/// Used by <see cref="QuotientEstimate"/> to fold a multiplication into each truncation round.
/// </summary>
internal sealed class PendingTruncation
{
    private const int Bits = 128;
    private readonly PartySession _session;
    private readonly int _shift;
    private readonly UInt128[] _r;
    private UInt128[]? _public;
    private UInt128[]? _wrap;

    /// <summary>Draws the masks of <paramref name="count"/> truncations by 2^<paramref name="shift"/>.</summary>
    public PendingTruncation(PartySession session, int count, int shift)
    {
        _session = session;
        _shift = shift;
        _r = new UInt128[count];
        High = new UInt128[count];
        Top = new UInt128[count];
        session.Correlations.TruncationMasks<UInt128>(shift, _r, High, Top);
    }

    /// <summary>This party's shares of h = ⌊r/2^s⌋.</summary>
    public UInt128[] High { get; }

    /// <summary>This party's shares of t = r's top bit.</summary>
    public UInt128[] Top { get; }

    /// <summary>One round: opens c = y + r + 2^126 (|y| &lt; 2^126); afterwards <see cref="Output"/> and the products are local.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Open(ReadOnlySpan<UInt128> y)
    {
        int n = _r.Length;
        UInt128 offset = UInt128.One << (Bits - 2);
        UInt128[] mine = new UInt128[n], c = new UInt128[n];
        for (int i = 0; i < n; i++)
        {
            mine[i] = y[i] + _r[i] + (_session.IsParty0 ? offset : UInt128.Zero);
        }
        Sharing.Open<UInt128>(_session, mine, c, OpeningKind.Masked, "truncation c");
        _public = new UInt128[n];
        _wrap = new UInt128[n];
        UInt128 offsetHigh = UInt128.One << (Bits - 2 - _shift);
        for (int i = 0; i < n; i++)
        {
            _public[i] = (c[i] >> _shift) - offsetHigh;
            _wrap[i] = (c[i] >> (Bits - 1)) == UInt128.Zero ? UInt128.One << (Bits - _shift) : UInt128.Zero;
        }
    }

    /// <summary>This party's share of q_i.</summary>
    public UInt128 Output(int i) => Own(_public![i]) + _wrap![i] * Top[i] - High[i];

    /// <summary>This party's share of q_i·y from its shares of y, t_i·y and h_i·y.</summary>
    public UInt128 Times(int i, UInt128 y, UInt128 topTimesY, UInt128 highTimesY) =>
        _public![i] * y + _wrap![i] * topTimesY - highTimesY;

    /// <summary>
    /// This party's share of q_i·q'_j from the shares of t_i·t'_j, t_i·h'_j, h_i·t'_j and h_i·h'_j (in that order in
    /// <paramref name="products"/>, as <see cref="PairFactors"/> lists them).
    /// </summary>
    public UInt128 Times(int i, PendingTruncation other, int j, ReadOnlySpan<UInt128> products)
    {
        UInt128 p = _public![i], w = _wrap![i], q = other._public![j], v = other._wrap![j];
        UInt128 mine = w * Top[i] - High[i], theirs = v * other.Top[j] - other.High[j];
        return Own(p * q) + p * theirs + q * mine + w * v * products[0] - w * products[1] - v * products[2] + products[3];
    }

    /// <summary>The four (left, right) factor pairs whose products <see cref="Times(int, PendingTruncation, int, ReadOnlySpan{UInt128})"/> needs.</summary>
    public (UInt128, UInt128)[] PairFactors(int i, PendingTruncation other, int j) =>
        [(Top[i], other.Top[j]), (Top[i], other.High[j]), (High[i], other.Top[j]), (High[i], other.High[j])];

    private UInt128 Own(UInt128 value) => _session.IsParty0 ? value : UInt128.Zero;
}
