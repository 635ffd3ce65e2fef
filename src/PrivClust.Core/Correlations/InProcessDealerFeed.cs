namespace PrivClust.Core.Correlations;

/// <summary>Party 1's feed served directly by a <see cref="DealerGenerator"/> in the same process (tests, demo, benchmarks).</summary>
public sealed class InProcessDealerFeed(DealerGenerator generator) : ICorrectionFeed
{
    public void Read(in CorrelationRequest request, Span<byte> corrections) => generator.Generate(request, corrections);
}
