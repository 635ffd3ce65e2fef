using Grpc.Core;
using PrivClust.Core.Correlations;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Dealer;

/// <summary>Maps correlation requests to and from the dealer's wire messages, checking what arrives.</summary>
public static class CorrectionWire
{
    public static CorrectionRequest ToWire(string sessionId, ulong sequence, in CorrelationRequest request) => new()
    {
        SessionId = sessionId,
        Sequence = sequence,
        Kind = (int)request.Kind,
        Count = request.Count,
        Parameter = request.Parameter,
        Rows = request.Rows,
        Columns = request.Columns,
        Width = request.Width,
    };

    /// <summary>The core request, or an InvalidArgument RpcException for a malformed or oversized one.</summary>
    public static CorrelationRequest FromWire(CorrectionRequest message, long maxBytes)
    {
        if (message.Kind is < 0 or > byte.MaxValue || !Enum.IsDefined((CorrelationKind)message.Kind))
        {
            throw Invalid($"unknown correlation kind {message.Kind}");
        }
        if (message.Count < 0 || message.Parameter < 0 || message.Rows < 0 || message.Columns < 0 || message.Width < 0)
        {
            throw Invalid("negative count, parameter, shape or width");
        }
        var request = new CorrelationRequest((CorrelationKind)message.Kind, message.Count, message.Parameter, message.Rows, message.Columns, message.Width);
        long bytes;
        try
        {
            bytes = request.CorrectionBytes;
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Invalid($"{request.Kind} has no parameter {message.Parameter}, shape {message.Rows}×{message.Columns} or width {message.Width}");
        }
        if (bytes < 0 || bytes > maxBytes || bytes > Array.MaxLength)
        {
            throw Invalid($"{request.Kind} asks for {bytes} bytes of corrections, more than the {maxBytes} allowed");
        }
        return request;
    }

    private static RpcException Invalid(string what) => new(new Status(StatusCode.InvalidArgument, $"Bad correction request: {what}."));
}
