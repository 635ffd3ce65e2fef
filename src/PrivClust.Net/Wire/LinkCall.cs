using Grpc.Core;
using PrivClust.Core.Channels;

namespace PrivClust.Net.Wire;

/// <summary>
/// Runs one asynchronous stream operation for a synchronous caller (the protocol thread), bounded by a
/// timeout and the job's cancellation, and turns every way it can fail into a <see cref="ChannelException"/>
/// that names the link, the session and the step.
/// </summary>
public static class LinkCall
{
    /// <summary>The synchronous form, for the protocol thread.</summary>
    public static void Run(Func<CancellationToken, Task> operation, TimeSpan timeout, string where, CancellationToken cancellation) =>
        RunAsync(operation, timeout, where, cancellation).GetAwaiter().GetResult();

    public static async Task RunAsync(Func<CancellationToken, Task> operation, TimeSpan timeout, string where, CancellationToken cancellation)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(timeout);
        try
        {
            await operation(bounded.Token).ConfigureAwait(false);
        }
        catch (ChannelException)
        {
            throw;
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException or IOException or InvalidOperationException)
        {
            throw Translate(e, timeout, where, cancellation, timedOut: bounded.IsCancellationRequested);
        }
    }

    /// <summary>
    /// Waits on the protocol thread for a stream operation started earlier (a write), bounded like <see cref="Run"/>.
    /// </summary>
    public static void Wait(Task operation, TimeSpan timeout, string where, CancellationToken cancellation)
    {
        if (operation.IsCompletedSuccessfully)
        {
            return;
        }
        try
        {
            if (!operation.Wait(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout, cancellation))
            {
                throw new ChannelException($"{where}: no answer within the receive timeout of {timeout.TotalSeconds:0.###} s.");
            }
        }
        catch (AggregateException e) when (e.InnerException is ChannelException inner)
        {
            throw new ChannelException(inner.Message, inner);
        }
        catch (AggregateException e) when (e.InnerException is not null)
        {
            throw Translate(e.InnerException, timeout, where, cancellation, timedOut: false);
        }
        catch (OperationCanceledException e)
        {
            throw Translate(e, timeout, where, cancellation, timedOut: false);
        }
    }

    /// <summary>What a failed stream ended with, for an error message: the status and detail of an RpcException, else the message.</summary>
    public static string Describe(Exception e) => e is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : e.Message;

    /// <summary>The error of an operation that failed with <paramref name="e"/>: cancelled, timed out, or the link failed.</summary>
    public static ChannelException Translate(Exception e, TimeSpan timeout, string where, CancellationToken cancellation, bool timedOut)
    {
        if (cancellation.IsCancellationRequested)
        {
            return new ChannelException($"{where}: the job was cancelled.", e);
        }
        if (timedOut)
        {
            return new ChannelException($"{where}: no answer within the receive timeout of {timeout.TotalSeconds:0.###} s.", e);
        }
        return new ChannelException($"{where}: the link failed ({Describe(e)}).", e);
    }
}
