using System.Diagnostics;
using PrivClust.Protos.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PrivClust.Cli.Commands;

/// <summary>
/// A live display on the terminal (Spectre.Console, on stderr): the job's state, iteration, converged bit, elapsed time
/// (ticking between updates), rounds, bytes and rate, redrawn in place five times a second until the job ends.
/// </summary>
public sealed class LiveProgressView : IProgressView
{
    private readonly IAnsiConsole _console;
    private readonly Lock _gate = new();
    private readonly Stopwatch _sinceUpdate = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private JobProgressUpdate _latest = new() { State = JobState.Proposed };
    private string _jobId = "";
    private Task? _display;

    public LiveProgressView(TextWriter output) =>
        _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.Yes });

    public void Submitted(string jobId)
    {
        _jobId = jobId;
        _console.MarkupLine($"job [bold]{Markup.Escape(jobId)}[/] submitted");
        _display = _console.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            while (!_stop.IsCancellationRequested)
            {
                context.UpdateTarget(Render());
                await Task.Delay(200, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            context.UpdateTarget(Render());
        });
    }

    public void Show(JobProgressUpdate update)
    {
        lock (_gate)
        {
            _latest = update.Clone();
            _sinceUpdate.Restart();
        }
        if (_display is null)
        {
            Submitted(update.JobId); // watch: no submission
        }
    }

    public async Task DoneAsync()
    {
        await _stop.CancelAsync();
        if (_display is not null)
        {
            await _display;
        }
    }

    private IRenderable Render()
    {
        JobProgressUpdate update;
        double elapsed;
        lock (_gate)
        {
            update = _latest;
            bool running = update.State is JobState.Running or JobState.Proposed;
            elapsed = update.ElapsedMs + (running ? _sinceUpdate.Elapsed.TotalMilliseconds : 0);
        }
        ProgressFacts f = ProgressFacts.Of(update, elapsed);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow(new Markup("[grey]job[/]"), new Text(_jobId));
        grid.AddRow(new Markup("[grey]state[/]"), new Markup(StateMarkup(update.State, f.State)));
        grid.AddRow(new Markup("[grey]iteration[/]"), new Text($"{f.Iteration}   converged: {f.Converged}"));
        grid.AddRow(new Markup("[grey]elapsed[/]"), new Text(f.Elapsed));
        grid.AddRow(new Markup("[grey]traffic[/]"), new Text($"{f.Rounds} rounds, sent {f.Sent}, received {f.Received}"));
        grid.AddRow(new Markup("[grey]rate[/]"), new Text(f.Rate));
        return new Panel(grid).Header("privclust").RoundedBorder();
    }

    private static string StateMarkup(JobState state, string text) => state switch
    {
        JobState.Succeeded => $"[green]{text}[/]",
        JobState.Failed or JobState.Cancelled or JobState.Refused => $"[red]{text}[/]",
        _ => $"[yellow]{text}[/]",
    };
}
