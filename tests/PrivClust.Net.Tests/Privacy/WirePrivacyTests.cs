using System.Buffers.Binary;
using System.Globalization;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PrivClust.Core.Harness;
using PrivClust.Net.Dealer;
using PrivClust.Net.Tests.Support;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Privacy;

/// <summary>
/// What party b receives from party a during a real job over gRPC holds none of a's values, and its ring
/// elements look uniformly random; and no daemon log line holds a data value, a share or a seed.
/// </summary>
public class WirePrivacyTests
{
    private const ulong DealerRunSeed = 0x5EED;
    private static readonly double[][] RowsB = [[5, 50], [9, 90], [11, 20]];
    private static readonly double[][] RowsA = [.. Enumerable.Range(0, 40).Select(i => new[] { 1234.5 + 7.25 * i, -321.75 + 3.5 * i })];

    [Fact]
    public async Task Party_b_receives_no_plaintext_value_of_a_and_uniform_openings_and_logs_hold_no_values()
    {
        var logs = new CapturingLoggerProvider();
        RecordingPeerInterceptor.Received.Clear();
        string csvA = "x,y\n" + string.Concat(RowsA.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r[0]},{r[1]}\n")));
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(csvA, "x,y\n" + string.Concat(RowsB.Select(r => $"{r[0]},{r[1]}\n")), configure: b =>
        {
            b.Logging.AddProvider(logs);
            b.Logging.SetMinimumLevel(LogLevel.Trace);
            b.Services.AddSingleton<IDealerSeedSource>(new HarnessSeedSource(DealerRunSeed));
            b.Services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<RecordingPeerInterceptor>());
        });
        var spec = new JobSpec { Algorithm = Algorithm.Kmeans, Partition = Partition.Horizontal, K = 3, FractionalBits = 16, MaxIter = 5, Seed = 7, Columns = { "x", "y" } };

        SubmitReply job = await daemons.ControlOf(0).SubmitAsync(new SubmitRequest { Spec = spec });
        JobStatus b = await daemons.WaitAsync(1, job.JobId, TimeSpan.FromSeconds(60));

        Assert.True(b.State == JobState.Succeeded, b.Error);
        byte[] received = [.. RecordingPeerInterceptor.Received.Where(f => f.BodyCase == PeerFrame.BodyOneofCase.Data).SelectMany(f => f.Data.Payload)];
        Assert.True(received.Length > 20_000, $"only {received.Length} bytes");
        AssertHoldsNoValueOf(received);
        AssertUniform(received);
        AssertLogsHoldNoValues(logs);
    }

    /// <summary>No 8-byte word is a's value as fixed point (16 bits) or as a double; no a value as text anywhere in the frames.</summary>
    private static void AssertHoldsNoValueOf(byte[] received)
    {
        var secrets = new HashSet<ulong>();
        foreach (double v in RowsA.SelectMany(r => r))
        {
            secrets.Add(unchecked((ulong)(long)Math.Round(v * 65536)));
            secrets.Add(BitConverter.DoubleToUInt64Bits(v));
        }
        for (int offset = 0; offset + 8 <= received.Length; offset++)
        {
            Assert.DoesNotContain(BinaryPrimitives.ReadUInt64LittleEndian(received.AsSpan(offset)), secrets);
        }
        // As text: a's fractional values (its whole values, e.g. 1452, also occur as frame steps and lengths; the binary
        // check above covers every value).
        string frames = string.Concat(RecordingPeerInterceptor.Received.Select(f => f.ToString()));
        Assert.DoesNotContain(RowsA.SelectMany(r => r).Where(v => v % 1 != 0), v => ContainsNumber(frames, v.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Byte histogram within a chi-square bound (255 degrees of freedom; 400 is far beyond p = 1e-6) and each bit of a word set about half the time.</summary>
    private static void AssertUniform(byte[] received)
    {
        var counts = new long[256];
        foreach (byte value in received)
        {
            counts[value]++;
        }
        double expected = received.Length / 256.0;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < 400, $"chi-square {chiSquare:F1} over {received.Length} bytes");
        int words = received.Length / 8;
        for (int bit = 0; bit < 64; bit++)
        {
            long ones = 0;
            for (int w = 0; w < words; w++)
            {
                ones += (long)(BinaryPrimitives.ReadUInt64LittleEndian(received.AsSpan(8 * w)) >> bit) & 1;
            }
            double share = ones / (double)words;
            Assert.True(Math.Abs(share - 0.5) < 6 * 0.5 / Math.Sqrt(words), $"bit {bit}: {share:F4} ones over {words} words");
        }
    }

    /// <summary>The value as a whole number in the text (a request's "1277.2500ms" is not the value 1277.25).</summary>
    private static bool ContainsNumber(string text, string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![\d.]){System.Text.RegularExpressions.Regex.Escape(value)}(?![\d])");

    /// <summary>
    /// Every line logged at Trace level by the dealer and both parties during the whole job: no fractional value of a's rows
    /// (b's are small integers, so only as "x,y" pairs), no dealer seed in hex or base64, no "seed" or "share".
    /// </summary>
    private static void AssertLogsHoldNoValues(CapturingLoggerProvider logs)
    {
        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, l => l.Category.Contains("Dealer", StringComparison.Ordinal));
        // a's whole values (e.g. 1452) are left out: Kestrel's Trace lines hold frame lengths like "length 1452".
        string[] values = [.. RowsA.SelectMany(r => r).Where(v => v % 1 != 0).Select(v => v.ToString(CultureInfo.InvariantCulture)),
            .. RowsB.Select(r => $"{r[0]},{r[1]}")];
        string[] seeds = [.. new[] { "dealer/party0", "dealer/party1" }.Select(label => TwoPartyHarness.DeriveSeed(DealerRunSeed, label))
            .SelectMany(seed => new[] { Convert.ToHexString(seed), Convert.ToHexStringLower(seed), Convert.ToBase64String(seed), Convert.ToHexString(seed)[..16] })];
        foreach ((_, _, string text) in logs.Lines)
        {
            Assert.True(values.FirstOrDefault(v => ContainsNumber(text, v)) is null, "a data value in: " + text);
            Assert.True(seeds.FirstOrDefault(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)) is null, "a seed in: " + text);
            Assert.DoesNotContain("seed", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("share", text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
