using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using PrivClust.Core.Channels;
using PrivClust.Core.Correlations;
using PrivClust.Core.Protocols;
using PrivClust.Core.Random;

namespace PrivClust.Benchmarks;

/// <summary>
/// Where the time goes (the `profile` mode): each party's wall time split into correlation generation (its own PRG
/// expansion; for party 1 also the in-process dealer, timed separately), channel time (exchange calls: copying
/// plus waiting for the peer) and local protocol compute (the rest), with allocations and GC counts; and
/// micro-measurements of AES-CTR throughput and of the in-memory channel.
/// </summary>
public static class Profiler
{
    public static void Run(int n)
    {
        Console.WriteLine($"profile, n = {n:N0}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, server GC {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine();
        Aes();
        ChannelCopy();
        var mulIn = Workloads.MultiplyInputs(n);
        var cmpIn = Workloads.ComparisonInputs(n);
        var truncIn = Workloads.TruncationInputs(n);
        for (int rep = 0; rep < 2; rep++) // first repetition warms the JIT; the second is reported
        {
            bool report = rep == 1;
            Protocol("multiply", n, report, (p, v) => { var z = new ulong[n]; Multiplication.Multiply<ulong>(p, v[0], v[1], z); }, mulIn);
            Protocol("comparison LTZ", n, report, (p, v) => { var z = new ulong[n]; Comparison.LessThanZero<ulong>(p, v[0], z); }, cmpIn);
            Protocol("truncation", n, report, (p, v) => { var z = new ulong[n]; Truncation.Truncate<ulong>(p, v[0], 16, z); }, truncIn);
        }
        MatrixCall(n / 10);
    }

    private static void Protocol(string name, int n, bool report, Action<PartySession, ulong[][]> body, Workloads.Shared input)
    {
        var timers = new PartyTimers[] { new(), new() };
        var dealer = new Timer();
        using var pair = new PersistentPair(21,
            wrapChannel: (i, c) => new TimedChannel(c, timers[i].Channel),
            wrapSource: (i, s) => new TimedSource(s, timers[i]),
            wrapFeed: f => new TimedFeed(f, dealer));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        long allocated = GC.GetTotalAllocatedBytes(true);
        var wall = Stopwatch.StartNew();
        var (a0, a1) = pair.Run(p => Party(p, input.Party0, body, timers[0]), p => Party(p, input.Party1, body, timers[1]));
        double total = wall.Elapsed.TotalMilliseconds;
        allocated = GC.GetTotalAllocatedBytes(true) - allocated;
        if (!report)
        {
            return;
        }
        Console.WriteLine($"== {name}, n = {n:N0}: whole run {total:0.0} ms, allocated {allocated / 1e6:0.0} MB ({(double)allocated / n:0} B/elem), GCs gen0/1/2 = {GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}");
        Console.WriteLine($"   rounds {pair.Session0.Stats.Total.Rounds}, online B/elem {pair.Session0.Stats.Total.BytesSent / (double)n:0.##}, dealer B/elem {pair.Dealer.BytesGenerated / (double)n:0.##}");
        Console.WriteLine("   party | wall ms | correlations ms (own PRG / dealer) | channel ms (exchanges) | local compute ms | allocated MB");
        for (int i = 0; i < 2; i++)
        {
            PartyTimers t = timers[i];
            double corr = t.Correlations.Ms, deal = i == 1 ? dealer.Ms : 0, ch = t.Channel.Ms;
            Console.WriteLine($"   P{i}    | {t.Wall:0.0} | {corr:0.0} ({corr - deal:0.0} / {deal:0.0}) | {ch:0.0} ({t.Channel.Calls}) | {t.Wall - corr - ch:0.0} | {(i == 0 ? a0 : a1) / 1e6:0.0}");
        }
        foreach (var (kind, timer) in timers[1].ByKind.OrderByDescending(k => k.Value.Ticks))
        {
            Console.WriteLine($"   P1 {kind}: {timer.Ms:0.0} ms in {timer.Calls} calls (P0: {timers[0].ByKind.GetValueOrDefault(kind)?.Ms ?? 0:0.0} ms)");
        }
        Console.WriteLine();
    }

    private static long Party(PartySession p, ulong[][] v, Action<PartySession, ulong[][]> body, PartyTimers t)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        body(p, v);
        t.Wall = sw.Elapsed.TotalMilliseconds;
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void MatrixCall(int rows)
    {
        var timers = new PartyTimers[] { new(), new() };
        var dealer = new Timer();
        using var w = new Workloads.MatrixWorkload(rows, (i, c) => new TimedChannel(c, timers[i].Channel),
            (i, s) => new TimedSource(s, timers[i]), f => new TimedFeed(f, dealer));
        for (int i = 0; i < 5; i++)
        {
            w.Call();
        }
        foreach (PartyTimers t in timers)
        {
            t.Reset();
        }
        dealer.Ticks = 0;
        const int calls = 20;
        long allocated = GC.GetTotalAllocatedBytes(true);
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < calls; i++)
        {
            w.Call();
        }
        double per = sw.Elapsed.TotalMilliseconds / calls;
        allocated = (GC.GetTotalAllocatedBytes(true) - allocated) / calls;
        Console.WriteLine($"== matrix product X({rows:N0}×8)·C(8×10), mask reused: {per:0.00} ms per call (mean of {calls}), allocated {allocated / 1e6:0.0} MB per call");
        for (int i = 0; i < 2; i++)
        {
            PartyTimers t = timers[i];
            double corr = t.Correlations.Ms / calls, deal = i == 1 ? dealer.Ms / calls : 0, ch = t.Channel.Ms / calls;
            Console.WriteLine($"   P{i}: correlations {corr:0.00} ms (own PRG {corr - deal:0.00} / dealer {deal:0.00}), channel {ch:0.00} ms, local compute {per - corr - ch:0.00} ms (incl. thread hand-off)");
        }
        // The local part alone: three n×8·8×10 products per call (E·B and U·F on each party, U·B on the dealer).
        ulong[] a = Inputs.Ring(new System.Random(1), rows * 8), b = Inputs.Ring(new System.Random(2), 80), z = new ulong[rows * 10];
        PrivClust.Core.Arithmetic.MatrixOps.Multiply(a, b, z, rows, 8, 10);
        sw.Restart();
        for (int i = 0; i < calls; i++)
        {
            PrivClust.Core.Arithmetic.MatrixOps.Multiply(a, b, z, rows, 8, 10);
        }
        double mm = sw.Elapsed.TotalMilliseconds / calls;
        Console.WriteLine($"   MatrixOps.Multiply {rows:N0}×8·8×10 alone: {mm:0.00} ms ({rows * 80.0 / mm / 1e6:0.00} G mul-add/s)");
        var prg = AesCtrPrg.Derive(new byte[16], "x");
        sw.Restart();
        for (int i = 0; i < calls; i++)
        {
            prg.Fill(z.AsSpan());
        }
        Console.WriteLine($"   PRG fill of the {rows:N0}×10 C share alone: {sw.Elapsed.TotalMilliseconds / calls:0.00} ms");
        Console.WriteLine();
    }

