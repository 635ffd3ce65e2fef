using Microsoft.Extensions.Configuration;
using PrivClust.Core.Clustering;
using PrivClust.Net.Party;

namespace PrivClust.Net.Tests.Party;

public class JobPolicyTests
{
    private static readonly PartyTable Table = new("data.csv", ["x", "y"], [["1", "2"]]);

    private static PartyPolicyOptions Bind(params (string Key, string Value)[] settings)
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        return configuration.Get<PartyPolicyOptions>()!;
    }

    [Fact]
    public void A_configured_algorithm_list_replaces_the_default_rather_than_extending_it()
    {
        PartyPolicyOptions policy = Bind(("Algorithms:0", "kmeans"), ("AllowedColumns:0", "x"), ("AllowedColumns:1", "y"));
        Assert.Equal(["kmeans"], policy.AllowedAlgorithms);
        var kmeans = new JobSpec { Algorithm = Algorithm.KMeans, Columns = ["x", "y"] };
        Assert.Null(JobPolicy.RefusalReason(kmeans, policy, Table));
        Assert.Equal("algorithm meanshift is not allowed by this party's policy",
            JobPolicy.RefusalReason(kmeans with { Algorithm = Algorithm.MeanShift }, policy, Table));
        Assert.Equal("algorithm elbow is not allowed by this party's policy",
            JobPolicy.RefusalReason(kmeans with { Algorithm = Algorithm.Elbow }, policy, Table));
    }

    [Fact]
    public void By_default_all_three_algorithms_are_allowed()
    {
        PartyPolicyOptions policy = Bind(("AllowedColumns:0", "x"), ("AllowedColumns:1", "y"));
        foreach (Algorithm algorithm in Enum.GetValues<Algorithm>())
        {
            Assert.Null(JobPolicy.RefusalReason(new JobSpec { Algorithm = algorithm, Columns = ["x", "y"] }, policy, Table));
        }
    }
}
