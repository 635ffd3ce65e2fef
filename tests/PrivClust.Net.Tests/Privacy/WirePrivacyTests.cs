using System.Buffers.Binary;
using System.Globalization;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PrivClust.Net.Tests.Support;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Privacy;

/// <summary>
/// What party b receives from party a during a real job over gRPC holds none of a's values, and its ring
/// elements look uniformly random; and no daemon log line holds a data value, a share or a seed.
/// </summary>
public class WirePrivacyTests
{
    private static readonly double[][] RowsA = [.. Enumerable.Range(0, 40).Select(i => new[] { 1234.5 + 7.25 * i, -321.75 + 3.5 * i })];

    [Fact]
    public async Task Party_b_receives_no_plaintext_value_of_a_and_uniform_openings_and_logs_hold_no_values()
    {
        var logs = new CapturingLoggerProvider();
        RecordingPeerInterceptor.Received.Clear();
        string csvA = "x,y\n" + string.Concat(RowsA.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r[0]},{r[1]}\n")));
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(csvA, "x,y\n5,50\n9,90\n11,20\n", configure: b =>
        {
            b.Logging.AddProvider(logs);
            b.Logging.SetMinimumLevel(LogLevel.Trace);
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
        string frames = string.Concat(RecordingPeerInterceptor.Received.Select(f => f.ToString()));
        Assert.DoesNotContain(RowsA.SelectMany(r => r), v => frames.Contains(v.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
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

    private static void AssertLogsHoldNoValues(CapturingLoggerProvider logs)
    {
        Assert.NotEmpty(logs.Lines);
        string[] values = [.. RowsA.SelectMany(r => r).Select(v => v.ToString(CultureInfo.InvariantCulture))];
        foreach ((_, _, string text) in logs.Lines)
        {
            Assert.DoesNotContain(values, v => text.Contains(v, StringComparison.Ordinal));
            Assert.DoesNotContain("seed", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("share", text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