    private static void Aes()
    {
        byte[] buffer = new byte[8 << 20];
        var prg = AesCtrPrg.Derive(new byte[16], "profile");
        prg.FillBytes(buffer);
        const int reps = 16;
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < reps; i++)
        {
            prg.FillBytes(buffer);
        }
        double gbs = (double)buffer.Length * reps / sw.Elapsed.TotalSeconds / 1e9;
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = new byte[16];
        byte[] output = new byte[buffer.Length];
        aes.EncryptEcb(buffer, output, System.Security.Cryptography.PaddingMode.None);
        sw.Restart();
        for (int i = 0; i < reps; i++)
        {
            aes.EncryptEcb(buffer, output, System.Security.Cryptography.PaddingMode.None);
        }
        double ecb = (double)buffer.Length * reps / sw.Elapsed.TotalSeconds / 1e9;
        ulong[] words = new ulong[1 << 20];
        prg.Fill(words.AsSpan());
        sw.Restart();
        for (int i = 0; i < reps; i++)
        {
            prg.Fill(words.AsSpan());
        }
        double gbsWords = 8.0 * words.Length * reps / sw.Elapsed.TotalSeconds / 1e9;
        var fresh = Stopwatch.StartNew();
        for (int i = 0; i < reps; i++)
        {
            prg.Fill(new ulong[1 << 20].AsSpan());
        }
        double gbsFresh = 8.0 * words.Length * reps / fresh.Elapsed.TotalSeconds / 1e9;
        Console.WriteLine($"AES-CTR PRG into a reused ulong[2^20]: {gbsWords:0.00} GB/s; into a freshly allocated ulong[2^20] each time: {gbsFresh:0.00} GB/s");
        Console.WriteLine($"AES-CTR PRG (AesCtrPrg, AES-NI, 4 blocks in flight): {gbs:0.00} GB/s on one core; OpenSSL AES-128-ECB through System.Security.Cryptography: {ecb:0.00} GB/s; VAES {System.Runtime.Intrinsics.X86.Aes.IsSupported}/{System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated} (AES/AVX-512)");
    }

    private static void ChannelCopy()
    {
        foreach (int bytes in new[] { 8, 8 << 10, 16 << 20 })
        {
            int reps = bytes > 1 << 20 ? 20 : 2000;
            var (c0, c1) = InMemoryChannel.CreatePair();
            byte[] s0 = new byte[bytes], s1 = new byte[bytes], r0 = new byte[bytes], r1 = new byte[bytes];
            var t1 = new Thread(() => { for (int i = 0; i < reps + 5; i++) { c1.Exchange(s1, r1); } });
            t1.Start();
            for (int i = 0; i < 5; i++)
            {
                c0.Exchange(s0, r0);
            }
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < reps; i++)
            {
                c0.Exchange(s0, r0);
            }
            double us = sw.Elapsed.TotalMicroseconds / reps;
            t1.Join();
            Console.WriteLine($"InMemoryChannel exchange of {bytes:N0} B each way: {us:0.0} µs per round ({bytes / us / 1e3:0.00} GB/s per direction)");
        }
        Console.WriteLine();
    }

    public sealed class Timer
    {
        public long Ticks;
        public int Calls;
        public double Ms => Ticks * 1000.0 / Stopwatch.Frequency;

        public void Add(long start)
        {
            Ticks += Stopwatch.GetTimestamp() - start;
            Calls++;
        }
    }

    public sealed class PartyTimers
    {
        public readonly Timer Channel = new(), Correlations = new();
        public readonly Dictionary<string, Timer> ByKind = [];
        public double Wall;

        public void Reset()
        {
            Channel.Ticks = Correlations.Ticks = 0;
            Channel.Calls = Correlations.Calls = 0;
            ByKind.Clear();
        }

        public void Add(string kind, long start)
        {
            long now = Stopwatch.GetTimestamp();
            Correlations.Ticks += now - start;
            Correlations.Calls++;
            if (!ByKind.TryGetValue(kind, out Timer? t))
            {
                ByKind[kind] = t = new Timer();
            }
            t.Ticks += now - start;
            t.Calls++;
        }
    }

    private sealed class TimedChannel(IChannel inner, Timer timer) : IChannel
    {
        public void Exchange(ReadOnlySpan<byte> send, Span<byte> receive)
        {
            long start = Stopwatch.GetTimestamp();
            inner.Exchange(send, receive);
            timer.Add(start);
        }
    }

    private sealed class TimedFeed(ICorrectionFeed inner, Timer timer) : ICorrectionFeed
    {
        public void Read(in CorrelationRequest request, Span<byte> corrections)
        {
            long start = Stopwatch.GetTimestamp();
            inner.Read(request, corrections);
            timer.Add(start);
        }
    }

    private sealed class TimedSource(ICorrelationSource inner, PartyTimers t) : ICorrelationSource
    {
        public int PartyIndex => inner.PartyIndex;
        public long CorrectionBytesReceived => inner.CorrectionBytesReceived;

        public List<CorrelationRequest>? Recording { get => inner.Recording; set => inner.Recording = value; }

        public void Prefetch(IReadOnlyList<CorrelationRequest> upcoming) => inner.Prefetch(upcoming);

        public void PrefetchAfterBoundary(IReadOnlyList<CorrelationRequest> upcoming) => inner.PrefetchAfterBoundary(upcoming);

        public CorrelationPosition Position => inner.Position;

        public void Restore(CorrelationPosition position) => inner.Restore(position);

        public void BeaverTriples<T>(Span<T> a, Span<T> b, Span<T> c) where T : unmanaged, IBinaryInteger<T>
        {
            long s = Stopwatch.GetTimestamp(); inner.BeaverTriples(a, b, c); t.Add("BeaverTriples", s);
        }

        public void SquarePairs(Span<ulong> a, Span<ulong> c)
        {
            long s = Stopwatch.GetTimestamp(); inner.SquarePairs(a, c); t.Add("SquarePairs", s);
        }

        public void AndTriples(Span<ulong> a, Span<ulong> b1, Span<ulong> c1, Span<ulong> b2, Span<ulong> c2)
        {
            long s = Stopwatch.GetTimestamp(); inner.AndTriples(a, b1, c1, b2, c2); t.Add("AndTriples", s);
        }

        public void ComparisonMasks(Span<ulong> r, Span<ulong> rBits)
        {
            long s = Stopwatch.GetTimestamp(); inner.ComparisonMasks(r, rBits); t.Add("ComparisonMasks", s);
        }

        public void NibbleComparisonMasks(Span<ulong> r, Span<ulong> rBits, Span<ulong> products)
        {
            long s = Stopwatch.GetTimestamp(); inner.NibbleComparisonMasks(r, rBits, products); t.Add("NibbleComparisonMasks", s);
        }

        public void PairComparisonMasks(Span<ulong> r, Span<ulong> rBits, Span<ulong> products)
        {
            long s = Stopwatch.GetTimestamp(); inner.PairComparisonMasks(r, rBits, products); t.Add("PairComparisonMasks", s);
        }

        public void NarrowComparisonMasks(int bits, Span<ulong> rho, Span<ulong> rhoPlanes, Span<ulong> pairPlanes)
        {
            long s = Stopwatch.GetTimestamp(); inner.NarrowComparisonMasks(bits, rho, rhoPlanes, pairPlanes); t.Add("NarrowComparisonMasks", s);
        }

        public void LiftMasks(int bits, Span<ulong> r, Span<ulong> rHigh, Span<ulong> rTopBit)
        {
            long s = Stopwatch.GetTimestamp(); inner.LiftMasks(bits, r, rHigh, rTopBit); t.Add("LiftMasks", s);
        }

        public void PowerTuples(Span<UInt128> a, Span<UInt128> powers)
        {
            long s = Stopwatch.GetTimestamp(); inner.PowerTuples(a, powers); t.Add("PowerTuples", s);
        }

        public void MonomialMasks(MonomialShape shape, int words, Span<ulong> masks, Span<ulong> products)
        {
            long s = Stopwatch.GetTimestamp(); inner.MonomialMasks(shape, words, masks, products); t.Add("MonomialMasks", s);
        }

        public void TruncationMasks<T>(int shift, Span<T> r, Span<T> rHigh, Span<T> rTopBit) where T : unmanaged, IBinaryInteger<T>
        {
            long s = Stopwatch.GetTimestamp(); inner.TruncationMasks(shift, r, rHigh, rTopBit); t.Add("TruncationMasks", s);
        }

        public void ExtensionMasks(Span<ulong> r, Span<UInt128> rWide, Span<UInt128> rTopBitWide)
        {
            long s = Stopwatch.GetTimestamp(); inner.ExtensionMasks(r, rWide, rTopBitWide); t.Add("ExtensionMasks", s);
        }

        public void BitValueTriples(Span<ulong> bits, Span<ulong> bitShares, Span<ulong> v, Span<ulong> product)
        {
            long s = Stopwatch.GetTimestamp(); inner.BitValueTriples(bits, bitShares, v, product); t.Add("BitValueTriples", s);
        }

        public void DaBits<T>(Span<ulong> bits, Span<T> arithmetic) where T : unmanaged, IBinaryInteger<T>
        {
            long s = Stopwatch.GetTimestamp(); inner.DaBits(bits, arithmetic); t.Add("DaBits", s);
        }

        public void NarrowDaBits(int width, Span<ulong> bits, Span<uint> arithmetic)
        {
            long s = Stopwatch.GetTimestamp(); inner.NarrowDaBits(width, bits, arithmetic); t.Add("NarrowDaBits", s);
        }

        public bool WantsPlans => inner.WantsPlans;

        public void DaBitMaskProducts(int maskId, int perRow, Span<ulong> bits, Span<ulong> arithmetic, Span<ulong> products)
        {
            long s = Stopwatch.GetTimestamp(); inner.DaBitMaskProducts(maskId, perRow, bits, arithmetic, products); t.Add("DaBitMaskProducts", s);
        }

        public void TruncationBorrowMasks(Span<UInt128> r, Span<UInt128> rHigh, Span<UInt128> rTopBit, Span<ulong> lowBits, Span<ulong> products)
        {
            long s = Stopwatch.GetTimestamp(); inner.TruncationBorrowMasks(r, rHigh, rTopBit, lowBits, products); t.Add("TruncationBorrowMasks", s);
        }

        public void OneHotMasks(int bits, Span<ulong> r, Span<UInt128> oneHot)
        {
            long s = Stopwatch.GetTimestamp(); inner.OneHotMasks(bits, r, oneHot); t.Add("OneHotMasks", s);
        }

        public void MatrixMask(int maskId, int rows, int columns, Span<ulong> u)
        {
            long s = Stopwatch.GetTimestamp(); inner.MatrixMask(maskId, rows, columns, u); t.Add("MatrixMask", s);
        }

        public void LeftMatrixTriple(int maskId, int k, Span<ulong> b, Span<ulong> c, Span<ulong> bSquares = default, int width = 0)
        {
            long s = Stopwatch.GetTimestamp(); inner.LeftMatrixTriple(maskId, k, b, c, bSquares, width); t.Add("LeftMatrixTriple", s);
        }

        public void LeftMatrixTripleWithBorrows(int maskId, int k, Span<ulong> b, Span<ulong> c, Span<ulong> bSquares, Span<ulong> rBits, Span<ulong> r,
            Span<ulong> maskProducts, Span<ulong> bProducts)
        {
            long s = Stopwatch.GetTimestamp();
            inner.LeftMatrixTripleWithBorrows(maskId, k, b, c, bSquares, rBits, r, maskProducts, bProducts);
            t.Add("LeftMatrixTripleWithBorrows", s);
        }

        public void RightMatrixTriple(int maskId, int k, Span<ulong> v, Span<ulong> w)
        {
            long s = Stopwatch.GetTimestamp(); inner.RightMatrixTriple(maskId, k, v, w); t.Add("RightMatrixTriple", s);
        }
    }
}
