using Grpc.Core;
using PrivClust.Net.Tests.Support;
using PrivClust.Protos.V1;

namespace PrivClust.Net.Tests.Validation;

/// <summary>
/// Bad jobs and bad cells at running daemons: a clear InvalidArgument (parameters) or FailedPrecondition (data,
/// policy) naming the option or file/row/column, no result folder, and the daemon keeps serving.
/// </summary>
public class JobInputTests
{
    private const string CsvA = "x,y,word,big,id\n1,10,p,1e12,1\n2,20,q,1,2\n3,30,r,1,3\n";
    private const string CsvB = "x,y,word,big,id\n5,50,1,1,9\n9,90,2,1,8\n";

    private static Task<PartyDaemons> StartAsync() => PartyDaemons.StartAsync(CsvA, CsvB, (config, _) =>
    {
        config["Party:Policy:AllowedColumns:2"] = "word";
        config["Party:Policy:AllowedColumns:3"] = "big";
    });

    private static JobSpec Spec(Action<JobSpec>? change = null, params string[] columns)
    {
        var spec = new JobSpec { Algorithm = Algorithm.Kmeans, Partition = Partition.Horizontal, K = 1, FractionalBits = 16 };
        spec.Columns.AddRange(columns.Length == 0 ? ["x", "y"] : columns);
        change?.Invoke(spec);
        return spec;
    }

    public static TheoryData<string, string> BadParameters => new()
    {
        { "k0", "--k must be at least 1 (got 0)" },
        { "bandwidth0", "--bandwidth must be a positive number (got 0)" },
        { "bandwidth-", "--bandwidth must be a positive number (got -1)" },
        { "init99", "--init: unknown value 99" },
        { "maxiter-", "--max-iter must be at least 1 (got -3)" },
        { "columns0", "--columns: the job names no columns" },
        { "bound-", "--value-bound must be a positive number (got -1)" },
    };

    [Theory]
    [MemberData(nameof(BadParameters))]
    public async Task A_bad_parameter_is_invalid_argument_naming_the_option(string which, string message)
    {
        await using PartyDaemons daemons = await StartAsync();
        JobSpec spec = which switch
        {
            "k0" => Spec(s => s.K = 0),
            "bandwidth0" => Spec(s => { s.Algorithm = Algorithm.Meanshift; s.Dust = 2; }),
            "bandwidth-" => Spec(s => { s.Algorithm = Algorithm.Meanshift; s.Dust = 2; s.Bandwidth = -1; }),
            "init99" => Spec(s => s.Init = (InitMethod)99),
            "maxiter-" => Spec(s => s.MaxIter = -3),
            "bound-" => Spec(s => s.ValueBound = -1),
            _ => Spec(s => s.Columns.Clear()),
        };

        var refused = await Assert.ThrowsAsync<RpcException>(() => daemons.ControlOf(0).SubmitAsync(new SubmitRequest { Spec = spec }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains(message, refused.Status.Detail);
        await AssertStillServesWithoutResults(daemons);
    }

    [Theory]
    [InlineData("word", "data-a.csv, row 1, column \"word\": not a finite number.")]
    [InlineData("nothere", "This party's policy refuses the job: this party's data has no column nothere")]
    public async Task A_bad_cell_or_missing_column_is_failed_precondition_naming_file_row_and_column(string column, string message)
    {
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(CsvA, CsvB, (config, _) =>
        {
            config["Party:Policy:AllowedColumns:2"] = "word";
            config["Party:Policy:AllowedColumns:3"] = "nothere";
        });

        var refused = await Assert.ThrowsAsync<RpcException>(() => daemons.ControlOf(0).SubmitAsync(new SubmitRequest { Spec = Spec(null, "x", column) }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains(message, refused.Status.Detail);
        Assert.DoesNotContain('\n', refused.Status.Detail);
        await AssertStillServesWithoutResults(daemons);
    }

    [Fact]
    public async Task A_cell_outside_the_declared_bound_is_failed_precondition_naming_file_row_and_column()
    {
        await using PartyDaemons daemons = await StartAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            daemons.ControlOf(0).SubmitAsync(new SubmitRequest { Spec = Spec(s => s.ValueBound = 15) }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("data-a.csv, row 2, column \"y\": outside the declared --value-bound 15.", refused.Status.Detail);
        Assert.DoesNotContain("20", refused.Status.Detail.Replace("row 2", ""));
        await AssertStillServesWithoutResults(daemons);
    }

    [Fact]
    public async Task Bad_data_at_the_peer_makes_it_refuse_without_revealing_the_cell()
    {
        await using PartyDaemons daemons = await StartAsync();
        var submitted = await daemons.ControlOf(1).SubmitAsync(new SubmitRequest { Spec = Spec(null, "x", "word") });

        JobStatus b = await daemons.WaitAsync(1, submitted.JobId, TimeSpan.FromSeconds(10));

        Assert.Equal(JobState.Refused, b.State);
        Assert.Contains("this party's data cannot run the job (see its daemon's log)", b.Error);
        await AssertStillServesWithoutResults(daemons);
    }

    [Theory]
    [InlineData("k", "--k 9 is more than the 5 rows")]
    [InlineData("range", "column \"big\": magnitude")]
    [InlineData("columns", "this party's data has no column")]
    public async Task Problems_only_the_joint_job_reveals_fail_it_at_both_parties_with_no_result(string which, string message)
    {
        await using PartyDaemons daemons = await PartyDaemons.StartAsync(CsvA, which == "columns" ? "x,z\n1,2\n" : CsvB, (config, _) =>
            config["Party:Policy:AllowedColumns:2"] = "big");
        JobSpec spec = which switch { "k" => Spec(s => s.K = 9), "range" => Spec(null, "x", "big"), _ => Spec() };

        var submitted = await daemons.ControlOf(0).SubmitAsync(new SubmitRequest { Spec = spec });
        JobStatus a = await daemons.WaitAsync(0, submitted.JobId, TimeSpan.FromSeconds(10));

        Assert.True(a.State is JobState.Failed or JobState.Refused, a.State.ToString());
        Assert.Contains(message, a.Error);
        if (which != "columns")
        {
            JobStatus b = await daemons.WaitAsync(1, submitted.JobId, TimeSpan.FromSeconds(10));
            Assert.Equal(JobState.Failed, b.State);
        }
        await AssertStillServesWithoutResults(daemons, runGoodJob: which != "columns");
    }

    /// <summary>No result folder at either party, and a good job still runs.</summary>
    private static async Task AssertStillServesWithoutResults(PartyDaemons daemons, bool runGoodJob = true)
    {
        for (int party = 0; party < 2; party++)
        {
            Assert.True(!Directory.Exists(daemons.Results(party)) || Directory.GetFileSystemEntries(daemons.Results(party)).Length == 0);
        }
        if (!runGoodJob)
        {
            Assert.NotNull(await daemons.ControlOf(0).ListAsync(new ListJobsRequest()));
            return;
        }
        var good = await daemons.ControlOf(0).SubmitAsync(new SubmitRequest { Spec = Spec() });
        JobStatus status = await daemons.WaitAsync(0, good.JobId, TimeSpan.FromSeconds(20));
        Assert.True(status.State == JobState.Succeeded, status.Error);
    }
}
